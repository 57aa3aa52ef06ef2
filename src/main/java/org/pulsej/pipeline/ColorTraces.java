package org.pulsej.pipeline;

import java.awt.Rectangle;
import java.util.function.IntFunction;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.pulsej.signal.RgbTrace;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * Spatial mean colour of a region in every frame: the raw signal of the classical rPPG methods.
 * Frames are read one at a time, so a virtual stack is streamed, never held whole.
 */
public final class ColorTraces {

	private ColorTraces() {}

	/**
	 * @param region the region for frame t (0-based); clipped to the frame
	 */
	public static RgbTrace means(final Video video, final IntFunction<Rectangle> region, final Progress progress) {
		final int n = video.frames();
		final double[] r = new double[n], g = new double[n], b = new double[n];
		final Rectangle frame = new Rectangle(0, 0, video.width(), video.height());
		final double[] rgb = new double[3];
		for (int t = 0; t < n; t++) {
			if ((t & 31) == 0) {
				progress.checkCancelled();
				progress.fraction(t / (double) n);
			}
			final Rectangle roi = region.apply(t).intersection(frame);
			if (roi.isEmpty()) throw new PulseJException("The region for frame " + (t + 1) + " lies outside the " +
				video.width() + "x" + video.height() + " frame.", "Draw the rectangle inside the image.");
			final ImageProcessor ip = video.frame(t);
			if (ip == null || ip.getWidth() != video.width() || ip.getHeight() != video.height())
				throw new PulseJException("Frame " + (t + 1) + " of " + video.name() + " cannot be decoded" + (ip == null
					? "." : " to the video's size."), "The file is probably damaged; convert it again, e.g. ffmpeg -i VIDEO " +
						"-c:v mjpeg -q:v 2 -an FIXED.avi, or cut the video before the damaged part.");
			mean(ip, roi, rgb);
			r[t] = rgb[0];
			g[t] = rgb[1];
			b[t] = rgb[2];
		}
		progress.fraction(1);
		if (!fillGaps(r) || !fillGaps(g) || !fillGaps(b)) throw new PulseJException(video.name() +
			" has no valid pixel (all NaN) in the region in any frame.", "Check the video, or choose another region.");
		return new RgbTrace(r, g, b);
	}

	/**
	 * Replaces NaN samples (frames whose region held only NaN pixels) by linear interpolation
	 * between the nearest valid neighbours, so one bad frame does not cost the whole video.
	 *
	 * @return false when no sample is valid
	 */
	static boolean fillGaps(final double[] x) {
		int prev = -1;
		for (int t = 0; t <= x.length; t++) {
			if (t < x.length && Double.isNaN(x[t])) continue;
			if (t == x.length && prev < 0) return false;
			final int gapStart = prev + 1;
			for (int k = gapStart; k < t; k++) {
				if (prev < 0) x[k] = x[t];
				else if (t == x.length) x[k] = x[prev];
				else x[k] = x[prev] + (x[t] - x[prev]) * (k - prev) / (double) (t - prev);
			}
			prev = t;
		}
		return true;
	}

	/** Mean R, G, B of {@code roi}; grey images give the same value in all three. NaN pixels are skipped. */
	static void mean(final ImageProcessor ip, final Rectangle roi, final double[] rgb) {
		double sr = 0, sg = 0, sb = 0;
		long count = 0;
		final int w = ip.getWidth();
		if (ip instanceof ColorProcessor) {
			final int[] px = (int[]) ip.getPixels();
			for (int y = roi.y; y < roi.y + roi.height; y++) {
				final int row = y * w;
				for (int x = roi.x; x < roi.x + roi.width; x++) {
					final int c = px[row + x];
					sr += (c >> 16) & 0xff;
					sg += (c >> 8) & 0xff;
					sb += c & 0xff;
				}
			}
			count = (long) roi.width * roi.height;
		}
		else {
			for (int y = roi.y; y < roi.y + roi.height; y++)
				for (int x = roi.x; x < roi.x + roi.width; x++) {
					final float v = ip.getf(x, y);
					if (Float.isNaN(v)) continue;
					sr += v;
					count++;
				}
			sg = sb = sr;
		}
		if (count == 0) {
			rgb[0] = rgb[1] = rgb[2] = Double.NaN;
			return;
		}
		rgb[0] = sr / count;
		rgb[1] = sg / count;
		rgb[2] = sb / count;
	}
}

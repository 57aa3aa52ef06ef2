package org.pulsej.pipeline;

import java.awt.Rectangle;
import java.util.function.IntFunction;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.pulsej.face.Box;
import org.pulsej.face.SkinModel;
import org.pulsej.input.BackgroundLight;
import org.pulsej.signal.RgbTrace;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FramePrefetch;
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
		return means(video, region, null, progress);
	}

	/**
	 * As {@link #means(Video, IntFunction, Progress)}, with the {@code background}'s brightness per frame
	 * measured in the same pass ({@link RgbTrace#background}); null: none.
	 */
	public static RgbTrace means(final Video video, final IntFunction<Rectangle> region,
		final BackgroundLight background, final Progress progress)
	{
		final Rectangle frame = new Rectangle(0, 0, video.width(), video.height());
		final double[][] m = perFrame(video, progress, (t, ip) -> {
			final Rectangle roi = region.apply(t).intersection(frame);
			if (roi.isEmpty()) throw new PulseJException("The region for frame " + (t + 1) + " lies outside the " +
				video.width() + "x" + video.height() + " frame.", "Draw the rectangle inside the image.");
			checkDecoded(video, t, ip, false);
			final double[] rgb = new double[5];
			mean(ip, roi, rgb);
			if (background != null) rgb[4] = background.mean(ip);
			return rgb;
		});
		if (!fillGaps(m[0]) || !fillGaps(m[1]) || !fillGaps(m[2])) throw new PulseJException(video.name() +
			 " has no valid pixel (all NaN or infinite) in the region in any frame.", "Check the video, or choose another region.");
		return withBackground(new RgbTrace(m[0], m[1], m[2]), background == null ? null : m[4]);
	}

	/**
	 * Runs {@code work} on every frame, frames decoded and worked on by worker threads ahead of the
	 * reader ({@link FramePrefetch}: one pass, all cores where the video allows it); returns the
	 * per-frame results by component: {@code [component][frame]}.
	 */
	private static double[][] perFrame(final Video video, final Progress progress,
		final FramePrefetch.Work<double[]> work)
	{
		final int n = video.frames();
		double[][] out = null;
		final int threads = FramePrefetch.defaultThreads();
		try (FramePrefetch<double[]> frames = new FramePrefetch<>(video, threads, 2 * threads + 2, (t, ip) -> work
			.apply(t, ip)))
		{
			while (frames.hasNext()) {
				final FramePrefetch.Frame<double[]> f = frames.next();
				final int t = f.t();
				if ((t & 31) == 0) {
					progress.checkCancelled();
					progress.fraction(t / (double) n);
				}
				if (f.result() == null) checkDecoded(video, t, f.frame(), false); // throws: not decoded
				if (out == null) out = new double[f.result().length][n];
				for (int c = 0; c < out.length; c++)
					out[c][t] = f.result()[c];
			}
		}
		progress.fraction(1);
		return out;
	}

	/** Throws when frame t could not be decoded (to the video's size; in colour where {@code colour}). */
	private static void checkDecoded(final Video video, final int t, final ImageProcessor ip, final boolean colour) {
		if (ip != null && ip.getWidth() == video.width() && ip.getHeight() == video.height() && (!colour ||
			ip instanceof ColorProcessor)) return;
		throw new PulseJException("Frame " + (t + 1) + " of " + video.name() + " cannot be decoded" + (ip == null ? "."
			: " to the video's size" + (colour ? " in colour." : ".")), "The file is probably damaged; convert it again, " +
				"e.g. ffmpeg -i VIDEO -c:v mjpeg -q:v 2 -an FIXED.avi, or cut the video before the damaged part.");
	}

	/**
	 * The colour trace of a region that moves by fractions of a pixel: each frame's mean over
	 * {@code region}, the pixels its edges cut weighted by the share of them it covers (a region rounded
	 * to whole pixels jumps by a pixel now and then, which a shading gradient turns into steps). With a
	 * {@code skin} model only the pixels it takes for skin count, each frame's mask computed anew, so that
	 * it moves with the face. Frames without a valid pixel are interpolated.
	 *
	 * @param region the region for frame t (0-based), in frame pixels; clipped to the frame
	 * @param central the face's central area in frame t: the brightness reference of the skin model
	 *          (unused without one)
	 * @param skin the skin colour model, or null to average every pixel of the region
	 */
	public static Measured boxMeans(final Video video, final IntFunction<Box> region, final IntFunction<Box> central,
		final SkinModel skin, final Progress progress)
	{
		return boxMeans(video, region, central, skin, null, progress);
	}

	/** As above, with the {@code background}'s brightness per frame measured in the same pass; null: none. */
	public static Measured boxMeans(final Video video, final IntFunction<Box> region, final IntFunction<Box> central,
		final SkinModel skin, final BackgroundLight background, final Progress progress)
	{
		if (!video.isColor()) throw new IllegalArgumentException("colour videos only");
		final double[][] m = perFrame(video, progress, (t, ip) -> {
			checkDecoded(video, t, ip, true);
			final ColorProcessor cp = (ColorProcessor) ip;
			final double[] rgb = new double[5];
			if (background != null) rgb[4] = background.mean(cp);
			final int kept;
			if (skin == null) kept = SkinModel.boxMean(cp, region.apply(t), rgb);
			else {
				final double ref = SkinModel.reference(cp, central.apply(t));
				kept = ref > 0 ? skin.mean(cp, region.apply(t), ref, rgb) : 0;
			}
			if (kept == 0) rgb[0] = rgb[1] = rgb[2] = Double.NaN;
			rgb[3] = kept;
			return rgb;
		});
		final int[] kept = new int[m[3].length];
		for (int t = 0; t < kept.length; t++)
			kept[t] = (int) m[3][t];
		if (!fillGaps(m[0]) || !fillGaps(m[1]) || !fillGaps(m[2])) throw new PulseJException(skin == null ? "The face region of " +
			video.name() + " lies outside the frame in every frame." : "No pixel of " + video.name() +
				"'s face region looks like the skin of its central area in any frame.", "Use roi=box (the whole " +
					"region) or roi=face, or check the video.");
		return new Measured(withBackground(new RgbTrace(m[0], m[1], m[2]), background == null ? null : m[4]), kept);
	}

	/** The trace with the background's brightness, where every frame has a finite one. */
	private static RgbTrace withBackground(final RgbTrace trace, final double[] background) {
		if (background == null) return trace;
		for (final double v : background)
			if (!Double.isFinite(v)) return trace;
		return trace.withBackground(background);
	}

	/** A colour trace and, per frame, how many pixels were averaged (0 where the sample was interpolated). */
	public record Measured(RgbTrace trace, int[] pixels) {}

	/** Frames the skin model learns from, spread over the first {@value #LEARN_SECONDS} s. */
	static final int LEARN_FRAMES = 10;
	static final double LEARN_SECONDS = 3;

	/**
	 * The skin colour of {@code video}'s face, learned from its central area in {@value #LEARN_FRAMES}
	 * frames spread over the first {@value #LEARN_SECONDS} s; null for grey videos (the model needs colour)
	 * or when the area lies outside those frames.
	 *
	 * @param k the model's distance threshold (standard deviations)
	 */
	public static SkinModel learn(final Video video, final IntFunction<Box> central, final double k) {
		return learn(video, central, k, 0);
	}

	/**
	 * As above, from frame {@code from} on: the first frame the face was seen in. A video whose face
	 * appears later (an empty chair, a dark start) taught the model the colour of what the box held
	 * before, no pixel of the face matched it, and POS refused the video as grey "in every frame".
	 */
	public static SkinModel learn(final Video video, final IntFunction<Box> central, final double k, final int from) {
		if (!video.isColor()) return null;
		final int start = Math.max(0, Math.min(from, video.frames() - 1));
		final int span = Math.max(1, Math.min(video.frames() - start, (int) Math.round(LEARN_SECONDS * video.fps())));
		final SkinModel.Learner learner = new SkinModel.Learner();
		final int count = Math.min(LEARN_FRAMES, span);
		for (int i = 0; i < count; i++) {
			final int t = start + (int) ((i + 0.5) * span / count);
			learner.add(colourFrame(video, t), central.apply(t));
		}
		return learner.fit(k);
	}

	private static ColorProcessor colourFrame(final Video video, final int t) {
		final ImageProcessor ip = video.frame(t);
		checkDecoded(video, t, ip, true);
		return (ColorProcessor) ip;
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

	/**
	 * Mean R, G, B of {@code roi}; grey images give the same value in all three. NaN and infinite pixels
	 * are skipped (one infinite pixel made its frame's mean infinite, and the video was refused as "The
	 * red trace has the value Infinity at frame 49").
	 */
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
					if (!Float.isFinite(v)) continue; // NaN, and infinities, which made the whole trace infinite
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

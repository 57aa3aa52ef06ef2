package org.pulsej.face;

import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * Cuts the stabilised face box out of every frame and resamples it to a fixed size (paper: 192 × 128,
 * height × width).
 * <p>
 * The crop box is the stabilised box grown around its centre to the output aspect ratio (as the
 * reference code does, so the face is not distorted), then slid back inside the frame where it fits.
 * Only where it is larger than the frame do pixels outside the frame enter the crop: they repeat the
 * nearest edge pixel (the reference code pads with zeros; edge pixels avoid an artificial dark border).
 * Resampling is area averaging when shrinking and bilinear when enlarging. The crop has the video's pixel
 * type (RGB, 8-, 16- or 32-bit), values rounded and clamped to that type as the reference code does.
 */
public final class FaceCropper {

	private FaceCropper() {}

	/** The box of frame {@code t} that is resampled into the crop. */
	public static Box cropBox(final FaceTrack track, final int t, final int outHeight, final int outWidth) {
		return track.stabilised(t).withAspect((double) outHeight / outWidth).slidInto(track.width(), track.height());
	}

	public static ImageStack crop(final Video video, final FaceTrack track, final int outHeight, final int outWidth,
		final Progress progress)
	{
		if (outHeight < 1 || outWidth < 1) throw new PulseJException("The face crop size " + outHeight + "x" + outWidth + " (height x width) is not possible.", "Use e.g. 192x128 as in the paper.");
		if (track.frames() != video.frames() || track.width() != video.width() || track.height() != video.height())
			throw new PulseJException("The face track (" + track.frames() + " frames of " + track.width() + "x" + track.height() + ") does not belong to " + video + ".",
				"Track the face on this video first.");
		final ImageStack out = new ImageStack(outWidth, outHeight);
		final int w = video.width(), h = video.height();
		progress.status("Cropping the face from " + video.name());
		for (int t = 0; t < video.frames(); t++) {
			progress.checkCancelled();
			final ImageProcessor frame = video.frame(t);
			final Box box = cropBox(track, t, outHeight, outWidth);
			final Resampler.Kernel kx = Resampler.kernel(box.x(), box.w(), outWidth, w);
			final Resampler.Kernel ky = Resampler.kernel(box.y(), box.h(), outHeight, h);
			final float[][] channels = Planes.channels(frame);
			final float[][] small = new float[channels.length][];
			for (int c = 0; c < channels.length; c++) small[c] = Resampler.resample(channels[c], w, kx, ky);
			out.addSlice(String.format("t=%d", t), toProcessor(frame, small, outWidth, outHeight));
			progress.fraction((t + 1.0) / video.frames());
		}
		return out;
	}

	/** A processor of {@code like}'s type holding the resampled channels. */
	private static ImageProcessor toProcessor(final ImageProcessor like, final float[][] c, final int w, final int h) {
		final int n = w * h;
		if (like instanceof ColorProcessor) {
			final int[] px = new int[n];
			for (int i = 0; i < n; i++) px[i] = 0xff000000 | (round(c[0][i], 255) << 16) | (round(c[1][i], 255) << 8) | round(c[2][i], 255);
			return new ColorProcessor(w, h, px);
		}
		if (like instanceof ByteProcessor) {
			final byte[] px = new byte[n];
			for (int i = 0; i < n; i++) px[i] = (byte) round(c[0][i], 255);
			return new ByteProcessor(w, h, px);
		}
		if (like instanceof ShortProcessor) {
			final short[] px = new short[n];
			for (int i = 0; i < n; i++) px[i] = (short) round(c[0][i], 65535);
			return new ShortProcessor(w, h, px, null);
		}
		return new FloatProcessor(w, h, c[0]);
	}

	private static int round(final float v, final int max) {
		final int r = Math.round(v);
		return r < 0 ? 0 : r > max ? max : r;
	}
}

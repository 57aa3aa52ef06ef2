package org.pulsej.input;

import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.Planes;
import org.pulsej.face.Resampler;
import org.pulsej.face.SkinModel;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FramePrefetch;
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
		return cropBox(track.stabilised(t), track.width(), track.height(), outHeight, outWidth);
	}

	/** The box of a {@code frameW × frameH} frame with stabilised box {@code stabilised} that is resampled into the crop. */
	public static Box cropBox(final Box stabilised, final int frameW, final int frameH, final int outHeight,
		final int outWidth)
	{
		return stabilised.withAspect((double) outHeight / outWidth).slidInto(frameW, frameH);
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
		try (FramePrefetch<ImageProcessor> frames = new FramePrefetch<>(video, FramePrefetch.defaultThreads(), 8,
			(t, frame) -> cropFrame(frame, cropBox(track, t, outHeight, outWidth), outHeight, outWidth)))
		{
			while (frames.hasNext()) {
				progress.checkCancelled();
				final FramePrefetch.Frame<ImageProcessor> f = frames.next();
				out.addSlice(String.format("t=%d", f.t()), f.result());
				progress.fraction((f.t() + 1.0) / video.frames());
			}
		}
		return out;
	}

	/** {@code box} of {@code frame} resampled to {@code outWidth × outHeight}, of the frame's type. */
	public static ImageProcessor cropFrame(final ImageProcessor frame, final Box box, final int outHeight,
		final int outWidth)
	{
		final int w = frame.getWidth(), h = frame.getHeight();
		final Resampler.Kernel kx = Resampler.kernel(box.x(), box.w(), outWidth, w);
		final Resampler.Kernel ky = Resampler.kernel(box.y(), box.h(), outHeight, h);
		return toProcessor(frame, resample(frame, kx, ky), outWidth, outHeight);
	}

	/**
	 * Crops {@code box} of {@code frame} to the size of {@code v} and writes it as frame {@code t} of
	 * {@code v} in {@code space}: the same values as {@link #cropFrame} followed by
	 * {@link ColorTransforms#toVolume}, without the intermediate image.
	 */
	public static void cropInto(final ImageProcessor frame, final Box box, final FaceVolume v, final int t,
		final ColorTransforms.ColorSpace space)
	{
		cropInto(frame, box, v, t, space, Double.NaN);
	}

	/**
	 * As {@link #cropInto(ImageProcessor, Box, FaceVolume, int, ColorTransforms.ColorSpace)}, with the
	 * frame's background intensity (0..1) for {@link ColorTransforms.ColorSpace#CHROMA_LUMA}.
	 */
	public static void cropInto(final ImageProcessor frame, final Box box, final FaceVolume v, final int t,
		final ColorTransforms.ColorSpace space, final double background)
	{
		if (!(frame instanceof ColorProcessor)) {
			ColorTransforms.writeFrame(cropFrame(frame, box, v.height(), v.width()), v, t, space, background);
			return;
		}
		final Resampler.Kernel kx = Resampler.kernel(box.x(), box.w(), v.width(), frame.getWidth());
		final Resampler.Kernel ky = Resampler.kernel(box.y(), box.h(), v.height(), frame.getHeight());
		final float[][] c = resample(frame, kx, ky);
		// as the 8-bit crop holds them: rounded and clamped to 0..255
		for (final float[] plane : c)
			for (int i = 0; i < plane.length; i++) plane[i] = round(plane[i], 255);
		ColorTransforms.writeFrame(c, 1f / 255, v, t, space, background);
	}

	/**
	 * The crop pixels of {@code box} (resampled as {@link #cropInto} resamples it to {@code v}'s size) that
	 * take in an overexposed pixel of the frame ({@link SkinModel#CLIPPED}); null where none does, and for
	 * frames that are not RGB.
	 */
	public static boolean[] clipped(final ImageProcessor frame, final Box box, final int height, final int width) {
		if (!(frame instanceof ColorProcessor)) return null;
		final int w = frame.getWidth(), h = frame.getHeight();
		final int[] px = (int[]) frame.getPixels();
		// only the rows and columns the crop reads (the box, clipped to the frame) can matter
		final int x0 = Math.max(0, (int) Math.floor(box.x()) - 1), x1 = Math.min(w, (int) Math.ceil(box.x() + box.w()) + 1);
		final int y0 = Math.max(0, (int) Math.floor(box.y()) - 1), y1 = Math.min(h, (int) Math.ceil(box.y() + box.h()) + 1);
		float[] plane = null;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++)
				if (SkinModel.clipped(px[y * w + x])) {
					if (plane == null) plane = new float[w * h];
					plane[y * w + x] = 1;
				}
		if (plane == null) return null;
		final float[] share = Resampler.resample(plane, w, Resampler.kernel(box.x(), box.w(), width, w), Resampler.kernel(
			box.y(), box.h(), height, h));
		final boolean[] out = new boolean[share.length];
		for (int i = 0; i < share.length; i++)
			out[i] = share[i] > 0;
		return out;
	}

	/** The channels of {@code frame} resampled by the kernels (RGB read straight from the packed pixels). */
	private static float[][] resample(final ImageProcessor frame, final Resampler.Kernel kx,
		final Resampler.Kernel ky)
	{
		final int w = frame.getWidth();
		if (frame instanceof ColorProcessor) return Resampler.resampleRgb((int[]) frame.getPixels(), w, kx, ky);
		final float[][] channels = Planes.channels(frame);
		final float[][] small = new float[channels.length][];
		for (int c = 0; c < channels.length; c++) small[c] = Resampler.resample(channels[c], w, kx, ky);
		return small;
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

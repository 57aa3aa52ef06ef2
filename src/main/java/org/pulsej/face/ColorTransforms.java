package org.pulsej.face;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FaceVolume;

/**
 * Turns a face crop into the network's input volume: colour space (paper Sec. 2.1: RGB at first, YUV in
 * later experiments) and z-normalisation (paper Sec. 5.2).
 */
public final class ColorTransforms {

	private ColorTransforms() {}

	public enum ColorSpace {
		/** R, G, B scaled to 0..1. */
		RGB,
		/**
		 * Analogue YUV with BT.601 luma, as OpenCV's {@code COLOR_RGB2YUV} on 0..1 data (the conversion in
		 * the paper's code base): Y = 0.299 R + 0.587 G + 0.114 B, U = 0.492 (B − Y) + 0.5,
		 * V = 0.877 (R − Y) + 0.5. Not YCbCr.
		 */
		YUV
	}

	/** Over which axes {@link #zNormalizeOverTime(FaceVolume, ZNorm)} takes mean and standard deviation. */
	public enum ZNorm {
		/**
		 * Every channel of every pixel over time: the paper's "zero mean and unit standard deviation across
		 * time" (Sec. 5.2, after RhythmNet). Removes the face's appearance and keeps its changes over time.
		 */
		PER_PIXEL_OVER_TIME,
		/**
		 * Every channel over the whole clip (time, height and width together), as the cited code does
		 * inside the network's forward pass.
		 */
		PER_CHANNEL
	}

	/**
	 * The crop as a {@code 3 × T × H × W} volume with values scaled to 0..1 (RGB and 8-bit: /255, 16-bit:
	 * /65535, 32-bit as is), in {@code space}. Grey crops are replicated to R, G and B (in YUV that gives
	 * U = V = 0.5). The stack is not modified.
	 */
	public static FaceVolume toVolume(final ImageStack crop, final double fps, final ColorSpace space) {
		if (crop == null || crop.getSize() == 0) throw new PulseJException("The face crop has no frames.", "Crop the face from a video with at least one frame.");
		final int t = crop.getSize(), h = crop.getHeight(), w = crop.getWidth(), plane = h * w;
		final FaceVolume v = FaceVolume.zeros(3, t, h, w, fps);
		final float[] d = v.data();
		for (int f = 0; f < t; f++) {
			final ImageProcessor ip = crop.getProcessor(f + 1);
			final float[][] ch = Planes.channels(ip);
			final float scale = ip instanceof ColorProcessor || ip.getBitDepth() == 8 ? 1f / 255 : ip.getBitDepth() == 16 ? 1f / 65535 : 1f;
			for (int c = 0; c < 3; c++) {
				final float[] src = ch[ch.length == 3 ? c : 0];
				final int o = v.index(c, f, 0, 0);
				for (int i = 0; i < plane; i++) d[o + i] = src[i] * scale;
			}
		}
		if (space == ColorSpace.YUV) rgbToYuv(v);
		return v;
	}

	/** Converts a 3-channel RGB volume (0..1) to YUV in place; see {@link ColorSpace#YUV}. */
	public static void rgbToYuv(final FaceVolume v) {
		if (v.channels() != 3) throw new IllegalArgumentException("RGB to YUV needs 3 channels, not " + v.channels());
		final float[] d = v.data();
		final int n = v.frames() * v.height() * v.width();
		final int g0 = n, b0 = 2 * n;
		for (int i = 0; i < n; i++) {
			final float r = d[i], g = d[g0 + i], b = d[b0 + i];
			final float y = 0.299f * r + 0.587f * g + 0.114f * b;
			d[i] = y;
			d[g0 + i] = 0.492f * (b - y) + 0.5f;
			d[b0 + i] = 0.877f * (r - y) + 0.5f;
		}
	}

	/** Z-normalises in place every channel of every pixel over time ({@link ZNorm#PER_PIXEL_OVER_TIME}). */
	public static void zNormalizeOverTime(final FaceVolume v) {
		zNormalizeOverTime(v, ZNorm.PER_PIXEL_OVER_TIME);
	}

	/**
	 * Z-normalises in place: subtracts the mean and divides by the standard deviation (with N − 1, as
	 * {@code torch.std}) taken over the axes {@code axes} names, over all frames of {@code v} (pass a clip
	 * to normalise per clip). Values with zero spread become 0.
	 */
	public static void zNormalizeOverTime(final FaceVolume v, final ZNorm axes) {
		final float[] d = v.data();
		final int t = v.frames(), plane = v.height() * v.width();
		for (int c = 0; c < v.channels(); c++) {
			final int base = c * t * plane;
			if (axes == ZNorm.PER_CHANNEL) normalise(d, base, 1, t * plane);
			else for (int p = 0; p < plane; p++) normalise(d, base + p, plane, t);
		}
	}

	/** Z-normalises the {@code n} values at {@code offset + k · stride}. */
	private static void normalise(final float[] d, final int offset, final int stride, final int n) {
		double sum = 0;
		for (int k = 0; k < n; k++) sum += d[offset + k * stride];
		final double mean = sum / n;
		double ss = 0;
		for (int k = 0; k < n; k++) {
			final double e = d[offset + k * stride] - mean;
			ss += e * e;
		}
		final double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
		final double inv = sd > 1e-7 ? 1 / sd : 0; // float noise on a constant is no signal
		for (int k = 0; k < n; k++) {
			final int i = offset + k * stride;
			d[i] = (float) ((d[i] - mean) * inv);
		}
	}
}

package org.pulsej.face;

/**
 * Separable resampling of float planes: area averaging where the output is coarser than the source
 * (every source pixel contributes by the fraction of it an output pixel covers, as OpenCV's INTER_AREA)
 * and bilinear interpolation where it is finer (pixel centres at {@code i + 0.5}, like
 * {@code align_corners=False}). Source positions outside the plane repeat the nearest edge pixel.
 */
public final class Resampler {

	private Resampler() {}

	/** For each output sample along one axis: the source indices it reads and their weights (sum 1). */
	public static final class Kernel {

		final int[][] index;
		final float[][] weight;

		private Kernel(final int n) {
			index = new int[n][];
			weight = new float[n][];
		}

		int size() {
			return index.length;
		}

		int minIndex() {
			int m = Integer.MAX_VALUE;
			for (final int[] ix : index)
				for (final int i : ix) m = Math.min(m, i);
			return m;
		}

		int maxIndex() {
			int m = Integer.MIN_VALUE;
			for (final int[] ix : index)
				for (final int i : ix) m = Math.max(m, i);
			return m;
		}
	}

	/**
	 * Weights that map the source interval {@code [start, start + length)} of an axis of {@code size}
	 * pixels onto {@code n} output samples.
	 */
	public static Kernel kernel(final double start, final double length, final int n, final int size) {
		if (n < 1 || !(length > 0) || size < 1) throw new IllegalArgumentException("bad resampling: " + length + " -> " + n);
		final double s = length / n;
		final Kernel k = new Kernel(n);
		for (int i = 0; i < n; i++) {
			if (s > 1) {
				final double a = start + i * s, b = a + s;
				final int k0 = (int) Math.floor(a), k1 = (int) Math.ceil(b) - 1;
				final int m = k1 - k0 + 1;
				k.index[i] = new int[m];
				k.weight[i] = new float[m];
				for (int j = 0; j < m; j++) {
					final int src = k0 + j;
					final double overlap = Math.min(b, src + 1) - Math.max(a, src);
					k.index[i][j] = clamp(src, size);
					k.weight[i][j] = (float) (Math.max(0, overlap) / s);
				}
			}
			else {
				final double c = start + (i + 0.5) * s - 0.5;
				final int k0 = (int) Math.floor(c);
				final float f = (float) (c - k0);
				k.index[i] = new int[] { clamp(k0, size), clamp(k0 + 1, size) };
				k.weight[i] = new float[] { 1 - f, f };
			}
		}
		return k;
	}

	/** Resamples {@code region} of a {@code w × h} plane (row-major) to {@code outW × outH}. */
	public static float[] resample(final float[] plane, final int w, final int h, final Box region, final int outW,
		final int outH)
	{
		return resample(plane, w, kernel(region.x(), region.w(), outW, w), kernel(region.y(), region.h(), outH, h));
	}

	/** Applies precomputed kernels (x then y) to a plane of width {@code w}. */
	public static float[] resample(final float[] plane, final int w, final Kernel kx, final Kernel ky) {
		final int outW = kx.size(), outH = ky.size();
		final int r0 = ky.minIndex(), r1 = ky.maxIndex();
		// Horizontal pass over the source rows that the vertical pass needs.
		final float[] tmp = new float[(r1 - r0 + 1) * outW];
		for (int r = r0; r <= r1; r++) {
			final int row = r * w, out = (r - r0) * outW;
			for (int j = 0; j < outW; j++) {
				final int[] ix = kx.index[j];
				final float[] wx = kx.weight[j];
				float sum = 0;
				for (int q = 0; q < ix.length; q++) sum += wx[q] * plane[row + ix[q]];
				tmp[out + j] = sum;
			}
		}
		return vertical(tmp, r0, outW, ky);
	}

	/** The vertical pass over the horizontally resampled rows {@code r0...} in {@code tmp}. */
	private static float[] vertical(final float[] tmp, final int r0, final int outW, final Kernel ky) {
		final int outH = ky.size();
		final float[] out = new float[outW * outH];
		for (int i = 0; i < outH; i++) {
			final int[] iy = ky.index[i];
			final float[] wy = ky.weight[i];
			final int o = i * outW;
			for (int q = 0; q < iy.length; q++) {
				final int t = (iy[q] - r0) * outW;
				final float wq = wy[q];
				for (int j = 0; j < outW; j++) out[o + j] += wq * tmp[t + j];
			}
		}
		return out;
	}

	/**
	 * As {@link #resample(float[], int, Kernel, Kernel)} for the R, G and B channels (0..255) of packed RGB
	 * pixels, read in place: only the rows the kernels touch are read and no float copy of the frame is
	 * made. Gives exactly the values of the float path on {@link Planes#channels}.
	 */
	public static float[][] resampleRgb(final int[] argb, final int w, final Kernel kx, final Kernel ky) {
		final int outW = kx.size();
		final int r0 = ky.minIndex(), r1 = ky.maxIndex();
		final int rows = (r1 - r0 + 1) * outW;
		final float[] tr = new float[rows], tg = new float[rows], tb = new float[rows];
		for (int r = r0; r <= r1; r++) {
			final int row = r * w, out = (r - r0) * outW;
			for (int j = 0; j < outW; j++) {
				final int[] ix = kx.index[j];
				final float[] wx = kx.weight[j];
				float sr = 0, sg = 0, sb = 0;
				for (int q = 0; q < ix.length; q++) {
					final int c = argb[row + ix[q]];
					final float wq = wx[q];
					sr += wq * (float) ((c >> 16) & 0xff);
					sg += wq * (float) ((c >> 8) & 0xff);
					sb += wq * (float) (c & 0xff);
				}
				tr[out + j] = sr;
				tg[out + j] = sg;
				tb[out + j] = sb;
			}
		}
		return new float[][] { vertical(tr, r0, outW, ky), vertical(tg, r0, outW, ky), vertical(tb, r0, outW, ky) };
	}

	private static int clamp(final int i, final int size) {
		return i < 0 ? 0 : i >= size ? size - 1 : i;
	}
}

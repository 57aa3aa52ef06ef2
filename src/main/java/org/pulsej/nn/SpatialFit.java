package org.pulsej.nn;

/**
 * Brings frames of any size to the network's input size: a centred crop to the network's aspect
 * ratio (so faces are not squashed; e.g. 192×128 → the central 128×128 for a 64×64 network, as the
 * authors' code does), then area averaging (each output pixel is the mean of the input area it
 * covers, which does not alias when shrinking).
 */
final class SpatialFit {

	private final int inH, inW, outH, outW;
	private final Axis rows, cols;

	SpatialFit(final int inH, final int inW, final int outH, final int outW) {
		this.inH = inH;
		this.inW = inW;
		this.outH = outH;
		this.outW = outW;
		// crop to the output aspect ratio
		double cropH = inH, cropW = inW;
		if ((double) inW / inH > (double) outW / outH) cropW = inH * (double) outW / outH;
		else cropH = inW * (double) outH / outW;
		rows = new Axis(inH, outH, (inH - cropH) / 2, cropH);
		cols = new Axis(inW, outW, (inW - cropW) / 2, cropW);
	}

	boolean isIdentity() {
		return inH == outH && inW == outW;
	}

	/** Fits one plane {@code src[srcOff .. + inH·inW)} into {@code dst[dstOff .. + outH·outW)}. */
	void fit(final float[] src, final int srcOff, final float[] dst, final int dstOff, final double[] rowBuf) {
		if (isIdentity()) {
			System.arraycopy(src, srcOff, dst, dstOff, inH * inW);
			return;
		}
		for (int oy = 0; oy < outH; oy++) {
			// weighted sum of input rows, then of columns
			java.util.Arrays.fill(rowBuf, 0, inW, 0);
			for (int k = rows.start[oy]; k < rows.start[oy] + rows.weight[oy].length; k++) {
				final double wy = rows.weight[oy][k - rows.start[oy]];
				final int base = srcOff + k * inW;
				for (int x = 0; x < inW; x++)
					rowBuf[x] += wy * src[base + x];
			}
			for (int ox = 0; ox < outW; ox++) {
				double s = 0;
				final double[] wx = cols.weight[ox];
				for (int j = 0; j < wx.length; j++)
					s += wx[j] * rowBuf[cols.start[ox] + j];
				dst[dstOff + oy * outW + ox] = (float) s;
			}
		}
	}

	int inWidth() {
		return inW;
	}

	/** Area weights of one axis: output i averages input [off + i·step, off + (i+1)·step). */
	private static final class Axis {

		final int[] start;
		final double[][] weight;

		Axis(final int n, final int out, final double off, final double len) {
			start = new int[out];
			weight = new double[out][];
			final double step = len / out;
			for (int i = 0; i < out; i++) {
				final double a = off + i * step, b = off + (i + 1) * step;
				final int first = Math.max(0, (int) Math.floor(a)), last = Math.min(n - 1, (int) Math.ceil(b) - 1);
				start[i] = first;
				weight[i] = new double[last - first + 1];
				double sum = 0;
				for (int k = first; k <= last; k++) {
					final double w = Math.max(0, Math.min(b, k + 1) - Math.max(a, k));
					weight[i][k - first] = w;
					sum += w;
				}
				for (int k = 0; k < weight[i].length; k++)
					weight[i][k] /= sum;
			}
		}
	}
}

package org.pulsej.synth;

import org.jtransforms.fft.DoubleFFT_1D;

/** Test helpers: where a signal's spectrum peaks, and region means of frames. */
final class Spectra {

	private Spectra() {}

	/**
	 * Frequency in Hz of the largest spectral peak of {@code x} between {@code lo} and {@code hi}:
	 * mean removed, Hann window, zero-padded to 16× for a fine grid, parabolic interpolation.
	 */
	static double peakHz(final double[] x, final double fps, final double lo, final double hi) {
		final double[] p = power(x);
		final int n = p.length * 2;
		final int k0 = (int) Math.ceil(lo * n / fps), k1 = Math.min(p.length - 2, (int) Math.floor(hi * n / fps));
		int best = k0;
		for (int k = k0; k <= k1; k++)
			if (p[k] > p[best]) best = k;
		double shift = 0;
		if (best > 0) {
			final double a = Math.log(p[best - 1] + 1e-300), b = Math.log(p[best] + 1e-300), c = Math.log(p[best + 1] +
				1e-300);
			shift = 0.5 * (a - c) / (a - 2 * b + c);
		}
		return (best + shift) * fps / n;
	}

	/** Power spectrum (bins 0 .. N/2 of the zero-padded length N) after removing the mean and a Hann window. */
	static double[] power(final double[] x) {
		int n = Integer.highestOneBit(x.length * 16 - 1) << 1;
		if (n < x.length) n = x.length;
		final double[] a = new double[n];
		double mean = 0;
		for (final double v : x)
			mean += v / x.length;
		for (int i = 0; i < x.length; i++)
			a[i] = (x[i] - mean) * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (x.length - 1)));
		new DoubleFFT_1D(n).realForward(a);
		final double[] p = new double[n / 2];
		p[0] = a[0] * a[0];
		for (int k = 1; k < n / 2; k++)
			p[k] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
		return p;
	}

	/** Mean of channel c (0 red, 1 green, 2 blue) of packed RGB pixels where mask is true. */
	static double mean(final int[] rgb, final boolean[] mask, final int c) {
		final int shift = 16 - 8 * c;
		double sum = 0;
		int n = 0;
		for (int i = 0; i < rgb.length; i++)
			if (mask == null || mask[i]) {
				sum += rgb[i] >> shift & 0xff;
				n++;
			}
		return sum / n;
	}

	static double pearson(final double[] a, final double[] b) {
		double ma = 0, mb = 0;
		for (int i = 0; i < a.length; i++) {
			ma += a[i] / a.length;
			mb += b[i] / b.length;
		}
		double ab = 0, aa = 0, bb = 0;
		for (int i = 0; i < a.length; i++) {
			ab += (a[i] - ma) * (b[i] - mb);
			aa += (a[i] - ma) * (a[i] - ma);
			bb += (b[i] - mb) * (b[i] - mb);
		}
		return ab / Math.sqrt(aa * bb);
	}
}

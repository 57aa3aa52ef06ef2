package org.pulsej.signal;

import java.util.Arrays;

/**
 * Small statistics and window functions. The statistics skip NaN values (frames without an
 * estimate) and return NaN when no value is left; inputs are never modified.
 */
public final class Stats {

	private Stats() {}

	/** Median of the non-NaN values (mean of the two middle values for an even count); NaN if none. */
	public static double median(final double[] x) {
		Checks.notNull(x, "values");
		final double[] v = Arrays.stream(x).filter(d -> !Double.isNaN(d)).toArray();
		if (v.length == 0) return Double.NaN;
		Arrays.sort(v);
		final int m = v.length / 2;
		return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
	}

	/** Mean of the non-NaN values; NaN if none. */
	public static double mean(final double[] x) {
		Checks.notNull(x, "values");
		double s = 0;
		int n = 0;
		for (final double d : x)
			if (!Double.isNaN(d)) {
				s += d;
				n++;
			}
		return n == 0 ? Double.NaN : s / n;
	}

	/** Population standard deviation (divides by n) of the non-NaN values; NaN if none. */
	public static double std(final double[] x) {
		final double m = mean(x);
		if (Double.isNaN(m)) return Double.NaN;
		double s = 0;
		int n = 0;
		for (final double d : x)
			if (!Double.isNaN(d)) {
				s += (d - m) * (d - m);
				n++;
			}
		return Math.sqrt(s / n);
	}

	/** {@code y} minus its least-squares straight line (a copy; a constant for n = 1). */
	public static double[] detrendLinear(final double[] y) {
		final int n = y.length;
		double st = 0, sy = 0, stt = 0, sty = 0;
		for (int t = 0; t < n; t++) {
			st += t;
			sy += y[t];
			stt += (double) t * t;
			sty += t * y[t];
		}
		final double den = n * stt - st * st;
		final double b = den == 0 ? 0 : (n * sty - st * sy) / den, a = (sy - b * st) / n;
		final double[] x = new double[n];
		for (int t = 0; t < n; t++)
			x[t] = y[t] - a - b * t;
		return x;
	}

	/**
	 * Points {@code (time s, value)}, in time order, linearly interpolated onto a grid of {@code fs} Hz
	 * from the first point's time to the last; null when that grid has fewer than {@code minSamples}.
	 */
	public static double[] resampleLinear(final java.util.List<double[]> pts, final double fs, final int minSamples) {
		final double t0 = pts.get(0)[0];
		final int n = (int) Math.floor((pts.get(pts.size() - 1)[0] - t0) * fs) + 1;
		if (n < minSamples) return null;
		final double[] y = new double[n];
		int seg = 0;
		for (int i = 0; i < n; i++) {
			final double t = t0 + i / fs;
			while (seg + 2 < pts.size() && pts.get(seg + 1)[0] <= t)
				seg++;
			final double[] p = pts.get(seg), q = pts.get(seg + 1);
			final double f = Math.max(0, Math.min(1, (t - p[0]) / (q[0] - p[0])));
			y[i] = p[1] + f * (q[1] - p[1]);
		}
		return y;
	}

	/** Symmetric Hamming window 0.54 − 0.46·cos(2πi/(n−1)); ends are 0.08, never 0 ({1} for n = 1). */
	public static double[] hamming(final int n) {
		return cosineWindow(n, 0.54, n - 1);
	}

	/** Symmetric Hann window 0.5 − 0.5·cos(2πi/(n−1)); ends are 0 ({1} for n = 1). */
	public static double[] hann(final int n) {
		return cosineWindow(n, 0.5, n - 1);
	}

	/**
	 * Periodic Hann window 0.5 − 0.5·cos(2πi/n): copies shifted by n/2 (n even) add up to exactly 1,
	 * which is what overlap-add with 50 % overlap needs.
	 */
	public static double[] hannPeriodic(final int n) {
		return cosineWindow(n, 0.5, n);
	}

	private static double[] cosineWindow(final int n, final double a0, final int period) {
		if (n < 1) throw new IllegalArgumentException("window length " + n + " < 1");
		final double[] w = new double[n];
		if (n == 1) {
			w[0] = 1;
			return w;
		}
		for (int i = 0; i < n; i++)
			w[i] = a0 - (1 - a0) * Math.cos(2 * Math.PI * i / period);
		return w;
	}
}

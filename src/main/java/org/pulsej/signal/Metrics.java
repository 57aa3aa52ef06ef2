package org.pulsej.signal;

import org.jtransforms.fft.DoubleFFT_1D;
import org.pulsej.util.PulseJException;

/**
 * Agreement between estimates and a reference. The error metrics pair {@code est[i]} with
 * {@code ref[i]} and skip pairs where either is NaN (frames without an estimate); with no pair
 * left they return NaN.
 */
public final class Metrics {

	private Metrics() {}

	/** Mean absolute error. */
	public static double mae(final double[] est, final double[] ref) {
		check(est, ref);
		double s = 0;
		int n = 0;
		for (int i = 0; i < est.length; i++)
			if (valid(est[i], ref[i])) {
				s += Math.abs(est[i] - ref[i]);
				n++;
			}
		return n == 0 ? Double.NaN : s / n;
	}

	/** Root mean square error. */
	public static double rmse(final double[] est, final double[] ref) {
		check(est, ref);
		double s = 0;
		int n = 0;
		for (int i = 0; i < est.length; i++)
			if (valid(est[i], ref[i])) {
				s += (est[i] - ref[i]) * (est[i] - ref[i]);
				n++;
			}
		return n == 0 ? Double.NaN : Math.sqrt(s / n);
	}

	/** Mean absolute percentage error, in percent of |ref|; pairs with ref = 0 are skipped too. */
	public static double mape(final double[] est, final double[] ref) {
		check(est, ref);
		double s = 0;
		int n = 0;
		for (int i = 0; i < est.length; i++)
			if (valid(est[i], ref[i]) && ref[i] != 0) {
				s += Math.abs((est[i] - ref[i]) / ref[i]);
				n++;
			}
		return n == 0 ? Double.NaN : 100 * s / n;
	}

	/** Pearson correlation coefficient; NaN with fewer than 2 pairs or when either side is constant. */
	public static double pearson(final double[] est, final double[] ref) {
		check(est, ref);
		double se = 0, sr = 0;
		int n = 0;
		boolean estVaries = false, refVaries = false;
		double e0 = Double.NaN, r0 = Double.NaN;
		for (int i = 0; i < est.length; i++)
			if (valid(est[i], ref[i])) {
				if (n == 0) {
					e0 = est[i];
					r0 = ref[i];
				}
				estVaries |= est[i] != e0;
				refVaries |= ref[i] != r0;
				se += est[i];
				sr += ref[i];
				n++;
			}
		// constant, it has no correlation: its mean, rounded, differs from its values by an ulp, which gave
		// r = -2E-13 for Evaluate's ablation row "median" (one heart rate for the whole video)
		if (n < 2 || !estVaries || !refVaries) return Double.NaN;
		final double me = se / n, mr = sr / n;
		double cov = 0, ve = 0, vr = 0;
		for (int i = 0; i < est.length; i++)
			if (valid(est[i], ref[i])) {
				final double de = est[i] - me, dr = ref[i] - mr;
				cov += de * dr;
				ve += de * de;
				vr += dr * dr;
			}
		if (ve == 0 || vr == 0) return Double.NaN;
		return cov / Math.sqrt(ve * vr);
	}

	/**
	 * Maximum normalised cross-correlation of two pulse signals within a band (the paper's MCC).
	 * Both are mean-centred and zero-padded to at least twice the longer length (no circular
	 * wrap-around); the cross-spectrum A·conj(B) is computed by FFT and kept only inside the band
	 * (an ideal band-pass of both signals); its inverse FFT is the cross-correlation at every lag,
	 * positive and negative, and the largest value (signed: an inverted signal scores low) is
	 * divided by the square root of the product of the two signals' in-band energies.
	 * <p>
	 * That is the Pearson correlation of the band-passed signals at the best lag: 1 for identical
	 * signals, close to 1 for a shifted copy, near 0 for independent noise, never above 1. The
	 * reference code instead divides by the in-band fraction of the cross-spectrum magnitude and by
	 * the product of the full-band standard deviations; both agree for identical signals, but
	 * PulseJ's version is bounded by 1 and ignores out-of-band noise, as an in-band score should.
	 * Lengths may differ.
	 * <p>
	 * Because the maximum is taken over all lags, independent noise does not score exactly 0 but
	 * about 2.5/√(N·2·bandwidth/fps): 0.2 for 60 s at 30 fps in 40–180 bpm, up to 0.5 for 10 s. Use
	 * {@link #maxCrossCorrelation(double[], double[], double, BpmBand, double)} to bound the lag
	 * when the physiological delay is known to be short.
	 *
	 * @return the MCC, or 0 when either signal has no in-band energy
	 */
	public static double maxCrossCorrelation(final double[] a, final double[] b, final double fps,
		final BpmBand band)
	{
		return maxCrossCorrelation(a, b, fps, band, Double.POSITIVE_INFINITY);
	}

	/**
	 * As {@link #maxCrossCorrelation(double[], double[], double, BpmBand)}, but only over lags of at
	 * most {@code maxLagSeconds} either way (e.g. 1 s for the pulse transit time between a finger
	 * sensor and the face), which lowers the score of unrelated signals.
	 */
	public static double maxCrossCorrelation(final double[] a, final double[] b, final double fps,
		final BpmBand band, final double maxLagSeconds)
	{
		if (!(maxLagSeconds >= 0)) throw new PulseJException("The largest lag is " + maxLagSeconds + " s.",
			"Give a lag of 0 s or more.");
		final double[] r = crossCorrelations(a, b, fps, band, (int) Math.min(Integer.MAX_VALUE, Math.round(Math.min(
			maxLagSeconds * fps, Integer.MAX_VALUE))));
		if (r == null) return 0;
		double max = Double.NEGATIVE_INFINITY;
		for (final double v : r)
			max = Math.max(max, v);
		return max;
	}

	/**
	 * The normalised in-band cross-correlation of {@code a} and {@code b} (as
	 * {@link #maxCrossCorrelation(double[], double[], double, BpmBand)} computes it) at every lag of at most
	 * {@code maxLag} frames either way (at most half the padded length): element {@code i} is the lag
	 * {@code τ = i − L}, L the lag reached, the correlation of {@code a[t + τ]} with {@code b[t]} (positive
	 * τ: {@code a} runs behind {@code b}). Null when either signal has no in-band energy.
	 */
	public static double[] crossCorrelations(final double[] a, final double[] b, final double fps, final BpmBand band,
		final int maxLag)
	{
		Checks.finite(a, "first signal");
		Checks.finite(b, "second signal");
		Checks.fps(fps);
		Checks.notNull(band, "band");
		if (a.length < 2 || b.length < 2) throw new PulseJException("Cross-correlation needs at least 2 samples in " +
			"each signal (got " + a.length + " and " + b.length + ").", "Give longer signals.");
		final int n = PowerSpectrum.nfft(2 * Math.max(a.length, b.length), 1);
		final double[] fa = centredPadded(a, n), fb = centredPadded(b, n);
		final DoubleFFT_1D fft = new DoubleFFT_1D(n);
		fft.realForward(fa);
		fft.realForward(fb);
		final double[] x = new double[n];
		final double binHz = fps / n;
		double ea = 0, eb = 0;
		for (int k = 0; k <= n / 2; k++) {
			final double f = k * binHz;
			if (f < band.minHz() || f > band.maxHz()) continue;
			// packed layout: [Re0, Re(n/2), Re1, Im1, ...]; bins 0 and n/2 are real and counted once
			final int re = k == 0 ? 0 : k == n / 2 ? 1 : 2 * k;
			final boolean real = k == 0 || k == n / 2;
			final double ar = fa[re], ai = real ? 0 : fa[re + 1], br = fb[re], bi = real ? 0 : fb[re + 1];
			final double twoSided = real ? 1 : 2;
			ea += twoSided * (ar * ar + ai * ai);
			eb += twoSided * (br * br + bi * bi);
			x[re] = ar * br + ai * bi;
			if (!real) x[re + 1] = ai * br - ar * bi;
		}
		if (!(ea > 0) || !(eb > 0)) return null;
		fft.realInverse(x, true);
		// Parseval: in-band energy in the time domain = (1/n)·Σ two-sided |A_k|²
		final double norm = Math.sqrt(ea / n * (eb / n));
		// lag τ ≥ 0 sits at index τ, lag −τ at index n − τ
		final int lag = Math.min(n / 2, Math.max(0, maxLag));
		final double[] out = new double[2 * lag + 1];
		for (int tau = -lag; tau <= lag; tau++)
			out[tau + lag] = x[tau >= 0 ? tau : n + tau] / norm;
		return out;
	}

	private static double[] centredPadded(final double[] x, final int n) {
		double m = 0;
		for (final double v : x)
			m += v;
		m /= x.length;
		final double[] p = new double[n];
		for (int i = 0; i < x.length; i++)
			p[i] = x[i] - m;
		return p;
	}

	private static boolean valid(final double e, final double r) {
		return !Double.isNaN(e) && !Double.isNaN(r);
	}

	private static void check(final double[] est, final double[] ref) {
		Checks.notNull(est, "estimates");
		Checks.notNull(ref, "reference");
		if (est.length != ref.length) throw new PulseJException("Estimates (" + est.length + ") and reference (" +
			ref.length + ") have different lengths.", "Give one reference value per estimate.");
	}
}

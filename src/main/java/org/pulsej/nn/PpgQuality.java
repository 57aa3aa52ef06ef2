package org.pulsej.nn;

import org.pulsej.signal.Stats;

/**
 * Label-free quality of a PPG, used to pick the best training epoch without ground truth.
 * <p>
 * <b>Irrelevant power ratio (IPR)</b>: power outside the heart-rate band divided by all power of the
 * mean-removed signal (0 = every bit of power is a plausible pulse; lower is better). PulseJ uses
 * power |X|² on the DFT bins of the signal itself; the authors' code used magnitudes |X| and counted
 * the DC bin, which only changes the scale.
 */
public final class PpgQuality {

	private PpgQuality() {}

	/** IPR of {@code y} sampled at {@code fps} for the band [lowBpm, highBpm]; 1 for a flat signal. */
	public static double irrelevantPowerRatio(final double[] y, final double fps, final double lowBpm,
		final double highBpm)
	{
		final int n = y.length;
		final double[] x = centred(y);
		double in = 0, all = 0;
		for (int k = 1; k <= n / 2; k++) {
			final double p = power(x, (double) k / n);
			final double bpm = 60.0 * k * fps / n;
			all += p;
			if (bpm >= lowBpm && bpm <= highBpm) in += p;
		}
		return all > 0 ? (all - in) / all : 1;
	}

	/**
	 * Frequency (bpm) of the highest peak of the power spectrum within [lowBpm, highBpm], on a grid of
	 * {@code stepBpm} (zero-padding equivalent). The signal is detrended (least-squares line) and
	 * Hann-windowed first, so slow drifts do not leak into the band.
	 */
	public static double dominantBpm(final double[] y, final double fps, final double lowBpm, final double highBpm,
		final double stepBpm)
	{
		final double[] x = hann(Stats.detrendLinear(y));
		double best = -1, bestBpm = lowBpm;
		for (double bpm = lowBpm; bpm <= highBpm + 1e-9; bpm += stepBpm) {
			final double p = power(x, bpm / 60 / fps);
			if (p > best) {
				best = p;
				bestBpm = bpm;
			}
		}
		return bestBpm;
	}

	/**
	 * Signal-to-noise ratio (dB) of a pulse at {@code hrBpm}: power within ±{@code halfWidthBpm} of it
	 * and of its second harmonic over the rest of the band. For tests and diagnostics with known HR.
	 */
	public static double snrDb(final double[] y, final double fps, final double hrBpm, final double halfWidthBpm,
		final double lowBpm, final double highBpm)
	{
		final double[] x = centred(y);
		double sig = 0, noise = 0;
		for (double bpm = lowBpm; bpm <= highBpm + 1e-9; bpm += 0.5) {
			final double p = power(x, bpm / 60 / fps);
			if (Math.abs(bpm - hrBpm) <= halfWidthBpm || Math.abs(bpm - 2 * hrBpm) <= halfWidthBpm) sig += p;
			else noise += p;
		}
		return 10 * Math.log10(sig / Math.max(noise, 1e-300));
	}

	/** |DTFT|² of x at {@code cyclesPerSample}. */
	static double power(final double[] x, final double cyclesPerSample) {
		double re = 0, im = 0;
		final double w = 2 * Math.PI * cyclesPerSample;
		for (int t = 0; t < x.length; t++) {
			re += x[t] * Math.cos(w * t);
			im -= x[t] * Math.sin(w * t);
		}
		return re * re + im * im;
	}

	private static double[] hann(final double[] x) {
		final double[] w = new double[x.length];
		for (int t = 0; t < x.length; t++)
			w[t] = x[t] * (0.5 - 0.5 * Math.cos(2 * Math.PI * (t + 0.5) / x.length));
		return w;
	}

	private static double[] centred(final double[] y) {
		double mean = 0;
		for (final double v : y)
			mean += v;
		mean /= y.length;
		final double[] x = new double[y.length];
		for (int i = 0; i < y.length; i++)
			x[i] = y[i] - mean;
		return x;
	}
}

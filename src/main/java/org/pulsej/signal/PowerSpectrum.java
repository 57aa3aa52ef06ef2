package org.pulsej.signal;

import org.jtransforms.fft.DoubleFFT_1D;
import org.pulsej.util.PulseJException;

/**
 * One-sided periodogram of a segment {@code x[from, to)}: the segment minus its mean, no taper
 * (rectangular window, as in the paper's reference code), zero-padded to the next power of two
 * at or above {@code padFactor × length} for a finer frequency grid.
 * <p>
 * Scaling: {@code power[k] = c·|X_k|² / (fps·length)} with c = 2 except at 0 Hz and Nyquist (c = 1),
 * so that {@code Σ power·binHz} equals the segment's variance (a power spectral density in
 * signal units² per Hz). Peaks and power ratios do not depend on this scaling.
 */
public final class PowerSpectrum {

	private final double[] frequencyHz, power;
	private final double binHz;

	private PowerSpectrum(final double[] frequencyHz, final double[] power, final double binHz) {
		this.frequencyHz = frequencyHz;
		this.power = power;
		this.binHz = binHz;
	}

	/**
	 * @param x signal (not modified; finite values)
	 * @param from first sample, inclusive
	 * @param to last sample, exclusive; at least 2 samples
	 * @param fps sampling rate in Hz (frames per second)
	 * @param padFactor ≥ 1; the FFT length is the next power of two ≥ padFactor·(to − from)
	 */
	public static PowerSpectrum of(final double[] x, final int from, final int to, final double fps,
		final int padFactor)
	{
		Checks.range(x, from, to, "signal");
		Checks.fps(fps);
		if (padFactor < 1) throw new PulseJException("The zero-padding factor is " + padFactor + ".",
			"Use a padding factor of 1 or more.");
		final int len = to - from;
		if (len < 2) throw new PulseJException("A spectrum needs at least 2 samples, got " + len + ".",
			"Give a longer segment.");
		final int n = nfft(len, padFactor);
		return compute(x, from, to, fps, new DoubleFFT_1D(n), new double[n]);
	}

	/** The FFT length {@link #of} uses: next power of two ≥ padFactor·length. */
	static int nfft(final int length, final int padFactor) {
		final long want = (long) length * padFactor;
		if (want > (1 << 29)) throw new PulseJException("The zero-padded spectrum of " + length + " samples × " +
			padFactor + " is too large.", "Use a smaller padding factor or a shorter segment.");
		int n = 2;
		while (n < want)
			n <<= 1;
		return n;
	}

	/**
	 * Work shared by {@link #of} and sliding-window callers that reuse one FFT plan and buffer
	 * (length = the FFT length, ≥ to − from). Checks are the caller's job.
	 */
	static PowerSpectrum compute(final double[] x, final int from, final int to, final double fps,
		final DoubleFFT_1D fft, final double[] buffer)
	{
		final int len = to - from, n = buffer.length;
		double mean = 0;
		for (int i = from; i < to; i++)
			mean += x[i];
		mean /= len;
		for (int i = 0; i < len; i++)
			buffer[i] = x[from + i] - mean;
		java.util.Arrays.fill(buffer, len, n, 0);
		fft.realForward(buffer);
		// JTransforms packing for even n: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...]
		final int bins = n / 2 + 1;
		final double[] p = new double[bins], f = new double[bins];
		final double scale = 1 / (fps * len), binHz = fps / n;
		p[0] = buffer[0] * buffer[0] * scale;
		p[n / 2] = buffer[1] * buffer[1] * scale;
		for (int k = 1; k < n / 2; k++) {
			final double re = buffer[2 * k], im = buffer[2 * k + 1];
			p[k] = 2 * (re * re + im * im) * scale;
		}
		for (int k = 0; k < bins; k++)
			f[k] = k * binHz;
		return new PowerSpectrum(f, p, binHz);
	}

	/**
	 * {@code (1 − w)·a + w·b}, each spectrum divided by its power in [lowHz, highHz] first, on their common
	 * grid (both of one FFT length and rate); a spectrum with no power there (or not a finite one) counts
	 * for nothing, so the other is returned as it is; with neither, {@code a}.
	 */
	static PowerSpectrum mix(final PowerSpectrum a, final PowerSpectrum b, final double w, final double lowHz,
		final double highHz)
	{
		if (a.power.length != b.power.length || a.binHz != b.binHz) throw new IllegalArgumentException(
			"spectra of different grids");
		final double sa = a.sum(lowHz, highHz), sb = b.sum(lowHz, highHz);
		final boolean hasA = sa > 0 && Double.isFinite(sa), hasB = sb > 0 && Double.isFinite(sb);
		if (!hasB) return a;
		if (!hasA) return b;
		final double[] p = new double[a.power.length];
		for (int k = 0; k < p.length; k++)
			p[k] = (1 - w) * a.power[k] / sa + w * b.power[k] / sb;
		return new PowerSpectrum(a.frequencyHz, p, a.binHz);
	}

	/** Frequency of each bin in Hz (0 … fps/2); a copy. */
	public double[] frequencyHz() {
		return frequencyHz.clone();
	}

	/** Power of each bin; a copy. */
	public double[] power() {
		return power.clone();
	}

	/** Spacing of the frequency grid in Hz (fps / FFT length). */
	public double binHz() {
		return binHz;
	}

	/** Number of bins (FFT length / 2 + 1). */
	public int size() {
		return power.length;
	}

	/** Power of bin k without copying the array. */
	public double power(final int k) {
		return power[k];
	}

	/** First bin at or above {@code hz}. */
	int firstBinAtOrAbove(final double hz) {
		return Math.max(0, (int) Math.ceil(hz / binHz - 1e-9));
	}

	/** Last bin at or below {@code hz}, at most the Nyquist bin. */
	int lastBinAtOrBelow(final double hz) {
		return Math.min(power.length - 1, (int) Math.floor(hz / binHz + 1e-9));
	}

	/** Sum of the power of bins whose frequency lies in [lowHz, highHz]. */
	double sum(final double lowHz, final double highHz) {
		double s = 0;
		for (int k = firstBinAtOrAbove(lowHz); k <= lastBinAtOrBelow(highHz); k++)
			s += power[k];
		return s;
	}

	/** Sum of all bins. */
	double total() {
		double s = 0;
		for (final double v : power)
			s += v;
		return s;
	}
}

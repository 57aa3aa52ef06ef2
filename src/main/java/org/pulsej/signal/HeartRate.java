package org.pulsej.signal;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * Heart rate of a PPG segment as in the paper, Sec. 2.4: (1) zero-pad for a finer frequency grid,
 * (2) take the power spectrum, (3) pick the frequency of maximum power inside the band.
 * <p>
 * Choices where the paper is silent or the reference code differs:
 * <ul>
 * <li>Band: whatever the caller passes; {@link BpmBand#HEART} (40–180 bpm) is the paper's. The
 * reference code's callers pass 40–250 bpm.</li>
 * <li>Padding: {@link #DEFAULT_PAD_FACTOR} (8×, rounded up to a power of two) instead of the
 * reference's 101×. The peak is then refined between bins (below), which removes the grid error
 * that heavy padding would otherwise be needed for, at a fraction of the cost.</li>
 * <li>Refinement: a parabola through the log power of the peak bin and its two neighbours (exact
 * for a Gaussian-shaped peak, close for the main lobe of a periodogram); linear power is used
 * when a neighbour has zero power. The shift is bounded to ±½ bin. When the in-band maximum sits
 * on a band edge and the bin just outside is larger, the parabola is fitted around that outside
 * bin and the result clamped to the band (a peak just inside the edge is then found exactly; one
 * outside gives the edge). The reference's three-point rule can shift up to a whole bin.</li>
 * <li>The result is clamped to the band. A segment with no in-band power (e.g. constant) gives NaN.</li>
 * </ul>
 */
public final class HeartRate {

	/**
	 * Zero-padding factor for heart-rate spectra: the FFT length is the next power of two at or
	 * above 8× the segment length. For a 10 s window at 30 fps (300 samples → 4096 points) the grid
	 * step is 0.44 bpm; with the sub-bin refinement, results over 40–180 bpm agree with a 64×
	 * padded spectrum within 0.001 bpm (HeartRateTest), so more padding would only cost time. What
	 * remains for a clean sine (up to 0.09 bpm in 10 s, 0.01 bpm in 30 s) is the periodogram's own
	 * leakage bias, which no padding removes.
	 */
	public static final int DEFAULT_PAD_FACTOR = 8;

	private HeartRate() {}

	/** Heart rate of the whole signal in bpm. */
	public static double fromPpg(final double[] ppg, final double fps, final BpmBand band) {
		Checks.notNull(ppg, "pulse signal");
		return fromPpg(ppg, 0, ppg.length, fps, band);
	}

	/**
	 * Heart rate of {@code ppg[from, to)} in bpm: the in-band power-spectrum peak with sub-bin
	 * refinement; NaN when the segment has no in-band power.
	 */
	public static double fromPpg(final double[] ppg, final int from, final int to, final double fps,
		final BpmBand band)
	{
		return fromPpg(ppg, from, to, fps, band, DEFAULT_PAD_FACTOR);
	}

	/** As {@link #fromPpg(double[], int, int, double, BpmBand)} with an explicit padding factor. */
	public static double fromPpg(final double[] ppg, final int from, final int to, final double fps,
		final BpmBand band, final int padFactor)
	{
		Checks.notNull(band, "heart-rate band");
		Checks.range(ppg, from, to, "pulse signal");
		Checks.fps(fps);
		Checks.belowNyquist(band.maxHz(), fps);
		Checks.finite(ppg, "pulse signal");
		return fromSpectrum(PowerSpectrum.of(ppg, from, to, fps, padFactor), band);
	}

	/** The refined in-band peak of a spectrum, in bpm (NaN when the band holds no power). */
	public static double fromSpectrum(final PowerSpectrum s, final BpmBand band) {
		final int k = peakBin(s, band);
		return k < 0 ? Double.NaN : refined(s, band, k);
	}

	/**
	 * The heart rate of the in-band peak at bin {@code k} (a local maximum, or the top it climbs to:
	 * {@link #climb}), refined between bins and clamped to the band, in bpm.
	 */
	static double refined(final PowerSpectrum s, final BpmBand band, final int k) {
		// on a band edge the local maximum may be the neighbour just outside: refine around it and
		// clamp, so a peak a fraction of a bin inside the band is not snapped to the grid
		int c = k;
		if (k > 0 && s.power(k - 1) > s.power(k)) c = k - 1;
		else if (k + 1 < s.size() && s.power(k + 1) > s.power(k)) c = k + 1;
		final double hz = (c + subBinOffset(s, c)) * s.binHz();
		return Math.min(band.maxBpm(), Math.max(band.minBpm(), hz * 60));
	}

	/**
	 * The in-band local maximum reached from bin {@code k} by stepping to the higher neighbour while there
	 * is one: the top of the peak that {@code k} lies on (k itself when it is one).
	 */
	static int climb(final PowerSpectrum s, final BpmBand band, final int k) {
		final int lo = s.firstBinAtOrAbove(band.minHz()), hi = s.lastBinAtOrBelow(band.maxHz());
		int c = k;
		while (true) {
			final boolean up = c + 1 <= hi && s.power(c + 1) > s.power(c);
			final boolean down = c - 1 >= lo && s.power(c - 1) > s.power(c);
			if (up && (!down || s.power(c + 1) >= s.power(c - 1))) c++;
			else if (down) c--;
			else return c;
		}
	}

	/**
	 * Index of the largest in-band bin, or −1 when all in-band bins are zero.
	 *
	 * @throws PulseJException when no bin falls inside the band (segment far too short)
	 */
	public static int peakBin(final PowerSpectrum s, final BpmBand band) {
		final int lo = s.firstBinAtOrAbove(band.minHz()), hi = s.lastBinAtOrBelow(band.maxHz());
		if (lo > hi) throw new PulseJException("The spectrum's frequency grid (" + Messages.num(s.binHz() * 60) +
			" bpm per bin) has no bin inside " + band + ".", "Use a longer segment or a larger padding factor.");
		int best = -1;
		double max = 0;
		for (int k = lo; k <= hi; k++)
			if (s.power(k) > max) {
				max = s.power(k);
				best = k;
			}
		return best;
	}

	/** Vertex of the parabola through bins k−1, k, k+1, in bins, within ±½; 0 unless k is a local maximum. */
	static double subBinOffset(final PowerSpectrum s, final int k) {
		if (k < 1 || k + 1 >= s.size()) return 0;
		double a = s.power(k - 1), b = s.power(k), c = s.power(k + 1);
		if (a > b || c > b) return 0;
		if (a > 0 && c > 0) {
			a = Math.log(a);
			b = Math.log(b);
			c = Math.log(c);
		}
		final double denom = a - 2 * b + c;
		if (!(denom < 0)) return 0;
		final double d = 0.5 * (a - c) / denom;
		return Math.max(-0.5, Math.min(0.5, d));
	}
}

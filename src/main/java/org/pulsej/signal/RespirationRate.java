package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * Breathing rate from the same colour trace as the pulse (the paper's appendix suggests the
 * 5–25 breaths/min band). Breathing changes the skin's blood volume and moves the head, so the
 * skin colour swings slowly at the breathing rate.
 * <p>
 * The signal is a chrominance: green minus the mean of red and blue, each channel first divided by
 * its mean over the video, {@code g/ḡ − (r/r̄ + b/b̄)/2}. A change of light multiplies all three
 * channels alike and cancels there, while the blood-colour change (strongest in green) remains.
 * Measured on synthetic videos (RespirationRateTest; 48 videos, 6–24 breaths/min): within 2
 * breaths/min for still, dim, drifting, flickering, compressed and noisy videos; the plain green
 * or intensity trace fails on light steps and flicker (14–16 of 48 wrong instead of 7). Head
 * motion in the breathing band (smooth random translation, sudden jumps) is what still defeats it.
 * <p>
 * Steps: chrominance → smoothness-priors detrending with a 0.05 Hz (3/min) cut-off → band-pass
 * to the band → the {@link HeartRate} spectral peak (same zero-padding and refinement) over the
 * whole signal. A grey video has no chrominance; its intensity {@code g/ḡ} is used instead.
 */
public final class RespirationRate {

	/** Cut-off of the detrending, Hz: below the slowest breathing of the band (5/min = 0.083 Hz). */
	public static final double DETREND_CUTOFF_HZ = 0.05;

	private RespirationRate() {}

	/**
	 * A breathing rate from the beats, or why there is none.
	 *
	 * @param bpm breaths per minute, NaN when none
	 * @param reason why there is none ("" when there is one)
	 * @param peakShare share of the beat series' in-band variation near the breathing peak (NaN when not measured)
	 */
	public record FromBeats(double bpm, String reason, double peakShare) {

		FromBeats(final double bpm, final String reason) {
			this(bpm, reason, Double.NaN);
		}
	}

	/** Seconds of beats needed for a breathing rate from them: three breaths at the slowest rate. */
	public static final double MIN_BEAT_SECONDS = 36;
	/** Smallest share of the in-band power of the beat series within ±{@link #PEAK_HALF_WIDTH_BPM} of the peak. */
	public static final double MIN_PEAK_SHARE = 0.7;
	/** Half-width of the breathing peak, breaths/min (the main lobe of a Hann-tapered 60 s series). */
	public static final double PEAK_HALF_WIDTH_BPM = 2;

	/**
	 * Breathing rate from the beat-to-beat modulation of a PPG, for a PPG without its colour trace
	 * (PhysNet): breathing modulates the intervals (respiratory sinus arrhythmia: faster on
	 * inspiration, the PPG's frequency modulation) and the beat amplitudes (amplitude modulation).
	 * Both series (valid beats only, rejected ones bridged) are resampled at 4 Hz, detrended, tapered,
	 * and their power spectra normalised to unit in-band power; of the intervals' spectrum, the
	 * amplitudes' and their mean, the one whose in-band peak holds the largest share of its power gives
	 * the rate. Refused, with the reason, when the beats are too few or too short, or when no breathing
	 * rhythm stands out (less than {@link #MIN_PEAK_SHARE} of the power within ±2 breaths/min of the
	 * peak): a steady heart and a steady pulse carry no breathing.
	 */
	public static FromBeats fromBeats(final BeatDetector.Beats b, final BpmBand band) {
		if (b.quality() < HeartRateVariability.MIN_QUALITY || b.validIntervals() < 10) return new FromBeats(Double.NaN,
			String.format(java.util.Locale.ROOT, "too few valid beats (%d of %d intervals)", b.validIntervals(), b
				.intervals()));
		final double[] t = b.timeSeconds();
		int first = -1, last = -1;
		for (int k = 0; k < b.count(); k++)
			if (b.valid(k)) {
				if (first < 0) first = k;
				last = k;
			}
		if (t[last] - t[first] < MIN_BEAT_SECONDS) return new FromBeats(Double.NaN, String.format(java.util.Locale.ROOT,
			"the valid beats span %.0f s, less than the %.0f s needed", t[last] - t[first], MIN_BEAT_SECONDS));
		final double[] amp = new double[b.count()];
		final double ma = Stats.median(b.amplitude());
		for (int k = 0; k < amp.length; k++)
			amp[k] = ma > 0 ? b.amplitude()[k] / ma : 0;
		final PowerSpectrum fm = beatSpectrum(b, b.ibiMs()), am = beatSpectrum(b, amp);
		if (fm == null || am == null) return new FromBeats(Double.NaN, "too few valid beats");
		final double fmIn = fm.sum(band.minHz(), band.maxHz()), amIn = am.sum(band.minHz(), band.maxHz());
		final double[] f = new double[fm.size()], a = new double[fm.size()], both = new double[fm.size()];
		for (int k = 0; k < f.length; k++) {
			f[k] = fmIn > 0 ? fm.power(k) / fmIn : 0;
			a[k] = amIn > 0 ? am.power(k) / amIn : 0;
			both[k] = 0.5 * (f[k] + a[k]);
		}
		// the modulation that shows the clearest rhythm: intervals, amplitudes, or both together
		FromBeats best = null;
		for (final double[] p : new double[][] { f, a, both }) {
			final FromBeats r = peak(p, fm, band);
			if (best == null || r.peakShare() > best.peakShare()) best = r;
		}
		return best;
	}

	private static FromBeats peak(final double[] p, final PowerSpectrum grid, final BpmBand band) {
		final int lo = grid.firstBinAtOrAbove(band.minHz()), hi = grid.lastBinAtOrBelow(band.maxHz());
		int best = -1;
		double total = 0;
		for (int k = lo; k <= hi; k++) {
			total += p[k];
			if (best < 0 || p[k] > p[best]) best = k;
		}
		if (best < 0 || !(total > 0)) return new FromBeats(Double.NaN, "the beats do not vary at all", 0);
		final double hz = best * grid.binHz();
		double near = 0;
		for (int k = lo; k <= hi; k++)
			if (Math.abs(k * grid.binHz() - hz) <= PEAK_HALF_WIDTH_BPM / 60 + 1e-12) near += p[k];
		if (near / total < MIN_PEAK_SHARE) return new FromBeats(Double.NaN, String.format(java.util.Locale.ROOT,
			"no breathing rhythm in the beat intervals or amplitudes (the strongest, %.1f/min, holds %.0f %% of their " +
				"variation, less than %.0f %%)", hz * 60, 100 * near / total, 100 * MIN_PEAK_SHARE), near / total);
		double d = 0;
		if (best > lo && best < hi) {
			final double a = p[best - 1], c = p[best], e = p[best + 1], den = a - 2 * c + e;
			if (den < 0) d = Math.max(-0.5, Math.min(0.5, 0.5 * (a - e) / den));
		}
		return new FromBeats(Math.min(band.maxBpm(), Math.max(band.minBpm(), (best + d) * grid.binHz() * 60)), "", near /
			total);
	}

	/** Spectrum of a per-beat series (valid beats, bridged linearly) resampled at 4 Hz; null when too short. */
	private static PowerSpectrum beatSpectrum(final BeatDetector.Beats b, final double[] value) {
		final java.util.List<double[]> pts = new java.util.ArrayList<>();
		for (int k = 0; k < b.count(); k++)
			if (b.valid(k) && !Double.isNaN(value[k])) pts.add(new double[] { b.timeSeconds()[k], value[k] });
		if (pts.size() < 4) return null;
		final double fs = HeartRateVariability.RESAMPLE_HZ;
		final double[] y = Stats.resampleLinear(pts, fs, 16);
		if (y == null) return null;
		final int n = y.length;
		final double[] w = Stats.hann(n);
		final double[] d = Detrend.smoothnessPriors(y, Detrend.lambdaForCutoff(fs, 0.04));
		for (int i = 0; i < n; i++)
			d[i] *= w[i];
		return PowerSpectrum.of(d, 0, n, fs, 8);
	}

	/** Breathing rate in breaths per minute within {@link BpmBand#RESPIRATION}. */
	public static double fromTrace(final RgbTrace trace, final double fps) {
		return fromTrace(trace, fps, BpmBand.RESPIRATION);
	}

	/**
	 * Breathing rate in breaths per minute; NaN when the signal has no power in the band, or when its peak lies on
	 * an edge of the band (within {@link #EDGE_BPM}): breathing at 4 or 26 per minute read as 5 and 25, the band's
	 * edges, as if measured.
	 *
	 * @throws PulseJException when the trace is shorter than {@link #minimumFrames}
	 */
	public static double fromTrace(final RgbTrace trace, final double fps, final BpmBand band) {
		final double bpm = HeartRate.fromPpg(signal(trace, fps, band), fps, band);
		return bpm - band.minBpm() < EDGE_BPM || band.maxBpm() - bpm < EDGE_BPM ? Double.NaN : bpm;
	}

	/** Breaths per minute from an edge of the band within which a peak is taken to lie on it. */
	static final double EDGE_BPM = 0.5;

	/**
	 * Frames needed: one cycle of the slowest rate (12 s for 5/min). Longer is far better: a 30 s
	 * video holds only 7 breaths at 15/min.
	 */
	public static int minimumFrames(final double fps, final BpmBand band) {
		return (int) Math.ceil(fps / band.minHz());
	}

	/** The detrended, band-passed breathing signal, one value per frame. */
	public static double[] signal(final RgbTrace trace, final double fps, final BpmBand band) {
		Checks.notNull(trace, "colour trace");
		Checks.notNull(band, "breathing band");
		Checks.fps(fps);
		Checks.belowNyquist(band.maxHz(), fps);
		final int n = trace.length();
		final int need = minimumFrames(fps, band);
		if (n < need) throw new PulseJException(String.format(java.util.Locale.ROOT,
			"The breathing rate needs at least one breath at the slowest rate (%s s = %d frames), but the video has %d frames.",
			Checks.seconds(need / fps), need, n), "Use a longer video (30 s or more is best).");
		final double[][] c = trace.channels();
		final double mr = Stats.mean(c[0]), mg = Stats.mean(c[1]), mb = Stats.mean(c[2]);
		final boolean grey = java.util.Arrays.equals(c[0], c[1]) && java.util.Arrays.equals(c[1], c[2]);
		final double[] chroma = new double[n];
		// a grey video has no colour: its intensity is all there is
		if (grey && mg > 0) for (int t = 0; t < n; t++)
			chroma[t] = c[1][t] / mg;
		else if (mr > 0 && mg > 0 && mb > 0) for (int t = 0; t < n; t++)
			chroma[t] = c[1][t] / mg - 0.5 * (c[0][t] / mr + c[2][t] / mb);
		final double cutoff = Math.min(DETREND_CUTOFF_HZ, 0.6 * band.minHz());
		final double[] detrended = Detrend.smoothnessPriors(chroma, Detrend.lambdaForCutoff(fps, cutoff));
		return BandPass.filter(detrended, fps, band);
	}
}

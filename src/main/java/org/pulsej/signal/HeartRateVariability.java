package org.pulsej.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Heart-rate variability of the valid inter-beat intervals (NN intervals) of {@link BeatDetector}:
 * time-domain measures as the Task Force of the ESC/NASPE (1996) defines them, and the LF/HF ratio
 * where the recording is long enough.
 * <ul>
 * <li>{@code hr_beats_bpm}: 60000 / mean NN interval.</li>
 * <li>SDNN: standard deviation of the NN intervals (n − 1 in the denominator), ms.</li>
 * <li>RMSSD: root mean square of the differences of successive NN intervals, ms; only pairs of
 * intervals that follow each other directly count (a rejected interval breaks the chain).</li>
 * <li>pNN50: share of those differences larger than 50 ms, %.</li>
 * <li>LF/HF: power of the interval series in 0.04–0.15 Hz over that in 0.15–0.4 Hz. The series
 * (rejected intervals bridged linearly) is resampled at {@link #RESAMPLE_HZ}, detrended, Hann-tapered
 * and transformed (JTransforms, through {@link PowerSpectrum}). Only for at least
 * {@link #MIN_LF_HF_SECONDS} s (LF needs several of its slowest cycles, 25 s each); shorter gives an
 * empty value and says so.</li>
 * </ul>
 * Nothing is computed (NaN, with the reason in {@code note}) when fewer than {@link #MIN_QUALITY} of
 * the intervals or fewer than {@link #MIN_INTERVALS} intervals are valid: a PPG without beats reports
 * quality 0, not numbers (the counts of beats and valid intervals still say what was found).
 *
 * @param startSeconds window start
 * @param endSeconds window end
 * @param beats beats in the window
 * @param validIntervals valid intervals in the window
 * @param quality share of valid intervals, 0..1; 0 when too few are valid to give numbers
 * @param hrBpm mean heart rate from the beats
 * @param sdnnMs SDNN
 * @param rmssdMs RMSSD
 * @param pnn50Pct pNN50
 * @param lfHf LF/HF ratio
 * @param note why values are missing ("" when none are)
 */
public record HeartRateVariability(double startSeconds, double endSeconds, int beats, int validIntervals,
	double quality, double hrBpm, double sdnnMs, double rmssdMs, double pnn50Pct, double lfHf, String note)
{

	public static final double MIN_QUALITY = 0.5;
	public static final int MIN_INTERVALS = 5;
	public static final double MIN_LF_HF_SECONDS = 120;
	public static final double RESAMPLE_HZ = 4;
	public static final double LF_LOW_HZ = 0.04, LF_HIGH_HZ = 0.15, HF_HIGH_HZ = 0.4;
	/** Default sliding window and step of {@link #windows}, s. */
	public static final double WINDOW_SECONDS = 60, STEP_SECONDS = 10;

	/** HRV of all beats. */
	public static HeartRateVariability of(final BeatDetector.Beats b) {
		return of(b, 0, b.durationSeconds());
	}

	/** HRV of the beats in [from, to). */
	public static HeartRateVariability of(final BeatDetector.Beats all, final double from, final double to) {
		final BeatDetector.Beats b = all.between(from, to);
		final int valid = b.validIntervals();
		final double quality = b.quality();
		if (valid < MIN_INTERVALS || quality < MIN_QUALITY) return new HeartRateVariability(from, to, b.count(), valid,
			0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, b.count() < 2
				? "no beats found" : String.format(java.util.Locale.ROOT,
					"too few valid intervals (%d of %d; at least %d and %.0f %% needed)", valid, b.intervals(), MIN_INTERVALS,
					100 * MIN_QUALITY));
		final double[] nn = new double[valid];
		final List<Double> diffs = new ArrayList<>();
		int j = 0;
		for (int k = 0; k < b.count(); k++) {
			if (!b.valid(k)) continue;
			nn[j++] = b.ibiMs()[k];
			if (k > 0 && b.valid(k - 1)) diffs.add(b.ibiMs()[k] - b.ibiMs()[k - 1]);
		}
		final double mean = Stats.mean(nn);
		double ss = 0;
		for (final double v : nn)
			ss += (v - mean) * (v - mean);
		final double sdnn = nn.length > 1 ? Math.sqrt(ss / (nn.length - 1)) : Double.NaN;
		double sq = 0;
		int over50 = 0;
		for (final double d : diffs) {
			sq += d * d;
			if (Math.abs(d) > 50) over50++;
		}
		final double rmssd = diffs.isEmpty() ? Double.NaN : Math.sqrt(sq / diffs.size());
		final double pnn50 = diffs.isEmpty() ? Double.NaN : 100.0 * over50 / diffs.size();
		String note = "";
		double lfHf = Double.NaN;
		if (to - from < MIN_LF_HF_SECONDS) note = String.format(java.util.Locale.ROOT,
			"LF/HF needs at least %.0f s of recording, this is %.0f s", MIN_LF_HF_SECONDS, to - from);
		else {
			lfHf = lfHf(b);
			if (Double.isNaN(lfHf)) note = "LF/HF: no power in the HF band";
		}
		return new HeartRateVariability(from, to, b.count(), valid, quality, 60000 / mean, sdnn, rmssd, pnn50, lfHf,
			note);
	}

	/**
	 * Sliding windows of {@code window} s every {@code step} s over the beats; one window over the
	 * whole recording when it is shorter than a window.
	 */
	public static List<HeartRateVariability> windows(final BeatDetector.Beats b, final double window,
		final double step)
	{
		final List<HeartRateVariability> out = new ArrayList<>();
		final double d = b.durationSeconds();
		if (d <= window) {
			out.add(of(b, 0, d));
			return out;
		}
		for (int i = 0;; i++) {
			final double s = i * step;
			if (s + window > d + 1e-9) break;
			out.add(of(b, s, s + window));
		}
		return out;
	}

	/** LF/HF of the valid intervals (the others bridged), NaN when the HF band holds no power. */
	static double lfHf(final BeatDetector.Beats b) {
		final List<double[]> pts = new ArrayList<>();
		for (int k = 0; k < b.count(); k++)
			if (b.valid(k)) pts.add(new double[] { b.timeSeconds()[k], b.ibiMs()[k] });
		if (pts.size() < 4) return Double.NaN;
		final double[] y = Stats.resampleLinear(pts, RESAMPLE_HZ, 16);
		if (y == null) return Double.NaN;
		final int n = y.length;
		// remove the linear trend, then taper
		final double[] d = Stats.detrendLinear(y), w = Stats.hann(n);
		for (int i = 0; i < n; i++)
			y[i] = d[i] * w[i];
		final PowerSpectrum s = PowerSpectrum.of(y, 0, n, RESAMPLE_HZ, 4);
		final double lf = s.sum(LF_LOW_HZ, LF_HIGH_HZ), hf = s.sum(Math.nextUp(LF_HIGH_HZ), HF_HIGH_HZ);
		return hf > 0 ? lf / hf : Double.NaN;
	}
}

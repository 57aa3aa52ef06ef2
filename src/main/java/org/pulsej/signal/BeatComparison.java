package org.pulsej.signal;

import java.util.Arrays;

/**
 * Detected beats against reference beats (from a contact PPG, or a synthetic video's truth): each
 * reference beat is paired with the nearest detected beat within {@link #TOLERANCE_SECONDS}, each
 * detected beat used once. Timing errors are detected − reference.
 *
 * @param reference reference beats inside the compared span
 * @param detected detected beats inside the compared span
 * @param matched pairs found
 * @param medianAbsErrorMs median absolute timing error of the pairs, ms
 * @param meanErrorMs mean signed timing error (a constant delay shows here), ms
 * @param sdnnRefMs SDNN of the reference intervals, ms ({@link HeartRateVariability} of all intervals)
 * @param sdnnEstMs SDNN of the valid detected intervals
 * @param rmssdRefMs RMSSD of the reference intervals
 * @param rmssdEstMs RMSSD of the valid detected intervals
 */
public record BeatComparison(int reference, int detected, int matched, double medianAbsErrorMs, double meanErrorMs,
	double sdnnRefMs, double sdnnEstMs, double rmssdRefMs, double rmssdEstMs)
{

	/** Largest distance of a detected beat from its reference beat, s. */
	public static final double TOLERANCE_SECONDS = 0.15;

	/** Share of reference beats that were found, 0..1. */
	public double sensitivity() {
		return reference == 0 ? Double.NaN : (double) matched / reference;
	}

	/** Relative SDNN error, (est − ref) / ref. */
	public double sdnnRelativeError() {
		return (sdnnEstMs - sdnnRefMs) / sdnnRefMs;
	}

	/** Relative RMSSD error, (est − ref) / ref. */
	public double rmssdRelativeError() {
		return (rmssdEstMs - rmssdRefMs) / rmssdRefMs;
	}

	/**
	 * @param est detected beats
	 * @param refTimes reference beat times, ascending, s
	 * @param from start of the compared span, s
	 * @param to end of the compared span, s
	 */
	public static BeatComparison of(final BeatDetector.Beats est, final double[] refTimes, final double from,
		final double to)
	{
		return of(est, refTimes, null, from, to);
	}

	/**
	 * As {@link #of(BeatDetector.Beats, double[], double, double)}, with the reference's intervals judged
	 * ({@code refReasons}, one per reference beat, as {@link BeatDetector} gives for beats found in a contact
	 * PPG; null: every interval valid, as for known beats): the reference's SDNN and RMSSD use its valid
	 * intervals only. At 10 fps a dicrotic notch taken for a beat gave the reference SDNN 98 ms for a true 56.
	 */
	public static BeatComparison of(final BeatDetector.Beats est, final double[] refTimes,
		final BeatDetector.Reason[] refReasons, final double from, final double to)
	{
		final int[] in = java.util.stream.IntStream.range(0, refTimes.length).filter(k -> refTimes[k] >= from &&
			refTimes[k] < to).toArray();
		final double[] ref = Arrays.stream(in).mapToDouble(k -> refTimes[k]).toArray();
		final BeatDetector.Reason[] refReason = refReasons == null ? null : Arrays.stream(in).mapToObj(k -> refReasons[k])
			.toArray(BeatDetector.Reason[]::new);
		final BeatDetector.Beats e = est.between(from, to);
		final double[] det = e.timeSeconds();
		final boolean[] used = new boolean[det.length];
		final double[] err = new double[ref.length];
		int m = 0, j = 0;
		for (final double r : ref) {
			while (j < det.length && det[j] < r - TOLERANCE_SECONDS)
				j++;
			int best = -1;
			for (int i = j; i < det.length && det[i] <= r + TOLERANCE_SECONDS; i++)
				if (!used[i] && (best < 0 || Math.abs(det[i] - r) < Math.abs(det[best] - r))) best = i;
			if (best >= 0) {
				used[best] = true;
				err[m++] = 1000 * (det[best] - r);
			}
		}
		final double[] e2 = Arrays.copyOf(err, m), abs = Arrays.stream(e2).map(Math::abs).toArray();
		final HeartRateVariability hr = HeartRateVariability.of(reference(ref, refReason, to - from, from));
		final HeartRateVariability he = HeartRateVariability.of(e, from, to);
		return new BeatComparison(ref.length, det.length, m, m == 0 ? Double.NaN : Stats.median(abs), m == 0
			? Double.NaN : Stats.mean(e2), hr.sdnnMs(), he.sdnnMs(), hr.rmssdMs(), he.rmssdMs());
	}

	/** Reference beats as {@link BeatDetector.Beats}, every interval valid. */
	public static BeatDetector.Beats reference(final double[] times, final double duration, final double offset) {
		return reference(times, null, duration, offset);
	}

	/** As {@link #reference(double[], double, double)}, each interval judged by {@code reasons} (null: valid). */
	static BeatDetector.Beats reference(final double[] times, final BeatDetector.Reason[] reasons, final double duration,
		final double offset)
	{
		final int n = times.length;
		final double[] t = new double[n], ibi = new double[n];
		final BeatDetector.Reason[] r = new BeatDetector.Reason[n];
		for (int k = 0; k < n; k++) {
			t[k] = times[k] - offset;
			ibi[k] = k == 0 ? Double.NaN : 1000 * (times[k] - times[k - 1]);
			r[k] = k == 0 ? BeatDetector.Reason.FIRST : reasons == null || reasons[k] == BeatDetector.Reason.FIRST
				? BeatDetector.Reason.VALID : reasons[k];
		}
		return new BeatDetector.Beats(t, ibi, r, duration, Double.NaN, new double[n]);
	}
}

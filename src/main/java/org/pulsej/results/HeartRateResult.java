package org.pulsej.results;

import java.util.List;

import org.pulsej.signal.BeatDetector;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.signal.Stats;

/**
 * What PulseJ measured for one video: the PPG signal and the heart rate per frame.
 *
 * @param video name of the video (stem of its output files)
 * @param fps frame rate used
 * @param ppg PPG value per frame (arbitrary units, zero mean)
 * @param hrInstant Hamming-smoothed instantaneous heart rate per frame (bpm)
 * @param confidence confidence of {@code hrInstant} per frame, 0..1
 * @param hr reported heart rate per frame: confidence-weighted blend of instantaneous and median
 * @param hrMedian median of the instantaneous heart rate over the video (bpm)
 * @param snrDb signal-to-noise ratio of the PPG around {@code hrMedian}
 * @param method how the PPG was obtained (POS, CHROM, GREEN, PhysNet)
 * @param model the model used, or "" for the classical methods
 * @param windows the per-window heart rates behind {@code hrInstant}
 * @param respBpm breathing rate over the video (breaths/min), NaN when not measured
 * @param detectedBeats the beats of the PPG, or null when they were not detected (see {@link #beats()})
 * @param warnings what the log warned of for this video, by {@link VideoWarnings} name, in the order given
 */
public record HeartRateResult(String video, double fps, double[] ppg, double[] hrInstant, double[] confidence,
	double[] hr, double hrMedian, double snrDb, String method, String model, List<InstantaneousHeartRate.Window> windows,
	double respBpm, BeatDetector.Beats detectedBeats, List<String> warnings)
{

	public HeartRateResult {
		warnings = warnings == null ? List.of() : List.copyOf(warnings);
	}

	/** A result without warnings. */
	public HeartRateResult(final String video, final double fps, final double[] ppg, final double[] hrInstant,
		final double[] confidence, final double[] hr, final double hrMedian, final double snrDb, final String method,
		final String model, final List<InstantaneousHeartRate.Window> windows, final double respBpm,
		final BeatDetector.Beats detectedBeats)
	{
		this(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows, respBpm, detectedBeats,
			List.of());
	}

	/** A result with a breathing rate, without detected beats. */
	public HeartRateResult(final String video, final double fps, final double[] ppg, final double[] hrInstant,
		final double[] confidence, final double[] hr, final double hrMedian, final double snrDb, final String method,
		final String model, final List<InstantaneousHeartRate.Window> windows, final double respBpm)
	{
		this(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows, respBpm, null);
	}

	/** A result without a breathing rate (NaN). */
	public HeartRateResult(final String video, final double fps, final double[] ppg, final double[] hrInstant,
		final double[] confidence, final double[] hr, final double hrMedian, final double snrDb, final String method,
		final String model, final List<InstantaneousHeartRate.Window> windows)
	{
		this(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows, Double.NaN);
	}

	/**
	 * This result with no confidence in the frames that any of {@code untrusted} marks (e.g. where no face
	 * was found for seconds, and the region showed whatever was there; frames of a damaged file): the
	 * video's median heart rate is taken over the other frames, and each frame's rate is blended with it
	 * again, as hr = c·instant + (1 − c)·median, so the untrusted frames get the median. The median of all
	 * frames counted what the region showed without a face: a video whose face appeared after 12 of 30 s
	 * read a median of 73.6 bpm for 75.9, and those 12 s were given it. Masks that are null are skipped;
	 * none, or no trusted frame with a rate: this result.
	 */
	public HeartRateResult withoutConfidence(final boolean[]... untrusted) {
		final boolean[] out = new boolean[confidence.length];
		boolean any = false;
		for (final boolean[] m : untrusted)
			if (m != null) for (int t = 0; t < Math.min(m.length, out.length); t++)
				if (m[t]) out[t] = any = true;
		if (!any) return this;
		final double[] kept = java.util.stream.IntStream.range(0, hrInstant.length).filter(t -> !out[t] && Double
			.isFinite(hrInstant[t])).mapToDouble(t -> hrInstant[t]).toArray();
		if (kept.length == 0) return this;
		final double median = org.pulsej.signal.Stats.median(kept);
		final double[] c = confidence.clone();
		for (int t = 0; t < c.length; t++)
			if (out[t]) c[t] = 0;
		final double[] h = blend(hrInstant, c, median);
		for (int t = 0; t < h.length; t++)
			if (out[t]) h[t] = median; // also where the untrusted frame's own rate is not a number
		return new HeartRateResult(video, fps, ppg, hrInstant, c, h, median, snrDb, method, model, windows, respBpm,
			detectedBeats, warnings);
	}

	/** The paper's per-frame heart rate: each frame's rate blended with the video's median by its confidence. */
	public static double[] blend(final double[] hrInstant, final double[] confidence, final double median) {
		final double[] hr = new double[hrInstant.length];
		for (int t = 0; t < hr.length; t++)
			hr[t] = confidence[t] * hrInstant[t] + (1 - confidence[t]) * median;
		return hr;
	}

	/** The same result with this breathing rate. */
	public HeartRateResult withRespiration(final double breathsPerMinute) {
		return new HeartRateResult(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			breathsPerMinute, detectedBeats, warnings);
	}

	/** The same result with this PPG (the same frames; e.g. moved in time by {@link org.pulsej.signal.PulseAlignment}). */
	public HeartRateResult withPpg(final double[] p) {
		if (p.length != ppg.length) throw new IllegalArgumentException("a PPG of " + p.length + " frames for " + ppg
			.length);
		return new HeartRateResult(video, fps, p, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			respBpm, detectedBeats, warnings);
	}

	/** The same result with these beats. */
	public HeartRateResult withBeats(final BeatDetector.Beats beats) {
		return new HeartRateResult(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			respBpm, beats, warnings);
	}

	/** The same result with these warnings ({@link VideoWarnings} names). */
	public HeartRateResult withWarnings(final List<String> w) {
		return new HeartRateResult(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			respBpm, detectedBeats, w);
	}

	/**
	 * The beats: those detected by the pipeline (on the detrended PPG before its heart-rate band-pass),
	 * else detected now on {@link #ppg()}.
	 */
	public BeatDetector.Beats beats() {
		if (detectedBeats != null) return detectedBeats;
		for (final double v : ppg)
			if (!Double.isFinite(v)) return BeatDetector.detect(new double[0], fps, Double.NaN, BpmBand.HEART);
		return BeatDetector.detect(ppg, fps, hrMedian, BpmBand.HEART);
	}

	public int frames() {
		return ppg.length;
	}

	public double time(final int frame) {
		return frame / fps;
	}

	/** Mean of the reported per-frame heart rate (bpm). */
	public double hrMean() {
		return Stats.mean(hr);
	}
}

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
 */
public record HeartRateResult(String video, double fps, double[] ppg, double[] hrInstant, double[] confidence,
	double[] hr, double hrMedian, double snrDb, String method, String model, List<InstantaneousHeartRate.Window> windows,
	double respBpm, BeatDetector.Beats detectedBeats)
{

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
	 * This result with no confidence in the frames {@code untrusted} marks (e.g. where no face was found
	 * for seconds, and the region showed whatever was there): their heart rate is the video's median,
	 * as the confidence blend gives for a confidence of 0. {@code untrusted} null: this result.
	 */
	public HeartRateResult withoutConfidence(final boolean[] untrusted) {
		if (untrusted == null) return this;
		final double[] c = confidence.clone(), h = hr.clone();
		for (int t = 0; t < Math.min(untrusted.length, c.length); t++)
			if (untrusted[t]) {
				c[t] = 0;
				h[t] = hrMedian;
			}
		return new HeartRateResult(video, fps, ppg, hrInstant, c, h, hrMedian, snrDb, method, model, windows, respBpm,
			detectedBeats);
	}

	/** The same result with this breathing rate. */
	public HeartRateResult withRespiration(final double breathsPerMinute) {
		return new HeartRateResult(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			breathsPerMinute, detectedBeats);
	}

	/** The same result with these beats. */
	public HeartRateResult withBeats(final BeatDetector.Beats beats) {
		return new HeartRateResult(video, fps, ppg, hrInstant, confidence, hr, hrMedian, snrDb, method, model, windows,
			respBpm, beats);
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

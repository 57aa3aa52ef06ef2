package org.pulsej.eval;

import java.nio.file.Path;
import java.util.Arrays;

import org.pulsej.util.PulseJException;
import org.pulsej.video.GroundTruth;

/**
 * What a contact sensor recorded alongside a video, on its own clock: sample times in seconds and,
 * per sample, the reference PPG, heart rate and breathing rate (NaN where unknown; an array of
 * NaNs when the format has no such signal). Datasets that time-stamp every video frame (PURE) also
 * give {@code frameTimeSeconds} on the same clock; otherwise frame t is at t / fps.
 *
 * @param format short name of the file format, for messages
 * @param file the file it was read from (null when made in memory)
 * @param timeSeconds strictly increasing sample times
 * @param ppg reference PPG per sample
 * @param hrBpm reference heart rate per sample
 * @param respBpm reference breathing rate per sample
 * @param frameTimeSeconds time of each video frame on the same clock, or null
 */
public record Reference(String format, Path file, double[] timeSeconds, double[] ppg, double[] hrBpm,
	double[] respBpm, double[] frameTimeSeconds)
{

	public Reference {
		final int n = timeSeconds.length;
		if (ppg.length != n || hrBpm.length != n || respBpm.length != n) throw new IllegalArgumentException(
			"reference arrays differ in length");
		final String where = file == null ? format : file.getFileName().toString();
		if (n == 0) throw new PulseJException(where + " holds no reference samples: no row of values was found.", "Give a ground-truth file with one row per sample covering the video (at least a heart-rate window).");
		if (n < 2) throw new PulseJException(where + " holds " + n + " reference sample.",
			"Give a ground-truth file covering the video (at least a heart-rate window).");
		for (int i = 0; i < n; i++) {
			if (!Double.isFinite(timeSeconds[i])) throw new PulseJException(where + ": sample " + (i + 1) +
				" has no valid time.", "Give a time (or frame number) for every sample.");
			if (i > 0 && !(timeSeconds[i] > timeSeconds[i - 1])) throw new PulseJException(String.format(
				java.util.Locale.ROOT, "%s: the time %s at sample %d (%.6g s after %.6g s).", where,
				timeSeconds[i] == timeSeconds[i - 1] ? "does not advance" : "goes backwards", i + 1, timeSeconds[i], timeSeconds[i -
					1]), "Give the samples in time order, one per time stamp.");
		}
		plausible(where, timeSeconds, hrBpm, "heart rate", "hr_bpm", MIN_HR_BPM, MAX_HR_BPM);
		plausible(where, timeSeconds, respBpm, "breathing rate", "resp_bpm", MIN_RESP_BPM, MAX_RESP_BPM);
		// PPG and heart-rate cells all empty or NaN (a sensor's export with no reading): it said to give a ppg or
		// hr_bpm column, which the file has
		if (!hasAny(ppg) && !hasAny(hrBpm)) throw new PulseJException(where + " has neither a reference PPG nor a " +
			"heart rate: every PPG and heart-rate value of its " + n + " samples is empty or NaN.", "Give the sensor's " +
				"readings in its ppg or hr_bpm column (a recording in which the sensor read nothing cannot be a " +
				"reference), or move this video out of the folder.");
		if (!hasAny(ppg) && !hasReading(hrBpm)) throw new PulseJException(where +
			" has neither a reference PPG nor a heart rate" + (hasAny(hrBpm) ? " (its heart rate is 0, a sensor's " +
				"'no reading', in every sample)" : "") + ".", "Give a ppg or hr_bpm column (or use the dataset's own file).");
		if (frameTimeSeconds != null) for (int i = 1; i < frameTimeSeconds.length; i++)
			if (!(frameTimeSeconds[i] > frameTimeSeconds[i - 1])) throw new PulseJException(where +
				": the frame time stamps are not increasing at frame " + (i + 1) + ".", "Check the dataset file.");
	}

	/**
	 * The video's frame rate as its frame time stamps give it (frames per second over the stamped span); 0
	 * without stamps, so that the video's own rate is used (a frame folder without one is refused by the reader,
	 * naming {@code fps=}).
	 */
	public double stampedFps() {
		final double[] t = frameTimeSeconds;
		return t == null || t.length < 2 ? 0 : (t.length - 1) / (t[t.length - 1] - t[0]);
	}

	/** Reference heart rates outside this range (bpm) are no person's: a unit mix-up (Hz, ms) or a broken file. */
	public static final double MIN_HR_BPM = 20, MAX_HR_BPM = 300;

	/** Reference breathing rates outside this range (breaths per minute) are refused alike. */
	public static final double MIN_RESP_BPM = 1, MAX_RESP_BPM = 120;

	/**
	 * Refuses a reference rate no person has: scored against it, every error would be meaningless (an
	 * hr_bpm of 1e6 gave an MAE of 999928 and trained a confidence model on it). Missing values (NaN) stay,
	 * and so does 0: what a pulse oximeter writes while it has no reading (a finger off the sensor), which
	 * refused the whole recording; {@link #withoutZeroReadings} leaves such samples out.
	 */
	private static void plausible(final String where, final double[] time, final double[] bpm, final String what,
		final String column, final double min, final double max)
	{
		for (int i = 0; i < bpm.length; i++) {
			final double v = bpm[i];
			if (Double.isNaN(v) || v == 0 || v >= min && v <= max) continue;
			throw new PulseJException(where + ": sample " + (i + 1) + " (at " + org.pulsej.util.Messages.num(time[i]) +
				" s) has a " + what + " of " + org.pulsej.util.Messages.num(v) + " per minute, which no person has.",
				"Give " + column + " in " + (column.startsWith("hr") ? "beats" : "breaths") + " per minute (" + org.pulsej
					.util.Messages.num(min) + "–" + org.pulsej.util.Messages.num(max) + "; a value in Hz times 60), and " +
					"leave the cells of unknown or failed readings empty.");
		}
	}

	/** The ground truth of a synthetic or PulseJ-CSV video (frame t at its time_s, or t / fps). */
	public static Reference of(final GroundTruth gt, final Path file) {
		return new Reference("PulseJ CSV", file, gt.timeSeconds(), gt.ppg(), gt.hrBpm(), gt.respirationBpm(), null);
	}

	public boolean hasPpg() {
		return hasAny(ppg);
	}

	public boolean hasHr() {
		return hasReading(hrBpm);
	}

	public boolean hasResp() {
		return hasReading(respBpm);
	}

	/**
	 * This reference with heart and breathing rates of 0 (a sensor's "no reading") as missing values,
	 * each kind counted in a note for the log; itself where there are none.
	 */
	public Reference withoutZeroReadings(final java.util.List<String> notes) {
		final int hr = zeros(hrBpm), resp = zeros(respBpm);
		if (hr == 0 && resp == 0) return this;
		if (hr > 0) notes.add(zeroNote(hr, "heart-rate", "hr_bpm"));
		if (resp > 0) notes.add(zeroNote(resp, "breathing-rate", "resp_bpm"));
		return new Reference(format, file, timeSeconds, ppg, zerosAsMissing(hrBpm), zerosAsMissing(respBpm),
			frameTimeSeconds);
	}

	private String zeroNote(final int count, final String what, final String column) {
		return count + " of the ground truth's " + timeSeconds.length + " " + what + " samples (" + column + ") are 0, " +
			"a sensor's 'no reading' (e.g. a finger off the oximeter); they are left out";
	}

	private static int zeros(final double[] x) {
		int n = 0;
		for (final double v : x)
			if (v == 0) n++;
		return n;
	}

	private static double[] zerosAsMissing(final double[] x) {
		final double[] out = x.clone();
		for (int i = 0; i < out.length; i++)
			if (out[i] == 0) out[i] = Double.NaN;
		return out;
	}

	/** Whether a rate array holds a reading: a value that is neither missing nor 0 ("no reading"). */
	static boolean hasReading(final double[] x) {
		for (final double v : x)
			if (!Double.isNaN(v) && v != 0) return true;
		return false;
	}

	public int samples() {
		return timeSeconds.length;
	}

	/** Median sample rate in Hz (1 / median interval). */
	public double sampleRate() {
		final double[] dt = new double[timeSeconds.length - 1];
		for (int i = 0; i < dt.length; i++)
			dt[i] = timeSeconds[i + 1] - timeSeconds[i];
		Arrays.sort(dt);
		final double m = dt.length % 2 == 1 ? dt[dt.length / 2] : 0.5 * (dt[dt.length / 2 - 1] + dt[dt.length / 2]);
		return 1 / m;
	}

	/** Whether the intervals between samples vary by more than 10 % of the median interval. */
	public boolean irregular() {
		final double median = 1 / sampleRate();
		for (int i = 1; i < timeSeconds.length; i++)
			if (Math.abs(timeSeconds[i] - timeSeconds[i - 1] - median) > 0.1 * median) return true;
		return false;
	}

	static boolean hasAny(final double[] x) {
		for (final double v : x)
			if (!Double.isNaN(v)) return true;
		return false;
	}

	static double[] nans(final int n) {
		final double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}
}

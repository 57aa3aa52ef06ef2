package org.pulsej.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.HeartRate;
import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.signal.PowerSpectrum;
import org.pulsej.signal.Stats;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The reference resampled to the frames of a video, for frames {@code [first, last]} that the
 * reference covers (NaN elsewhere), with the reference heart rate per frame.
 * <p>
 * <b>Fair comparison</b> (paper, Sec. 6): when the reference has a PPG, its heart rate is computed
 * from that PPG with exactly the steps of the estimate — the same detrending and band-pass, the
 * same sliding-window spectral peak and Hamming blending, the same band, window and step — so a
 * difference measures the PPG, not two ways of turning a PPG into a rate. The one step left out is the
 * estimate's path through the windows ({@link org.pulsej.pipeline.EstimateOptions#trackHeartRate()}): a
 * reference window's own peak is the contact sensor's clear pulse, and a sudden change of rate in it
 * should count against a path that follows the change late, not be smoothed away alike. Only without a
 * reference PPG (or when it covers less than one window) is the sensor's own heart rate used.
 * <p>
 * Resampling is linear at the frame times (t / fps, or the dataset's frame time stamps), over the
 * valid samples only, so another sampling rate, irregular time stamps and gaps are all handled
 * alike. Frames before the first or after the last reference sample are not evaluated.
 *
 * @param ppg reference PPG per frame (NaN outside the covered frames or when there is none)
 * @param hrBpm reference heart rate per frame (NaN outside the covered frames)
 * @param respBpm reference breathing rate (median over the covered frames), NaN when unknown
 * @param first first covered frame
 * @param last last covered frame (inclusive)
 * @param hrFromPpg whether {@code hrBpm} was computed from the reference PPG
 * @param notes what was done that the user should know (resampling, partial coverage)
 */
public record FrameReference(double[] ppg, double[] hrBpm, double respBpm, int first, int last, boolean hrFromPpg,
	List<String> notes)
{

	/** Number of covered frames. */
	public int covered() {
		return last - first + 1;
	}

	/** The reference heart rate of the video: median over the covered frames. */
	public double hrMedian() {
		return Stats.median(hrBpm);
	}

	/** A ground truth spanning this many times the video's length is read as milliseconds when /1000 fits. */
	static final double MILLISECONDS_RATIO = 20;

	/**
	 * How far a ground truth's time span may stray from the video's duration. A sensor may record a
	 * little before and after the video, or stop early, but a span 1.5 times the video plus 3 s or
	 * longer, or under half of it, is another time base: times ×5 read as seconds gave a 53 bpm
	 * reference for 72, a frame-numbered ground truth of another video's length covered only its
	 * first tenth, both with exit 0. The 3 s keep a short clip (10 s) with a few seconds of sensor
	 * lead-in and tail acceptable; half still lets a sensor that stopped early be scored on what it covers.
	 */
	static final double MAX_SPAN_RATIO = 1.5, MAX_SPAN_EXTRA_SECONDS = 3, MIN_SPAN_RATIO = 0.5;

	/**
	 * The ground truth's times must be on the video's time base (seconds): frames / fps long. Times
	 * that span about 1000 times the video (milliseconds written as time_s) are converted, with a note;
	 * any other span longer than {@link #MAX_SPAN_RATIO} times the video plus
	 * {@link #MAX_SPAN_EXTRA_SECONDS}, or shorter than {@link #MIN_SPAN_RATIO} of it, is refused, naming
	 * both spans. Dataset frame time stamps (PURE) place the frames on the ground truth's own clock, so
	 * they are not checked here.
	 */
	static Reference checkTimeBase(final Reference ref, final int frames, final double fps, final List<String> notes,
		final String src)
	{
		final double[] t = ref.timeSeconds();
		if (t.length < 2 || ref.frameTimeSeconds() != null) return ref;
		final double span = t[t.length - 1] - t[0], video = frames / fps;
		if (!(span > 0) || !(video > 0)) return ref;
		if (span > MILLISECONDS_RATIO * video && fits(span / 1000, video, fps)) {
			final double[] s = new double[t.length];
			for (int i = 0; i < t.length; i++)
				s[i] = t[i] / 1000;
			notes.add(String.format(Locale.ROOT, "the ground truth's times span %.0f, 1000 times the video's %.1f s " +
				"(%d frames at %s fps): read as milliseconds and converted to seconds", span, video, frames, Messages.num(fps)));
			return new Reference(ref.format(), ref.file(), s, ref.ppg(), ref.hrBpm(), ref.respBpm(), null);
		}
		if (fits(span, video, fps)) return ref;
		final String stray = strayEnd(t, video, fps);
		if (stray != null) throw new PulseJException("The ground truth " + src + " spans " + Messages.num(span) +
			" time units, but the video lasts " + String.format(Locale.ROOT, "%.1f s", video) + ": " + stray,
			"Correct the time (or frame number) of that sample, or remove its row.");
		final double ratio = span / video;
		throw new PulseJException(String.format(Locale.ROOT, "The ground truth %s spans %s time units, but the video " +
			"lasts %.1f s (%d frames at %s fps): %s. Its times are in another unit than seconds, the frame rate is " +
			"wrong, or it belongs to another video.", src, Messages.num(span), video, frames, Messages.num(fps),
			ratio > 1 ? String.format(Locale.ROOT, "%.1f times as long", ratio) : String.format(Locale.ROOT,
				"%.0f %% of it", 100 * ratio)), "Give the times in seconds (time_s) or frame numbers at the video's " +
					"frame rate, check the video's frame rate (fps=) and that the ground truth belongs to this video; if " +
					"the recording really differs in length, cut the ground truth or the video to the same span (" +
					String.format(Locale.ROOT, "from %.1f to %.1f s are accepted", MIN_SPAN_RATIO * video, MAX_SPAN_RATIO *
						video + MAX_SPAN_EXTRA_SECONDS) + ").");
	}

	/**
	 * A first or last sample far from its neighbour where the other samples fit the video (a frame number or
	 * time mistyped: 8990 for 899): which one and where, or null.
	 */
	static String strayEnd(final double[] t, final double video, final double fps) {
		final int n = t.length;
		if (n < 4) return null;
		final double usual = usualStep(t);
		if (!(usual > 0)) return null;
		final double last = t[n - 1] - t[n - 2], first = t[1] - t[0];
		if (last > STRAY_GAPS * usual && fits(t[n - 2] - t[0], video, fps)) return "its last sample (number " + n +
			") is at " + Messages.num(t[n - 1]) + ", " + Messages.num(last) + " after the one before, where the others " +
			"are " + Messages.num(usual) + " apart: a mistyped time or frame number?";
		if (first > STRAY_GAPS * usual && fits(t[n - 1] - t[1], video, fps)) return "its first sample is at " + Messages
			.num(t[0]) + ", " + Messages.num(first) + " before the next, where the others are " + Messages.num(usual) +
			" apart: a mistyped time or frame number?";
		return null;
	}

	/** How many usual sample steps an end sample's gap must exceed to count as stray ({@link #strayEnd}). */
	static final double STRAY_GAPS = 100;

	/** Whether a ground truth spanning {@code span} s can belong to a video of {@code video} s. */
	private static boolean fits(final double span, final double video, final double fps) {
		return span <= MAX_SPAN_RATIO * video + MAX_SPAN_EXTRA_SECONDS && span >= MIN_SPAN_RATIO * video - 1 / fps;
	}

	/**
	 * Aligns a reference to a video's frames.
	 *
	 * @param frames number of video frames
	 * @param fps video frame rate (frame t at t / fps unless the reference has frame time stamps)
	 * @param options band, window and step of the estimate (used for the reference heart rate too)
	 * @throws PulseJException when the reference and the video do not overlap, or the overlap gives
	 *           no heart rate
	 */
	public static FrameReference align(final Reference given, final int frames, final double fps,
		final EstimateOptions options)
	{
		final List<String> notes = new ArrayList<>();
		final String src = given.file() == null ? given.format() : given.file().getFileName().toString();
		final Reference ref = checkTimeBase(given.withoutZeroReadings(notes), frames, fps, notes, src);
		final double[] ft = frameTimes(ref, frames, fps, notes, src);
		final double[] rt = ref.timeSeconds();
		final double tol = 0.5 / fps;
		int first = 0, last = frames - 1;
		while (first < frames && ft[first] < rt[0] - tol)
			first++;
		while (last >= 0 && ft[last] > rt[rt.length - 1] + tol)
			last--;
		// times of a clock (seconds since 1970, as sensor logs write them) were told only to start at time 0
		final boolean clock = first > last && rt[0] > 1e8 && rt[0] < 4.2e9;
		if (first > last) throw new PulseJException(String.format(Locale.ROOT,
			"The ground truth %s (%.2f–%.2f s) does not overlap the video (%.2f–%.2f s).", src, rt[0], rt[rt.length - 1],
			ft[0], ft[frames - 1]) + (clock ? " Its times are clock times (seconds since 1970: it starts at " + java.time
				.Instant.ofEpochMilli(Math.round(rt[0] * 1000)).toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$",
					"") + " UTC), not seconds from the start of the video." : ""), clock ? "Subtract the time of the " +
						"video's first frame from every time_s (if the sensor started with the video, its first time, " +
						String.format(Locale.ROOT, "%.3f", rt[0]) + "), or give frame numbers in a frame column." : "Check " +
							"that the ground truth belongs to this video and starts at time 0.");
		if (first > 0 || last < frames - 1) notes.add(String.format(Locale.ROOT,
			"the ground truth covers only frames %d–%d of %d (%.1f of %.1f s); only those are evaluated", first, last,
			frames, (last - first + 1) / fps, frames / fps));
		final double rate = ref.sampleRate();
		if (ref.irregular()) notes.add(String.format(Locale.ROOT,
			"the ground truth has irregular time stamps (median %s Hz); resampled linearly to the %s fps frames",
			Messages.num(rate), Messages.num(fps)));
		else if (Math.abs(rate - fps) > 0.01 * fps) notes.add(String.format(Locale.ROOT,
			"the ground truth is sampled at %s Hz; resampled linearly to the %s fps frames", Messages.num(rate), Messages.num(fps)));

		// a PPG of one value over the video (a sensor that recorded nothing, a column of zeros) holds no pulse: its
		// heart rate was NaN, and the video refused as "less than one window, and has no heart-rate column"
		final double[] sensor = resample(rt, ref.ppg(), ft, first, last, tol);
		final double flat = constant(sensor);
		if (!Double.isNaN(flat)) notes.add("the ground truth PPG is " + Messages.num(flat) + " in every sample over " +
			"the video (a sensor that recorded no pulse), so it is left out" + (ref.hasHr() ? " and the heart-rate " +
				"column is the reference" : ""));
		final double[] ppg = Double.isNaN(flat) ? sensor : nans(frames);
		final boolean[] gap = Double.isNaN(flat) ? gapFrames(rt, ref.ppg(), ft, first, last) : new boolean[frames];
		if (!Double.isNaN(flat) && !ref.hasHr()) throw new PulseJException(src + " has no heart-rate column, and its " +
			"PPG is " + Messages.num(flat) + " in every sample over the video: the sensor recorded no pulse.", "Check " +
				"the sensor's recording (the ppg column), or give a heart-rate column (hr_bpm).");
		final int need = options.minimumFrames(fps);
		double[] hr = null;
		boolean fromPpg = false;
		if (Reference.hasAny(ppg) && last - first + 1 >= need) {
			final double[] seg = Arrays.copyOfRange(ppg, first, last + 1);
			fillEnds(seg);
			final double[] clean = HeartRatePipeline.clean(seg, fps, options.band());
			final List<InstantaneousHeartRate.Window> windows = InstantaneousHeartRate.windows(clean, fps, options
				.windowSeconds(), options.stepSeconds(), options.band());
			final double[] inst = InstantaneousHeartRate.perFrame(withoutGaps(windows, gap, first), clean.length);
			final int gapFrames = count(gap);
			if (gapFrames > 0) {
				int dropped = 0;
				for (int t = 0; t < inst.length; t++)
					if (Double.isNaN(inst[t])) dropped++;
				notes.add(String.format(Locale.ROOT, "the ground truth PPG is missing or stuck at one value at %s (%s), " +
					"a gap without a pulse: %s; beats and PPG shape (MCC) are scored on the longest stretch without a gap",
					gapSpans(gap, ft), Messages.count(gapFrames, "frame"), dropped == 0 ? "no heart-rate window is more " +
						"than a quarter gap, so every frame is evaluated" : Messages.count(dropped, "frame") + " whose " +
							"heart-rate windows are each more than a quarter gap are not evaluated"));
				for (int t = first; t <= last; t++)
					if (gap[t]) ppg[t] = Double.NaN;
			}
			if (Reference.hasAny(inst)) {
				hr = nans(frames);
				System.arraycopy(inst, 0, hr, first, inst.length);
				fromPpg = true;
			}
			else if (!ref.hasHr()) throw new PulseJException(String.format(Locale.ROOT, "The PPG of the ground truth %s " +
				"is missing or stuck at one value at %s, so no %s s heart-rate window of the video has a pulse to " +
				"compare with, and it has no heart-rate column.", src, gapSpans(gap, ft), Messages.num(options
					.windowSeconds())), "Check the sensor's recording (the ppg column), give a heart-rate column " +
						"(hr_bpm), or leave this video out.");
			else {
				hr = resample(rt, ref.hrBpm(), ft, first, last, tol);
				notes.add("no heart-rate window of the ground truth PPG is at least three quarters covered, so its " +
					"heart-rate column is the reference");
			}
		}
		else if (ref.hasHr()) {
			hr = resample(rt, ref.hrBpm(), ft, first, last, tol);
			if (Reference.hasAny(ppg)) notes.add("the ground truth PPG covers less than one " + Messages.num(options
				.windowSeconds()) + " s window, so its heart-rate column is the reference");
		}
		if (hr == null || !Reference.hasAny(hr)) throw new PulseJException(String.format(Locale.ROOT,
			"The ground truth %s covers %.1f s of the video, less than one %s s heart-rate window, and has no " +
				"heart-rate column.", src, (last - first + 1) / fps, Messages.num(options.windowSeconds())),
			"Give ground truth covering at least one window, or a heart-rate column (hr_bpm).");
		final String outside = outsideBand(ref.hasHr() ? resample(rt, ref.hrBpm(), ft, first, last, tol) : null,
			fromPpg ? ppg : null, first, last, fps, options.band());
		if (outside != null) notes.add(outside);
		final double resp = ref.hasResp() ? Stats.median(resample(rt, ref.respBpm(), ft, first, last, tol))
			: Double.NaN;
		return new FrameReference(ppg, hr, resp, first, last, fromPpg, List.copyOf(notes));
	}

	/**
	 * A warning when the pulse of the ground truth lies outside the band (min_bpm–max_bpm), else null. The
	 * reference read from its PPG within the band then takes a harmonic or the band's edge, and the scores
	 * compare two wrong rates: a 35 bpm recording scored POS's 105 bpm against a reference of 105 as near
	 * perfect. Told by the sensor's own heart rate where there is one, else by the PPG's strongest rhythm
	 * between 25 and 300 bpm when it holds twice the power of the band's peak (breathing, mostly below 25,
	 * is not taken for it).
	 *
	 * @param sensorHr the ground truth's heart-rate column per frame, or null
	 * @param ppg the ground truth's PPG per frame (NaN where missing), or null
	 */
	static String outsideBand(final double[] sensorHr, final double[] ppg, final int first, final int last,
		final double fps, final BpmBand band)
	{
		double rate = Double.NaN;
		String by = null;
		if (sensorHr != null && Reference.hasAny(sensorHr)) {
			rate = Stats.median(sensorHr);
			by = "its heart-rate column gives a median of";
		}
		else if (ppg != null) {
			final double[] seg = Arrays.copyOfRange(ppg, first, last + 1);
			fillEnds(seg);
			boolean finite = seg.length >= 2;
			for (final double v : seg)
				finite &= Double.isFinite(v);
			final double nyquistBpm = 30 * fps;
			if (finite && nyquistBpm > 60) try {
				final BpmBand wide = new BpmBand(25, Math.min(300, 0.9 * nyquistBpm));
				// band-pass alone: the detrending of the estimate halves a pulse of 35 bpm
				final double[] clean = org.pulsej.signal.BandPass.filter(seg, fps, wide.minHz(), wide.maxHz());
				final PowerSpectrum sp = PowerSpectrum.of(clean, 0, clean.length, fps, HeartRate.DEFAULT_PAD_FACTOR);
				final int all = HeartRate.peakBin(sp, wide), in = HeartRate.peakBin(sp, band);
				final double peak = all < 0 ? Double.NaN : sp.frequencyHz()[all] * 60;
				if (all >= 0 && !band.contains(peak) && (in < 0 || sp.power(all) > 2 * sp.power(in))) {
					rate = peak;
					by = "its PPG's strongest rhythm is at";
				}
			}
			catch (final RuntimeException e) {
				// a check that only warns never fails the evaluation (a segment too short for the filter)
			}
		}
		if (Double.isNaN(rate) || band.contains(rate)) return null;
		final boolean low = rate < band.minBpm();
		return String.format(Locale.ROOT, "warning — the ground truth's pulse lies outside the heart-rate band %s: %s " +
			"%.0f bpm. Neither the estimate nor the reference read from the PPG can follow it there, so this video's " +
			"scores compare rates that are both wrong; give %s (e.g. %s=%.0f) to score it", band, by, rate, low ?
				"a lower min_bpm" : "a higher max_bpm", low ? "min_bpm" : "max_bpm", low ? Math.max(1, Math.floor(rate /
					5) * 5 - 5) : Math.ceil(rate / 5) * 5 + 5);
	}

	private static double[] frameTimes(final Reference ref, final int frames, final double fps,
		final List<String> notes, final String src)
	{
		final double[] ft = new double[frames];
		final double[] stamps = ref.frameTimeSeconds();
		if (stamps == null) {
			for (int t = 0; t < frames; t++)
				ft[t] = t / fps;
			return ft;
		}
		// The stamps belong to the frames by their order: with frames missing from (or added to) the folder,
		// every frame after the first gap would take another frame's time, the reference shifted by the gap.
		if (stamps.length != frames) throw new PulseJException(String.format(Locale.ROOT,
			"%s gives the time stamps of %d frames, but the video has %d: frames are %s the frame folder, so which " +
				"stamp belongs to which frame cannot be told and the reference would be shifted against the video.", src,
			stamps.length, frames, stamps.length > frames ? "missing from" : "added to"),
			"Copy the frame folder again with exactly the frames its session file lists (PURE: one Image*.png per " +
				"/Image record), or leave this recording out.");
		System.arraycopy(stamps, 0, ft, 0, frames);
		return ft;
	}

	/**
	 * Linear interpolation of the valid (non-NaN) samples of {@code y} at the times {@code at[first..last]}
	 * (held constant up to {@code tol} beyond the ends); NaN elsewhere.
	 */
	static double[] resample(final double[] t, final double[] y, final double[] at, final int first, final int last,
		final double tol)
	{
		final double[] out = nans(at.length);
		int m = 0;
		final double[] vt = new double[t.length], vy = new double[t.length];
		for (int i = 0; i < t.length; i++)
			if (!Double.isNaN(y[i])) {
				vt[m] = t[i];
				vy[m++] = y[i];
			}
		if (m == 0) return out;
		int j = 0;
		for (int k = first; k <= last; k++) {
			final double x = at[k];
			if (x < vt[0] - tol || x > vt[m - 1] + tol) continue;
			while (j + 1 < m && vt[j + 1] <= x)
				j++;
			if (x <= vt[0]) out[k] = vy[0];
			else if (j + 1 >= m) out[k] = vy[m - 1];
			else out[k] = vy[j] + (vy[j + 1] - vy[j]) * (x - vt[j]) / (vt[j + 1] - vt[j]);
		}
		return out;
	}

	/**
	 * A stretch of the reference PPG longer than this with no valid sample is a gap (a sensor that lost
	 * contact), not a dropped sample: over a beat at 60 bpm, so a straight line bridging it takes a beat.
	 */
	static final double GAP_SECONDS = 1;

	/** Largest share of a heart-rate window that may be gap for the window to give a reference rate. */
	static final double MAX_GAP_SHARE = 0.25;

	/**
	 * Frames of {@code [first, last]} that lie in a gap of the reference PPG: between two valid samples
	 * more than {@link #GAP_SECONDS} (or three usual sample steps, for a slowly sampled reference) apart,
	 * or that far before the first or after the last valid sample. Samples of one value repeated over
	 * more than that are no valid samples.
	 */
	static boolean[] gapFrames(final double[] t, final double[] y, final double[] at, final int first, final int last) {
		final boolean[] gap = new boolean[at.length];
		final double[] sampled = java.util.stream.IntStream.range(0, t.length).filter(i -> !Double.isNaN(y[i]))
			.mapToDouble(i -> t[i]).toArray();
		if (sampled.length < 2) return gap;
		final double limit = Math.max(GAP_SECONDS, 3 * usualStep(sampled));
		// a sensor without contact may also write one value over and over (0, or its ceiling when saturated)
		final boolean[] stuck = new boolean[t.length];
		for (int i = 0; i < t.length; i++) {
			if (Double.isNaN(y[i])) continue;
			int j = i;
			while (j + 1 < t.length && y[j + 1] == y[i])
				j++;
			if (t[j] - t[i] > limit) Arrays.fill(stuck, i, j + 1, true);
			i = j;
		}
		int m = 0;
		final double[] valid = new double[t.length];
		for (int i = 0; i < t.length; i++)
			if (!Double.isNaN(y[i]) && !stuck[i]) valid[m++] = t[i];
		if (m == 0) {
			Arrays.fill(gap, first, last + 1, true);
			return gap;
		}
		final double[] vt = Arrays.copyOf(valid, m);
		int j = 0;
		for (int k = first; k <= last; k++) {
			final double x = at[k];
			while (j < vt.length && vt[j] <= x)
				j++;
			// vt[j - 1] ≤ x < vt[j]: the valid samples around the frame
			final double before = j > 0 ? vt[j - 1] : Double.NEGATIVE_INFINITY, after = j < vt.length ? vt[j]
				: Double.POSITIVE_INFINITY;
			// a frame at a valid sample is not in the gap that follows it
			gap[k] = x > before && (j > 0 && j < vt.length ? after - before > limit : j == 0 ? after - x > limit / 2
				: x - before > limit / 2);
		}
		return gap;
	}

	/** The median step between successive times (at least 2). */
	private static double usualStep(final double[] t) {
		final double[] steps = new double[t.length - 1];
		for (int i = 1; i < t.length; i++)
			steps[i - 1] = t[i] - t[i - 1];
		return Stats.median(steps);
	}

	/** The windows (frames from {@code offset} on) with those more than {@link #MAX_GAP_SHARE} gap left out. */
	private static List<InstantaneousHeartRate.Window> withoutGaps(final List<InstantaneousHeartRate.Window> windows,
		final boolean[] gap, final int offset)
	{
		final List<InstantaneousHeartRate.Window> out = new ArrayList<>(windows.size());
		for (final InstantaneousHeartRate.Window w : windows) {
			int in = 0;
			for (int t = w.from(); t < w.to(); t++)
				if (gap[offset + t]) in++;
			out.add(in > MAX_GAP_SHARE * (w.to() - w.from()) ? new InstantaneousHeartRate.Window(w.from(), w.to(),
				Double.NaN) : w);
		}
		return out;
	}

	private static int count(final boolean[] b) {
		int n = 0;
		for (final boolean v : b)
			if (v) n++;
		return n;
	}

	/** The gaps as "10.0–22.0 s" or "4.1 s in 2 stretches: 3.0–5.0 s, 20.0–22.1 s". */
	private static String gapSpans(final boolean[] gap, final double[] ft) {
		final List<String> spans = new ArrayList<>();
		double total = 0;
		for (int t = 0; t < gap.length; t++) {
			if (!gap[t]) continue;
			final int a = t;
			while (t + 1 < gap.length && gap[t + 1])
				t++;
			final double from = ft[a], to = t + 1 < ft.length ? ft[t + 1] : ft[t] + (ft[t] - ft[Math.max(0, t - 1)]);
			total += to - from;
			spans.add(String.format(Locale.ROOT, "%.1f–%.1f s", from, to));
		}
		return spans.size() == 1 ? spans.get(0) : String.format(Locale.ROOT, "%.1f s in %d stretches: %s", total, spans
			.size(), String.join(", ", spans.subList(0, Math.min(5, spans.size()))) + (spans.size() > 5 ? ", …" : ""));
	}

	/** Replaces NaN at the ends (valid samples starting late or ending early) by the nearest value. */
	private static void fillEnds(final double[] x) {
		int a = 0, b = x.length - 1;
		while (a < x.length && Double.isNaN(x[a]))
			a++;
		while (b >= 0 && Double.isNaN(x[b]))
			b--;
		for (int i = 0; i < a; i++)
			x[i] = x[a];
		for (int i = b + 1; i < x.length; i++)
			x[i] = x[b];
	}

	/** The one value all valid samples of {@code x} share, when there are two or more; else NaN. */
	static double constant(final double[] x) {
		double v = Double.NaN;
		int n = 0;
		for (final double y : x) {
			if (Double.isNaN(y)) continue;
			if (n++ > 0 && y != v) return Double.NaN;
			v = y;
		}
		return n >= 2 ? v : Double.NaN;
	}

	static double[] nans(final int n) {
		return Reference.nans(n);
	}
}

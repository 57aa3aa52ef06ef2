package org.pulsej.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Beats of a PPG: the time of each systolic peak, with sub-frame precision, and which inter-beat
 * intervals (IBIs) can be trusted.
 * <p>
 * Steps:
 * <ol>
 * <li>Band-limit (zero-phase {@link BandPass}) from the band's lowest rate up to
 * {@link #TIMING_HARMONICS} times the measured heart rate (at least the band's highest rate, at most
 * 0.8 of half the frame rate): drift and sensor noise far above the pulse make no peaks, while the
 * pulse keeps the harmonics that shape its systolic peak. Cutting at the heart-rate band's 3 Hz
 * instead moves the peak by 17 ms at 72 bpm and 33 ms at 120 bpm (towards the fundamental's crest);
 * with four harmonics it stays within 3 ms from 50 to 150 bpm (BeatDetectorTest). Give the detector the
 * detrended PPG, not one already band-passed to the heart-rate band.</li>
 * <li>Peaks: local maxima, taken from the highest down, none closer to an accepted one than the
 * refractory period, {@link #REFRACTORY_FRACTION} of the beat period of the measured heart rate
 * (the spectral rate of the PPG when none is given).</li>
 * <li>Timing: a parabola through the peak sample and its two neighbours; its vertex is the beat time
 * (at 30 fps a frame is 33 ms; the vertex of a smooth, band-limited peak is within a few ms).</li>
 * <li>Beat checks: the beat's rise (peak minus the trough before it) must be at least
 * {@link #MIN_AMPLITUDE} of the median rise ({@link Reason#LOW_AMPLITUDE}), and its waveform (one
 * period around the peak) must correlate with the median beat at r ≥ {@link #MIN_SHAPE_CORRELATION}
 * ({@link Reason#SHAPE}). Where fewer than half of the {@link #GATE_BEATS} beats around a beat pass these
 * checks, no pulse is there at all and every beat of that stretch is {@link Reason#NO_PULSE}: noise
 * has peaks too, but they do not look alike.</li>
 * <li>Interval checks: an IBI is valid when both its beats passed, it lies inside the heart-rate band
 * ({@link Reason#OUT_OF_BAND}) and differs from the median of the valid-looking IBIs around it by
 * at most {@link #MAX_IBI_CHANGE} ({@link Reason#IRREGULAR}: a missed or an extra beat).</li>
 * </ol>
 * The beat's {@code valid} flag is that of the interval ending at it; the first beat has no interval
 * ({@link Reason#FIRST}).
 */
public final class BeatDetector {

	/** Harmonics of the heart rate kept for timing the peaks. */
	public static final double TIMING_HARMONICS = 4;
	/** How far, as a fraction of the band's edge rates, a single interval may lie outside the heart-rate band. */
	public static final double IBI_BAND_MARGIN = 0.25;

	/** Refractory period as a fraction of the beat period at the measured heart rate. */
	public static final double REFRACTORY_FRACTION = 0.55;
	/** Smallest rise of a beat, as a fraction of the median rise. */
	public static final double MIN_AMPLITUDE = 0.3;
	/** Smallest correlation of a beat's waveform with the median beat. */
	public static final double MIN_SHAPE_CORRELATION = 0.8;
	/** Largest relative difference of an IBI from the local median IBI. */
	public static final double MAX_IBI_CHANGE = 0.3;
	/** Number of beats around a beat that decide whether a pulse is present there. */
	public static final int GATE_BEATS = 11;
	/** Number of intervals around an interval whose median it is compared with. */
	static final int LOCAL_INTERVALS = 9;

	/** Why a beat's interval is not valid. */
	public enum Reason {
		VALID("valid"), FIRST("first beat, no interval"), NO_PULSE("no pulse (beats around it unlike each other)"),
		LOW_AMPLITUDE("amplitude too low"), SHAPE("waveform unlike the median beat"),
		OUT_OF_BAND("interval outside the heart-rate band"), IRREGULAR("interval far from the local median (missed or extra beat)");

		public final String text;

		Reason(final String text) {
			this.text = text;
		}
	}

	/**
	 * Beats of one PPG.
	 *
	 * @param timeSeconds time of each beat (frame 0 at 0 s)
	 * @param ibiMs interval from the previous beat, ms (NaN for the first)
	 * @param reason why each beat's interval is or is not valid
	 * @param durationSeconds length of the PPG
	 * @param hrBpm the heart rate that set the refractory period (NaN when the PPG has none)
	 * @param amplitude rise of each beat (peak minus the trough before it), PPG units
	 */
	public record Beats(double[] timeSeconds, double[] ibiMs, Reason[] reason, double durationSeconds, double hrBpm,
		double[] amplitude)
	{

		public int count() {
			return timeSeconds.length;
		}

		public boolean valid(final int k) {
			return reason[k] == Reason.VALID;
		}

		/** Number of intervals (beats after the first). */
		public int intervals() {
			return Math.max(0, count() - 1);
		}

		public int validIntervals() {
			int n = 0;
			for (final Reason r : reason)
				if (r == Reason.VALID) n++;
			return n;
		}

		/** Share of the intervals that are valid, 0..1 (0 without intervals). */
		public double quality() {
			return intervals() == 0 ? 0 : (double) validIntervals() / intervals();
		}

		/** How many intervals were rejected for each reason (the first beat not counted). */
		public Map<Reason, Integer> rejected() {
			final Map<Reason, Integer> m = new EnumMap<>(Reason.class);
			for (final Reason r : reason)
				if (r != Reason.VALID && r != Reason.FIRST) m.merge(r, 1, Integer::sum);
			return m;
		}

		/** e.g. {@code 3 rejected: 2 amplitude too low, 1 interval outside ...}; "" when none. */
		public String rejectionSummary() {
			final Map<Reason, Integer> m = rejected();
			if (m.isEmpty()) return "";
			final List<String> parts = new ArrayList<>();
			int n = 0;
			for (final Map.Entry<Reason, Integer> e : m.entrySet()) {
				parts.add(e.getValue() + " " + e.getKey().text);
				n += e.getValue();
			}
			return n + " rejected: " + String.join(", ", parts);
		}

		/** The beats with a time in [from, to). */
		public Beats between(final double from, final double to) {
			int a = 0;
			while (a < count() && timeSeconds[a] < from)
				a++;
			int b = a;
			while (b < count() && timeSeconds[b] < to)
				b++;
			final Reason[] r = Arrays.copyOfRange(reason, a, b);
			return new Beats(Arrays.copyOfRange(timeSeconds, a, b), Arrays.copyOfRange(ibiMs, a, b), r, to - from, hrBpm,
				Arrays.copyOfRange(amplitude, a, b));
		}
	}

	private BeatDetector() {}

	/**
	 * @param ppg pulse signal, one value per frame (not modified)
	 * @param fps frame rate
	 * @param hrBpm the measured heart rate (e.g. the per-video median); NaN or outside the band: the
	 *          PPG's spectral peak
	 * @param band plausible heart rates
	 */
	public static Beats detect(final double[] ppg, final double fps, final double hrBpm, final BpmBand band) {
		Checks.notNull(band, "heart-rate band");
		Checks.finite(ppg, "pulse signal");
		Checks.fps(fps);
		final double duration = ppg.length / fps;
		final int n = ppg.length;
		if (n < 8) return none(duration);
		double hr = hrBpm;
		if (!band.contains(hr)) hr = HeartRate.fromPpg(ppg, fps, band);
		if (Double.isNaN(hr)) return none(duration);
		final double[] x = BandPass.filter(ppg, fps, band.minHz(), timingHighHz(hr, fps, band));
		final double period = 60 * fps / hr; // frames
		final int[] peaks = peaks(x, Math.max(1, (int) Math.floor(REFRACTORY_FRACTION * period)));
		final int m = peaks.length;
		if (m == 0) return none(duration, hr);
		final double[] t = new double[m];
		for (int k = 0; k < m; k++)
			t[k] = (peaks[k] + vertex(x, peaks[k])) / fps;

		// beat checks: rise and shape
		final double[] rise = new double[m];
		int prev = 0;
		for (int k = 0; k < m; k++) {
			final int from = k == 0 ? Math.max(0, peaks[k] - (int) Math.round(period)) : peaks[k - 1];
			double low = x[peaks[k]];
			for (int i = Math.max(from, prev); i <= peaks[k]; i++)
				low = Math.min(low, x[i]);
			rise[k] = x[peaks[k]] - low;
			prev = peaks[k];
		}
		final double medianRise = Stats.median(rise);
		final double[] shape = shapeCorrelation(x, peaks, period);
		final Reason[] beat = new Reason[m];
		for (int k = 0; k < m; k++)
			beat[k] = rise[k] < MIN_AMPLITUDE * medianRise ? Reason.LOW_AMPLITUDE : shape[k] < MIN_SHAPE_CORRELATION
				? Reason.SHAPE : Reason.VALID;
		// a pulse is present where most beats around look alike
		final boolean[] pulse = new boolean[m];
		for (int k = 0; k < m; k++) {
			final int a = Math.max(0, k - GATE_BEATS / 2), b = Math.min(m, a + GATE_BEATS), a2 = Math.max(0, b - GATE_BEATS);
			int ok = 0;
			for (int j = a2; j < b; j++)
				if (beat[j] == Reason.VALID) ok++;
			pulse[k] = 2 * ok >= b - a2 + 1 || b - a2 < 3 && ok == b - a2;
		}

		// intervals
		final double[] ibi = new double[m];
		ibi[0] = Double.NaN;
		for (int k = 1; k < m; k++)
			ibi[k] = 1000 * (t[k] - t[k - 1]);
		// the band bounds the rate read over 10 s windows, not each beat: a heart at 40 bpm beats every 1.5 s on average,
		// half of its intervals longer (they were all rejected, and SDNN/RMSSD came from the shorter half alone)
		final double minMs = 60000 / (band.maxBpm() * (1 + IBI_BAND_MARGIN)), maxMs = 60000 / (band.minBpm() * (1 - IBI_BAND_MARGIN));
		final Reason[] reason = new Reason[m];
		reason[0] = Reason.FIRST;
		final boolean[] candidate = new boolean[m];
		for (int k = 1; k < m; k++) {
			if (!pulse[k] || !pulse[k - 1]) reason[k] = Reason.NO_PULSE;
			else if (beat[k] != Reason.VALID) reason[k] = beat[k];
			else if (beat[k - 1] != Reason.VALID) reason[k] = beat[k - 1];
			else if (ibi[k] < minMs || ibi[k] > maxMs) reason[k] = Reason.OUT_OF_BAND;
			else reason[k] = Reason.VALID;
			candidate[k] = reason[k] == Reason.VALID;
		}
		for (int k = 1; k < m; k++) {
			if (!candidate[k]) continue;
			final double local = localMedian(ibi, candidate, k);
			if (Math.abs(ibi[k] - local) > MAX_IBI_CHANGE * local) reason[k] = Reason.IRREGULAR;
		}
		return new Beats(t, ibi, reason, duration, hr, rise);
	}

	/** Upper edge of the band-limiting, Hz. */
	static double timingHighHz(final double hrBpm, final double fps, final BpmBand band) {
		return Math.min(0.49 * fps, Math.max(band.maxHz(), Math.min(0.4 * fps, TIMING_HARMONICS * hrBpm / 60)));
	}

	private static Beats none(final double duration) {
		return none(duration, Double.NaN);
	}

	private static Beats none(final double duration, final double hr) {
		return new Beats(new double[0], new double[0], new Reason[0], duration, hr, new double[0]);
	}

	/** Local maxima, highest first, none within {@code refractory} frames of a higher one; in time order. */
	static int[] peaks(final double[] x, final int refractory) {
		final List<Integer> cand = new ArrayList<>();
		for (int i = 1; i + 1 < x.length; i++)
			if (x[i] > x[i - 1] && x[i] >= x[i + 1]) cand.add(i);
		cand.sort((a, b) -> Double.compare(x[b], x[a]));
		final boolean[] blocked = new boolean[x.length];
		final List<Integer> out = new ArrayList<>();
		for (final int i : cand) {
			if (blocked[i]) continue;
			out.add(i);
			for (int j = Math.max(0, i - refractory + 1); j < Math.min(x.length, i + refractory); j++)
				blocked[j] = true;
		}
		return out.stream().mapToInt(Integer::intValue).sorted().toArray();
	}

	/** Offset of the parabola's vertex through samples i−1, i, i+1, in frames (within ±½). */
	static double vertex(final double[] x, final int i) {
		if (i < 1 || i + 1 >= x.length) return 0;
		final double a = x[i - 1], b = x[i], c = x[i + 1];
		final double d = a - 2 * b + c;
		if (!(d < 0)) return 0;
		return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d));
	}

	/**
	 * Correlation of each beat's waveform (from 0.4 periods before to 0.6 after its peak) with the
	 * sample-wise median of all beats' waveforms. Beats too near an end get the correlation of their
	 * available part.
	 */
	static double[] shapeCorrelation(final double[] x, final int[] peaks, final double period) {
		final int before = (int) Math.round(0.4 * period), after = (int) Math.round(0.6 * period);
		final int len = before + after + 1, m = peaks.length;
		final double[][] seg = new double[m][len];
		for (int k = 0; k < m; k++)
			for (int j = 0; j < len; j++) {
				final int i = peaks[k] - before + j;
				seg[k][j] = i >= 0 && i < x.length ? x[i] : Double.NaN;
			}
		final double[] template = new double[len], col = new double[m];
		for (int j = 0; j < len; j++) {
			for (int k = 0; k < m; k++)
				col[k] = seg[k][j];
			template[j] = Stats.median(col);
		}
		final double[] r = new double[m];
		for (int k = 0; k < m; k++)
			r[k] = correlation(seg[k], template);
		return r;
	}

	/** Pearson correlation over the positions where both are finite; 0 with fewer than 3 such. */
	private static double correlation(final double[] a, final double[] b) {
		double sa = 0, sb = 0;
		int n = 0;
		for (int i = 0; i < a.length; i++)
			if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
				sa += a[i];
				sb += b[i];
				n++;
			}
		if (n < 3) return 0;
		final double ma = sa / n, mb = sb / n;
		double ab = 0, aa = 0, bb = 0;
		for (int i = 0; i < a.length; i++)
			if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
				ab += (a[i] - ma) * (b[i] - mb);
				aa += (a[i] - ma) * (a[i] - ma);
				bb += (b[i] - mb) * (b[i] - mb);
			}
		return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
	}

	/** Median of the candidate intervals among the {@link #LOCAL_INTERVALS} around k (k included). */
	private static double localMedian(final double[] ibi, final boolean[] candidate, final int k) {
		final double[] v = new double[LOCAL_INTERVALS];
		Arrays.fill(v, Double.NaN);
		int found = 0;
		for (int d = 0; found < LOCAL_INTERVALS && (k - d >= 1 || k + d < ibi.length); d++) {
			if (k - d >= 1 && candidate[k - d]) v[found++] = ibi[k - d];
			if (d > 0 && found < LOCAL_INTERVALS && k + d < ibi.length && candidate[k + d]) v[found++] = ibi[k + d];
		}
		return Stats.median(v);
	}

	/** For log messages: {@code 72 beats, 70 of 71 intervals valid (99 %)}. */
	public static String describe(final Beats b) {
		return String.format(Locale.ROOT, "%d beats, %d of %d intervals valid (%.0f %%)", b.count(), b.validIntervals(),
			b.intervals(), 100 * b.quality());
	}
}

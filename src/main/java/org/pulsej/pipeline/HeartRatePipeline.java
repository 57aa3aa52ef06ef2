package org.pulsej.pipeline;

import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.input.BackgroundLight;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.BandPass;
import org.pulsej.signal.BeatDetector;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.Detrend;
import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.signal.PulseAlignment;
import org.pulsej.signal.RespirationRate;
import org.pulsej.signal.RgbTrace;
import org.pulsej.signal.SignalQuality;
import org.pulsej.signal.Stats;
import org.pulsej.util.Messages;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Video → heart rate with a classical method, in the paper's order of steps: region colour means →
 * pulse signal (POS/CHROM/GREEN) → detrend and band-pass → instantaneous heart rate over sliding
 * windows → per-video median → confidence blend.
 */
public final class HeartRatePipeline {

	/**
	 * Above this a face video's frame rate is suspect (high-speed phone modes reach 240 fps): a video
	 * too short for one window at such a rate is named with its likely cause, the frame rate, rather
	 * than told to shorten the window (a 1000 fps TIFF of 12 s at 30 fps was).
	 */
	public static final double PLAUSIBLE_FPS = 240;

	/** Below this half frame rate (1.33 fps) no heart rate at rest can be seen: the frame rate is wrong. */
	static final double LOWEST_USABLE_NYQUIST_BPM = 40;

	private final EstimateOptions options;
	private final ConfidenceEstimator confidence;
	private java.util.function.Consumer<String> log = s -> {};
	/** What this pipeline's log warned of ({@link org.pulsej.results.VideoWarnings} names). */
	private final java.util.Set<String> warnings = new java.util.LinkedHashSet<>();

	/** Full trust in the instantaneous heart rate (see {@link ConfidenceEstimator#FULL}). */
	public HeartRatePipeline(final EstimateOptions options) {
		this(options, ConfidenceEstimator.FULL);
	}

	public HeartRatePipeline(final EstimateOptions options, final ConfidenceEstimator confidence) {
		this.options = options;
		this.confidence = confidence;
	}

	/** What this pipeline's log warned of so far ({@link org.pulsej.results.VideoWarnings} names). */
	java.util.Set<String> warnings() {
		return java.util.Collections.unmodifiableSet(warnings);
	}

	/** Where {@link #run} tells what it did to the colour signal (frames bridged); nowhere by default. */
	public HeartRatePipeline log(final java.util.function.Consumer<String> l) {
		log = l == null ? s -> {} : l;
		return this;
	}

	/** For {@link RoiMode#WHOLE} and {@link RoiMode#MANUAL}; face tracking needs a track, see below. */
	public HeartRateResult run(final Video video, final Progress progress) {
		if (options.roi().tracksFace()) throw new IllegalStateException("roi=" + options.roi().key() + " needs a face track");
		return run(video, null, progress);
	}

	/**
	 * @param face the face track when {@link EstimateOptions#roi()} follows the face ({@link RoiMode#tracksFace}), else null
	 */
	public HeartRateResult run(final Video video, final FaceTrack face, final Progress progress) {
		check(video);
		final Traced traced = measure(video, face, progress);
		// sampled here, not in measure: only a run that logs needs it (Evaluate and Batch call measure or trace)
		final String overexposed = traced.skin() == null ? null : overexposureWarning(video.name(), traced.skin()
			.overexposed(OVEREXPOSED_SAMPLES));
		if (overexposed != null) {
			log.accept(overexposed);
			warnings.add(org.pulsej.results.VideoWarnings.OVEREXPOSED);
		}
		if (traced.bridged() > 0) log.accept(String.format(java.util.Locale.ROOT, "PulseJ: %s — %d of %d frames " +
			"bridged in the colour signal (%s)", video.name(), traced.bridged(), video.frames(), traced.flags().reasons()));
		final RgbTrace trace = traced.trace();
		progress.status("Estimating heart rate of " + video.name() + " (" + options.method() + ")");
		return fromTrace(video.name(), trace, video.fps());
	}

	/**
	 * The region's mean colour per frame: the part that reads the frames (call {@link #check} first).
	 *
	 * @param face the face track when {@link EstimateOptions#roi()} follows the face ({@link RoiMode#tracksFace}), else null
	 */
	public RgbTrace trace(final Video video, final FaceTrack face, final Progress progress) {
		return measure(video, face, progress).trace();
	}

	/**
	 * The colour trace as {@link #trace} gives it, with the frames judged unreliable and how many of them
	 * were bridged (none for the fixed regions).
	 *
	 * @param face the face track when {@link EstimateOptions#roi()} follows the face, else null
	 */
	public Traced measure(final Video video, final FaceTrack face, final Progress progress) {
		progress.status("Reading colour signal of " + video.name());
		final RoiMode roi = options.roi();
		final BackgroundLight background = !options.removeBackgroundLight() ? null : face != null ? BackgroundLight.of(
			face, video.width(), video.height()) : roi == RoiMode.MANUAL ? BackgroundLight.around(Box.of(options
				.manualRoi()), video.width(), video.height()) : null;
		if (roi != RoiMode.TRACKED && roi != RoiMode.BOX) return new Traced(ColorTraces.means(video, region(video, face),
			background, progress), null, 0, null);
		final Box[] boxes;
		final RgbTrace raw;
		int[] pixels = null;
		final SkinRegion skin = roi == RoiMode.TRACKED ? SkinRegion.of(video, face) : null;
		if (skin != null) {
			boxes = skin.regions();
			final ColorTraces.Measured m = skin.measure(background, progress);
			raw = m.trace();
			pixels = m.pixels();
		}
		else {
			boxes = trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW, RoiMode.BOX_SCALE);
			raw = ColorTraces.means(video, t -> rectangle(boxes[t].clippedTo(video.width(), video.height())),
				background, progress);
		}
		final UnreliableFrames.Flags flags = UnreliableFrames.judge(face, boxes, video.width(), video.height(),
			RoiMode.TRACKED_HALF_WINDOW, pixels);
		final int maxRun = (int) Math.round(UnreliableFrames.MAX_BRIDGE_SECONDS * video.fps());
		return new Traced(UnreliableFrames.bridge(raw.withMotion(positions(boxes)), flags.unreliable(), maxRun), flags,
			UnreliableFrames.bridged(flags.unreliable(), maxRun), skin);
	}

	/**
	 * Centre x, centre y and width of each frame's region, for {@link RgbTrace#withMotion}; null where a
	 * frame has none (the lamp is then fitted with one gain only).
	 */
	static double[][] positions(final Box[] boxes) {
		final double[][] p = new double[3][boxes.length];
		for (int t = 0; t < boxes.length; t++) {
			if (boxes[t] == null) return null;
			p[0][t] = boxes[t].x() + boxes[t].w() / 2;
			p[1][t] = boxes[t].y() + boxes[t].h() / 2;
			p[2][t] = boxes[t].w();
			if (!Double.isFinite(p[0][t] + p[1][t] + p[2][t])) return null;
		}
		return p;
	}

	/**
	 * A colour trace, the frames judged unreliable (null for a fixed region), how many of them were
	 * bridged, and the skin region it was measured in (null without one).
	 */
	public record Traced(RgbTrace trace, UnreliableFrames.Flags flags, int bridged, SkinRegion skin) {}

	/** Frames sampled for the share of the face that is overexposed. */
	static final int OVEREXPOSED_SAMPLES = 30;
	/**
	 * How much the overexposed share of the face may change over the video (from its 10th to its 90th
	 * percentile over the sampled frames) before the log warns. Clipping that comes and goes with the
	 * head's turn is what made POS read motion before overexposed pixels were left out; on the generated
	 * videos that did, it changed by 0.21–0.28, on 27 others (lamps, light steps, motion) by at most 0.13.
	 */
	static final double OVEREXPOSED_CHANGE = 0.15;
	/**
	 * The overexposed share of the face (median over the sampled frames) from which the log warns even where it
	 * does not change: a face 82 % clipped (a generated one at 4.5 times its exposure) read 106 bpm for 72 with
	 * roi=tracked, 72.4 with roi=box; at 35 % it read 72.0.
	 */
	static final double OVEREXPOSED_MOST = 0.5;

	/**
	 * A warning when the overexposed share of the face ({@code shares}, per sampled frame; null: not measured)
	 * changes much over the video, else null.
	 */
	static String overexposureWarning(final String name, final double[] shares) {
		if (shares == null || shares.length < 3) return null;
		final double[] s = shares.clone();
		java.util.Arrays.sort(s);
		final double lo = s[(int) (0.1 * (s.length - 1))], hi = s[(int) Math.ceil(0.9 * (s.length - 1))];
		final double median = s[(s.length - 1) / 2];
		if (hi - lo < OVEREXPOSED_CHANGE && median >= OVEREXPOSED_MOST) return String.format(java.util.Locale.ROOT,
			"PulseJ: %s — warning: %.0f %% of the face is overexposed (a colour channel at %d or more) throughout the " +
			"video. Those pixels are left out, and the pulse is read from the few left, which may give a wrong rate. " +
			"Lower the camera's exposure or the light on the face; for this video, compare with roi=box (every pixel " +
			"of the face's box, clipped or not) or method=PhysNet.", name, 100 * median, org.pulsej.face.SkinModel.CLIPPED);
		if (hi - lo < OVEREXPOSED_CHANGE) return null;
		return String.format(java.util.Locale.ROOT, "PulseJ: %s — warning: %.0f to %.0f %% of the face is overexposed " +
			"(a colour channel at %d or more) as the video goes on, as when the head turns toward a bright light. " +
			"Those pixels are left out and the pulse is read from the rest of the skin, which may make it weaker. " +
			"Lower the camera's exposure or the light on the face.", name, 100 * lo, 100 * hi,
			org.pulsej.face.SkinModel.CLIPPED);
	}

	/**
	 * Mean per-frame difference of the heart rates that two PPGs of one video read each alone, in bpm,
	 * above which {@link #disagreementWarning} warns: the two are then at least half of that apart from
	 * each other, so one of them is off by at least half of it. On 156 videos of eight generated sets
	 * (13 trainings and the bundled model), the 101 read well by both (under 2 bpm per frame) differed by
	 * at most 2.3; of the 34 that one of them read 6 bpm or more off, 32 differed by more than 5 (the
	 * other two were read wrong alike by both).
	 */
	public static final double DISAGREEMENT_BPM = 5;

	/**
	 * A warning when PhysNet's PPG and POS's of the same video, each read alone, read heart rates more
	 * than {@link #DISAGREEMENT_BPM} apart per frame on average; null otherwise. Reading them together
	 * ({@link EstimateOptions#posWeight()}) lets the pulse that both hold win where one follows a
	 * nuisance for a while; where they disagree throughout, the user should know that one of them does.
	 */
	String disagreementWarning(final String name, final double[] physNet, final double[] pos, final double fps) {
		final double[] a = aloneRates(physNet, fps), b = aloneRates(pos, fps);
		double sum = 0;
		int n = 0;
		for (int t = 0; t < a.length; t++)
			if (Double.isFinite(a[t]) && Double.isFinite(b[t])) {
				sum += Math.abs(a[t] - b[t]);
				n++;
			}
		final double mean = n == 0 ? Double.NaN : sum / n;
		if (!(mean > DISAGREEMENT_BPM)) return null;
		return String.format(java.util.Locale.ROOT, "PulseJ: %s — warning: PhysNet's PPG and POS's, each read alone, " +
			"give heart rates %.1f bpm apart per frame on average (medians %.1f and %.1f bpm), so at least one of them " +
			"follows something other than the pulse (motion, light, noise) for much of the video; the rate written " +
			"reads both together (pos_weight=%s). Check the PPG and heart-rate plots, and compare with method=POS and " +
			"with pos_weight=0.", name, mean, Stats.median(a), Stats.median(b), org.pulsej.util.Messages.num(options
				.posWeight()));
	}

	/** The per-frame heart rate of {@code ppg} read alone, as {@link #fromPpg} reads it. */
	private double[] aloneRates(final double[] ppg, final double fps) {
		return InstantaneousHeartRate.perFrame(InstantaneousHeartRate.mixed(ppg, null, 0, fps, options.windowSeconds(),
			options.stepSeconds(), options.band(), options.trackHeartRate()), ppg.length);
	}

	/** Heart rate (with this pipeline's method) and breathing rate from a colour trace. */
	public HeartRateResult fromTrace(final String name, final RgbTrace trace, final double fps) {
		if (isStill(trace)) throw Video.still(name);
		if (options.method().needsColour() && isGrey(trace)) throw new PulseJException(name + " is stored as a colour " +
			"video, but its pictures are grey (red, green and blue are equal in every frame), so " + options.method() +
			" has no colour to work with.", "Use method=GREEN (it uses the intensity), or give the colour original.");
		final double[] raw = options.method().extractor(options.band()).extract(trace, fps);
		final PulseSignals signals = signals(name, raw, trace, fps);
		final double[] ppg = signals.ppg(), beatSignal = signals.beats();
		final double resp = trace.length() >= RespirationRate.minimumFrames(fps, BpmBand.RESPIRATION)
			? RespirationRate.fromTrace(trace, fps) : Double.NaN;
		return fromPpg(name, ppg, beatSignal, fps, options.method().name(), "").withRespiration(resp);
	}

	/**
	 * The PPG (detrended and band-passed, {@link #clean}) and the beat signal (detrended only) of the pulse
	 * signal {@code raw} extracted from {@code trace}, both without the part that follows the background's
	 * brightness ({@link RgbTrace#background}) where that is a change of light and large enough
	 * ({@link BackgroundLight}; said in the log). Unchanged without a background or with
	 * {@link EstimateOptions#removeBackgroundLight()} off.
	 */
	PulseSignals signals(final String name, final double[] raw, final RgbTrace trace, final double fps) {
		final double[] beats = detrend(raw, fps, options.band()), ppg = bandPass(beats, fps);
		final double[] light = trace.background();
		// a background that never changes, cleaned, is rounding noise: nothing to fit
		if (light == null || !options.removeBackgroundLight() || isStill(light)) return new PulseSignals(ppg, beats);
		final double[] lightBeats = detrend(light, fps, options.band()), lightPpg = bandPass(lightBeats, fps);
		// a lamp changes the background's brightness about as much as the face's; the face's own pulse seen
		// in the background (skin just outside a tight box) changes it far less, and is not to be taken out
		final double[] r = trace.r(), g = trace.g(), b = trace.b(), face = new double[r.length];
		for (int t = 0; t < face.length; t++)
			face[t] = r[t] + g[t] + b[t];
		final PulseSignals plain = withoutLight(name, ppg, beats, light, lightBeats, lightPpg, face, fps, false);
		return plain != null ? plain : withoutMovingLight(name, ppg, beats, lightBeats, lightPpg, trace.motion(), fps);
	}

	/**
	 * How close, in bpm, a window's highest peak must be to the background light's for the light to be
	 * taken for what that window shows most ({@link #withoutMovingLight}).
	 */
	static final double LAMP_PEAK_BPM = 3;
	/**
	 * Share of the heart-rate windows whose highest peak is the light's ({@link #LAMP_PEAK_BPM}) from which
	 * the light is taken out with a gain that follows the head. On 54 generated videos (16 with a lamp) it was
	 * 0.57 for the one whose lamp POS read, at most 0.29 for the others.
	 */
	static final double LAMP_WINDOWS = 0.5;

	/**
	 * For a lamp that the plain fit ({@link #withoutLight}) left in because it explained too little of the
	 * pulse signal, although most windows' highest peak is the lamp's: the lamp's strength there changes as
	 * the head moves, so it is fitted with a gain that follows the region's position
	 * ({@link BackgroundLight#regressOutWithMotion}). On a generated face swaying under a lamp at 1.8 Hz
	 * (pulse 64 bpm), POS read the lamp, 109 bpm: one fixed gain explained 9 % and left the flicker's
	 * sidebands (flicker ± sway); with the gain following the region the video read 64.
	 */
	private PulseSignals withoutMovingLight(final String name, final double[] ppg, final double[] beats,
		final double[] lightBeats, final double[] lightPpg, final double[][] position, final double fps)
	{
		if (position == null || lampWindows(ppg, lightPpg, fps) < LAMP_WINDOWS) return new PulseSignals(ppg, beats);
		final BackgroundLight.Fit fit = BackgroundLight.regressOutWithMotion(ppg, lightPpg, position);
		if (!fit.removed()) return new PulseSignals(ppg, beats);
		log.accept(String.format(java.util.Locale.ROOT, "PulseJ: %s — the background's light flickers at the rate most " +
			"windows of the pulse signal show (a lamp or screen), with a strength that changes as the head moves: it " +
			"explained %.0f %% of the pulse signal, taken out", name, 100 * fit.explained()));
		return new PulseSignals(fit.signal(), BackgroundLight.projectWithMotion(beats, lightBeats, position));
	}

	/** The share of heart-rate windows of {@code ppg} whose own highest peak is that of {@code light}, ±{@link #LAMP_PEAK_BPM}. */
	private double lampWindows(final double[] ppg, final double[] light, final double fps) {
		final double lamp = org.pulsej.signal.HeartRate.fromPpg(light, fps, options.band());
		if (ppg.length < options.minimumFrames(fps) || Double.isNaN(lamp)) return 0;
		final List<InstantaneousHeartRate.Window> w = InstantaneousHeartRate.mixed(ppg, null, 0, fps, options
			.windowSeconds(), options.stepSeconds(), options.band(), false);
		int at = 0;
		for (final InstantaneousHeartRate.Window x : w)
			if (Math.abs(x.bpm() - lamp) <= LAMP_PEAK_BPM) at++;
		return w.isEmpty() ? 0 : at / (double) w.size();
	}


	/**
	 * As {@link #signals} for PhysNet's output {@code raw}: the part that follows the background's
	 * brightness {@code light} (null: none measured) is taken out where {@code face}, the face's brightness
	 * in the same frames, shows that it is a change of light, with a fit that allows for a delay
	 * ({@link BackgroundLight#regressOutDelayed}): the network's time convolutions shift what they pass.
	 */
	PulseSignals physNetSignals(final String name, final double[] raw, final double[] light, final double[] face,
		final double fps)
	{
		final double[] beats = detrend(raw, fps, options.band()), ppg = bandPass(beats, fps);
		if (light == null || face == null || !options.removeBackgroundLight() || isStill(light)) return new PulseSignals(
			ppg, beats);
		final double[] lightBeats = detrend(light, fps, options.band()), lightPpg = bandPass(lightBeats, fps);
		return withoutLight(name, ppg, beats, light, lightBeats, lightPpg, face, fps, true);
	}

	/**
	 * For a PhysNet whose input does not cancel a change of brightness (YUV: the bundled model, the paper's
	 * colours), whose PPG {@link #physNetSignals} is given no light and so leaves as it is: a warning when the
	 * background's light flickers in the heart-rate band and explains a share of the PPG that the other
	 * signals would have had taken out (the same two gates), since the rate read may then be the lamp's (the
	 * bundled model read a 1.9 Hz lamp as 114 bpm for 70 without a word); null otherwise.
	 *
	 * @param ppg the PPG {@link #physNetSignals} made without a light; {@code light}, {@code face} as for it
	 */
	String lampWarning(final String name, final double[] ppg, final double[] light, final double[] face,
		final double fps, final double hrBpm, final String model)
	{
		return lampWarning(name, lampShare(ppg, light, face, fps), hrBpm, model);
	}

	/** {@link #lampWarning(String, double[], double[], double[], double, double, String)} for a {@link #lampShare}. */
	static String lampWarning(final String name, final double share, final double hrBpm, final String model) {
		if (Double.isNaN(share)) return null;
		return String.format(java.util.Locale.ROOT, "PulseJ: %s — warning: the background's light flickers in the " +
			"heart-rate band (a lamp or screen) and explains %.0f %% of the PPG, and the input of the model %s (YUV) " +
			"does not cancel it, so %.1f bpm may be the lamp's rate, not the heart's. Measure with method=POS, or " +
			"train a model on these videos with Train PhysNet's defaults (colors=chroma), whose PPG gets the lamp " +
			"taken out.", name, 100 * share, model, hrBpm);
	}

	/**
	 * The share of a YUV model's PPG that the background's light explains where it flickers in the
	 * heart-rate band, past the two gates of the other signals' correction ({@link #lampWarning}); NaN where
	 * it does not, or no background was measured.
	 */
	double lampShare(final double[] ppg, final double[] light, final double[] face, final double fps) {
		if (light == null || face == null || !options.removeBackgroundLight() || isStill(light)) return Double.NaN;
		final BackgroundLight.Fit fit = lightFit(ppg, light, bandPass(detrend(light, fps, options.band()), fps), face, fps, true);
		return fit == null || !fit.removed() ? Double.NaN : fit.explained();
	}

	/**
	 * The least-squares share of {@code ppg} that the background's light explains, where the light changes
	 * in the band at least {@link BackgroundLight#MIN_RELATIVE_CHANGE} as much as the face; null where it
	 * does not.
	 */
	private BackgroundLight.Fit lightFit(final double[] ppg, final double[] light, final double[] lightPpg,
		final double[] face, final double fps, final boolean delayed)
	{
		final double ratio = relativeChange(lightPpg, light) / relativeChange(clean(face, fps, options.band()), face);
		if (!(ratio >= BackgroundLight.MIN_RELATIVE_CHANGE)) return null;
		return delayed ? BackgroundLight.regressOutDelayed(ppg, lightPpg, bandPass(rateBeats(light, fps), fps))
			: BackgroundLight.regressOut(ppg, lightPpg);
	}

	/**
	 * The light's rate of change, detrended: taken before cleaning, then cleaned as the light, since the
	 * cleaning's edges would make the cleaned light's own rate of change not the light's, late.
	 */
	private double[] rateBeats(final double[] light, final double fps) {
		return detrend(BackgroundLight.rateOfChange(light), fps, options.band());
	}

	/**
	 * The shared part of {@link #signals} and {@link #physNetSignals}: the signals without the light where
	 * it changed as a lamp does and one fixed gain of it explains enough, unchanged where it did not change
	 * so; null where it did but explained too little ({@code delayed} false only: {@link #withoutMovingLight}).
	 */
	private PulseSignals withoutLight(final String name, final double[] ppg, final double[] beats,
		final double[] light, final double[] lightBeats, final double[] lightPpg, final double[] face, final double fps,
		final boolean delayed)
	{
		final BackgroundLight.Fit fit = lightFit(ppg, light, lightPpg, face, fps, delayed);
		if (fit == null) return new PulseSignals(ppg, beats);
		// a change of light that explained too little: the colour methods try a gain that follows the head
		if (!fit.removed()) return delayed ? new PulseSignals(ppg, beats) : null;
		final double[] rateBeats = delayed ? rateBeats(light, fps) : null;
		log.accept(String.format(java.util.Locale.ROOT, "PulseJ: %s — the background's light explained %.0f %% of the " +
			"pulse signal (a lamp or screen that flickers in the heart-rate band); that part was taken out", name, 100 *
				fit.explained()));
		// the beats are timed on the detrended signal, which needs the same correction
		return new PulseSignals(fit.signal(), delayed ? BackgroundLight.projectDelayed(beats, lightBeats, rateBeats)
			: BackgroundLight.project(beats, lightBeats));
	}

	/**
	 * The standard deviation of {@code cleaned} (a signal {@link #clean}ed) relative to the mean of the
	 * signal {@code x} it was cleaned from: its change in the heart-rate band relative to its level (cleaning
	 * is linear, so this is the cleaned signal of x / mean); NaN for a mean of 0.
	 */
	private static double relativeChange(final double[] cleaned, final double[] x) {
		final double mean = Stats.mean(x);
		return Math.abs(mean) > 0 ? Stats.std(cleaned) / Math.abs(mean) : Double.NaN;
	}

	/** A PPG for the heart rate and the signal its beats are timed on ({@link #signals}). */
	record PulseSignals(double[] ppg, double[] beats) {}

	/**
	 * As {@link #fromPpg(String, double[], double, String, String)}, with the beats detected on
	 * {@code beatSignal}: the same PPG detrended but not yet band-passed to the heart-rate band, whose
	 * harmonics time the systolic peaks ({@link BeatDetector}).
	 */
	public HeartRateResult fromPpg(final String name, final double[] ppg, final double[] beatSignal, final double fps,
		final String method, final String model)
	{
		return fromPpg(name, ppg, beatSignal, null, fps, method, model);
	}

	/**
	 * As {@link #fromPpg(String, double[], double[], double, String, String)}, with the heart rate read from
	 * the mix of {@code ppg}'s spectra and {@code second}'s ({@link EstimateOptions#posWeight()} of it;
	 * {@link InstantaneousHeartRate#mixed}): PhysNet's PPG with POS's of the same video. The PPG, its beats and
	 * its confidence stay {@code ppg}'s, the PPG and beats moved to {@code second}'s timing where {@code ppg}
	 * runs behind or ahead of it ({@link PulseAlignment}); null {@code second} reads {@code ppg} alone, as it is.
	 */
	public HeartRateResult fromPpg(final String name, final double[] ppg, final double[] beatSignal,
		final double[] second, final double fps, final String method, final String model)
	{
		HeartRateResult r = read(name, ppg, second, fps, method, model);
		double[] beats = beatSignal;
		// PhysNet's PPG may run behind the skin colour by a delay its training learnt (PulseAlignment): its PPG and
		// beats are moved to POS's timing. After the rate was read, which a fraction of a second does not change.
		final double lag = second == null ? Double.NaN : PulseAlignment.lagFrames(ppg, second, fps, r.hrMedian(),
			options.band());
		if (Math.abs(lag) >= MIN_ALIGNED_FRAMES) {
			r = r.withPpg(PulseAlignment.shifted(ppg, lag));
			beats = PulseAlignment.shifted(beatSignal, lag);
			log.accept(String.format(Locale.ROOT, "PulseJ: %s — %s's PPG ran %.2f s %s POS's; its PPG and beats are " +
				"moved to the skin colour's timing (POS's)", name, method, Math.abs(lag) / fps, lag > 0 ? "behind" : "ahead of"));
		}
		return r.withBeats(BeatDetector.detect(beats, fps, r.hrMedian(), options.band()));
	}

	/** A delay of less than this many frames is left: moving a signal by less than half a frame only blurs it. */
	static final double MIN_ALIGNED_FRAMES = 0.5;

	/** The slow-drift removal of {@link #clean} alone. */
	public static double[] detrend(final double[] raw, final double fps) {
		return detrend(raw, fps, BpmBand.HEART);
	}

	/**
	 * The slow-drift removal for a band: its cut-off (half gain) stays {@link EstimateOptions#DETREND_CUTOFF_HZ}
	 * for the default band and moves below a lower {@code min_bpm}, so that a pulse at the band's lower edge is
	 * not halved by the detrending as well as by the band-pass (with min_bpm=30 a 30-32 bpm pulse read its 2nd or
	 * 3rd harmonic).
	 */
	public static double[] detrend(final double[] raw, final double fps, final BpmBand band) {
		return Detrend.smoothnessPriors(raw, Detrend.lambdaForCutoff(fps, detrendCutoffHz(band)));
	}

	/** The detrending cut-off for a band, Hz: 0.48 Hz for min_bpm 40 and above, 0.72 × min_bpm / 60 below. */
	public static double detrendCutoffHz(final BpmBand band) {
		return Math.min(EstimateOptions.DETREND_CUTOFF_HZ, 0.72 * band.minHz());
	}

	/** The heart-rate steps shared by every way of obtaining a PPG (classical or PhysNet). */
	public HeartRateResult fromPpg(final String name, final double[] ppg, final double fps, final String method,
		final String model)
	{
		return read(name, ppg, null, fps, method, model);
	}

	/** {@link #fromPpg}'s work, with the heart rate read with {@code second}'s spectrum where it is not null. */
	private HeartRateResult read(final String name, final double[] ppg, final double[] second, final double fps,
		final String method, final String model)
	{
		final BpmBand band = options.band();
		final List<InstantaneousHeartRate.Window> windows = InstantaneousHeartRate.mixed(ppg, second, second == null ? 0
			: options.posWeight(), fps, options.windowSeconds(), options.stepSeconds(), band, options.trackHeartRate());
		final double[] hrInstant = InstantaneousHeartRate.perFrame(windows, ppg.length);
		final double median = Stats.median(hrInstant);
		final double[] c = confidence.confidence(ppg, hrInstant, fps);
		final double[] hr = HeartRateResult.blend(hrInstant, c, median);
		final double snr = SignalQuality.snrDb(ppg, fps, median, band);
		return new HeartRateResult(name, fps, ppg, hrInstant, c, hr, median, snr, method, model, windows);
	}

	/** Detrending removes slow illumination drift; the band-pass keeps plausible heart rates only. */
	public static double[] clean(final double[] raw, final double fps, final BpmBand band) {
		return BandPass.filter(detrend(raw, fps, band), fps, band.minHz(), band.maxHz());
	}

	/** The band-pass of {@link #clean} alone, for a signal already detrended. */
	private double[] bandPass(final double[] detrended, final double fps) {
		return BandPass.filter(detrended, fps, options.band().minHz(), options.band().maxHz());
	}

	/** Whether red, green and blue agree in every frame (a grey picture stored as colour, e.g. MJPEG). */
	static boolean isGrey(final RgbTrace trace) {
		final double[] r = trace.r(), g = trace.g(), b = trace.b();
		for (int t = 0; t < trace.length(); t++) {
			if (Double.isNaN(r[t]) || Double.isNaN(g[t]) || Double.isNaN(b[t])) continue;
			// JPEG's colour rounding moves a grey pixel by a level at most; skin differs by tens
			if (Math.abs(r[t] - g[t]) > GREY_TOLERANCE || Math.abs(g[t] - b[t]) > GREY_TOLERANCE) return false;
		}
		return trace.length() > 0;
	}

	/** Whether red, green and blue each never change ({@link #isStill(double[])}). */
	static boolean isStill(final RgbTrace trace) {
		return isStill(trace.r()) && isStill(trace.g()) && isStill(trace.b());
	}

	/**
	 * Whether a per-frame measurement never changes: a pulse is a change over time, so such a region
	 * holds none, and its spectrum of rounding noise would still show a "peak" (a frozen video read 44 bpm).
	 * Tolerance relative to the values, so 8-, 16- and 32-bit videos are judged alike.
	 */
	static boolean isStill(final double[] x) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final double v : x) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		return x.length > 0 && max - min <= STILL_TOLERANCE * Math.max(1, Math.max(Math.abs(min), Math.abs(max)));
	}

	/** Relative change below which a measurement counts as unchanged: far below one grey level of any video. */
	static final double STILL_TOLERANCE = 1e-9;

	/** Mean difference between colour channels (0–255 scale) below which a frame counts as grey. */
	static final double GREY_TOLERANCE = 1.0;

	/**
	 * Refuses, before any frame is read, what cannot give a heart rate. Where fps= overrode the file's rate,
	 * the refusal says so: "too short" or "too few fps" blamed the video when the rate given was wrong.
	 */
	public void check(final Video video) {
		try {
			checkVideo(video);
		}
		catch (final PulseJException e) {
			final String given = video.warnings().stream().filter(VideoReader::isFpsOverride).findFirst().orElse(null);
			if (given == null) throw e;
			throw new PulseJException(e.problem() + " (" + given.substring(0, given.indexOf(':')) + ".)", "If the " +
				"file's rate is right, leave fps out (or give fps=0); else: " + e.fix(), e);
		}
	}

	private void checkVideo(final Video video) {
		checkFrameRate(video);
		options.checkWindow();
		options.checkStep(video.fps());
		if (options.roi() == RoiMode.MANUAL) {
			checkRectangle(video, options.manualRoi());
			final String part = partlyOutside(video, options.manualRoi());
			if (part != null) log.accept("PulseJ: " + part);
		}
		final int need = options.minimumFrames(video.fps());
		if (video.frames() < need && video.fps() > PLAUSIBLE_FPS) throw new PulseJException(String.format(
			java.util.Locale.ROOT, "%s is too short: %d frames (%.2f s) at %s fps, but one heart-rate window needs at " +
				"least %.1f s = %d frames. %s fps is more than cameras filming faces use (up to %s), so the frame rate " +
				"is likely wrong: at 30 fps the same frames last %.1f s.", video.name(), video.frames(), video.seconds(),
			Messages.num(video.fps()), options.windowSeconds(), need, Messages.num(video.fps()), Messages.num(
				PLAUSIBLE_FPS), video.frames() / 30.0), "Give the real frame rate with fps= (e.g. fps=30); a TIFF " +
					"stack keeps it as its frame interval (Image > Properties), which may have been saved wrongly. A " +
					"shorter window would not help.");
		if (video.frames() < need) {
			// the window a video holds, and the shortest one the band allows (two beats at min_bpm): "a shorter
			// window=" was suggested for a 0.1 s video, which no window fits (window=0.1 is refused as too short)
			final double shortest = 2 * 60 / options.band().minBpm();
			final double fits = Math.floor(video.frames() / video.fps() * 10 + 1e-9) / 10;
			// a file cut short (copy stopped, disk full) was read to its complete frames with a warning in the log only:
			// the message then named the length but not why the video was that short
			final String cut = video.warnings().stream().filter(w -> w.contains(VideoReader.TRUNCATED)).findFirst().map(
				w -> " " + w.replace(VideoReader.PARTIAL_RESULTS, "")).orElse("");
			throw new PulseJException(String.format(java.util.Locale.ROOT,
				"%s is too short: %d frames (%.1f s) at %.3g fps, but one heart-rate window needs at least %.1f s = %d frames.",
				video.name(), video.frames(), video.seconds(), video.fps(), options.windowSeconds(), need) + cut, fits >=
					shortest - 1e-9 ? "Use a longer video, or a shorter window= (in seconds; the paper uses 10): this video " +
						"holds at most window=" + Messages.num(fits) + "." : "Use a video of at least " + Messages.num(Math
							.max(shortest, 1)) + " s (" + Messages.num(options.windowSeconds()) + " s for window=" + Messages
								.num(options.windowSeconds()) + "); a shorter window would not help, since a window must hold " +
							"two beats at the band's lowest heart rate (min_bpm=" + Messages.num(options.band().minBpm()) + ": " +
							Messages.num(shortest) + " s).");
		}
		if (options.physNetModel() == null && options.method().needsColour() && !video.isColor()) throw new PulseJException(video.name() + " is a " +
			video.bitDepth() + "-bit grey video, but " + options.method() + " needs red, green and blue.",
			"Use method=GREEN for grey videos (it uses the intensity), or open the colour original.");
	}

	/** A rate no camera has is a broken header or a typo; a band above half the rate cannot be seen. */
	private void checkFrameRate(final Video video) {
		final String fps = Messages.num(video.fps());
		if (video.fps() > Video.MAX_FPS) throw new PulseJException(video.name() + " has a frame rate of " + fps +
			" fps; no camera films a face that fast, so the rate is wrong (a broken file header, or a mistyped fps=).",
			"Give the real frame rate with fps=, e.g. fps=30.");
		final double nyquistBpm = video.fps() * 30;
		// a rate that shows no heart rate at rest (1 fps in a header, fps=0.01 typed): the fix was "Give max_bpm
		// below 30", which no band of heart rates can follow
		if (options.band().maxBpm() >= nyquistBpm && nyquistBpm < LOWEST_USABLE_NYQUIST_BPM) throw new PulseJException(
			video.name() + " has " + fps + " fps, which shows heart rates only below " + Messages.num(nyquistBpm) +
				" bpm (half the frame rate), below a person's heart rate at rest; no face video is filmed that slowly, " +
				"so the rate is wrong (a broken file header, or a mistyped fps=).", "Give the real frame rate with fps=, " +
					"e.g. fps=30.");
		if (options.band().maxBpm() >= nyquistBpm) throw new PulseJException(video.name() + " has " + fps +
			" fps, which shows heart rates only below " + Messages.num(nyquistBpm) +
			" bpm (half the frame rate), but the band reaches max_bpm=" + Messages.num(options.band().maxBpm()) +
			".", "Give max_bpm below " + Messages.num(nyquistBpm) + " (and min_bpm below that), or use a video " +
				"of at least " + (long) Math.ceil(options.band().maxBpm() / 30 + 1e-9) + " fps.");
	}

	private static void checkRectangle(final Video video, final Rectangle r) {
		if (r.intersection(new Rectangle(0, 0, video.width(), video.height())).isEmpty()) throw new PulseJException(
			"The rectangle " + r.x + "," + r.y + "," + r.width + "," + r.height + " lies outside the " + video.width() +
				"x" + video.height() + " frames of " + video.name() + ".", "Give rect=x,y,w,h inside the frame (x+w ≤ " +
					video.width() + ", y+h ≤ " + video.height() + "), or draw the rectangle on the video.");
	}

	/**
	 * The note for a rectangle that reaches outside the frame (e.g. drawn past its edge, or a rect= for
	 * another video size): only its part inside is measured, which was done without a word; null when it
	 * lies inside.
	 */
	static String partlyOutside(final Video video, final Rectangle r) {
		final Rectangle in = r.intersection(new Rectangle(0, 0, video.width(), video.height()));
		if (in.equals(r) || in.isEmpty()) return null;
		return String.format(java.util.Locale.ROOT, "%s — the rectangle %d,%d,%d,%d reaches outside the %dx%d frame; " +
			"only its part inside, %d,%d,%d,%d (%d %% of it), is measured", video.name(), r.x, r.y, r.width, r.height,
			video.width(), video.height(), in.x, in.y, in.width, in.height, Math.round(100.0 * in.width * in.height / ((
				double) r.width * r.height)));
	}

	/**
	 * The region of {@link RoiMode#TRACKED}: the detected box of each frame (held where the face is lost;
	 * the unbuffered stabilised box before the first detection), moving-averaged over ±{@code half}
	 * frames, scaled by {@code scale} about its centre.
	 */
	public static Box[] trackedBoxes(final FaceTrack face, final int half, final double scale) {
		final int n = face.frames();
		final double[][] v = new double[4][n];
		Box last = null;
		for (int t = 0; t < n && last == null; t++)
			last = face.raw(t);
		if (last == null) last = face.stabilised(0).scaled(1 / 1.25);
		for (int t = 0; t < n; t++) {
			if (face.raw(t) != null) last = face.raw(t);
			v[0][t] = last.centreX();
			v[1][t] = last.centreY();
			v[2][t] = last.w();
			v[3][t] = last.h();
		}
		final Box[] out = new Box[n];
		for (int t = 0; t < n; t++) {
			final double[] m = new double[4];
			int c = 0;
			for (int k = Math.max(0, t - half); k <= Math.min(n - 1, t + half); k++, c++)
				for (int j = 0; j < 4; j++)
					m[j] += v[j][k];
			out[t] = Box.centred(m[0] / c, m[1] / c, m[2] / c * scale, m[3] / c * scale);
		}
		return out;
	}

	private static Rectangle rectangle(final Box b) {
		return new Rectangle((int) Math.round(b.x()), (int) Math.round(b.y()), Math.max(1, (int) Math.round(b.w())), Math
			.max(1, (int) Math.round(b.h())));
	}

	/** The region of the fixed modes and of {@link RoiMode#FACE}, per frame. */
	private IntFunction<Rectangle> region(final Video video, final FaceTrack face) {
		switch (options.roi()) {
			case TRACKED:
			case BOX:
				throw new IllegalStateException("the moving regions are measured by measure()");
			case FACE:
				// The stabilised box without its buffer: skin, not hair and background, yet steady.
				final double unbuffer = 1 / (1 + options.face().buffer());
				return t -> rectangle(face.stabilised(t).scaled(unbuffer).clippedTo(video.width(), video.height()));
			case MANUAL:
				final Rectangle r = options.manualRoi();
				return t -> r;
			case WHOLE:
			default:
				final Rectangle all = new Rectangle(0, 0, video.width(), video.height());
				return t -> all;
		}
	}
}

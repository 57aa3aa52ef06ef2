package org.pulsej.pipeline;

import java.awt.Rectangle;
import java.nio.file.Path;

import org.pulsej.face.FaceTracker;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/** Everything {@link HeartRatePipeline} needs to know besides the video. Defaults follow the paper. */
public final class EstimateOptions {

	/**
	 * Cut-off of the smoothness-priors detrending, in Hz: λ = 100 at 30 fps as in the usual rPPG
	 * tool chains, kept fixed in Hz so other frame rates detrend alike.
	 */
	public static final double DETREND_CUTOFF_HZ = 0.48;

	private PulseMethod method = PulseMethod.POS;
	private BpmBand band = BpmBand.HEART;
	private double windowSeconds = 10;
	private double stepSeconds = 1;
	private RoiMode roi = RoiMode.TRACKED;
	private Rectangle manualRoi;
	private FaceTracker.Options face = FaceTracker.Options.defaults();
	private Path physNetModel;
	private String device = "auto";
	private double physNetOverlapSeconds = org.pulsej.nn.PhysNetModel.DEFAULT_OVERLAP_SECONDS;
	private Path confidenceModel;
	private boolean removeBackgroundLight = true;
	private boolean trackHeartRate = true;
	private double posWeight = DEFAULT_POS_WEIGHT;

	/**
	 * PulseJ's default share of POS's spectrum in the spectrum PhysNet's heart rate is read from
	 * ({@link #posWeight}); the paper reads PhysNet's alone (0). Chosen by measurement on eight generated
	 * sets (docs/measuring.md, "PhysNet and POS together").
	 */
	public static final double DEFAULT_POS_WEIGHT = 0.5;

	public PulseMethod method() {
		return method;
	}

	public EstimateOptions method(final PulseMethod m) {
		method = m;
		return this;
	}

	public BpmBand band() {
		return band;
	}

	public EstimateOptions band(final BpmBand b) {
		band = b;
		return this;
	}

	/** Length of the sliding window for instantaneous heart rate (paper: 10 s). */
	public double windowSeconds() {
		return windowSeconds;
	}

	public EstimateOptions window(final double seconds, final double step) {
		if (!(seconds > 0) || !(step > 0)) throw new PulseJException("Window " + seconds + " s and step " + step +
			" s must both be positive.", "Use e.g. window=10 step=1 (the paper's values).");
		if (step > seconds) throw new PulseJException("The step (" + step + " s) is longer than the window (" +
			seconds + " s), so some frames would get no heart rate.", "Use a step no longer than the window.");
		windowSeconds = seconds;
		stepSeconds = step;
		return this;
	}

	/**
	 * Refuses a window too short to hold two beats at the band's lowest heart rate: its spectrum could
	 * not tell heart rates apart, and its peak would sit at an edge of the band (window=1e-9 read 180
	 * bpm).
	 */
	public void checkWindow() {
		final double need = 2 * 60 / band.minBpm();
		if (windowSeconds < need - 1e-9) throw new PulseJException("window=" + Messages.num(windowSeconds) +
			" s is shorter than two beats at the lowest heart rate of the band (min_bpm=" + Messages.num(band
				.minBpm()) + ": " + Messages.num(need) + " s), so its spectrum cannot tell heart rates apart.",
			"Use window=10 (the paper's value), or at least window=" + Messages.num(Math.ceil(need * 10) / 10) + ".");
	}

	/** Refuses a step shorter than one frame of a video at {@code fps}: windows would repeat the same frames. */
	public void checkStep(final double fps) {
		if (stepSeconds * fps < 1 - 1e-9) throw new PulseJException("step=" + Messages.num(stepSeconds) +
			" s is shorter than one frame (1/" + Messages.num(fps) + " s), so the windows would repeat the same frames.",
			"Use step=1 (the paper's value), or at least step=" + Messages.num(Math.ceil(1000 / fps) / 1000) + ".");
	}

	/** Step between windows (paper: 1 s). */
	public double stepSeconds() {
		return stepSeconds;
	}

	public RoiMode roi() {
		return roi;
	}

	public Rectangle manualRoi() {
		return manualRoi;
	}

	public EstimateOptions roi(final RoiMode mode, final Rectangle manual) {
		if (mode == RoiMode.MANUAL && (manual == null || manual.isEmpty())) throw new PulseJException(
			"roi=manual needs a rectangle.", "Give it as rect=x,y,width,height (pixels; in Fiji, or draw a rectangle " +
				"on the open video first), or use roi=whole.");
		roi = mode;
		manualRoi = mode == RoiMode.MANUAL ? new Rectangle(manual) : null;
		return this;
	}

	/** The PhysNet model folder when the PPG comes from PhysNet, else null (classical {@link #method()}). */
	public Path physNetModel() {
		return physNetModel;
	}

	/** auto, cpu or gpu: where PhysNet runs. */
	public String device() {
		return device;
	}

	/** The same settings, to change some without touching these. */
	public EstimateOptions copy() {
		final EstimateOptions c = new EstimateOptions();
		c.method = method;
		c.band = band;
		c.windowSeconds = windowSeconds;
		c.stepSeconds = stepSeconds;
		c.roi = roi;
		c.manualRoi = manualRoi == null ? null : new Rectangle(manualRoi);
		c.face = face;
		c.physNetModel = physNetModel;
		c.device = device;
		c.physNetOverlapSeconds = physNetOverlapSeconds;
		c.confidenceModel = confidenceModel;
		c.removeBackgroundLight = removeBackgroundLight;
		c.trackHeartRate = trackHeartRate;
		c.posWeight = posWeight;
		return c;
	}

	/** Use PhysNet from {@code modelDir} instead of a classical method. */
	public EstimateOptions physNet(final Path modelDir, final String dev) {
		physNetModel = modelDir;
		device = dev == null || dev.isBlank() ? "auto" : dev;
		return this;
	}

	/** Overlap of PhysNet's neighbouring windows on long videos, seconds (see PhysNetModel). */
	public double physNetOverlapSeconds() {
		return physNetOverlapSeconds;
	}

	/**
	 * Sets how much PhysNet's neighbouring windows overlap: 2 s by default; half the clip length (5 s)
	 * as the reference implementation, which costs about twice the network time.
	 */
	public EstimateOptions physNetOverlap(final double seconds) {
		if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new PulseJException("The PhysNet window overlap " +
			seconds + " s is not a duration.", "Give overlap=" + org.pulsej.nn.PhysNetModel.DEFAULT_OVERLAP_SECONDS +
				" (seconds, 0 or more).");
		physNetOverlapSeconds = seconds;
		return this;
	}

	/**
	 * With PhysNet: the share of POS's spectrum, measured on the same video's skin, in the spectrum each
	 * window's heart rate is read from (0 = PhysNet's PPG alone, the paper's; 1 = POS's alone). The PPG written
	 * and its beats stay PhysNet's. Not used by the classical methods.
	 */
	public double posWeight() {
		return posWeight;
	}

	/** Sets {@link #posWeight()}: from 0 to 1. */
	public EstimateOptions posWeight(final double w) {
		if (!(w >= 0 && w <= 1)) throw new PulseJException("pos_weight=" + Messages.num(w) + " is not a share " +
			"between 0 and 1.", "Give pos_weight=" + Messages.num(DEFAULT_POS_WEIGHT) + " (PhysNet's and POS's " +
				"spectra alike, the default), 0 (PhysNet alone, as the paper) or a value between.");
		posWeight = w;
		return this;
	}

	/** The method's name as reported in results. */
	public String methodName() {
		return physNetModel != null ? "PhysNet" : method.name();
	}

	/** How faces are detected, stabilised and cropped when {@link #roi()} is {@link RoiMode#FACE}. */
	public FaceTracker.Options face() {
		return face;
	}

	public EstimateOptions face(final FaceTracker.Options options) {
		face = options;
		return this;
	}

	/**
	 * The confidence model folder (from Train Confidence Model) whose per-frame confidence blends the
	 * instantaneous heart rate with the median (paper, Sec. 3), or null for full trust in the
	 * instantaneous rate. The job that measures opens it, and closes it when it ends.
	 */
	public Path confidenceModel() {
		return confidenceModel;
	}

	public EstimateOptions confidenceModel(final Path dir) {
		confidenceModel = dir;
		return this;
	}

	/**
	 * Whether POS, CHROM and GREEN take out of their pulse signal the part that follows the background's
	 * brightness ({@link org.pulsej.input.BackgroundLight}: a lamp or screen that flickers), where the face is tracked
	 * or a rectangle drawn ({@link RoiMode#MANUAL}), and the frame has a background. On by default.
	 */
	public boolean removeBackgroundLight() {
		return removeBackgroundLight;
	}

	public EstimateOptions removeBackgroundLight(final boolean remove) {
		removeBackgroundLight = remove;
		return this;
	}

	/**
	 * Whether each window's heart rate is read on one path through all windows' spectra that pays for
	 * jumps ({@link org.pulsej.signal.HeartRateTracker}: a burst of noise or motion in a window is not taken
	 * for the pulse), or is that window's own highest peak (the paper's rule). On by default: on the hard
	 * set it halved the per-frame error of PhysNet and lowered POS's, and changed no video with a clear pulse.
	 */
	public boolean trackHeartRate() {
		return trackHeartRate;
	}

	public EstimateOptions trackHeartRate(final boolean track) {
		trackHeartRate = track;
		return this;
	}

	/** {@link #trackHeartRate()} as its key's value, {@code track} or {@code peak} (as a model records it). */
	public String windowHr() {
		return trackHeartRate ? "track" : "peak";
	}

	/** Frames needed for one heart-rate window at the given frame rate. */
	public int minimumFrames(final double fps) {
		return (int) Math.ceil(windowSeconds * fps);
	}
}

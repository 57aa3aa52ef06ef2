package org.pulsej.synth;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * What a synthetic face video shows: size and length, the heart and breathing rates, head motion,
 * lighting, sensor noise and compression. A fluent builder: every setter checks its value
 * (a {@link PulseJException} names the parameter and its range) and returns this spec; the
 * defaults give a still, evenly lit face at 72 bpm. {@link #validate()} checks the combination.
 */
public final class SyntheticVideoSpec {

	private int width = 320, height = 240;
	private double fps = 30, seconds = 30;
	private double hrStartBpm = 72, hrEndBpm = 72;
	private double pulseAmplitude = 0.005;
	private double respirationBpm = 15, respirationAmplitude = 0.003;
	private double rsaBpm, rmssdMs;
	private double translationPx, rotationDeg, scaleAmplitude;
	private double shakePx, shakeHz = 1;
	private double turnDeg, turnHz = 0.3, sideLight, gloss;
	private int suddenMoves;
	private double driftFraction, stepFraction, stepAtSeconds = Double.NaN;
	private double flickerHz, flickerAmplitude;
	private double brightness = 1;
	private double noiseSigma = 1;
	private int jpegQuality;
	private double faceHeightFraction = 0.5;
	private long seed = 1;

	/** A copy, to vary one parameter without changing this spec. */
	public SyntheticVideoSpec copy() {
		final SyntheticVideoSpec c = new SyntheticVideoSpec();
		c.width = width;
		c.height = height;
		c.fps = fps;
		c.seconds = seconds;
		c.hrStartBpm = hrStartBpm;
		c.hrEndBpm = hrEndBpm;
		c.pulseAmplitude = pulseAmplitude;
		c.respirationBpm = respirationBpm;
		c.respirationAmplitude = respirationAmplitude;
		c.rsaBpm = rsaBpm;
		c.rmssdMs = rmssdMs;
		c.translationPx = translationPx;
		c.rotationDeg = rotationDeg;
		c.scaleAmplitude = scaleAmplitude;
		c.shakePx = shakePx;
		c.shakeHz = shakeHz;
		c.turnDeg = turnDeg;
		c.turnHz = turnHz;
		c.sideLight = sideLight;
		c.gloss = gloss;
		c.suddenMoves = suddenMoves;
		c.driftFraction = driftFraction;
		c.stepFraction = stepFraction;
		c.stepAtSeconds = stepAtSeconds;
		c.flickerHz = flickerHz;
		c.flickerAmplitude = flickerAmplitude;
		c.brightness = brightness;
		c.noiseSigma = noiseSigma;
		c.jpegQuality = jpegQuality;
		c.faceHeightFraction = faceHeightFraction;
		c.seed = seed;
		return c;
	}

	// -- frame --

	/** Frame width in pixels (32..4096). Default 320. */
	public SyntheticVideoSpec width(final int w) {
		this.width = (int) check("width", w, 32, 4096);
		return this;
	}

	/** Frame height in pixels (32..4096). Default 240. */
	public SyntheticVideoSpec height(final int h) {
		this.height = (int) check("height", h, 32, 4096);
		return this;
	}

	/** Frame width and height in pixels. */
	public SyntheticVideoSpec size(final int w, final int h) {
		return width(w).height(h);
	}

	/** Frames per second (1..1000). Default 30. */
	public SyntheticVideoSpec fps(final double v) {
		fps = check("fps", v, 1, 1000);
		return this;
	}

	/** Length in seconds (up to one hour). Default 30. */
	public SyntheticVideoSpec seconds(final double v) {
		seconds = check("seconds", v, 0.01, 3600);
		return this;
	}

	// -- physiology --

	/** Heart rate at the start, in beats per minute (30..240); it changes linearly to {@link #hrEndBpm()}. Default 72. */
	public SyntheticVideoSpec hrStartBpm(final double bpm) {
		hrStartBpm = check("hrStartBpm", bpm, 30, 240);
		return this;
	}

	/** Heart rate at the end, in beats per minute (30..240). Default 72. */
	public SyntheticVideoSpec hrEndBpm(final double bpm) {
		hrEndBpm = check("hrEndBpm", bpm, 30, 240);
		return this;
	}

	/** A constant heart rate in beats per minute (sets start and end). */
	public SyntheticVideoSpec hrBpm(final double bpm) {
		return hrStartBpm(bpm).hrEndBpm(bpm);
	}

	/** A heart rate that changes linearly from {@code startBpm} to {@code endBpm} over the video. */
	public SyntheticVideoSpec hrRamp(final double startBpm, final double endBpm) {
		return hrStartBpm(startBpm).hrEndBpm(endBpm);
	}

	/**
	 * How much the pulse changes the skin's green intensity: it swings by ± this fraction
	 * (0..0.1; red and blue by less, in the ratio of blood absorption). Default 0.005.
	 */
	public SyntheticVideoSpec pulseAmplitude(final double v) {
		pulseAmplitude = check("pulseAmplitude", v, 0, 0.1);
		return this;
	}

	/** Breathing rate in breaths per minute (0..60; 0 = no breathing). Default 15. */
	public SyntheticVideoSpec respirationBpm(final double v) {
		respirationBpm = check("respirationBpm", v, 0, 60);
		return this;
	}

	/**
	 * Breathing's effect (0..0.05): the skin intensity swings by ± this fraction and the head and
	 * shoulders move up and down by ± this fraction of the face height. Default 0.003.
	 */
	public SyntheticVideoSpec respirationAmplitude(final double v) {
		respirationAmplitude = check("respirationAmplitude", v, 0, 0.05);
		return this;
	}

	/**
	 * Respiratory sinus arrhythmia: the heart rate swings by ± this many bpm with the breathing
	 * (0..30; needs a breathing rate). With it or {@link #rmssdMs} the beats follow a
	 * {@link BeatSequence}, and the true beat times are known. Default 0.
	 */
	public SyntheticVideoSpec rsaBpm(final double v) {
		rsaBpm = check("rsaBpm", v, 0, 30);
		return this;
	}

	/**
	 * Beat-to-beat jitter of the intervals, given as the RMSSD (ms) it alone would make: each interval
	 * is lengthened or shortened by Gaussian noise of standard deviation rmssdMs/√2 (0..300).
	 * Default 0.
	 */
	public SyntheticVideoSpec rmssdMs(final double v) {
		rmssdMs = check("rmssdMs", v, 0, 300);
		return this;
	}

	/** Whether the heart rate varies from beat to beat ({@link #rsaBpm} or {@link #rmssdMs} set). */
	public boolean hasBeatVariability() {
		return rsaBpm > 0 || rmssdMs > 0;
	}

	// -- motion --

	/** Peak of the smooth random head translation, in pixels (0..200). Default 0. */
	public SyntheticVideoSpec translationPx(final double v) {
		translationPx = check("translationPx", v, 0, 200);
		return this;
	}

	/**
	 * Periodic head shake: {@code px} horizontally and half of it vertically at {@code hz} (nodding,
	 * walking on a treadmill, a rocking chair), on top of the smooth translation. Motion near the
	 * pulse's frequencies is what a pulse method can mistake for the pulse. Default 0 px at 1 Hz.
	 */
	public SyntheticVideoSpec shake(final double px, final double hz) {
		shakePx = check("shakePx", px, 0, 200);
		shakeHz = check("shakeHz", hz, 0, 15);
		return this;
	}

	/**
	 * The head turns left and right (yaw, about a vertical axis through the head) by up to {@code deg}, with
	 * its main rhythm at {@code hz} and two faster ones at 3.1 and 5.3 times it (about a third and a sixth
	 * as large): eyes, brows, hair edge and the lit and shaded sides of the face move across the pixels
	 * at every one of them, which a method can take for the pulse. Default 0° at 0.3 Hz.
	 */
	public SyntheticVideoSpec turn(final double deg, final double hz) {
		turnDeg = check("turnDeg", deg, 0, 60);
		turnHz = check("turnHz", hz, 0, 2);
		return this;
	}

	/**
	 * A light from one side: this part of the frontal light comes, twice as strong, from 50° to the right
	 * instead (0 = all from the front). At 0.5 the face's centre is lit about 1.15 times, its right cheek
	 * about 1.5 times and its left cheek about 0.5 times as it faces the camera, and the shading moves
	 * over the skin as the head turns; on light skin the lit side's red clips. Default 0.
	 */
	public SyntheticVideoSpec sideLight(final double v) {
		sideLight = check("sideLight", v, 0, 1);
		return this;
	}

	/**
	 * Shine of the skin: the side light's mirror reflection, white, where the skin faces halfway between
	 * the light and the camera (25° to the right), on glossy patches of the skin (forehead, nose, cheeks
	 * shine unevenly), up to {@code v} × 255 grey levels. As the head turns the patches slide through it,
	 * so skin pixels there turn paler and back at the turn's rhythms. Needs {@link #sideLight} ({@link #validate}
	 * refuses gloss without it). Default 0.
	 */
	public SyntheticVideoSpec gloss(final double v) {
		gloss = check("gloss", v, 0, 1);
		return this;
	}

	/** Peak of the smooth random head tilt (in-plane rotation), in degrees (0..45). Default 0. */
	public SyntheticVideoSpec rotationDeg(final double v) {
		rotationDeg = check("rotationDeg", v, 0, 45);
		return this;
	}

	/** Peak relative change of the head's size (moving towards or away from the camera; 0..0.5). Default 0. */
	public SyntheticVideoSpec scaleAmplitude(final double v) {
		scaleAmplitude = check("scaleAmplitude", v, 0, 0.5);
		return this;
	}

	/** Number of quick head jumps and turns at random times, each lasting about 1 to 2 s (0..1000). Default 0. */
	public SyntheticVideoSpec suddenMoves(final int n) {
		suddenMoves = (int) check("suddenMoves", n, 0, 1000);
		return this;
	}

	// -- illumination --

	/** Slow linear change of the light over the video: brightness ends at 1 + this (−0.9..2). Default 0. */
	public SyntheticVideoSpec driftFraction(final double v) {
		driftFraction = check("driftFraction", v, -0.9, 2);
		return this;
	}

	/** A sudden light change: brightness × (1 + this) from {@link #stepAtSeconds()} on (−0.9..2). Default 0. */
	public SyntheticVideoSpec stepFraction(final double fraction) {
		stepFraction = check("stepFraction", fraction, -0.9, 2);
		return this;
	}

	/** When the sudden light change happens, in seconds from the start. Default: half-way. */
	public SyntheticVideoSpec stepAtSeconds(final double at) {
		stepAtSeconds = check("stepAtSeconds", at, 0, 3600);
		return this;
	}

	/**
	 * Light flicker frequency: brightness × (1 + flickerAmplitude·sin(2π·hz·t)), sampled at the
	 * frame times, so mains flicker (100 Hz) aliases as it does in a real camera. Default 0.
	 */
	public SyntheticVideoSpec flickerHz(final double hz) {
		flickerHz = check("flickerHz", hz, 0, 1000);
		return this;
	}

	/** Relative amplitude of the light flicker (0..0.5). Default 0. */
	public SyntheticVideoSpec flickerAmplitude(final double amplitude) {
		flickerAmplitude = check("flickerAmplitude", amplitude, 0, 0.5);
		return this;
	}

	/** Light level of the room: 1 bright, 0.3 dim (0.05..2); scales face and background. Default 1. */
	public SyntheticVideoSpec brightness(final double v) {
		brightness = check("brightness", v, 0.05, 2);
		return this;
	}

	// -- camera --

	/** Gaussian sensor noise, standard deviation in grey levels per channel (0..50). Default 1. */
	public SyntheticVideoSpec noiseSigma(final double v) {
		noiseSigma = check("noiseSigma", v, 0, 50);
		return this;
	}

	/** 0 writes an uncompressed AVI; 1..100 a motion-JPEG AVI of that quality (lossy). Default 0. */
	public SyntheticVideoSpec jpegQuality(final int q) {
		jpegQuality = (int) check("jpegQuality", q, 0, 100);
		return this;
	}

	/** Height of the face (hairline to chin: its box) as a fraction of the frame height (0.1..0.7). Default 0.5. */
	public SyntheticVideoSpec faceHeightFraction(final double v) {
		faceHeightFraction = check("faceHeightFraction", v, 0.1, 0.7);
		return this;
	}

	/** Seed of everything random (appearance, motion, noise): the same seed gives the same pixels. Default 1. */
	public SyntheticVideoSpec seed(final long v) {
		seed = v;
		return this;
	}

	/** Checks the combination of parameters; returns this spec. */
	public SyntheticVideoSpec validate() {
		if (frames() < 2) throw new PulseJException("A synthetic video of " + seconds + " s at " + fps +
			" fps has fewer than 2 frames.", "Make it longer (seconds=) or raise fps=.");
		final double nyquistBpm = fps * 30;
		if (Math.max(hrStartBpm, hrEndBpm) >= nyquistBpm) throw new PulseJException("A heart rate of " +
			Math.max(hrStartBpm, hrEndBpm) + " bpm cannot be seen at " + fps + " fps (above " + nyquistBpm + " bpm).",
			"Raise fps= or lower the heart rate.");
		if (respirationBpm >= nyquistBpm) throw new PulseJException("A breathing rate of " + respirationBpm +
			" per minute cannot be seen at " + fps + " fps.", "Raise fps= or lower respirationBpm.");
		if (stepFraction != 0 && stepAtSeconds > seconds) throw new PulseJException("The light step at " +
			stepAtSeconds + " s is after the end of the " + seconds + " s video.", "Give a time within the video.");
		final double headWidthPx = faceHeightFraction * height * 1.2; // with hair and ears
		if (headWidthPx > width) throw new PulseJException("A face " + faceHeightFraction +
			" of the frame height does not fit the width of " + width + " pixels.",
			"Lower faceHeightFraction or make the frame wider.");
		// the shine is where the skin faces halfway to the side light: without that light it would draw nothing
		if (gloss > 0 && sideLight == 0) throw new PulseJException("gloss=" + Messages.num(gloss) + " draws the " +
			"skin's shine where it faces halfway to the side light, and side_light is 0: the video would have no shine.",
			"Give side_light= too (e.g. side_light=0.5 gloss=0.4), or leave gloss at 0.");
		return this;
	}

	private static double check(final String name, final double v, final double min, final double max) {
		final String key = KEYS.getOrDefault(name, name);
		if (!(v >= min && v <= max)) throw new PulseJException(key + "=" + Messages.num(v) + " is out of range for a " +
			"synthetic video.", "Give " + key + " between " + Messages.num(min) + " and " + Messages.num(max) + ".");
		return v;
	}

	/** Generate Synthetic Video's macro key of each parameter whose name differs, for messages. */
	private static final java.util.Map<String, String> KEYS = java.util.Map.ofEntries(java.util.Map.entry("hrStartBpm",
		"hr"), java.util.Map.entry("hrEndBpm", "hr_end"), java.util.Map.entry("pulseAmplitude", "amplitude"), java.util.Map
			.entry("translationPx", "motion"), java.util.Map.entry("rotationDeg", "rotation"), java.util.Map.entry(
				"suddenMoves", "sudden"), java.util.Map.entry("driftFraction", "drift"), java.util.Map.entry("noiseSigma",
					"noise"), java.util.Map.entry("jpegQuality", "jpeg"), java.util.Map.entry("rsaBpm", "rsa"), java.util.Map
						.entry("rmssdMs", "rmssd"), java.util.Map.entry("stepFraction", "light_step"), java.util.Map.entry(
							"flickerHz", "flicker"), java.util.Map.entry("shakePx", "shake"), java.util.Map.entry("shakeHz",
								"shake_hz"), java.util.Map.entry("turnDeg", "turn"), java.util.Map.entry("turnHz", "turn_hz"),
		java.util.Map.entry("sideLight", "side_light"));


	// -- getters --

	/** Number of frames: seconds × fps, rounded. */
	public int frames() {
		return (int) Math.round(seconds * fps);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public double fps() {
		return fps;
	}

	public double seconds() {
		return seconds;
	}

	public double hrStartBpm() {
		return hrStartBpm;
	}

	public double hrEndBpm() {
		return hrEndBpm;
	}

	public double pulseAmplitude() {
		return pulseAmplitude;
	}

	public double respirationBpm() {
		return respirationBpm;
	}

	public double respirationAmplitude() {
		return respirationAmplitude;
	}

	public double rsaBpm() {
		return rsaBpm;
	}

	public double rmssdMs() {
		return rmssdMs;
	}

	public double shakePx() {
		return shakePx;
	}

	public double shakeHz() {
		return shakeHz;
	}

	public double turnDeg() {
		return turnDeg;
	}

	public double turnHz() {
		return turnHz;
	}

	public double sideLight() {
		return sideLight;
	}

	public double gloss() {
		return gloss;
	}

	public double translationPx() {
		return translationPx;
	}

	public double rotationDeg() {
		return rotationDeg;
	}

	public double scaleAmplitude() {
		return scaleAmplitude;
	}

	public int suddenMoves() {
		return suddenMoves;
	}

	public double driftFraction() {
		return driftFraction;
	}

	public double stepFraction() {
		return stepFraction;
	}

	/** When the light step happens; half-way through the video unless set. */
	public double stepAtSeconds() {
		return Double.isNaN(stepAtSeconds) ? seconds / 2 : stepAtSeconds;
	}

	public double flickerHz() {
		return flickerHz;
	}

	public double flickerAmplitude() {
		return flickerAmplitude;
	}

	public double brightness() {
		return brightness;
	}

	public double noiseSigma() {
		return noiseSigma;
	}

	public int jpegQuality() {
		return jpegQuality;
	}

	public double faceHeightFraction() {
		return faceHeightFraction;
	}

	public long seed() {
		return seed;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%dx%d, %.4g fps, %.4g s, hr %.4g→%.4g bpm, pulse %.4g, " +
			"resp %.4g/min ×%.4g, motion %.3g px %.3g° ×%.3g + %d jumps + shake %.3g px at %.3g Hz, light %.3g drift %.3g step %.3g@%.3gs " +
			"flicker %.3g Hz ×%.3g, noise %.3g, jpeg %d, face %.3g, seed %d", width, height, fps, seconds, hrStartBpm,
			hrEndBpm, pulseAmplitude, respirationBpm, respirationAmplitude, translationPx, rotationDeg, scaleAmplitude,
			suddenMoves, shakePx, shakeHz, brightness, driftFraction, stepFraction, stepAtSeconds(), flickerHz, flickerAmplitude,
			noiseSigma, jpegQuality, faceHeightFraction, seed) + (turnDeg > 0 || sideLight > 0 || gloss > 0 ? String.format(java.util
				.Locale.ROOT, ", turn %.3g° at %.3g Hz, side light %.3g, gloss %.3g", turnDeg, turnHz, sideLight, gloss) : "") + (hasBeatVariability() ? String.format(java.util.Locale
				.ROOT, ", rsa ±%.3g bpm, rmssd %.3g ms", rsaBpm, rmssdMs) : "");
	}
}

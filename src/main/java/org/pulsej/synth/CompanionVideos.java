package org.pulsej.synth;

import java.util.SplittableRandom;

/**
 * Generated face videos that train beside the user's own (Train PhysNet's {@code companions=}): each has a
 * pulse and one nuisance of its own — a sway with a shake, a turning head under a side light, a lamp
 * ripple in the heart-rate band, or head jumps in dim light — at its own frequency.
 * <p>
 * Why: a label-free loss (the paper's contrastive one and SiNC's alike) rewards any signal of steady
 * frequency in the heart-rate band. When every video of a training
 * set carries the same nuisance rhythm (a lab's experiment: one task, one lamp), the network can learn
 * that rhythm instead of the pulse. Among videos whose nuisances differ, the only rhythm that every
 * one of them carries in its skin colour is the pulse. They enter the loss only: epoch selection and
 * the report are about the user's videos.
 * <p>
 * The set is fixed: companion {@code i} is the same video in every run (its own seed), so a training
 * stays reproducible and resumable.
 */
public final class CompanionVideos {

	/**
	 * The frame size they are drawn at: small, so that drawing and tracking take seconds. The face is
	 * 108–132 px high, more than the CPU network's 64×64 input; for the paper's 192×128 the crop is scaled up.
	 */
	public static final int WIDTH = 320, HEIGHT = 240;

	/** How many nuisance kinds the set cycles through. */
	public static final int KINDS = 4;

	private static final long SEED_BASE = 7_000;

	private CompanionVideos() {}

	/**
	 * Companion {@code index} (0, 1, …) at the frame rate the training works at, {@code seconds} long.
	 * Heart rates spread over 50–120 bpm, pulse amplitude 0.15–0.5 %, sensor noise 2 grey levels;
	 * kind {@code index % 4}: 0 sway with a shake at 0.4–2.2 Hz, 1 a head turning 15–30° at 0.2–0.4 Hz
	 * under a side light, 2 a lamp ripple at 0.8–2.8 Hz with a small sway, 3 head jumps at brightness 0.3–0.55.
	 */
	public static SyntheticVideoSpec spec(final int index, final double fps, final double seconds) {
		if (index < 0) throw new IllegalArgumentException("index " + index);
		final SplittableRandom r = new SplittableRandom(SEED_BASE + index);
		// heart rates well spread whatever the count: the golden-ratio sequence over 50-120 bpm
		final double hr = 50 + 70 * ((0.37 + index * 0.6180339887498949) % 1.0);
		final double amplitude = 0.0015 * Math.pow(0.005 / 0.0015, r.nextDouble());
		final SyntheticVideoSpec s = new SyntheticVideoSpec().size(WIDTH, HEIGHT).fps(fps).seconds(seconds).hrRamp(hr,
			hr * (1 + 0.1 * (r.nextDouble() - 0.5))).pulseAmplitude(amplitude).noiseSigma(2).driftFraction(0.05).seed(
				SEED_BASE + index).faceHeightFraction(0.45 + 0.1 * r.nextDouble());
		switch (index % KINDS) {
			case 0 -> s.translationPx(5 + 15 * r.nextDouble()).rotationDeg(3).shake(2 + 4 * r.nextDouble(), 0.4 + 1.8 * r
				.nextDouble()).brightness(0.7 + 0.3 * r.nextDouble());
			case 1 -> s.translationPx(2 + 2 * r.nextDouble()).turn(15 + 15 * r.nextDouble(), 0.2 + 0.2 * r.nextDouble())
				.sideLight(0.3 + 0.3 * r.nextDouble()).brightness(0.6 + 0.3 * r.nextDouble());
			case 2 -> s.translationPx(1 + 4 * r.nextDouble()).flickerHz(0.8 + 2.0 * r.nextDouble()).flickerAmplitude(0.01 +
				0.02 * r.nextDouble()).brightness(0.6 + 0.4 * r.nextDouble());
			default -> s.translationPx(2 + 4 * r.nextDouble()).suddenMoves(2 + r.nextInt(3)).brightness(0.3 + 0.25 * r
				.nextDouble());
		}
		return s.validate();
	}

	/** The name companion {@code index} has in the log. */
	public static String name(final int index) {
		return "companion-" + (index + 1);
	}
}

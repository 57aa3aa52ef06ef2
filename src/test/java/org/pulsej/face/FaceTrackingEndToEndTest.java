package org.pulsej.face;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pulsej.util.Progress;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * BlazeFace + tracker + stabiliser on a crudely drawn face with a known box track ({@link MovingDrawnFace}).
 * The drawing's proportions are not a real face's, so its box agreement is checked at IoU 0.75; the
 * IoU 0.8 requirement is checked on the synthetic faces of {@code org.pulsej.synth}.
 */
class FaceTrackingEndToEndTest {

	private static BlazeFaceDetector detector;
	private static MovingDrawnFace clip;

	@BeforeAll
	static void open() {
		assumeTrue(BlazeFaceDetector.isAvailable(),
			"BlazeFace model not in this build (npm missing or offline at build time): tracking tests skipped");
		detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE);
		clip = new MovingDrawnFace();
	}

	@AfterAll
	static void close() {
		if (detector != null) detector.close();
	}

	private static FaceTrack track(final int detectEvery) {
		final FaceTracker.Options d = FaceTracker.Options.defaults();
		return new FaceTracker(detector, new FaceTracker.Options(detectEvery, d.minScore(), d.buffer(), d.smoothSeconds(),
			d.cropHeight(), d.cropWidth())).track(clip.video, Progress.NONE);
	}

	private static final double MIN_IOU = 0.75;

	/** Fraction of frames whose face box overlaps the truth by IoU >= MIN_IOU; also prints the mean IoU. */
	private static double goodFraction(final FaceTrack track, final String label) {
		int good = 0;
		double sum = 0;
		for (int t = 0; t < track.frames(); t++) {
			final double iou = track.raw(t) == null ? 0 : track.raw(t).iou(clip.truth[t].clippedTo(640, 480));
			sum += iou;
			if (iou >= MIN_IOU) good++;
		}
		System.out.printf(Locale.ROOT, "[face] drawn face, %s: IoU >= " + MIN_IOU + " on %d/%d frames, mean IoU %.3f, %d detector runs%n", label,
			good, track.frames(), sum / track.frames(), track.detectorRuns());
		return (double) good / track.frames();
	}

	@Test
	void detectionMatchesTheTruthOnNearlyEveryFrame() {
		assertTrue(goodFraction(track(1), "every frame") >= 0.95);
	}

	@Test
	void interpolatingBetweenDetectionsIsAsAccurate() {
		final double every = goodFraction(track(1), "k=1");
		for (final int k : new int[] { 2, 3, 5 }) {
			final FaceTrack t = track(k);
			final double f = goodFraction(t, "k=" + k);
			if (k <= FaceTracker.Options.defaults().detectEvery()) assertTrue(f >= every - 0.02, "k=" + k + ": " + f + " vs " + every);
			assertTrue(t.detectorRuns() < clip.video.frames(), "fewer detector runs with k=" + k);
		}
	}

	@Test
	void stabilisedBoxHoldsStillDuringJitterAndFollowsTheMoveSmoothly() {
		final int k = FaceTracker.Options.defaults().detectEvery();
		final FaceTrack track = track(k);
		assertTrue(goodFraction(track, "defaults (k=" + k + ")") >= 0.95);
		// Jitter of +-3 px stays inside the 25 % buffer: the box does not move.
		for (int t = 1; t < MovingDrawnFace.STEP; t++) assertEquals(track.stabilised(0), track.stabilised(t), "frame " + t);
		// The move is followed within round(0.25 s * fps) frames plus one detection interval ...
		final int n = BoxStabilizer.smoothFrames(0.25, MovingDrawnFace.FPS);
		final int arrived = MovingDrawnFace.STEP + n + k;
		final Box settled = track.stabilised(arrived);
		for (int t = arrived; t < 60; t++) assertEquals(settled, track.stabilised(t), "settled at frame " + t);
		assertTrue(settled.contains(track.raw(arrived)), "box around the detected face: " + settled);
		assertTrue(settled.contains(Box.centred(clip.truth[arrived].centreX(), clip.truth[arrived].centreY(), 0, 0)),
			"box on the new face: " + settled);
		// ... moving monotonically, without jumps: no frame moves more than smoothstep's steepest step.
		final Box before = track.stabilised(MovingDrawnFace.STEP - 1);
		final double distance = before.maxEdgeShift(settled);
		assertTrue(distance > 100, "the move is real: " + distance);
		for (int t = MovingDrawnFace.STEP; t <= arrived; t++) {
			final Box a = track.stabilised(t - 1), b = track.stabilised(t);
			assertTrue(a.maxEdgeShift(b) <= 1.5 * distance / n + 1, "jump of " + a.maxEdgeShift(b) + " px at frame " + t);
			assertTrue(b.x() >= a.x() - 1e-9, "monotonic at frame " + t);
		}
		// During the drift the box follows in steps, never jumping either.
		for (int t = 60; t < MovingDrawnFace.FRAMES; t++)
			assertTrue(track.stabilised(t - 1).maxEdgeShift(track.stabilised(t)) <= 1.5 * 40 / n + 1, "drift step at " + t);
		final Box last = track.stabilised(89);
		assertTrue(last.contains(Box.centred(clip.truth[89].centreX(), clip.truth[89].centreY(), 0, 0)),
			"keeps the drifting face: " + last + " vs " + clip.truth[89]);
	}
}

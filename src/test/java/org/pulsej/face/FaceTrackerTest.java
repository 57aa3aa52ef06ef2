package org.pulsej.face;

import org.junit.jupiter.api.Test;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceTrackerTest {

	private static FaceTracker.Options every(final int k) {
		return new FaceTracker.Options(k, 0.5, 0.25, 0.25, 192, 128);
	}

	/** A face moving right at constant speed: interpolation between detections is exact. */
	@Test
	void interpolatesBetweenKeyframesWithFewerDetectorRuns() {
		final ScriptedDetector d = new ScriptedDetector(t -> List.of(ScriptedDetector.face(new Box(100 + 2 * t, 50, 80, 100), 0.9)));
		final Video v = ScriptedDetector.video(31, 640, 480, 30);
		final FaceTrack track = new FaceTracker(d, every(5)).track(v, Progress.NONE);
		assertEquals(7, track.detectorRuns()); // 0, 5, ..., 30
		assertEquals(List.of(0, 5, 10, 15, 20, 25, 30), d.calls);
		assertEquals(31, track.detectedFrames());
		for (int t = 0; t < 31; t++) {
			assertEquals(100 + 2 * t, track.raw(t).x(), 1e-9, "frame " + t);
			assertEquals(t % 5 != 0, track.interpolated(t));
			assertEquals(0.9, track.score(t), 1e-12);
		}
	}

	@Test
	void fastMovesAndGapsAreDetectedFrameByFrame() {
		// Jump at frame 7 (IoU 0 between keyframes 5 and 10); no face on frames 13..16 (keyframe 15 among them).
		final ScriptedDetector d = new ScriptedDetector(t -> {
			if (t >= 13 && t <= 16) return List.of();
			return List.of(ScriptedDetector.face(new Box(t < 7 ? 100 : 400, 50, 80, 100), 0.9));
		});
		final Video v = ScriptedDetector.video(21, 640, 480, 30);
		final FaceTrack track = new FaceTracker(d, every(5)).track(v, Progress.NONE);
		assertTrue(track.interpolated(2));
		assertEquals(100, track.raw(6).x(), 1e-9);
		assertEquals(400, track.raw(7).x(), 1e-9);
		assertFalse(track.interpolated(7));
		for (int t = 13; t <= 16; t++) assertNull(track.raw(t), "no face at " + t);
		assertTrue(Double.isNaN(track.score(14)));
		assertTrue(track.raw(12) != null && !track.interpolated(12));
		assertTrue(track.raw(17) != null && !track.interpolated(17));
		assertEquals(17, track.detectedFrames());
		// The move that started at frame 7 takes round(0.25 s * 30) = 8 frames and finishes in the gap,
		// whose frames then keep the box.
		final Box goal = new Box(400, 50, 80, 100).scaled(1.25);
		assertTrue(track.stabilised(13).maxEdgeShift(goal) > 0.1);
		for (int t = 14; t <= 16; t++) assertEquals(0, track.stabilised(t).maxEdgeShift(goal), 1e-9, "frame " + t);
	}

	@Test
	void aDropoutShorterThanTheDetectionIntervalIsBridged() {
		// Keyframes 0 and 5 agree; the detector would have missed frames 2 and 3, but never runs there.
		final ScriptedDetector d = new ScriptedDetector(t -> t == 2 || t == 3 ? List.of()
			: List.of(ScriptedDetector.face(new Box(100, 50, 80, 100), 0.9)));
		final FaceTrack track = new FaceTracker(d, every(5)).track(ScriptedDetector.video(6, 640, 480, 30), Progress.NONE);
		assertEquals(List.of(0, 5), d.calls);
		assertEquals(6, track.detectedFrames());
	}

	@Test
	void picksTheLargestConfidentFace() {
		final Box small = new Box(10, 10, 40, 40), large = new Box(300, 100, 120, 150), tooUnsure = new Box(0, 0, 600, 400);
		final ScriptedDetector d = new ScriptedDetector(t -> List.of(ScriptedDetector.face(small, 0.99),
			ScriptedDetector.face(large, 0.8), ScriptedDetector.face(tooUnsure, 0.3)));
		final FaceTrack track = new FaceTracker(d, every(1)).track(ScriptedDetector.video(3, 640, 480, 30), Progress.NONE);
		for (int t = 0; t < 3; t++) assertEquals(large, track.raw(t));
		assertEquals(large.scaled(1.25), track.stabilised(2));
	}

	@Test
	void aSecondFaceOfAboutTheSameSizeDoesNotTakeTheBox() {
		// two faces whose sizes trade places every frame (detector noise): the largest-face rule jumped between them
		final ScriptedDetector d = new ScriptedDetector(t -> {
			final double grow = t % 2 == 0 ? 4 : -4;
			return List.of(ScriptedDetector.face(new Box(60, 100, 100 - grow, 120 - grow), 0.9), ScriptedDetector.face(
				new Box(400, 100, 100 + grow, 120 + grow), 0.9));
		});
		final FaceTrack track = new FaceTracker(d, every(1)).track(ScriptedDetector.video(20, 640, 480, 30),
			Progress.NONE);
		for (int t = 0; t < 20; t++)
			assertEquals(400, track.raw(t).x(), 1e-9, "frame " + t + " follows the face found first (the larger there)");
		// a larger face appearing beside the followed one (a poster, a second person) does not take the box either
		final ScriptedDetector poster = new ScriptedDetector(t -> t < 5 ? List.of(ScriptedDetector.face(new Box(60, 100,
			100, 120), 0.9)) : List.of(ScriptedDetector.face(new Box(62, 101, 100, 120), 0.9), ScriptedDetector.face(
				new Box(350, 50, 200, 240), 0.95)));
		final FaceTrack kept = new FaceTracker(poster, every(1)).track(ScriptedDetector.video(12, 640, 480, 30),
			Progress.NONE);
		assertEquals(62, kept.raw(11).x(), 1e-9);
	}

	@Test
	void whenTheFollowedFaceIsGoneTheLargestIsTaken() {
		final ScriptedDetector d = new ScriptedDetector(t -> t < 5 ? List.of(ScriptedDetector.face(new Box(60, 100, 100,
			120), 0.9), ScriptedDetector.face(new Box(400, 100, 80, 90), 0.9)) : List.of(ScriptedDetector.face(new Box(
				400, 100, 80, 90), 0.9)));
		final FaceTrack track = new FaceTracker(d, every(1)).track(ScriptedDetector.video(10, 640, 480, 30),
			Progress.NONE);
		assertEquals(60, track.raw(4).x(), 1e-9);
		assertEquals(400, track.raw(5).x(), 1e-9, "the only face left");
		assertEquals(new Box(400, 100, 80, 90), FaceTracker.follow(List.of(ScriptedDetector.face(new Box(60, 100, 100,
			120), 0.2), ScriptedDetector.face(new Box(400, 100, 80, 90), 0.9)), 0.5, new Box(60, 100, 100, 120), 640, 480)
			.box(), "a face scoring below min_score is not followed");
		assertNull(FaceTracker.follow(List.of(), 0.5, new Box(0, 0, 10, 10), 640, 480));
	}

	@Test
	void faceCutByTheFrameEdgeIsClipped() {
		final ScriptedDetector d = new ScriptedDetector(t -> List.of(ScriptedDetector.face(new Box(-30, 400, 100, 120), 0.9)));
		final FaceTrack track = new FaceTracker(d, every(1)).track(ScriptedDetector.video(2, 640, 480, 30), Progress.NONE);
		assertEquals(new Box(0, 400, 70, 80), track.raw(0));
		final Box s = track.stabilised(1);
		assertTrue(s.x() >= 0 && s.y() >= 0 && s.x2() <= 640 && s.y2() <= 480, "stabilised box inside: " + s);
	}

	@Test
	void leadingFramesWithoutFaceTakeTheFirstBox() {
		final ScriptedDetector d = new ScriptedDetector(t -> t < 4 ? List.of() : List.of(ScriptedDetector.face(new Box(100, 100, 80, 80), 0.9)));
		final FaceTrack track = new FaceTracker(d, every(1)).track(ScriptedDetector.video(8, 640, 480, 30), Progress.NONE);
		assertNull(track.raw(0));
		assertEquals(4, track.detectedFrames());
		assertEquals(track.stabilised(4), track.stabilised(0));
	}

	@Test
	void noFaceAnywhereIsAClearErrorSuggestingARectangle() {
		final ScriptedDetector d = new ScriptedDetector(t -> List.of());
		final PulseJException e = assertThrows(PulseJException.class,
			() -> new FaceTracker(d, every(3)).track(ScriptedDetector.video(10, 64, 48, 30), Progress.NONE));
		assertTrue(e.problem().contains("No face"), e.getMessage());
		assertTrue(e.fix().contains("roi=manual rect=x,y,w,h"), "the fix works headless too: " + e.getMessage());
		assertTrue(e.fix().contains("rectangle"), e.getMessage());
		assertEquals(List.of(0, 3, 6, 9), d.calls, "no face yet: only the keyframes are searched (the refusal of a " +
			"video without a face took a detector run on every frame)");
	}

	/** Before the first face, frames between faceless keyframes are skipped; the keyframe interval around its entry is not. */
	@Test
	void aFaceThatEntersLateIsFoundFromTheKeyframeBeforeIt() {
		final ScriptedDetector d = new ScriptedDetector(t -> t < 7 ? List.of() : List.of(ScriptedDetector.face(new Box(
			100 + 40 * (t % 2), 100, 80, 80), 0.9)));
		final FaceTrack track = new FaceTracker(d, every(5)).track(ScriptedDetector.video(16, 640, 480, 30), Progress.NONE);
		assertEquals(List.of(0, 5, 10, 6, 7, 8, 9, 15, 11, 12, 13, 14), d.calls);
		for (int t = 0; t < 7; t++) assertNull(track.raw(t), "no face at " + t);
		assertEquals(100 + 40, track.raw(7).x(), 1e-9, "found in the frame it entered");
		assertEquals(9, track.detectedFrames());
		assertEquals(track.stabilised(7), track.stabilised(0), "frames before it take its first box");
	}

	@Test
	void fixedBoxIsUsedForEveryFrameClipped() {
		final Video v = ScriptedDetector.video(5, 100, 80, 30);
		final FaceTrack track = FaceTracker.fixed(v, new Box(50, 40, 80, 30));
		assertTrue(track.isFixed());
		assertEquals(0, track.detectedFrames());
		for (int t = 0; t < 5; t++) assertEquals(new Box(50, 40, 50, 30), track.stabilised(t));
		assertThrows(PulseJException.class, () -> FaceTracker.fixed(v, new Box(200, 10, 20, 20)));
	}

	@Test
	void cancellingStops() {
		final ScriptedDetector d = new ScriptedDetector(t -> List.of(ScriptedDetector.face(new Box(0, 0, 10, 10), 0.9)));
		final Progress cancelled = TestProgress.cancelled();
		assertThrows(java.util.concurrent.CancellationException.class,
			() -> new FaceTracker(d, every(1)).track(ScriptedDetector.video(5, 64, 48, 30), cancelled));
		assertTrue(d.calls.isEmpty());
	}

	@Test
	void badOptionsAreRejectedWithAFix() {
		assertThrows(PulseJException.class, () -> new FaceTracker.Options(0, 0.5, 0.25, 0.25, 192, 128));
		assertThrows(PulseJException.class, () -> new FaceTracker.Options(1, 1.5, 0.25, 0.25, 192, 128));
		// a near-zero min_score let a box of nearly the whole frame, scored 0.009, be tracked as the face
		for (final double low : new double[] { 0, 1e-6, 0.05, 0.099 }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> new FaceTracker.Options(1, low, 0.25, 0.25,
				192, 128), "min_score=" + low);
			assertTrue(e.getMessage().startsWith("min_score=") && e.getMessage().contains("not to be faces"), e
				.getMessage());
			assertTrue(e.fix().contains("min_score between 0.1 and 1") && e.fix().contains("usual value is 0.75"), e.fix());
		}
		new FaceTracker.Options(1, 0.1, 0.25, 0.25, 192, 128);
		// detect_every=1e9 was taken: the face looked for on the first frame only
		final PulseJException e = assertThrows(PulseJException.class, () -> new FaceTracker.Options(1_000_000_000, 0.75,
			0.25, 0.25, 192, 128));
		assertTrue(e.getMessage().startsWith("detect_every=1000000000 frames is more than an hour of video at 30 fps " +
			"(108000 frames)"), e.getMessage());
		assertTrue(e.fix().contains("between 1 and 108000"), e.fix());
		new FaceTracker.Options(FaceTracker.MAX_DETECT_EVERY, 0.75, 0.25, 0.25, 192, 128);
		assertThrows(PulseJException.class, () -> new FaceTracker.Options(1, 0.5, -1, 0.25, 192, 128));
		assertThrows(PulseJException.class, () -> new FaceTracker.Options(1, 0.5, 0.25, 0.25, 0, 128));
		// each named by Track Face's key and the value given ("The face crop size 0x128 (height x width) is not
		// possible", "The face box buffer must be between 0 and 10 ..." named no key)
		final Object[][] named = { { new double[] { 0, 0.5, 0.25, 0.25, 192, 128 }, "detect_every=0 is not a frame " +
			"interval", "detect_every=1" }, { new double[] { 1, 1.5, 0.25, 0.25, 192, 128 }, "min_score=1.5 is not a " +
				"face score", "min_score between 0.1 and 1" }, { new double[] { 1, 0.5, -1, 0.25, 192, 128 },
					"buffer=-1 is not a usable box buffer", "buffer=0.25" }, { new double[] { 1, 0.5, 0.25, 1e9, 192, 128 },
						"smooth=1000000000 s is not a usable smoothing time", "smooth=0.25" }, { new double[] { 1, 0.5, 0.25,
							0.25, 0, 128 }, "crop_height=0 is not a size of the face crop", "crop_height=192 crop_width=128" }, {
								new double[] { 1, 0.5, 0.25, 0.25, 192, 100000 }, "crop_width=100000 is not a size of the face " +
									"crop", "crop_height=192 crop_width=128" } };
		for (final Object[] n : named) {
			final double[] v = (double[]) n[0];
			final PulseJException k = assertThrows(PulseJException.class, () -> new FaceTracker.Options((int) v[0], v[1],
				v[2], v[3], (int) v[4], (int) v[5]));
			assertTrue(k.problem().startsWith((String) n[1]), k.getMessage());
			assertTrue(k.fix().contains((String) n[2]), k.fix());
		}
		final FaceTracker.Options o = FaceTracker.Options.defaults();
		assertEquals(0.25, o.buffer());
		assertEquals(0.25, o.smoothSeconds());
		assertEquals(192, o.cropHeight());
		assertEquals(128, o.cropWidth());
	}

	/**
	 * A face that leaves the frame half way: Estimate Heart Rate measured the second half on the held box
	 * (background) and wrote heart rates for it with no warning; a loss longer than the bridged 2 s is
	 * now named with its frames.
	 */
	@Test
	void aFaceLostForLongerThanTheBridgeIsNamedInAWarning() {
		final ScriptedDetector gone = new ScriptedDetector(t -> t >= 60 ? List.of() : List.of(ScriptedDetector.face(
			new Box(100, 50, 80, 100), 0.9)));
		final FaceTrack half = new FaceTracker(gone, every(2)).track(ScriptedDetector.video(120, 640, 480, 30),
			Progress.NONE);
		assertArrayEquals(new int[] { 60, 119 }, half.longestLoss());
		final String w = half.lossWarning("v", 30, 2);
		assertTrue(w != null && w.startsWith("v — warning: no face was found in frames 60–119 (2.0–4.0 s, 50 % of " +
			"the video)"), w);
		assertTrue(w.contains("roi=manual rect="), w);
		assertTrue(w.contains("their confidence is 0"), w);
		final boolean[] lost = half.lostFrames(60);
		for (int t = 0; t < 120; t++)
			assertEquals(t >= 60, lost[t], "frame " + t);
		assertNull(half.lostFrames(61), "a run shorter than asked");
		// a one-second loss is bridged over, not warned about; a fixed box has no losses
		final ScriptedDetector blink = new ScriptedDetector(t -> t >= 40 && t < 70 ? List.of() : List.of(
			ScriptedDetector.face(new Box(100, 50, 80, 100), 0.9)));
		final FaceTrack shortLoss = new FaceTracker(blink, every(1)).track(ScriptedDetector.video(120, 640, 480, 30),
			Progress.NONE);
		assertArrayEquals(new int[] { 40, 69 }, shortLoss.longestLoss());
		assertNull(shortLoss.lossWarning("v", 30, 2));
		assertNull(org.pulsej.pipeline.UnreliableFrames.faceLost(shortLoss, 30), "bridged, so trusted");
		assertEquals(60, countTrue(org.pulsej.pipeline.UnreliableFrames.faceLost(half, 30)));
		assertNull(FaceTracker.fixed(ScriptedDetector.video(10, 64, 48, 30), new Box(0, 0, 10, 10)).lossWarning("v", 30,
			0));
	}

	private static int countTrue(final boolean[] b) {
		int n = 0;
		for (final boolean x : b)
			if (x) n++;
		return n;
	}
}

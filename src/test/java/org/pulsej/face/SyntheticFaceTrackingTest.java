package org.pulsej.face;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pulsej.input.FaceCropper;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

import java.awt.geom.Rectangle2D;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The face stage on synthetic face videos with a known face box per frame ({@code GroundTruth.faceBox}:
 * hairline to chin, cheek to cheek). Skipped (with the reason) when the build could not fetch the model.
 */
class SyntheticFaceTrackingTest {

	private static BlazeFaceDetector detector;

	@BeforeAll
	static void open() {
		assumeTrue(BlazeFaceDetector.isAvailable(),
			"BlazeFace model not in this build (npm missing or offline at build time): synthetic-face tests skipped");
		detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE);
	}

	@AfterAll
	static void close() {
		if (detector != null) detector.close();
	}

	/** A synthetic clip and its true face boxes. */
	private record Clip(Video video, Box[] truth) {}

	private static Clip clip(final SyntheticVideoSpec spec) {
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.generate(spec, Progress.NONE);
		final Rectangle2D.Double[] b = r.truth().faceBox();
		final Box[] truth = new Box[b.length];
		for (int t = 0; t < b.length; t++) truth[t] = new Box(b[t].x, b[t].y, b[t].width, b[t].height);
		return new Clip(Video.of(r.video(), spec.fps(), "synthetic", null), truth);
	}

	private static SyntheticVideoSpec spec(final long seed) {
		return new SyntheticVideoSpec().size(320, 240).fps(30).seconds(4).seed(seed);
	}

	private static FaceTrack track(final Video v, final int detectEvery) {
		final FaceTracker.Options d = FaceTracker.Options.defaults();
		return new FaceTracker(detector, new FaceTracker.Options(detectEvery, d.minScore(), d.buffer(), d.smoothSeconds(),
			d.cropHeight(), d.cropWidth())).track(v, Progress.NONE);
	}

	/** Fraction of frames whose face box overlaps the (clipped) truth by IoU >= 0.8. */
	private static double goodFraction(final FaceTrack track, final Box[] truth, final String label) {
		int good = 0;
		double sum = 0;
		for (int t = 0; t < track.frames(); t++) {
			final double iou = track.raw(t) == null ? 0 : track.raw(t).iou(truth[t].clippedTo(track.width(), track.height()));
			sum += iou;
			if (iou >= 0.8) good++;
		}
		System.out.printf(Locale.ROOT, "[face] synthetic, %s: IoU >= 0.8 on %d/%d frames, mean IoU %.3f, %d detector runs%n",
			label, good, track.frames(), sum / track.frames(), track.detectorRuns());
		return (double) good / track.frames();
	}

	@Test
	void movingFacesAreDetectedWithIoUAtLeast08OnNearlyEveryFrame() {
		// Smooth sway of up to 20 px plus one quick jump with a tilt (and perhaps a turn); four looks.
		for (final long seed : new long[] { 13, 14, 15, 16 }) {
			final Clip c = clip(spec(seed).translationPx(20).suddenMoves(1));
			assertTrue(goodFraction(track(c.video, FaceTracker.Options.defaults().detectEvery()), c.truth, "seed " + seed) >= 0.95);
		}
		final Clip big = clip(spec(17).size(640, 480).seconds(2).translationPx(40).suddenMoves(1));
		assertTrue(goodFraction(track(big.video, 2), big.truth, "640x480 seed 17") >= 0.95);
	}

	@Test
	void interpolatingBetweenDetectionsIsAsAccurate() {
		final Clip c = clip(spec(18).translationPx(30).suddenMoves(2));
		final double every = goodFraction(track(c.video, 1), c.truth, "k=1");
		final FaceTrack k2 = track(c.video, 2);
		assertTrue(goodFraction(k2, c.truth, "k=2") >= every - 0.02);
		assertTrue(k2.detectorRuns() < 0.6 * c.video.frames(), "runs " + k2.detectorRuns());
		goodFraction(track(c.video, 3), c.truth, "k=3"); // reported only
		goodFraction(track(c.video, 5), c.truth, "k=5");
	}

	@Test
	void stabilisedBoxDoesNotMoveWhileTheFaceOnlySways() {
		// A sway of 3 px stays well inside the buffer (12.5 % of the face width on each side).
		final Clip c = clip(spec(19).translationPx(3));
		final FaceTrack track = track(c.video, 2);
		assertTrue(track.detectedFrames() == c.video.frames());
		for (int t = 1; t < track.frames(); t++) assertEquals(track.stabilised(0), track.stabilised(t), "frame " + t);
	}

	@Test
	void stabilisedBoxFollowsQuickMovesWithinAQuarterSecondPlusOneIntervalWithoutJumps() {
		final Clip c = clip(spec(14).seconds(6).suddenMoves(2));
		final int k = 2, n = BoxStabilizer.smoothFrames(0.25, 30);
		final FaceTrack track = track(c.video, k);
		// The face really moves: its box leaves the first buffered box.
		double range = 0;
		for (int t = 0; t < track.frames(); t++) range = Math.max(range, track.stabilised(0).maxEdgeShift(track.stabilised(t)));
		assertTrue(range > 15, "moves " + range);
		int checked = 0;
		for (int t = n + k; t < track.frames(); t++) {
			// Whenever the face has held still for 0.25 s plus one detection interval, the box has caught up.
			boolean still = true;
			for (int s = t - n - k; s < t && still; s++) still = c.truth[s].maxEdgeShift(c.truth[t]) < 1.5;
			if (!still) continue;
			checked++;
			assertTrue(track.stabilised(t).contains(track.raw(t)), "frame " + t + ": " + track.raw(t) + " outside " + track.stabilised(t));
		}
		assertTrue(checked > track.frames() / 2, "still frames checked: " + checked);
		// No jumps: no frame moves further than smoothstep's steepest step over the whole range.
		for (int t = 1; t < track.frames(); t++) {
			final double step = track.stabilised(t - 1).maxEdgeShift(track.stabilised(t));
			assertTrue(step <= 1.5 * range / n + 1, "jump of " + step + " px at frame " + t);
		}
	}

	@Test
	void faceInOnlySomeFramesKeepsTheLastBox() {
		final Clip c = clip(spec(15).seconds(3));
		final ImageStack s = new ImageStack(320, 240);
		final ColorProcessor wall = new ColorProcessor(320, 240);
		wall.setColor(new java.awt.Color(150, 160, 150));
		wall.fill();
		for (int t = 0; t < c.video.frames(); t++) s.addSlice(t >= 30 && t < 60 ? wall : c.video.frame(t));
		final FaceTrack track = track(new Video(s, 24, 30, "gap", null), 2);
		for (int t = 30; t < 60; t++) assertEquals(null, track.raw(t), "frame " + t);
		assertEquals(c.video.frames() - 30, track.detectedFrames());
		for (int t = 30; t < 60; t++) assertEquals(track.stabilised(29), track.stabilised(t));
	}

	@Test
	void severalFacesTheLargestIsTracked() {
		final Clip a = clip(spec(16).seconds(1)), b = clip(spec(21).seconds(1));
		// Face A (full size, x from 60) on the left, face B at 3/4 size on the right.
		final ImageStack s = new ImageStack(350, 240);
		for (int t = 0; t < a.video.frames(); t++) {
			final ColorProcessor cp = new ColorProcessor(350, 240);
			final ImageProcessor left = a.video.frame(t);
			left.setRoi(60, 0, 200, 240);
			cp.insert(left.crop(), 0, 0);
			final ImageProcessor right = b.video.frame(t).resize(240, 180);
			right.setRoi(45, 0, 150, 180);
			cp.insert(right.crop(), 200, 60);
			s.addSlice(cp);
		}
		assertEquals(2, detector.detect(s.getProcessor(1)).size(), "both faces are seen, so the choice matters");
		final FaceTrack track = track(new Video(s, 24, 30, "two", null), 2);
		final Box faceB = Box.centred(200 + (b.truth[0].centreX() * 0.75 - 45), 60 + b.truth[0].centreY() * 0.75, 1, 1);
		for (int t = 0; t < track.frames(); t++) {
			final Box faceA = new Box(a.truth[t].x() - 60, a.truth[t].y(), a.truth[t].w(), a.truth[t].h());
			assertTrue(track.raw(t).iou(faceA) > 0.7, "frame " + t + ": " + track.raw(t) + " vs " + faceA);
			assertTrue(!track.raw(t).contains(faceB), "not face B at frame " + t);
		}
	}

	@Test
	void faceCutByTheFrameEdgeNeverThrowsAndStaysInside() {
		final Clip c = clip(spec(13).seconds(2).translationPx(10));
		final ImageStack s = new ImageStack(190, 240);
		for (int t = 0; t < c.video.frames(); t++) {
			final ImageProcessor ip = c.video.frame(t);
			ip.setRoi(145, 0, 190, 240); // the left third of the face is outside
			s.addSlice(ip.crop());
		}
		final Video cut = new Video(s, 24, 30, "cut", null);
		final FaceTrack track = track(cut, 2);
		for (int t = 0; t < track.frames(); t++) {
			final Box b = track.stabilised(t);
			assertTrue(b.x() >= 0 && b.y() >= 0 && b.x2() <= 190 && b.y2() <= 240, "inside: " + b);
			if (track.raw(t) != null) assertTrue(track.raw(t).x() >= 0 && track.raw(t).x() < 5, "reaches the cut edge: " + track.raw(t));
		}
		assertTrue(track.detectedFrames() > 0);
		final ImageStack crop = FaceCropper.crop(cut, track, 192, 128, Progress.NONE);
		assertEquals(cut.frames(), crop.getSize());
	}

	@Test
	void tinyAndGreyVideosWork() {
		// 96 x 72 is smaller than the 128 x 128 model input.
		final Clip tiny = clip(spec(22).size(96, 72).seconds(1));
		assertTrue(goodFraction(track(tiny.video, 2), tiny.truth, "96x72") >= 0.9);
		final Clip c = clip(spec(23).seconds(1).translationPx(10));
		final ImageStack grey = new ImageStack(320, 240);
		for (int t = 0; t < c.video.frames(); t++) grey.addSlice(c.video.frame(t).convertToByte(false));
		assertTrue(goodFraction(track(new Video(grey, 8, 30, "grey", null), 2), c.truth, "8-bit grey") >= 0.95);
	}

	@Test
	void videoWithoutAnyFaceIsAClearError() {
		final ImageStack s = new ImageStack(160, 120);
		final Random rnd = new Random(2);
		for (int t = 0; t < 10; t++) {
			final ColorProcessor cp = new ColorProcessor(160, 120);
			for (int i = 0; i < 160 * 120; i++) cp.set(i, rnd.nextInt(0x1000000));
			s.addSlice(cp);
		}
		final PulseJException e = assertThrows(PulseJException.class, () -> track(new Video(s, 24, 30, "noise", null), 2));
		assertTrue(e.getMessage().contains("rectangle"), e.getMessage());
	}
}

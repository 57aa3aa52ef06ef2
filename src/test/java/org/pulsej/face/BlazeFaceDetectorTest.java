package org.pulsej.face;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real model on drawn faces. Skipped (with the reason) when the build could not fetch the model. */
class BlazeFaceDetectorTest {

	private static BlazeFaceDetector detector;

	@BeforeAll
	static void open() {
		assumeTrue(BlazeFaceDetector.isAvailable(),
			"BlazeFace model not in this build (npm missing or offline at build time): detector tests skipped");
		detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE);
	}

	@AfterAll
	static void close() {
		if (detector != null) detector.close();
	}

	private static ColorProcessor background(final int w, final int h) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(new Color(90, 110, 130));
		cp.fill();
		return cp;
	}

	@Test
	void findsADrawnFaceWithItsEyes() {
		final ColorProcessor cp = background(640, 480);
		DrawnFace.draw(cp, 300, 250, 150);
		final ColorProcessor before = (ColorProcessor) cp.duplicate();
		final List<Detection> d = detector.detect(cp);
		assertEquals(1, d.size(), "faces: " + d);
		assertTrue(d.get(0).score() > 0.85, "score " + d.get(0).score());
		final double iou = d.get(0).box().iou(DrawnFace.expectedBox(300, 250, 150));
		assertTrue(iou > 0.8, "IoU " + iou + " " + d.get(0).box());
		final double[] eye = DrawnFace.eye(300, 250, 150);
		assertEquals(eye[0], d.get(0).keypoints()[0], 8);
		assertEquals(eye[1], d.get(0).keypoints()[1], 8);
		assertTrue(java.util.Arrays.equals((int[]) before.getPixels(), (int[]) cp.getPixels()), "frame not modified");
	}

	@Test
	void smallFacesAreFoundByTheTiledSecondPass() {
		// 50 px in a 640 x 480 frame: about 10 px in the letterboxed model input, too small for one pass.
		final ColorProcessor cp = background(640, 480);
		DrawnFace.draw(cp, 500, 380, 50);
		final Detection d = FaceTracker.largest(detector.detect(cp), 0.75);
		assertTrue(d != null && d.box().iou(DrawnFace.expectedBox(500, 380, 50)) > 0.75, "small: " + (d == null ? "none" : d.box()));
	}

	/** 30 px in 640 x 480 (a 28th of its width; 90 px in a 1920 x 1080 video): only tiles of a quarter find it. */
	@Test
	void smallerFacesAreFoundByTheFinerTiles() {
		final ColorProcessor cp = background(640, 480);
		DrawnFace.draw(cp, 150, 120, 30);
		final Detection d = FaceTracker.largest(detector.detect(cp), 0.75);
		assertTrue(d != null && d.box().iou(DrawnFace.expectedBox(150, 120, 30)) > 0.6, "small: " + (d == null ? "none"
			: d.box()));
	}

	@Test
	void noFaceInNoiseOrFlatFrames() {
		final ColorProcessor noise = new ColorProcessor(320, 240);
		final Random rnd = new Random(5);
		for (int i = 0; i < 320 * 240; i++) noise.set(i, rnd.nextInt(0x1000000));
		assertEquals(List.of(), detector.detect(noise));
		assertEquals(List.of(), detector.detect(background(320, 240)));
	}

	@Test
	void severalFacesAreReportedSeparately() {
		final ColorProcessor cp = background(640, 480);
		DrawnFace.draw(cp, 160, 240, 140);
		DrawnFace.draw(cp, 480, 240, 100);
		final List<Detection> d = detector.detect(cp);
		assertEquals(2, d.size(), "faces: " + d);
		final Detection largest = FaceTracker.largest(d, 0.75);
		assertTrue(largest.box().iou(DrawnFace.expectedBox(160, 240, 140)) > 0.8, "largest: " + largest.box());
	}

	@Test
	void faceCutByTheFrameEdgeGivesABoxNotAnError() {
		final ColorProcessor cp = background(640, 480);
		DrawnFace.draw(cp, 40, 240, 160); // a quarter of the face outside the left edge
		final List<Detection> d = detector.detect(cp);
		// Whether the detector still sees it is the model's business; if it does, the box reaches the edge.
		for (final Detection x : d) assertTrue(x.box().x() < 20, "box " + x.box());
	}

	@Test
	void greyFramesOfEveryBitDepthAreDetected() {
		final ColorProcessor cp = background(320, 240);
		DrawnFace.draw(cp, 160, 120, 100);
		final ByteProcessor grey8 = cp.convertToByteProcessor();
		final ShortProcessor grey16 = new ShortProcessor(320, 240);
		final FloatProcessor grey32 = new FloatProcessor(320, 240);
		for (int i = 0; i < 320 * 240; i++) {
			grey16.set(i, 1000 + 40 * grey8.get(i)); // a 16-bit range far from 0..255
			grey32.setf(i, grey8.get(i) / 255f - 0.5f);
		}
		grey16.resetMinAndMax();
		grey32.resetMinAndMax();
		final Box expected = DrawnFace.expectedBox(160, 120, 100);
		for (final ImageProcessor ip : new ImageProcessor[] { grey8, grey16, grey32 }) {
			final Detection d = FaceTracker.largest(detector.detect(ip), 0.75);
			assertTrue(d != null && d.box().iou(expected) > 0.75, ip.getBitDepth() + "-bit: " + (d == null ? "none" : d.box()));
		}
	}

	@Test
	void tinyFramesSmallerThanTheModelInputWork() {
		final ColorProcessor cp = background(96, 72);
		DrawnFace.draw(cp, 48, 36, 40);
		final Detection d = FaceTracker.largest(detector.detect(cp), 0.5);
		assertTrue(d != null && d.box().iou(DrawnFace.expectedBox(48, 36, 40)) > 0.7, "tiny: " + (d == null ? "none" : d.box()));
		// A 1 x 1 frame: nothing to find, and no exception.
		assertEquals(List.of(), detector.detect(new ColorProcessor(1, 1)));
	}
}

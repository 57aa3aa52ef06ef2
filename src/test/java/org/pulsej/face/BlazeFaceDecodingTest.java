package org.pulsej.face;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anchor decoding and merging, without the model. */
class BlazeFaceDecodingTest {

	@Test
	void anchorsFollowTheModelOrder() {
		final float[][] a = BlazeFaceDetector.anchors();
		assertEquals(896, a.length);
		assertArrayEquals(new float[] { 0.5f / 16, 0.5f / 16 }, a[0]);
		assertArrayEquals(new float[] { 0.5f / 16, 0.5f / 16 }, a[1]); // 2 per cell
		assertArrayEquals(new float[] { 1.5f / 16, 0.5f / 16 }, a[2]);
		assertArrayEquals(new float[] { 0.5f / 16, 1.5f / 16 }, a[32]); // next row
		assertArrayEquals(new float[] { 0.5f / 8, 0.5f / 8 }, a[512]); // 8x8 layer
		assertArrayEquals(new float[] { 1.5f / 8, 0.5f / 8 }, a[518]); // 6 per cell
		assertArrayEquals(new float[] { 7.5f / 8, 7.5f / 8 }, a[895]);
	}

	@Test
	void letterboxMapsModelPixelsBackToTheFrame() {
		final BlazeFaceDetector.Window lb = BlazeFaceDetector.Window.letterbox(640, 480);
		assertEquals(128, lb.nw());
		assertEquals(96, lb.nh());
		assertEquals(16, lb.oy());
		assertEquals(0, lb.frameX(0), 1e-9);
		assertEquals(640, lb.frameX(1), 1e-9);
		assertEquals(0, lb.frameY(16.0 / 128), 1e-9);
		assertEquals(480, lb.frameY(112.0 / 128), 1e-9);
	}

	@Test
	void tilesCoverTheFrameWithHalfOverlap() {
		final List<BlazeFaceDetector.Window> tiles = BlazeFaceDetector.Window.tiles(640, 480, 2);
		assertEquals(6, tiles.size()); // x: 0, 160, 320; y: 0, 160
		for (final BlazeFaceDetector.Window t : tiles) {
			assertEquals(320, t.rw(), 0);
			assertTrue(t.rx() >= 0 && t.rx() + t.rw() <= 640 && t.ry() >= 0 && t.ry() + t.rh() <= 480);
			assertEquals(t.rx(), t.frameX(0), 1e-9);
			assertEquals(t.rx() + 320, t.frameX(1), 1e-9);
		}
		assertEquals(320, tiles.get(5).rx(), 0);
		assertEquals(160, tiles.get(5).ry(), 0);
		// a quarter of the larger side: 160 px every 80, the last flush with the edge
		final List<BlazeFaceDetector.Window> quarter = BlazeFaceDetector.Window.tiles(640, 480, 4);
		assertEquals(7 * 5, quarter.size());
		assertEquals(480, quarter.get(quarter.size() - 1).rx(), 0);
		assertEquals(320, quarter.get(quarter.size() - 1).ry(), 0);
	}

	@Test
	void decodesOneConfidentAnchor() {
		final float[] logits = new float[896];
		java.util.Arrays.fill(logits, -10);
		final float[] reg = new float[896 * 16];
		final int i = 600; // 8x8 layer: cell (600-512)/6 = 14 -> row 1, col 6
		logits[i] = 3; // sigmoid = 0.9526
		reg[i * 16] = 4; // dx, dy in input pixels
		reg[i * 16 + 1] = -8;
		reg[i * 16 + 2] = 32; // w, h
		reg[i * 16 + 3] = 40;
		reg[i * 16 + 4] = 2; // keypoint 0 offset
		reg[i * 16 + 5] = 3;
		final BlazeFaceDetector.Window lb = BlazeFaceDetector.Window.letterbox(640, 480); // 5 frame px per input px, oy 16
		final List<Detection> d = BlazeFaceDetector.decode(logits, reg, 0.75, lb);
		assertEquals(1, d.size());
		assertEquals(1 / (1 + Math.exp(-3)), d.get(0).score(), 1e-9);
		final double cx = 6.5 / 8 * 128 + 4, cy = 1.5 / 8 * 128 - 8; // input pixels
		final Box b = d.get(0).box();
		assertEquals((cx - 16) * 5, b.x(), 1e-3);
		assertEquals((cy - 20 - 16) * 5, b.y(), 1e-3);
		assertEquals(160, b.w(), 1e-3);
		assertEquals(200, b.h(), 1e-3);
		assertEquals((6.5 / 8 * 128 + 2) * 5, d.get(0).keypoints()[0], 1e-3);
		assertEquals((1.5 / 8 * 128 + 3 - 16) * 5, d.get(0).keypoints()[1], 1e-3);
	}

	@Test
	void faceBoxReachesUpToTheHairline() {
		// BlazeFace square from the brows to the chin -> same width, bottom 0.02 widths lower, 1.3 x as high.
		final Box f = BlazeFaceDetector.faceBox(new Box(100, 200, 80, 80));
		assertEquals(100, f.x(), 1e-9);
		assertEquals(80, f.w(), 1e-9);
		assertEquals(281.6, f.y2(), 1e-9);
		assertEquals(104, f.h(), 1e-9);
	}

	@Test
	void weightedNmsMergesOverlapsByScoreAndKeepsSeparateFaces() {
		final Detection a = new Detection(new Box(0, 0, 100, 100), 0.9, new float[] { 10, 10 });
		final Detection b = new Detection(new Box(10, 0, 100, 100), 0.6, new float[] { 20, 10 });
		final Detection far = new Detection(new Box(300, 300, 50, 50), 0.8, new float[] { 310, 310 });
		final List<Detection> m = BlazeFaceDetector.weightedNms(List.of(b, far, a), 0.3);
		assertEquals(2, m.size());
		final Detection top = m.get(0);
		assertEquals(0.9, top.score(), 1e-12);
		assertEquals((0.9 * 0 + 0.6 * 10) / 1.5, top.box().x(), 1e-9);
		assertEquals(100, top.box().w(), 1e-9);
		assertEquals((0.9 * 10 + 0.6 * 20) / 1.5, top.keypoints()[0], 1e-5);
		assertEquals(far.box(), m.get(1).box());
		assertTrue(m.get(1).score() < top.score());
	}
}

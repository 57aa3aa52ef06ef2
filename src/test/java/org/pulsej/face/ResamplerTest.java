package org.pulsej.face;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResamplerTest {

	/** v(x, y) = x + 10 y on a w x h plane. */
	private static float[] ramp(final int w, final int h) {
		final float[] p = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) p[y * w + x] = x + 10 * y;
		return p;
	}

	@Test
	void sameSizeIsACopy() {
		final float[] p = ramp(7, 5);
		assertArrayEquals(p, Resampler.resample(p, 7, 5, new Box(0, 0, 7, 5), 7, 5), 0f);
	}

	@Test
	void halvingAveragesBlocks() {
		final float[] p = { 1, 3, 5, 7, //
			1, 3, 5, 7, //
			2, 2, 0, 0, //
			4, 4, 0, 8 };
		final float[] r = Resampler.resample(p, 4, 4, new Box(0, 0, 4, 4), 2, 2);
		assertArrayEquals(new float[] { 2, 6, 3, 2 }, r, 1e-6f);
	}

	@Test
	void areaKeepsTheMeanForFractionalFactors() {
		// 9 -> 4 (factor 2.25): output 0 covers pixels 0 and 1 fully and a quarter of pixel 2.
		final float[] p = ramp(9, 1);
		final float[] r = Resampler.resample(p, 9, 1, new Box(0, 0, 9, 1), 4, 1);
		assertEquals((0 + 1 + 0.25 * 2) / 2.25, r[0], 1e-5);
		assertEquals((0.75 * 2 + 3 + 0.5 * 4) / 2.25, r[1], 1e-5);
		// The mean over the whole row is kept.
		assertEquals(4, (r[0] + r[1] + r[2] + r[3]) / 4, 1e-5);
	}

	@Test
	void bilinearEnlargementOfARampIsARamp() {
		final float[] p = ramp(4, 4);
		final float[] r = Resampler.resample(p, 4, 4, new Box(1, 1, 2, 2), 8, 8);
		// Output pixel centre i maps to source 1 + (i + 0.5) / 4 - 0.5; inside [0, 3] the ramp is exact.
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 8; x++) {
				final double sx = 1 + (x + 0.5) / 4 - 0.5, sy = 1 + (y + 0.5) / 4 - 0.5;
				assertEquals(sx + 10 * sy, r[y * 8 + x], 1e-4);
			}
	}

	@Test
	void outsideTheFrameRepeatsTheEdge() {
		final float[] p = ramp(4, 1);
		// Region [-4, 0) lies left of the frame: every output is the first pixel.
		final float[] r = Resampler.resample(p, 4, 1, new Box(-4, 0, 4, 1), 2, 1);
		assertArrayEquals(new float[] { 0, 0 }, r, 0f);
		// Region [2, 6): two inside (2, 3), two outside (repeat 3) -> means 2.5 and 3.
		final float[] s = Resampler.resample(p, 4, 1, new Box(2, 0, 4, 1), 2, 1);
		assertArrayEquals(new float[] { 2.5f, 3 }, s, 1e-6f);
	}
}

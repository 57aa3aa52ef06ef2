package org.pulsej.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.ColorProcessor;
import org.junit.jupiter.api.Test;

/** Overexposed skin (a channel clipped) is not averaged: its colour follows the brightness, not the blood. */
class SkinModelClippingTest {

	@Test
	void clippedPixelsAreLeftOutOfTheSkinMeanAndMask() {
		final ColorProcessor frame = new ColorProcessor(40, 40);
		final int[] px = (int[]) frame.getPixels();
		// skin of one colour (200, 140, 110) shaded from 0.8 to 1.2, as a face under a light from one side
		final double[] shade = { 0.8, 0.9, 1.0, 1.1, 1.2 };
		for (int i = 0; i < px.length; i++) {
			final double f = shade[(i % 40) % 5];
			px[i] = rgb((int) Math.round(200 * f), (int) Math.round(140 * f), (int) Math.round(110 * f));
		}
		final Box all = new Box(0, 0, 40, 40), left = new Box(0, 0, 20, 40);
		final SkinModel model = new SkinModel.Learner().add(frame, all).fit(3);
		// the right half 30 % brighter, where red clips (200 · 1.3 → 255): as bright as skin may be, and
		// nearly of its chromaticity, so that only the clipping tells it apart
		for (int y = 0; y < 40; y++)
			for (int x = 20; x < 40; x++)
				px[y * 40 + x] = rgb(255, 182, 143);
		final double ref = SkinModel.reference(frame, left);
		final double[] mean = new double[3];
		final int kept = model.mean(frame, all, ref, mean);
		assertTrue(kept > 0 && kept <= 20 * 40, "only the unclipped half is skin: " + kept);
		// the colour averaged is the skin's (with the clipped half, red / green would be 455 / 322 = 1.413)
		assertEquals(200.0 / 140, mean[0] / mean[1], 0.003);
		assertEquals(140.0 / 110, mean[1] / mean[2], 0.003);
		final byte[] mask = (byte[]) model.mask(frame, all, ref).getPixels();
		for (int y = 0; y < 40; y++)
			assertEquals(0, mask[y * 40 + 30], "clipped pixel (30, " + y + ") is not in the mask");
		assertFalse(model.isSkin(rgb(255, 182, 143), Math.log(ref)));
		assertTrue(model.isSkin(rgb(220, 154, 121), Math.log(ref)), "unclipped skin of the same brightness is");
		assertFalse(model.isSkin(rgb(SkinModel.CLIPPED, 179, 141), Math.log(ref)));
	}

	@Test
	void clippedShareCountsTheOvalsOverexposedPixels() {
		final ColorProcessor frame = new ColorProcessor(40, 40);
		final int[] px = (int[]) frame.getPixels();
		for (int i = 0; i < px.length; i++)
			px[i] = i % 40 < 20 ? rgb(200, 140, 110) : rgb(200, SkinModel.CLIPPED, 110);
		final Box all = new Box(0, 0, 40, 40);
		assertEquals(0.5, SkinModel.clippedShare(frame, all), 0.02, "the right half of the oval");
		assertEquals(0, SkinModel.clippedShare(frame, new Box(0, 0, 20, 40)), "the left half's oval");
		assertEquals(1, SkinModel.clippedShare(frame, new Box(20, 0, 20, 40)), "the right half's oval");
		assertEquals(0, SkinModel.clippedShare(frame, new Box(50, 50, 10, 10)), "outside the frame");
		px[0] = rgb(255, 255, 255); // a corner, outside the oval
		assertEquals(0, SkinModel.clippedShare(frame, new Box(0, 0, 20, 40)));
	}

	private static int rgb(final int r, final int g, final int b) {
		return (r << 16) | (g << 8) | b;
	}
}

package org.pulsej.face;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;
import org.pulsej.face.ColorTransforms.ColorSpace;
import org.pulsej.face.ColorTransforms.ZNorm;
import org.pulsej.video.FaceVolume;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColorTransformsTest {

	private static ImageStack colours(final int... rgb) {
		final ImageStack s = new ImageStack(2, 1);
		for (final int c : rgb) {
			final ColorProcessor cp = new ColorProcessor(2, 1);
			cp.set(0, 0, c);
			cp.set(1, 0, 0xffffff);
			s.addSlice(cp);
		}
		return s;
	}

	@Test
	void rgbVolumeIsScaledToOneAndOrderedChannelTimeRowColumn() {
		final FaceVolume v = ColorTransforms.toVolume(colours(0x336699, 0xff0000), 30, ColorSpace.RGB);
		assertEquals(3, v.channels());
		assertEquals(2, v.frames());
		assertEquals(1, v.height());
		assertEquals(2, v.width());
		assertEquals(30, v.fps());
		assertEquals(0x33 / 255f, v.get(0, 0, 0, 0), 1e-7);
		assertEquals(0x66 / 255f, v.get(1, 0, 0, 0), 1e-7);
		assertEquals(0x99 / 255f, v.get(2, 0, 0, 0), 1e-7);
		assertEquals(1, v.get(0, 1, 0, 0), 1e-7);
		assertEquals(0, v.get(2, 1, 0, 0), 1e-7);
	}

	@Test
	void yuvUsesBt601LumaAndAnalogueChroma() {
		final FaceVolume v = ColorTransforms.toVolume(colours(0xff0000, 0x0000ff), 30, ColorSpace.YUV);
		// Pure red: Y = 0.299, U = 0.492 (0 - 0.299) + 0.5, V = 0.877 (1 - 0.299) + 0.5.
		assertEquals(0.299, v.get(0, 0, 0, 0), 1e-6);
		assertEquals(0.492 * -0.299 + 0.5, v.get(1, 0, 0, 0), 1e-6);
		assertEquals(0.877 * 0.701 + 0.5, v.get(2, 0, 0, 0), 1e-6);
		// Pure blue.
		assertEquals(0.114, v.get(0, 1, 0, 0), 1e-6);
		assertEquals(0.492 * 0.886 + 0.5, v.get(1, 1, 0, 0), 1e-6);
		// White: Y = 1, no chroma.
		assertEquals(1, v.get(0, 0, 0, 1), 1e-6);
		assertEquals(0.5, v.get(1, 0, 0, 1), 1e-6);
		assertEquals(0.5, v.get(2, 0, 0, 1), 1e-6);
	}

	@Test
	void greyCropsAreReplicatedAndScaledByBitDepth() {
		final ImageStack s = new ImageStack(1, 1);
		final ShortProcessor sp = new ShortProcessor(1, 1);
		sp.set(0, 0, 65535 / 5);
		s.addSlice(sp);
		final FaceVolume rgb = ColorTransforms.toVolume(s, 25, ColorSpace.RGB);
		for (int c = 0; c < 3; c++) assertEquals(0.2, rgb.get(c, 0, 0, 0), 1e-4);
		final FaceVolume yuv = ColorTransforms.toVolume(s, 25, ColorSpace.YUV);
		assertEquals(0.2, yuv.get(0, 0, 0, 0), 1e-4);
		assertEquals(0.5, yuv.get(1, 0, 0, 0), 1e-6);
		assertEquals(0.5, yuv.get(2, 0, 0, 0), 1e-6);
	}

	/** A 3 x 50 x 2 x 3 volume: pixel offsets, channel scales, a sine over time plus noise. */
	private static FaceVolume volume() {
		final FaceVolume v = FaceVolume.zeros(3, 50, 2, 3, 30);
		final Random rnd = new Random(3);
		for (int c = 0; c < 3; c++)
			for (int t = 0; t < 50; t++)
				for (int y = 0; y < 2; y++)
					for (int x = 0; x < 3; x++)
						v.set(c, t, y, x, (float) (10 * c + y + 3 * x + (c + 1) * (x + 1) * Math.sin(t * 0.4) + 0.1 * rnd.nextGaussian()));
		return v;
	}

	@Test
	void perPixelOverTimeGivesEachPixelSeriesZeroMeanUnitSd() {
		final FaceVolume v = volume();
		ColorTransforms.zNormalizeOverTime(v); // default: the paper's per-pixel normalisation
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++) {
					double s = 0, ss = 0;
					for (int t = 0; t < 50; t++) s += v.get(c, t, y, x);
					final double mean = s / 50;
					for (int t = 0; t < 50; t++) ss += Math.pow(v.get(c, t, y, x) - mean, 2);
					assertEquals(0, mean, 1e-5);
					assertEquals(1, Math.sqrt(ss / 49), 1e-5);
				}
	}

	@Test
	void perChannelNormalisesTheWholeClipAndKeepsSpatialContrast() {
		final FaceVolume v = volume();
		ColorTransforms.zNormalizeOverTime(v, ZNorm.PER_CHANNEL);
		final int n = 50 * 6;
		for (int c = 0; c < 3; c++) {
			double s = 0, ss = 0;
			for (int t = 0; t < 50; t++)
				for (int y = 0; y < 2; y++)
					for (int x = 0; x < 3; x++) s += v.get(c, t, y, x);
			final double mean = s / n;
			for (int t = 0; t < 50; t++)
				for (int y = 0; y < 2; y++)
					for (int x = 0; x < 3; x++) ss += Math.pow(v.get(c, t, y, x) - mean, 2);
			assertEquals(0, mean, 1e-5);
			assertEquals(1, Math.sqrt(ss / (n - 1)), 1e-5);
		}
		// Unlike per-pixel normalisation, pixel (0,2) keeps a higher mean than pixel (0,0).
		double a = 0, b = 0;
		for (int t = 0; t < 50; t++) {
			a += v.get(0, t, 0, 0);
			b += v.get(0, t, 0, 2);
		}
		assertEquals(true, b > a + 1, "spatial offsets survive: " + a + " vs " + b);
	}

	@Test
	void constantValuesBecomeZeroNotNaN() {
		final FaceVolume v = FaceVolume.zeros(3, 4, 1, 1, 30);
		java.util.Arrays.fill(v.data(), 0.7f);
		ColorTransforms.zNormalizeOverTime(v);
		for (final float f : v.data()) assertEquals(0, f, 0);
		final FaceVolume one = FaceVolume.zeros(3, 1, 1, 1, 30);
		java.util.Arrays.fill(one.data(), 0.3f);
		ColorTransforms.zNormalizeOverTime(one, ZNorm.PER_CHANNEL);
		for (final float f : one.data()) assertEquals(0, f, 0);
	}

	@Test
	void emptyCropIsRejected() {
		assertThrows(org.pulsej.util.PulseJException.class, () -> ColorTransforms.toVolume(new ImageStack(2, 2), 30, ColorSpace.RGB));
	}
}

package org.pulsej.input;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;
import org.pulsej.input.ColorTransforms.ColorSpace;
import org.pulsej.input.ColorTransforms.ZNorm;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

	/**
	 * Log chromaticity: the same skin under 20 % more light (every channel scaled alike, as a lamp's
	 * ripple does) gives the same values up to the one-grey-level offset, while darker green (more blood)
	 * changes them; black stays finite.
	 */
	@Test
	void chromaCancelsBrightnessButKeepsAGreenChange() {
		final int r = 200, g = 120, b = 100;
		final FaceVolume v = ColorTransforms.toVolume(colours(r << 16 | g << 8 | b, 240 << 16 | 144 << 8 | 120, r << 16 |
			(g - 6) << 8 | b, 0), 30, ColorSpace.CHROMA);
		for (int c = 0; c < 3; c++)
			assertEquals(v.get(c, 0, 0, 0), v.get(c, 1, 0, 0), 0.01, "channel " + c + " under 20 % more light");
		assertEquals(Math.log((r + 1.0) / (g + 1)), v.get(0, 0, 0, 0), 1e-5, "log(R/G)");
		assertEquals(Math.log((b + 1.0) / (g + 1)), v.get(1, 0, 0, 0), 1e-5, "log(B/G)");
		assertEquals(Math.log((r + 1.0) / (b + 1)), v.get(2, 0, 0, 0), 1e-5, "log(R/B)");
		assertEquals(Math.log((g + 1.0) / (g - 5)), v.get(0, 2, 0, 0) - v.get(0, 0, 0, 0), 1e-5,
			"5 % less green raises log(R/G) by its log ratio");
		for (int c = 0; c < 3; c++)
			assertEquals(0, v.get(c, 3, 0, 0), "black: all ratios 1");
		assertEquals(ColorSpace.CHROMA, ColorSpace.parse(" Chroma "));
		assertThrows(org.pulsej.util.PulseJException.class, () -> ColorSpace.parse("hsv"));
	}


	/**
	 * chroma_luma: the first two channels are chroma's; the third is the face's log luma relative to the
	 * background. 20 % more light on face and background alike (a lamp's ripple) leaves all three as
	 * they were (up to the one-grey-level offset), while the face darkening by 3 % in R, G and B (the
	 * brightness part of a pulse, which chroma does not see) lowers the third by its log ratio.
	 */
	@Test
	void chromaLumaCancelsALampButKeepsTheFacesOwnBrightnessChange() {
		final int r = 200, g = 120, b = 100;
		final double bg = 0.4;
		final ImageStack s = colours(r << 16 | g << 8 | b, 240 << 16 | 144 << 8 | 120, 194 << 16 | 116 << 8 | 97);
		final FaceVolume v = ColorTransforms.toVolume(s, 30, ColorSpace.CHROMA_LUMA, new double[] { bg, bg * 1.2, bg });
		final FaceVolume chroma = ColorTransforms.toVolume(s, 30, ColorSpace.CHROMA);
		for (int t = 0; t < 3; t++)
			for (int c = 0; c < 2; c++)
				assertEquals(chroma.get(c, t, 0, 0), v.get(c, t, 0, 0), 1e-7, "channel " + c + " is chroma's");
		final double y = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
		assertEquals(Math.log(y + 1 / 255.0) - Math.log(bg + 1 / 255.0), v.get(2, 0, 0, 0), 1e-5, "log Y - log background");
		assertEquals(v.get(2, 0, 0, 0), v.get(2, 1, 0, 0), 0.01, "face and background under 20 % more light");
		assertEquals(Math.log(0.97), v.get(2, 2, 0, 0) - v.get(2, 0, 0, 0), 0.005, "the face 3 % darker");
		assertEquals(chroma.get(0, 2, 0, 0), chroma.get(0, 0, 0, 0), 0.01, "which chroma does not see");
		// no background known: plain log luma; a black one: offset, finite
		assertEquals(Math.log(y + 1 / 255.0), ColorTransforms.toVolume(s, 30, ColorSpace.CHROMA_LUMA).get(2, 0, 0, 0), 1e-5);
		final FaceVolume black = ColorTransforms.toVolume(colours(0, 0), 30, ColorSpace.CHROMA_LUMA, new double[] { 0, -1 });
		for (int t = 0; t < 2; t++)
			assertEquals(0, black.get(2, t, 0, 0), 1e-6, "a black face on a black background");
		assertEquals(ColorSpace.CHROMA_LUMA, ColorSpace.parse("chroma_luma"));
		assertEquals(true, ColorSpace.CHROMA_LUMA.needsColour());
		assertEquals(false, ColorSpace.YUV.needsColour());
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

	@Test
	void perPixelNormalisationIsExactlyTheStraightforwardOne() {
		// blocked and parallel, but each pixel's sums in time order: the values of a plain per-pixel loop
		final FaceVolume v = FaceVolume.zeros(3, 37, 41, 53, 30); // planes not a multiple of the block size
		final java.util.Random rnd = new java.util.Random(9);
		final float[] d = v.data();
		for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * 3 + 1);
		final int t = v.frames(), plane = v.height() * v.width();
		for (int i = 0; i < plane; i += 97) for (int k = 0; k < t; k++) d[2 * t * plane + k * plane + i] = 0.25f; // constant pixels
		final float[] expected = d.clone();
		for (int c = 0; c < 3; c++)
			for (int p = 0; p < plane; p++) {
				final int o = c * t * plane + p;
				double sum = 0;
				for (int k = 0; k < t; k++) sum += expected[o + k * plane];
				final double mean = sum / t;
				double ss = 0;
				for (int k = 0; k < t; k++) {
					final double e = expected[o + k * plane] - mean;
					ss += e * e;
				}
				final double sd = Math.sqrt(ss / (t - 1)), inv = sd > 1e-7 ? 1 / sd : 0;
				for (int k = 0; k < t; k++) expected[o + k * plane] = (float) ((expected[o + k * plane] - mean) * inv);
			}
		ColorTransforms.zNormalizeOverTime(v);
		assertArrayEquals(expected, v.data());
	}
}

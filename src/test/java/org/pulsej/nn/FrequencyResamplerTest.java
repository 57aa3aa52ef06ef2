package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FrequencyResamplerTest {

	private static double[] sine(final int n, final double hz, final double fps, final double phase) {
		final double[] x = new double[n];
		for (int t = 0; t < n; t++)
			x[t] = Math.sin(2 * Math.PI * hz * t / fps + phase);
		return x;
	}

	@Test
	void resamplingByFactorFMovesThePeakBy1OverF() {
		final double fps = 30, hz = 1.2;
		final double[] x = sine(300, hz, fps, 0.3);
		for (final double f : new double[] { 0.66, 0.72, 0.8 }) {
			final int tOut = (int) Math.round(300 * f);
			final double trueFactor = tOut / 300.0;
			final double[] y = FrequencyResampler.resample(x, tOut);
			final double peakHz = PpgQuality.dominantBpm(y, fps, 40, 240, 0.05) / 60;
			assertEquals(hz / trueFactor, peakHz, 0.01, "factor " + f);
			assertTrue(peakHz > hz * 1.24, "the negative's pulse is faster");
		}
		// and back: the inverse factor restores the original frequency
		final double[] back = FrequencyResampler.resample(FrequencyResampler.resample(x, 216), 300);
		assertEquals(hz * 60, PpgQuality.dominantBpm(back, fps, 40, 240, 0.05), 0.3);
	}

	@Test
	void matrixIsExactLinearInterpolation() {
		// 4 -> 8: half-pixel positions -0.25(clamped 0), 0.25, 0.75, 1.25, ...
		final double[] y = FrequencyResampler.resample(new double[] { 0, 1, 2, 3 }, 8);
		assertArrayEquals(new double[] { 0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3 }, y, 1e-12);
		// same length: identity
		final float[] m = FrequencyResampler.matrix(5, 5);
		for (int i = 0; i < 5; i++)
			for (int j = 0; j < 5; j++)
				assertEquals(i == j ? 1f : 0f, m[i * 5 + j]);
		// rows sum to one (a constant stays constant)
		final float[] m2 = FrequencyResampler.matrix(300, 217);
		for (int i = 0; i < 217; i++) {
			double s = 0;
			for (int j = 0; j < 300; j++)
				s += m2[i * 300 + j];
			assertEquals(1, s, 1e-6);
		}
	}

	@Test
	void volumeAndSignalResamplingMatchTheJavaReference() {
		final Random rnd = new Random(3);
		try (NDManager nd = TestEngine.get().newBaseManager()) {
			final int b = 2, c = 3, t = 40, h = 4, w = 5, tOut = 28;
			final float[] v = new float[b * c * t * h * w];
			for (int i = 0; i < v.length; i++)
				v[i] = (float) rnd.nextGaussian();
			final NDArray x = nd.create(v, new Shape(b, c, t, h, w));
			final float[] out = FrequencyResampler.negative(x, tOut).toFloatArray();
			for (int bc = 0; bc < b * c; bc++)
				for (int p = 0; p < h * w; p++) {
					final double[] s = new double[t];
					for (int i = 0; i < t; i++)
						s[i] = v[(bc * t + i) * h * w + p];
					final double[] r = FrequencyResampler.resample(s, tOut);
					for (int i = 0; i < tOut; i++)
						assertEquals(r[i], out[(bc * tOut + i) * h * w + p], 1e-5);
				}
			final NDArray sig = nd.create(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, new Shape(1, 8));
			final float[] back = FrequencyResampler.positive(sig, 12).toFloatArray();
			final double[] ref = FrequencyResampler.resample(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 }, 12);
			for (int i = 0; i < 12; i++)
				assertEquals(ref[i], back[i], 1e-6);
		}
	}

	@Test
	void negativeLengthIsAMultipleOfTheNetworkStride() {
		assertEquals(200, FrequencyResampler.negativeLength(300, 0.66));
		assertEquals(240, FrequencyResampler.negativeLength(300, 0.8));
		assertEquals(0, FrequencyResampler.negativeLength(301, 0.71) % PhysNet.TIME_STRIDE);
		final FrequencyResampler r = new FrequencyResampler(0.66, 0.8);
		final java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
		for (int i = 0; i < 100; i++) {
			final double f = r.drawFactor(rnd);
			assertTrue(f >= 0.66 && f <= 0.8);
		}
		assertThrows(IllegalArgumentException.class, () -> new FrequencyResampler(0.8, 0.66));
	}
}

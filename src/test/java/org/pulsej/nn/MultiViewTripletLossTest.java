package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MultiViewTripletLossTest {

	private static final double FPS = 30;

	/** B × n pulses at the given bpm with noise. */
	private static float[] pulses(final int b, final int n, final double bpm, final double noise, final long seed) {
		final Random rnd = new Random(seed);
		final float[] y = new float[b * n];
		for (int i = 0; i < b; i++) {
			final double phase = rnd.nextDouble() * 2 * Math.PI;
			for (int t = 0; t < n; t++)
				y[i * n + t] = (float) (Math.sin(2 * Math.PI * bpm / 60 * t / FPS + phase) + noise * rnd.nextGaussian());
		}
		return y;
	}

	@Test
	void psdIsTheBandLimitedNormalisedPowerSpectrum() {
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 150);
		final float[] y = pulses(1, 150, 75, 0.5, 1);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final float[] psd = loss.normalizedPsd(m.create(y, new Shape(1, 150))).toFloatArray();
			assertEquals(76, psd.length);
			final double[] x = new double[150];
			for (int t = 0; t < 150; t++)
				x[t] = y[t];
			final double[] ref = new double[76];
			double sum = 0;
			for (int k = 0; k < 76; k++) {
				final double bpm = 60.0 * k * FPS / 150; // 12 bpm bins
				ref[k] = bpm >= 40 && bpm <= 180 ? PpgQuality.power(centred(x), k / 150.0) : 0;
				sum += ref[k];
			}
			for (int k = 0; k < 76; k++)
				assertEquals(ref[k] / sum, psd[k], 1e-5, "bin " + k);
			assertEquals(0, psd[3]); // 36 bpm: outside the band
			assertEquals(0, psd[16]); // 192 bpm
			assertTrue(psd[6] > 0.5, "75 bpm sits between bins 72 and 84; bin 72 dominates");
		}
	}

	private static double[] centred(final double[] x) {
		double m = 0;
		for (final double v : x)
			m += v;
		m /= x.length;
		final double[] c = new double[x.length];
		for (int i = 0; i < x.length; i++)
			c[i] = x[i] - m;
		return c;
	}

	@Test
	void correctPositiveGivesLowerLossThanWrongOne() {
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 150);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray anchor = m.create(pulses(4, 300, 70, 0.3, 1), new Shape(4, 300));
			final NDArray rightPos = m.create(pulses(4, 300, 70, 0.3, 2), new Shape(4, 300));
			final NDArray wrongPos = m.create(pulses(4, 300, 95, 0.3, 3), new Shape(4, 300));
			final NDArray negative = m.create(pulses(4, 220, 95, 0.3, 4), new Shape(4, 220));
			final double right = loss.compute(anchor, rightPos, negative, new java.util.SplittableRandom(5)).getFloat();
			final double wrong = loss.compute(anchor, wrongPos, negative, new java.util.SplittableRandom(5)).getFloat();
			// spectra sum to 1 over 76 bins, so distances are of order 0.01–0.03
			assertTrue(right < -0.01, "P_tot < N_tot for a correct positive: " + right);
			assertTrue(Math.abs(wrong) < 0.25 * Math.abs(right), "positive like the negative: P_tot ≈ N_tot: " + wrong);
		}
	}

	@Test
	void lossIsScaledByViewsSquared() {
		// the same offset for every view makes all V² pairs equal, so (P−N)/V² equals the one-view loss
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray a = m.create(pulses(2, 200, 70, 0.5, 1), new Shape(2, 200));
			final NDArray p = m.create(pulses(2, 200, 72, 0.5, 2), new Shape(2, 200));
			final NDArray n = m.create(pulses(2, 160, 100, 0.5, 3), new Shape(2, 160));
			final double one = new MultiViewTripletLoss(FPS, 1, 150).compute(a, p, n, new int[] { 10 }, new int[] { 20 },
				new int[] { 5 }).getFloat();
			final double four = new MultiViewTripletLoss(FPS, 4, 150).compute(a, p, n, new int[] { 10, 10, 10, 10 },
				new int[] { 20, 20, 20, 20 }, new int[] { 5, 5, 5, 5 }).getFloat();
			assertEquals(one, four, 1e-6 * Math.max(1, Math.abs(one)));
			assertNotEquals(0, one);
		}
	}

	@Test
	void gradientsFlowToTheAnchorAndAStepLowersTheLoss() {
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 150);
		final Engine engine = TestEngine.get();
		try (NDManager m = engine.newBaseManager()) {
			final NDArray anchor = m.create(pulses(2, 300, 70, 1.0, 1), new Shape(2, 300));
			final NDArray pos = m.create(pulses(2, 300, 70, 0.1, 2), new Shape(2, 300));
			final NDArray neg = m.create(pulses(2, 220, 95, 0.1, 3), new Shape(2, 220));
			final int[] oa = { 0, 50, 100, 150 }, op = { 10, 60, 110, 140 }, on = { 0, 20, 40, 70 };
			anchor.setRequiresGradient(true);
			final double before;
			final float[] grad;
			try (GradientCollector gc = engine.newGradientCollector()) {
				final NDArray l = loss.compute(anchor, pos, neg, oa, op, on);
				before = l.getFloat();
				gc.backward(l);
			}
			grad = anchor.getGradient().toFloatArray();
			double norm = 0;
			for (final float g : grad)
				norm += g * g;
			assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm " + norm);
			final NDArray stepped = anchor.stopGradient().sub(m.create(grad, anchor.getShape()).mul(0.5 / Math.sqrt(
				norm)));
			final double after = loss.compute(stepped, pos, neg, oa, op, on).getFloat();
			assertTrue(after < before, before + " -> " + after);
		}
	}
}

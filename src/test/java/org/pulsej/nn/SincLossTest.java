package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SincLossTest {

	private static final double FPS = 30;
	private static final int N = 300; // a 10 s clip

	/** One row per bpm: a sine at that rate plus white noise of {@code noise} × its amplitude. */
	private static float[] sines(final double[] bpm, final double noise, final long seed) {
		final Random rnd = new Random(seed);
		final float[] y = new float[bpm.length * N];
		for (int i = 0; i < bpm.length; i++) {
			final double phase = rnd.nextDouble() * 2 * Math.PI;
			for (int t = 0; t < N; t++)
				y[i * N + t] = (float) (Math.sin(2 * Math.PI * bpm[i] / 60 * t / FPS + phase) + noise * rnd.nextGaussian());
		}
		return y;
	}

	private static double[] parts(final NDManager m, final float[] y, final int b) {
		final SincLoss.Parts p = new SincLoss(FPS).parts(m.create(y, new Shape(b, y.length / b)));
		return new double[] { p.bandwidth().getFloat(), p.sparsity().getFloat(), p.variance().getFloat(), p.total()
			.getFloat() };
	}

	@Test
	void aCleanPulseScoresBetterThanNoiseOnEveryPart() {
		final double[] spread = { 55, 75, 95, 120, 150, 170 };
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final double[] pulse = parts(m, sines(spread, 0.05, 1), spread.length);
			final float[] noise = new float[spread.length * N];
			final Random rnd = new Random(2);
			for (int i = 0; i < noise.length; i++)
				noise[i] = (float) rnd.nextGaussian();
			final double[] white = parts(m, noise, spread.length);
			assertTrue(pulse[0] < 0.02, "in-band sines leave almost no power outside the band: " + pulse[0]);
			assertTrue(white[0] > 0.4, "white noise has most of its power outside 40-180 bpm at 30 fps: " + white[0]);
			assertTrue(pulse[1] < 0.1, "a sine's in-band power sits at its peak: " + pulse[1]);
			assertTrue(white[1] > 0.8, "white noise spreads over the band: " + white[1]);
			assertTrue(pulse[3] < white[3] / 5, pulse[3] + " vs " + white[3]);
		}
	}

	@Test
	void powerOutsideTheBandIsPenalised() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final double[] slow = parts(m, sines(new double[] { 12, 20 }, 0, 3), 2); // breathing-rate drift
			final double[] fast = parts(m, sines(new double[] { 300, 400 }, 0, 4), 2); // 5-7 Hz
			assertTrue(slow[0] > 0.9, "12 and 20 bpm lie below the band: " + slow[0]);
			assertTrue(fast[0] > 0.9, "300 and 400 bpm lie above the band: " + fast[0]);
		}
	}

	@Test
	void theSameFrequencyForEveryClipCostsVariance() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final double[] same = parts(m, sines(new double[] { 72, 72, 72, 72 }, 0.05, 5), 4);
			final double[] spread = parts(m, sines(new double[] { 50, 85, 120, 160 }, 0.05, 5), 4);
			assertTrue(same[2] > 3 * spread[2], "a collapsed batch must cost more: " + same[2] + " vs " + spread[2]);
			assertEquals(same[1], spread[1], 0.05, "sparsity does not depend on where the peak is");
		}
	}

	@Test
	void silentConstantAndHugeOutputsGiveFiniteLossAndGradients() {
		final Engine engine = TestEngine.get();
		final float[][] cases = { new float[2 * N], constant(2 * N, 5f), constant(2 * N, 1e30f), scaled(sines(
			new double[] { 70, 90 }, 0.1, 6), 1e-30f), scaled(sines(new double[] { 70, 90 }, 0.1, 7), 1e30f) };
		for (final float[] c : cases)
			try (NDManager m = engine.newBaseManager()) {
				final NDArray y = m.create(c, new Shape(2, N));
				y.setRequiresGradient(true);
				final NDArray l;
				try (GradientCollector gc = engine.newGradientCollector()) {
					l = new SincLoss(FPS).compute(y);
					gc.backward(l);
				}
				assertTrue(Float.isFinite(l.getFloat()), "loss " + l.getFloat() + " for input " + c[0]);
				for (final float g : y.getGradient().toFloatArray())
					assertTrue(Float.isFinite(g), "gradient " + g + " for input " + c[0]);
			}
	}

	@Test
	void gradientDescentOnTheSignalConcentratesItsSpectrum() {
		final Engine engine = TestEngine.get();
		try (NDManager m = engine.newBaseManager()) {
			// a 75 bpm pulse buried in noise: following the loss's gradient must remove noise, not invent signal
			NDArray y = m.create(sines(new double[] { 75, 110 }, 1.0, 8), new Shape(2, N));
			final double before = new SincLoss(FPS).compute(y).getFloat();
			for (int i = 0; i < 200; i++) {
				y.setRequiresGradient(true);
				try (GradientCollector gc = engine.newGradientCollector()) {
					gc.backward(new SincLoss(FPS).compute(y));
				}
				final NDArray g = y.getGradient();
				y = y.stopGradient().sub(g.mul(N * 2.0));
			}
			final double after = new SincLoss(FPS).compute(y).getFloat();
			assertTrue(after < before / 2, "loss " + before + " -> " + after);
			final double[] x = new double[N];
			final float[] v = y.toFloatArray();
			for (int t = 0; t < N; t++)
				x[t] = v[t];
			assertEquals(75, org.pulsej.signal.HeartRate.fromPpg(x, FPS, org.pulsej.signal.BpmBand.HEART), 1.5,
				"the pulse survives as the peak");
		}
	}

	@Test
	void offPeakMaskLeavesThePeakAndItsNeighbours() {
		final float[] band = { 0, 1, 1, 1, 1, 1, 1, 1, 0 };
		final float[] p = { 0, 0.1f, 0.1f, 0.1f, 0.5f, 0.1f, 0.05f, 0.05f, 0 };
		assertArrayEquals(new float[] { 0, 1, 1, 0, 0, 0, 1, 1, 0 }, SincLoss.offPeak(p, 1, 9, band, 1.5));
	}

	private static float[] constant(final int n, final float v) {
		final float[] a = new float[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	private static float[] scaled(final float[] a, final float s) {
		for (int i = 0; i < a.length; i++)
			a[i] *= s;
		return a;
	}
}

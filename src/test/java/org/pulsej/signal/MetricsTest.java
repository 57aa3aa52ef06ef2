package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class MetricsTest {

	private static final double FPS = 30;

	// pairs (1,2), (2,2), (3,5); the NaN pair is skipped
	private static final double[] EST = { 1, 2, 3, Double.NaN, 4 };
	private static final double[] REF = { 2, 2, 5, 1, Double.NaN };

	@Test
	void errorMetricsOnAHandComputedExample() {
		assertEquals(1.0, Metrics.mae(EST, REF), 1e-12); // (1 + 0 + 2) / 3
		assertEquals(Math.sqrt(5.0 / 3), Metrics.rmse(EST, REF), 1e-12); // (1 + 0 + 4) / 3
		assertEquals(30.0, Metrics.mape(EST, REF), 1e-12); // (50 % + 0 % + 40 %) / 3
		// x − x̄ = (−1, 0, 1), y − ȳ = (−1, −1, 2): r = 3 / sqrt(2 · 6)
		assertEquals(3 / Math.sqrt(12), Metrics.pearson(EST, REF), 1e-12);
	}

	@Test
	void pearsonEdgeCases() {
		assertEquals(1, Metrics.pearson(new double[] { 1, 2, 3 }, new double[] { 10, 20, 30 }), 1e-12);
		assertEquals(-1, Metrics.pearson(new double[] { 1, 2, 3 }, new double[] { 3, 2, 1 }), 1e-12);
		assertTrue(Double.isNaN(Metrics.pearson(new double[] { 1, 1, 1 }, new double[] { 1, 2, 3 })));
		// a constant whose mean is not exactly itself once rounded (Evaluate's ablation row "median", one heart
		// rate for the whole video): r was -2E-13 instead of none
		final double[] constant = new double[360], varying = new double[360];
		java.util.Arrays.fill(constant, 71.97757);
		for (int i = 0; i < varying.length; i++)
			varying[i] = 72 + Math.sin(i / 10.0);
		assertTrue(Double.isNaN(Metrics.pearson(constant, varying)), "" + Metrics.pearson(constant, varying));
		assertTrue(Double.isNaN(Metrics.pearson(varying, constant)), "" + Metrics.pearson(varying, constant));
		assertTrue(Double.isNaN(Metrics.mae(new double[] { Double.NaN }, new double[] { 1 })));
		assertThrows(PulseJException.class, () -> Metrics.mae(new double[2], new double[3]));
		assertEquals(0, Metrics.mape(new double[] { 5, 2 }, new double[] { 0, 2 }), 1e-12, "ref 0 skipped");
	}

	@Test
	void maxCrossCorrelationOfIdenticalShiftedAndIndependentSignals() {
		final int n = 1800;
		final double[] ppg = Signals.plus(Signals.plus(Signals.sine(72, FPS, 60, 1, 0), Signals.sine(144, FPS, 60, 0.3,
			1)), Signals.noise(n, 0.3, 4));
		assertEquals(1, Metrics.maxCrossCorrelation(ppg, ppg, FPS, BpmBand.HEART), 1e-6);
		// a copy delayed by 0.3 s (e.g. pulse transit time between the finger and the face)
		final double[] shifted = new double[n];
		for (int t = 0; t < n; t++)
			shifted[t] = ppg[Math.max(0, t - 9)];
		final double mccShift = Metrics.maxCrossCorrelation(ppg, shifted, FPS, BpmBand.HEART);
		assertTrue(mccShift > 0.98, "shifted " + mccShift);
		// plain Pearson at lag 0 is much lower for the shifted copy: the max over lags matters
		assertTrue(Metrics.pearson(BandPass.filter(ppg, FPS, BpmBand.HEART), BandPass.filter(shifted, FPS,
			BpmBand.HEART)) < 0.7);
		final double mccNoise = Metrics.maxCrossCorrelation(Signals.noise(n, 1, 5), Signals.noise(n, 1, 6), FPS,
			BpmBand.HEART);
		assertTrue(Math.abs(mccNoise) < 0.3, "independent noise " + mccNoise);
		// out-of-band noise on one side does not matter, a different in-band rhythm does
		final double[] drift = Signals.plus(ppg, Signals.sine(6, FPS, 60, 5, 0));
		assertTrue(Metrics.maxCrossCorrelation(ppg, drift, FPS, BpmBand.HEART) > 0.99);
		assertTrue(Metrics.maxCrossCorrelation(ppg, Signals.sine(100, FPS, 60, 1, 0), FPS, BpmBand.HEART) < 0.3);
	}

	@Test
	void boundedLagLowersTheScoreOfUnrelatedSignalsOnly() {
		final double[] a = Signals.noise(300, 1, 21), b = Signals.noise(300, 1, 22);
		final double all = Metrics.maxCrossCorrelation(a, b, FPS, BpmBand.HEART);
		final double bounded = Metrics.maxCrossCorrelation(a, b, FPS, BpmBand.HEART, 0.5);
		assertTrue(bounded <= all, bounded + " > " + all);
		final double[] ppg = Signals.plus(Signals.sine(66, FPS, 10, 1, 0), Signals.noise(300, 0.2, 23));
		final double[] late = new double[300];
		for (int t = 0; t < 300; t++)
			late[t] = ppg[Math.max(0, t - 6)]; // 0.2 s
		assertTrue(Metrics.maxCrossCorrelation(ppg, late, FPS, BpmBand.HEART, 0.5) > 0.95);
		assertTrue(Metrics.maxCrossCorrelation(late, ppg, FPS, BpmBand.HEART, 0.5) > 0.95, "negative lag too");
		// at lag 0 only, the shifted copy is out of phase (0.2 s of a 0.91 s period)
		assertTrue(Metrics.maxCrossCorrelation(ppg, late, FPS, BpmBand.HEART, 0) < 0.5);
		assertThrows(PulseJException.class, () -> Metrics.maxCrossCorrelation(a, b, FPS, BpmBand.HEART, -1));
	}

	@Test
	void maxCrossCorrelationAcceptsDifferentLengthsAndFlatSignals() {
		final double[] a = Signals.sine(80, FPS, 30, 1, 0), b = Signals.sine(80, FPS, 20, 1, 0.5);
		assertTrue(Metrics.maxCrossCorrelation(a, b, FPS, BpmBand.HEART) > 0.7);
		assertEquals(0, Metrics.maxCrossCorrelation(a, new double[600], FPS, BpmBand.HEART));
	}
}

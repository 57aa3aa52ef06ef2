package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class BandPassTest {

	private static final double FPS = 30;

	private static double gain(final double hz, final double lowHz, final double highHz, final double seconds) {
		final double[] x = Signals.sine(hz * 60, FPS, seconds, 1, 0.3);
		final double[] y = BandPass.filter(x, FPS, lowHz, highHz);
		// steady-state gain: leave out 3 s at each end, where the reflected extension's kink rings
		final int edge = (int) (3 * FPS);
		return rms(y, edge, y.length - edge) / rms(x, edge, x.length - edge);
	}

	private static double rms(final double[] x, final int from, final int to) {
		double s = 0;
		for (int i = from; i < to; i++)
			s += x[i] * x[i];
		return Math.sqrt(s / (to - from));
	}

	@Test
	void passesThePulseAndKillsDriftAndNoise() {
		final BpmBand b = BpmBand.HEART;
		assertEquals(1, gain(1.2, b.minHz(), b.maxHz(), 30), 0.02);
		assertTrue(gain(0.1, b.minHz(), b.maxHz(), 60) < 0.05, "0.1 Hz: " + gain(0.1, b.minHz(), b.maxHz(), 60));
		assertTrue(gain(8, b.minHz(), b.maxHz(), 30) < 0.05, "8 Hz: " + gain(8, b.minHz(), b.maxHz(), 30));
		// forward-backward: the edges are at 0.5 (−3 dB per pass, twice)
		assertEquals(0.5, BandPass.magnitude(BandPass.design(FPS, 0.7, 3), 2 * Math.PI * 0.7 / FPS) * BandPass
			.magnitude(BandPass.design(FPS, 0.7, 3), 2 * Math.PI * 0.7 / FPS), 1e-6);
	}

	@Test
	void hasZeroPhase() {
		final double[] x = Signals.sine(72, FPS, 20, 1, 0);
		final double[] y = BandPass.filter(x, FPS, BpmBand.HEART);
		// away from the ends the output lies on the input (no delay)
		for (int t = 150; t < x.length - 150; t++)
			assertEquals(x[t], y[t], 0.02, "t=" + t);
	}

	@Test
	void shortSignalsFilterWithoutStartUpTransients() {
		// a 1.6 s window with a large offset, as CHROM filters it
		final double[] x = Signals.sine(72, FPS, 1.6, 0.01, 0);
		for (int t = 0; t < x.length; t++)
			x[t] += 5;
		final double[] y = BandPass.filter(x, FPS, BpmBand.HEART);
		for (final double v : y)
			assertTrue(Math.abs(v) < 0.02, "offset leaked: " + v);
		// a strong drift through the window must not leak in at the ends either (reflected padding)
		final double[] drift = new double[48];
		for (int t = 0; t < drift.length; t++)
			drift[t] = 3.0 * t / drift.length + 0.5 * Math.sin(2 * Math.PI * 0.1 * t / FPS);
		for (final double v : BandPass.filter(drift, FPS, BpmBand.HEART))
			assertTrue(Math.abs(v) < 0.01, "drift leaked: " + v);
		final double[] constant = new double[48];
		java.util.Arrays.fill(constant, 100);
		assertArrayEquals(new double[48], BandPass.filter(constant, FPS, BpmBand.HEART), 1e-9);
		assertEquals(1, BandPass.filter(new double[] { 3 }, FPS, BpmBand.HEART).length);
	}

	@Test
	void narrowLowBandStaysStableOnLongSignals() {
		// 0.05–0.1 Hz at 30 fps: poles very close to the unit circle, where a single high-order
		// polynomial filter would lose precision; second-order sections do not
		final double[] x = Signals.plus(Signals.sine(0.07 * 60, FPS, 3000, 1, 0), Signals.noise(90_000, 1, 2));
		final double[] y = BandPass.filter(x, FPS, 0.05, 0.1);
		for (final double v : y)
			assertTrue(Double.isFinite(v));
		final double r = Signals.corr(y, Signals.sine(0.07 * 60, FPS, 3000, 1, 0));
		assertTrue(r > 0.97, "correlation " + r);
	}

	@Test
	void bandAboveNyquistIsRejected() {
		final PulseJException e = assertThrows(PulseJException.class, () -> BandPass.filter(new double[100], 5, 0.7,
			3));
		assertTrue(e.getMessage().contains("2.5 Hz"), e.getMessage());
		assertThrows(PulseJException.class, () -> BandPass.filter(new double[100], FPS, 3, 0.7));
	}
}

package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalQualityTest {

	private static final double FPS = 30;

	private static double[] pulse(final double seconds) {
		return Signals.plus(Signals.sine(72, FPS, seconds, 1, 0), Signals.sine(144, FPS, seconds, 0.3, 0.4));
	}

	@Test
	void cleanPulseHasHigherSnrThanNoisyPulse() {
		final double[] p = pulse(30);
		final double clean = SignalQuality.snrDb(Signals.plus(p, Signals.noise(p.length, 0.1, 1)), FPS, 72,
			BpmBand.HEART);
		final double noisy = SignalQuality.snrDb(Signals.plus(p, Signals.noise(p.length, 1.5, 1)), FPS, 72,
			BpmBand.HEART);
		assertTrue(clean > 10, "clean " + clean + " dB");
		assertTrue(clean > noisy + 10, "clean " + clean + " dB vs noisy " + noisy + " dB");
		// a wrong heart rate puts the pulse into the noise: the SNR collapses
		assertTrue(SignalQuality.snrDb(p, FPS, 100, BpmBand.HEART) < 0);
		assertTrue(Double.isNaN(SignalQuality.snrDb(p, FPS, Double.NaN, BpmBand.HEART)));
	}

	@Test
	void snrIsTenLog10OfAPowerRatio() {
		// white noise of variance σ² spreads σ²/(fps/2) per Hz; the signal regions are 2 × 12 bpm = 0.4 Hz
		// wide, the rest of the 40–180 bpm band is 140/60 − 0.4 Hz; a sine of amplitude A carries A²/2
		final double a = 1, sigma = 1;
		final double[] x = Signals.plus(Signals.sine(72, FPS, 600, a, 0), Signals.noise(18_000, sigma, 9));
		final double density = sigma * sigma / (FPS / 2);
		final double expected = 10 * Math.log10((a * a / 2 + density * 0.4) / (density * (140 / 60.0 - 0.4)));
		// measured 5.84 dB vs 6.11 expected (noise-estimate spread ±0.2 dB); 20·log10 would give ~11.7
		assertEquals(expected, SignalQuality.snrDb(x, FPS, 72, BpmBand.HEART), 0.5);
	}

	@Test
	void irrelevantPowerRatioUsesPower() {
		final double[] in = Signals.sine(72, FPS, 30, 1, 0);
		final double[] out = Signals.sine(0.2 * 60, FPS, 30, 2, 0); // 12 bpm, outside 40–180
		assertTrue(SignalQuality.irrelevantPowerRatio(in, FPS, BpmBand.HEART) < 0.02);
		assertTrue(SignalQuality.irrelevantPowerRatio(out, FPS, BpmBand.HEART) > 0.98);
		// amplitudes 1 and 2: power 1 : 4 → 0.8 (an amplitude ratio would give 2/3)
		assertEquals(0.8, SignalQuality.irrelevantPowerRatio(Signals.plus(in, out), FPS, BpmBand.HEART), 0.02);
		// a constant offset is not irrelevant power; a flat signal has none at all
		final double[] offset = in.clone();
		for (int i = 0; i < offset.length; i++)
			offset[i] += 10;
		assertEquals(SignalQuality.irrelevantPowerRatio(in, FPS, BpmBand.HEART), SignalQuality.irrelevantPowerRatio(
			offset, FPS, BpmBand.HEART), 1e-9);
		assertEquals(1, SignalQuality.irrelevantPowerRatio(new double[100], FPS, BpmBand.HEART));
	}
}

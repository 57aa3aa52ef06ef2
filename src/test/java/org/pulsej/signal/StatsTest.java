package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class StatsTest {

	@Test
	void statisticsSkipNaN() {
		final double[] x = { 3, Double.NaN, 1, 7, 2 };
		assertEquals(2.5, Stats.median(x), 1e-12); // 1 2 3 7
		assertEquals(3, Stats.median(new double[] { 5, 3, 1 }), 1e-12);
		assertEquals(3.25, Stats.mean(x), 1e-12);
		// population std of 1, 2, 3, 7: deviations −2.25, −1.25, −0.25, 3.75 → variance 5.1875
		assertEquals(Math.sqrt(5.1875), Stats.std(x), 1e-12);
		assertTrue(Double.isNaN(Stats.median(new double[] { Double.NaN })));
		assertTrue(Double.isNaN(Stats.mean(new double[0])));
		assertEquals(Double.NaN, x[1], "input untouched");
	}

	@Test
	void windowsAreSymmetricWithTheRightEnds() {
		final double[] h = Stats.hamming(11);
		assertEquals(0.08, h[0], 1e-12);
		assertEquals(0.08, h[10], 1e-12);
		assertEquals(1, h[5], 1e-12);
		final double[] n = Stats.hann(11);
		assertEquals(0, n[0], 1e-12);
		assertEquals(0, n[10], 1e-12);
		assertEquals(1, n[5], 1e-12);
		assertEquals(0.5, Stats.hann(5)[1], 1e-12); // 0, 0.5, 1, 0.5, 0
		for (int i = 0; i < 11; i++) {
			assertEquals(h[i], h[10 - i], 1e-12);
			assertEquals(n[i], n[10 - i], 1e-12);
		}
		assertEquals(1, Stats.hamming(1)[0]);
		// the periodic Hann adds to 1 when shifted by half its length
		final double[] p = Stats.hannPeriodic(48);
		for (int i = 0; i < 24; i++)
			assertEquals(1, p[i] + p[i + 24], 1e-12);
	}

	@Test
	void bandValidatesAndConverts() {
		assertEquals(40 / 60.0, BpmBand.HEART.minHz(), 1e-12);
		assertEquals(3, BpmBand.HEART.maxHz(), 1e-12);
		assertEquals(5, BpmBand.RESPIRATION.minBpm());
		assertThrows(PulseJException.class, () -> new BpmBand(0, 100));
		assertThrows(PulseJException.class, () -> new BpmBand(100, 40));
		assertThrows(PulseJException.class, () -> new BpmBand(Double.NaN, 40));
		final PulseJException e = assertThrows(PulseJException.class, () -> new BpmBand(90, 90));
		assertTrue(e.getMessage().contains("90–90 bpm"), e.getMessage());
	}

	@Test
	void powerSpectrumPeakGridAndParseval() {
		final double fps = 30;
		final double[] x = Signals.plus(Signals.sine(90, fps, 20, 2, 0), Signals.noise(600, 0.5, 8));
		final PowerSpectrum s = PowerSpectrum.of(x, 0, x.length, fps, 4);
		assertEquals(fps / 4096, s.binHz(), 1e-12); // 600·4 = 2400 → 4096
		assertEquals(2049, s.frequencyHz().length);
		assertEquals(fps / 2, s.frequencyHz()[2048], 1e-12);
		double integral = 0;
		for (final double p : s.power())
			integral += p * s.binHz();
		assertEquals(Stats.std(x) * Stats.std(x), integral, 1e-9, "Σ power·binHz = variance");
		assertEquals(90 / 60.0, s.frequencyHz()[HeartRate.peakBin(s, BpmBand.HEART)], s.binHz());
		assertThrows(PulseJException.class, () -> PowerSpectrum.of(x, 0, x.length, fps, 0));
		assertThrows(PulseJException.class, () -> PowerSpectrum.of(x, 5, 5, fps, 1));
	}
}

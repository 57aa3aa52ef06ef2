package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class InstantaneousHeartRateTest {

	private static final double FPS = 30;

	@Test
	void followsARampFrom60To100BpmOver60Seconds() {
		final int n = (int) (60 * FPS);
		final double f0 = 60 / 60.0, f1 = 100 / 60.0, duration = 60;
		final double[] x = new double[n], truth = new double[n];
		for (int t = 0; t < n; t++) {
			final double s = t / FPS;
			// phase of a linear chirp: 2π(f0·s + (f1 − f0)·s²/(2T)); its frequency is f0 + (f1 − f0)·s/T
			x[t] = Math.sin(2 * Math.PI * (f0 * s + (f1 - f0) * s * s / (2 * duration)));
			truth[t] = 60 * (f0 + (f1 - f0) * s / duration);
		}
		final double[] noisy = Signals.plus(x, Signals.noise(n, 0.3, 11));
		final double[] hr = InstantaneousHeartRate.compute(noisy, FPS, 10, 1, BpmBand.HEART);
		assertEquals(n, hr.length);
		final double mae = Metrics.mae(hr, truth);
		assertTrue(mae <= 2, "MAE " + mae + " bpm");
		// a per-video constant could not do this: the median alone is ~10 bpm off on average
		assertTrue(Metrics.mae(constant(n, Stats.median(hr)), truth) > 5 * mae);
	}

	@Test
	void constantRateGivesThatRateEverywhereAndWindowsCoverTheTail() {
		final double[] x = Signals.sine(84, FPS, 25.5, 1, 0.4);
		final List<InstantaneousHeartRate.Window> w = InstantaneousHeartRate.windows(x, FPS, 10, 1, BpmBand.HEART);
		// starts 0, 30, …, 450 fit (450 + 300 = 750 ≤ 765), then one more ending at the last frame
		assertEquals(17, w.size());
		assertEquals(0, w.get(0).from());
		assertEquals(300, w.get(0).to());
		assertEquals(30, w.get(1).from());
		assertEquals(x.length, w.get(w.size() - 1).to());
		assertEquals(x.length - 300, w.get(w.size() - 1).from());
		for (final InstantaneousHeartRate.Window win : w)
			assertEquals(84, win.bpm(), 0.2);
		final double[] hr = InstantaneousHeartRate.compute(x, FPS, 10, 1, BpmBand.HEART);
		for (final double v : hr)
			assertEquals(84, v, 0.2);
	}

	@Test
	void eachFrameIsTheHammingWeightedMeanOfItsWindows() {
		// first half 60 bpm, second half 120 bpm: frame 0 sees only window 0, the middle sees both rates
		final double[] a = Signals.sine(60, FPS, 15, 1, 0), b = Signals.sine(120, FPS, 15, 1, 0);
		final double[] x = new double[a.length + b.length];
		System.arraycopy(a, 0, x, 0, a.length);
		System.arraycopy(b, 0, x, a.length, b.length);
		final List<InstantaneousHeartRate.Window> w = InstantaneousHeartRate.windows(x, FPS, 10, 1, BpmBand.HEART);
		final double[] hr = InstantaneousHeartRate.compute(x, FPS, 10, 1, BpmBand.HEART);
		assertEquals(w.get(0).bpm(), hr[0], 1e-9);
		assertEquals(w.get(w.size() - 1).bpm(), hr[x.length - 1], 1e-9);
		// recompute one interior frame by hand
		final int t = 400;
		final double[] ham = Stats.hamming(300);
		double s = 0, sw = 0;
		for (final InstantaneousHeartRate.Window win : w)
			if (t >= win.from() && t < win.to()) {
				s += ham[t - win.from()] * win.bpm();
				sw += ham[t - win.from()];
			}
		assertEquals(s / sw, hr[t], 1e-9);
		assertTrue(hr[100] < 65 && hr[x.length - 100] > 115, hr[100] + " " + hr[x.length - 100]);
	}

	@Test
	void shortSignalNamesTheMinimum() {
		final double[] x = Signals.sine(72, FPS, 5, 1, 0);
		final PulseJException e = assertThrows(PulseJException.class, () -> InstantaneousHeartRate.compute(x, FPS, 10,
			1, BpmBand.HEART));
		assertTrue(e.getMessage().contains("at least 10.0 s = 300 frames at 30 fps"), e.getMessage());
		assertTrue(e.getMessage().contains("5.0 s (150 frames)"), e.getMessage());
		final PulseJException e25 = assertThrows(PulseJException.class, () -> InstantaneousHeartRate.compute(x, 25,
			10, 1, BpmBand.HEART));
		assertTrue(e25.getMessage().contains("at least 10.0 s = 250 frames at 25 fps"), e25.getMessage());
	}

	@Test
	void aSignalOfExactlyOneWindowWorks() {
		final double[] x = Signals.sine(90, FPS, 10, 1, 0);
		assertEquals(1, InstantaneousHeartRate.windows(x, FPS, 10, 1, BpmBand.HEART).size());
		assertEquals(90, InstantaneousHeartRate.compute(x, FPS, BpmBand.HEART)[150], 0.2);
	}

	private static double[] constant(final int n, final double v) {
		final double[] c = new double[n];
		java.util.Arrays.fill(c, v);
		return c;
	}
}

package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class HeartRateTrackerTest {

	private static final double FPS = 30;

	@Test
	void slidingMaxIsTheMaximumWithinTheRadius() {
		final Random r = new Random(3);
		for (int trial = 0; trial < 200; trial++) {
			final int n = 1 + r.nextInt(40), radius = r.nextInt(8);
			final double[] x = new double[n];
			for (int i = 0; i < n; i++)
				x[i] = r.nextInt(5); // ties on purpose
			final double[] out = new double[n];
			final int[] at = new int[n];
			HeartRateTracker.slidingMax(x, radius, out, at);
			for (int k = 0; k < n; k++) {
				int best = Math.max(0, k - radius);
				for (int j = best; j <= Math.min(n - 1, k + radius); j++)
					if (x[j] > x[best]) best = j;
				assertEquals(x[best], out[k]);
				assertEquals(best, at[k], "the lowest index on ties");
			}
		}
	}

	@Test
	void pathIsTheBestScoringPathOfTheCostModel() {
		// against every path, scored by brute force: emission sum − cost·max(0, |Δ| − free) per step
		final Random r = new Random(5);
		for (int trial = 0; trial < 300; trial++) {
			final int windows = 1 + r.nextInt(4), bins = 1 + r.nextInt(6), free = r.nextInt(3);
			final double cost = r.nextDouble() * 2;
			final double[][] e = new double[windows][];
			for (int t = 0; t < windows; t++) {
				if (r.nextInt(5) == 0) continue; // a window without in-band power
				e[t] = new double[bins];
				for (int k = 0; k < bins; k++)
					e[t][k] = -5 * r.nextDouble();
			}
			final int[] path = HeartRateTracker.path(e, bins, free, cost);
			double best = Double.NEGATIVE_INFINITY;
			final int[] p = new int[windows];
			for (int code = 0; code < Math.pow(bins, windows); code++) {
				int c = code;
				for (int t = 0; t < windows; t++) {
					p[t] = c % bins;
					c /= bins;
				}
				best = Math.max(best, score(e, p, free, cost));
			}
			assertEquals(best, score(e, path, free, cost), 1e-9, "trial " + trial);
		}
	}

	private static double score(final double[][] e, final int[] p, final int free, final double cost) {
		double s = 0;
		for (int t = 0; t < p.length; t++) {
			if (e[t] != null) s += e[t][p[t]];
			if (t > 0) s -= cost * Math.max(0, Math.abs(p[t] - p[t - 1]) - free);
		}
		return s;
	}

	@Test
	void aBurstInSomeWindowsIsNotTakenForThePulse() {
		// a weak 72 bpm pulse in noise, and for 4 s a strong 150 bpm burst (a movement): the windows that
		// hold the burst peak at 150, the path stays on 72
		final double[] x = Signals.plus(Signals.sine(72, FPS, 40, 1, 0.3), Signals.noise((int) (40 * FPS), 0.5, 7));
		for (int t = (int) (18 * FPS); t < 22 * FPS; t++)
			x[t] += 4 * Math.sin(2 * Math.PI * 150 / 60 * t / FPS);
		final List<InstantaneousHeartRate.Window> peaks = InstantaneousHeartRate.windows(x, FPS, 10, 1, BpmBand.HEART);
		final List<InstantaneousHeartRate.Window> tracked = InstantaneousHeartRate.tracked(x, FPS, 10, 1,
			BpmBand.HEART);
		assertEquals(peaks.size(), tracked.size());
		final long off = peaks.stream().filter(w -> Math.abs(w.bpm() - 72) > 5).count();
		assertTrue(off >= 5, "the burst must win some windows for the test to mean anything: " + off);
		for (final InstantaneousHeartRate.Window w : tracked)
			assertEquals(72, w.bpm(), 1, "window at frame " + w.from());
		final double[] hr = InstantaneousHeartRate.perFrame(tracked, x.length);
		for (final double v : hr)
			assertEquals(72, v, 1);
	}

	@Test
	void aClearPulseReadsTheSameAsEachWindowsOwnPeak() {
		final double[] x = Signals.plus(Signals.sine(84, FPS, 30, 1, 0), Signals.noise((int) (30 * FPS), 0.3, 2));
		final List<InstantaneousHeartRate.Window> peaks = InstantaneousHeartRate.windows(x, FPS, 10, 1, BpmBand.HEART);
		final List<InstantaneousHeartRate.Window> tracked = InstantaneousHeartRate.tracked(x, FPS, 10, 1,
			BpmBand.HEART);
		assertEquals(peaks, tracked);
	}

	@Test
	void aRampIsFollowedAtTwoBpmPerSecondAndLateByLittleAtSix() {
		// 60 → 120 bpm at 2 bpm/s (a heart speeding up) reads as each window's own peak does; at 6 bpm/s
		// (steep) the path climbs more evenly than the peaks, which jump from one lobe of the chirp's spectrum
		// to another (72 → 102 in one step): the price of not taking one-window jumps, at most a bpm or two
		final double[] two = rampErrors(2), six = rampErrors(6);
		assertEquals(two[1], two[0], 0.05, "2 bpm/s: tracked " + two[0] + ", peaks " + two[1]);
		assertTrue(two[0] < 1, "2 bpm/s: " + two[0]);
		assertTrue(six[0] < six[1] + 2 && six[0] < 3, "6 bpm/s: tracked " + six[0] + ", peaks " + six[1]);
	}

	/** Per-frame MAE against the true rate, tracked and peaks, of a ramp 60 → 120 bpm at {@code rate} bpm/s. */
	private static double[] rampErrors(final double rate) {
		final int n = (int) ((40 + 60 / rate) * FPS);
		final double[] x = new double[n], truth = new double[n];
		double phase = 0;
		for (int t = 0; t < n; t++) {
			final double s = t / FPS;
			truth[t] = Math.min(120, s < 10 ? 60 : 60 + rate * (s - 10));
			phase += 2 * Math.PI * truth[t] / 60 / FPS;
			x[t] = Math.sin(phase);
		}
		final double[] noisy = Signals.plus(x, Signals.noise(n, 0.3, 4));
		final double[] peak = InstantaneousHeartRate.compute(noisy, FPS, 10, 1, BpmBand.HEART);
		final double[] tracked = InstantaneousHeartRate.perFrame(InstantaneousHeartRate.tracked(noisy, FPS, 10, 1,
			BpmBand.HEART), n);
		for (int t = n - (int) (15 * FPS); t < n; t++)
			assertEquals(120, tracked[t], 1, rate + " bpm/s, frame " + t);
		return new double[] { Metrics.mae(tracked, truth), Metrics.mae(peak, truth) };
	}

	@Test
	void silentWindowsGiveNoRateAndTinyInputsWork() {
		// a constant signal: no in-band power anywhere
		final List<InstantaneousHeartRate.Window> flat = InstantaneousHeartRate.tracked(new double[400], FPS, 10, 1,
			BpmBand.HEART);
		assertTrue(flat.stream().allMatch(w -> Double.isNaN(w.bpm())));
		// a pulse, then silence: the silent windows are NaN, the others read the pulse
		final double[] x = new double[(int) (30 * FPS)];
		System.arraycopy(Signals.sine(90, FPS, 12, 1, 0), 0, x, 0, (int) (12 * FPS));
		final List<InstantaneousHeartRate.Window> w = InstantaneousHeartRate.tracked(x, FPS, 10, 1, BpmBand.HEART);
		assertEquals(90, w.get(0).bpm(), 0.5);
		assertTrue(Double.isNaN(w.get(w.size() - 1).bpm()));
		// exactly one window
		final double[] one = Signals.sine(66, FPS, 10, 1, 0);
		final List<InstantaneousHeartRate.Window> single = InstantaneousHeartRate.tracked(one, FPS, 10, 1, BpmBand.HEART);
		assertEquals(1, single.size());
		assertEquals(InstantaneousHeartRate.windows(one, FPS, 10, 1, BpmBand.HEART).get(0).bpm(), single.get(0).bpm());
		// huge values: finite shares of power, same answer as for the scaled-down signal
		final double[] big = Signals.plus(Signals.sine(80, FPS, 20, 1e150, 0), Signals.noise(600, 1e149, 1));
		final double[] small = new double[big.length];
		for (int t = 0; t < big.length; t++)
			small[t] = big[t] / 1e150;
		assertArrayEquals(InstantaneousHeartRate.perFrame(InstantaneousHeartRate.tracked(small, FPS, 10, 1,
			BpmBand.HEART), 600), InstantaneousHeartRate.perFrame(InstantaneousHeartRate.tracked(big, FPS, 10, 1,
				BpmBand.HEART), 600), 1e-9);
	}

	@Test
	void tooShortIsRefusedAsForThePeaks() {
		final PulseJException e = assertThrows(PulseJException.class, () -> InstantaneousHeartRate.tracked(new double[50],
			FPS, 10, 1, BpmBand.HEART));
		assertTrue(e.getMessage().contains("at least"), e.getMessage());
	}
}

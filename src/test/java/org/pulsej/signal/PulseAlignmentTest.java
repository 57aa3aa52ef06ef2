package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Delays between two pulse signals of one video, and moving a signal by one. */
class PulseAlignmentTest {

	private static final double FPS = 30;

	/** A pulse wave (fundamental and a second harmonic) whose rate drifts, {@code delay} frames late. */
	private static double[] pulse(final double bpm, final double delayFrames, final int n) {
		final double[] x = new double[n];
		double phase = 0;
		for (int t = 0; t < n; t++) {
			final double time = (t - delayFrames) / FPS;
			phase = 2 * Math.PI * (bpm / 60 * time + 0.05 * time * time / 2);
			x[t] = Math.sin(phase) + 0.4 * Math.sin(2 * phase + 0.7);
		}
		return x;
	}

	private static double lag(final double[] x, final double[] reference, final double hrBpm) {
		return PulseAlignment.lagFrames(x, reference, FPS, hrBpm, BpmBand.HEART);
	}

	@Test
	void aLateSignalsDelayIsReadToAFractionOfAFrame() {
		final double[] reference = pulse(80, 0, 600);
		for (final double delay : new double[] { 6.4, 2, -3.3, 0 }) {
			final double[] late = Signals.plus(pulse(80, delay, 600), Signals.noise(600, 0.3, 7));
			assertEquals(delay, lag(late, reference, 80), 0.3, "delay " + delay);
		}
	}

	@Test
	void theNeighbouringBeatIsNeverTakenForTheSameOne() {
		// 0.6 of a period late at 80 bpm (22.5 frames a beat): the search stays within half a period, so it
		// finds the beat 0.4 of a period early, never one a whole period away
		final double[] reference = pulse(80, 0, 600);
		final double lag = lag(pulse(80, 13.5, 600), reference, 80);
		assertTrue(Math.abs(lag) < 11.25, "lag " + lag);
	}

	@Test
	void signalsThatShareNoPulseGiveNoDelay() {
		final double[] reference = pulse(80, 0, 600);
		assertTrue(Double.isNaN(lag(pulse(131, 0, 600), reference, 80)), "another rhythm");
		assertTrue(Double.isNaN(lag(Signals.noise(600, 1, 3), reference, 80)), "noise");
		assertTrue(Double.isNaN(lag(new double[600], reference, 80)), "a silent signal");
		assertTrue(Double.isNaN(lag(reference, new double[600], 80)), "a silent reference");
		assertTrue(Double.isNaN(lag(reference, reference, Double.NaN)), "no heart rate");
		assertTrue(Double.isNaN(lag(new double[] { 1, -1, 1 }, new double[] { 1, -1, 1 }, 80)), "three frames");
	}

	@Test
	void shiftingMovesEarlierBetweenFramesAndHoldsTheEnds() {
		final double[] x = { 0, 1, 2, 3, 4 };
		assertArrayEquals(new double[] { 2, 3, 4, 4, 4 }, PulseAlignment.shifted(x, 2), 1e-12);
		assertArrayEquals(new double[] { 0, 0.5, 1.5, 2.5, 3.5 }, PulseAlignment.shifted(x, -0.5), 1e-12);
		assertArrayEquals(x, PulseAlignment.shifted(x, 0), 0);
		// shifting a late signal by its delay lines it up with the reference
		final double[] reference = pulse(80, 0, 600), late = pulse(80, 6.4, 600);
		final double[] moved = PulseAlignment.shifted(late, lag(late, reference, 80));
		assertTrue(Metrics.pearson(moved, reference) > 0.99, "r " + Metrics.pearson(moved, reference));
		assertTrue(Metrics.pearson(late, reference) < 0.5);
	}
}

package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

/**
 * Each window's heart rate read from the mix of two signals' spectra ({@link InstantaneousHeartRate#mixed}):
 * PhysNet's PPG with POS's of the same video. Where each signal alone follows its own nuisance for part of
 * the video, their mix reads the pulse they share throughout.
 */
class MixedHeartRateTest {

	static final double FPS = 30, SECONDS = 40;

	/** A 72 bpm pulse, and a stronger nuisance at {@code nuisanceBpm} in frames [from, to). */
	static double[] pulseWithNuisance(final double nuisanceBpm, final int from, final int to, final long seed) {
		final double[] x = Signals.plus(Signals.sine(72, FPS, SECONDS, 1, 0.3), Signals.noise((int) (FPS * SECONDS),
			0.2, seed));
		final double[] n = Signals.sine(nuisanceBpm, FPS, SECONDS, 1.6, 1.1);
		for (int t = from; t < to; t++)
			x[t] += n[t];
		return x;
	}

	static double[] rates(final List<InstantaneousHeartRate.Window> windows) {
		return windows.stream().mapToDouble(InstantaneousHeartRate.Window::bpm).toArray();
	}

	static int off(final double[] rates, final double bpm, final double tolerance) {
		int n = 0;
		for (final double r : rates)
			if (!(Math.abs(r - bpm) <= tolerance)) n++;
		return n;
	}

	@Test
	void twoSignalsWrongInDifferentWindowsReadThePulseTheyShare() {
		final int n = (int) (FPS * SECONDS);
		// the first signal follows a 110 bpm nuisance in its first half, the second a 50 bpm one in its second
		final double[] a = pulseWithNuisance(110, 0, n / 2, 1), b = pulseWithNuisance(50, n / 2, n, 2);
		final BpmBand band = BpmBand.HEART;
		for (final boolean track : new boolean[] { false, true }) {
			final double[] aloneA = rates(InstantaneousHeartRate.mixed(a, null, 0, FPS, 10, 1, band, track));
			final double[] aloneB = rates(InstantaneousHeartRate.mixed(b, null, 0, FPS, 10, 1, band, track));
			final double[] both = rates(InstantaneousHeartRate.mixed(a, b, 0.5, FPS, 10, 1, band, track));
			// the per-window peak of each alone leaves the pulse where its nuisance is (the path may too)
			if (!track) {
				assertTrue(off(aloneA, 72, 2) >= 10, "first alone reads its nuisance: " + java.util.Arrays.toString(aloneA));
				assertTrue(off(aloneB, 72, 2) >= 10, "second alone reads its nuisance: " + java.util.Arrays.toString(aloneB));
			}
			assertEquals(0, off(both, 72, 1), (track ? "track" : "peak") + ": " + java.util.Arrays.toString(both));
		}
	}

	@Test
	void weightZeroIsTheFirstSignalAloneAndOneTheSecond() {
		final int n = (int) (FPS * SECONDS);
		final double[] a = pulseWithNuisance(110, 0, n / 2, 3), b = pulseWithNuisance(50, n / 2, n, 4);
		for (final boolean track : new boolean[] { false, true }) {
			final double[] aOnly = rates(track ? InstantaneousHeartRate.tracked(a, FPS, 10, 1, BpmBand.HEART)
				: InstantaneousHeartRate.windows(a, FPS, 10, 1, BpmBand.HEART));
			final double[] bOnly = rates(track ? InstantaneousHeartRate.tracked(b, FPS, 10, 1, BpmBand.HEART)
				: InstantaneousHeartRate.windows(b, FPS, 10, 1, BpmBand.HEART));
			assertArrayEquals(aOnly, rates(InstantaneousHeartRate.mixed(a, b, 0, FPS, 10, 1, BpmBand.HEART, track)));
			assertArrayEquals(bOnly, rates(InstantaneousHeartRate.mixed(a, b, 1, FPS, 10, 1, BpmBand.HEART, track)), 1e-9);
		}
		// weight 1 with a silent second signal: the first is read, not nothing
		final double[] silent = new double[n];
		assertArrayEquals(rates(InstantaneousHeartRate.tracked(a, FPS, 10, 1, BpmBand.HEART)), rates(InstantaneousHeartRate
			.mixed(a, silent, 1, FPS, 10, 1, BpmBand.HEART, true)));
	}

	@Test
	void aLoudSignalDoesNotOutweighAQuietOne() {
		// shares of each signal's own in-band power are mixed: a thousand times louder counts the same
		final int n = (int) (FPS * SECONDS);
		final double[] a = pulseWithNuisance(110, 0, n / 2, 5), b = pulseWithNuisance(50, n / 2, n, 6);
		final double[] loudA = a.clone();
		for (int t = 0; t < n; t++)
			loudA[t] *= 1000;
		assertArrayEquals(rates(InstantaneousHeartRate.mixed(a, b, 0.5, FPS, 10, 1, BpmBand.HEART, true)), rates(
			InstantaneousHeartRate.mixed(loudA, b, 0.5, FPS, 10, 1, BpmBand.HEART, true)), 1e-9);
	}

	@Test
	void aSilentSecondSignalLeavesTheFirstAsItIs() {
		final int n = (int) (FPS * SECONDS);
		final double[] a = pulseWithNuisance(110, 0, n / 4, 7);
		final double[] flat = new double[n], constant = new double[n];
		java.util.Arrays.fill(constant, 3.5);
		final double[] alone = rates(InstantaneousHeartRate.tracked(a, FPS, 10, 1, BpmBand.HEART));
		assertArrayEquals(alone, rates(InstantaneousHeartRate.mixed(a, flat, 0.5, FPS, 10, 1, BpmBand.HEART, true)));
		assertArrayEquals(alone, rates(InstantaneousHeartRate.mixed(a, constant, 0.5, FPS, 10, 1, BpmBand.HEART, true)));
		// and the other way round: a silent first signal reads the second
		assertArrayEquals(alone, rates(InstantaneousHeartRate.mixed(flat, a, 0.5, FPS, 10, 1, BpmBand.HEART, true)));
		// both silent: no rate, not a number that looks like one
		for (final double r : rates(InstantaneousHeartRate.mixed(flat, constant, 0.5, FPS, 10, 1, BpmBand.HEART, false)))
			assertTrue(Double.isNaN(r));
	}

	@Test
	void badSecondSignalsAndWeightsAreRefusedByName() {
		final double[] a = Signals.sine(72, FPS, 12, 1, 0);
		PulseJException e = assertThrows(PulseJException.class, () -> InstantaneousHeartRate.mixed(a, new double[a.length
			- 1], 0.5, FPS, 10, 1, BpmBand.HEART, true));
		assertTrue(e.getMessage().contains("360 and 359 frames"), e.getMessage());
		final double[] nan = a.clone();
		nan[7] = Double.NaN;
		e = assertThrows(PulseJException.class, () -> InstantaneousHeartRate.mixed(a, nan, 0.5, FPS, 10, 1,
			BpmBand.HEART, true));
		assertTrue(e.getMessage().contains("second pulse signal"), e.getMessage());
		for (final double w : new double[] { -0.1, 1.5, Double.NaN })
			assertThrows(PulseJException.class, () -> InstantaneousHeartRate.mixed(a, a, w, FPS, 10, 1, BpmBand.HEART,
				true), "weight " + w);
	}
}

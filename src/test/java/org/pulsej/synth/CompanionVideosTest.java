package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The companion videos: a fixed set whose heart rates spread and whose nuisances each have a rhythm of their own. */
class CompanionVideosTest {

	@Test
	void theSetIsFixedAndItsHeartRatesSpread() {
		final double[] hr = new double[8];
		for (int i = 0; i < hr.length; i++) {
			final SyntheticVideoSpec a = CompanionVideos.spec(i, 30, 30), b = CompanionVideos.spec(i, 30, 30);
			assertEquals(a.toString(), b.toString(), "companion " + i + " is the same video in every run");
			assertEquals(900, a.frames());
			hr[i] = a.hrStartBpm();
			assertTrue(hr[i] >= 50 && hr[i] <= 120 && Math.abs(a.hrEndBpm() - hr[i]) <= 0.05 * hr[i] + 1e-9, a.toString());
			assertTrue(a.pulseAmplitude() >= 0.0015 - 1e-12 && a.pulseAmplitude() <= 0.005 + 1e-12, a.toString());
		}
		final double[] sorted = hr.clone();
		Arrays.sort(sorted);
		assertTrue(sorted[0] < 60 && sorted[7] > 105, Arrays.toString(hr));
		for (int i = 1; i < sorted.length; i++)
			assertTrue(sorted[i] - sorted[i - 1] > 3, "no two companions share a heart rate: " + Arrays.toString(hr));
		assertNotEquals(CompanionVideos.spec(0, 30, 30).toString(), CompanionVideos.spec(4, 30, 30).toString());
	}

	@Test
	void eachKindHasItsNuisanceAtItsOwnFrequency() {
		final double[] shakeHz = new double[3], turnHz = new double[3], lampHz = new double[3];
		for (int k = 0; k < 3; k++) {
			final SyntheticVideoSpec sway = CompanionVideos.spec(4 * k, 30, 30);
			assertTrue(sway.shakePx() > 0 && sway.translationPx() > 0, sway.toString());
			shakeHz[k] = sway.shakeHz();
			final SyntheticVideoSpec turn = CompanionVideos.spec(4 * k + 1, 30, 30);
			assertTrue(turn.turnDeg() >= 15 && turn.sideLight() > 0, turn.toString());
			turnHz[k] = turn.turnHz();
			final SyntheticVideoSpec lamp = CompanionVideos.spec(4 * k + 2, 30, 30);
			// a ripple inside the heart-rate band (40-180 bpm), where it can pass for a pulse
			assertTrue(lamp.flickerHz() >= 0.8 && lamp.flickerHz() <= 2.8 && lamp.flickerAmplitude() > 0, lamp.toString());
			lampHz[k] = lamp.flickerHz();
			final SyntheticVideoSpec dim = CompanionVideos.spec(4 * k + 3, 30, 30);
			assertTrue(dim.suddenMoves() >= 2 && dim.brightness() <= 0.55, dim.toString());
		}
		for (final double[] f : new double[][] { shakeHz, turnHz, lampHz })
			assertTrue(Arrays.stream(f).distinct().count() == 3, "one rhythm per companion: " + Arrays.toString(f));
	}

	@Test
	void theSpecFollowsTheTrainingFrameRateAndLength() {
		for (final double fps : new double[] { 10, 25, 60 }) {
			final SyntheticVideoSpec s = CompanionVideos.spec(5, fps, 20);
			assertEquals(fps, s.fps(), 0);
			assertEquals(Math.round(20 * fps), s.frames());
		}
		assertThrows(IllegalArgumentException.class, () -> CompanionVideos.spec(-1, 30, 30));
		assertEquals("companion-1", CompanionVideos.name(0));
	}
}

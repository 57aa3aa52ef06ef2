package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.testing.Waves;

/**
 * A lamp that ripples in the heart-rate band lights the background and the face alike; what of it PhysNet's
 * PPG follows, late by its time convolutions, is taken out, as for the colour methods. The face's own pulse
 * seen in the background, and a background that does not ripple, leave the PPG as it was.
 */
class PhysNetBackgroundLightTest {

	private static final double FPS = 30;

	private static double[] sine(final int n, final double hz, final double amplitude, final double phase) {
		return Waves.sine(n, FPS, hz, amplitude, phase);
	}

	private static double correlation(final double[] a, final double[] b) {
		return Waves.correlation(a, b);
	}

	private static double[] level(final double[] relative, final double mean) {
		final double[] x = new double[relative.length];
		for (int i = 0; i < x.length; i++)
			x[i] = mean * (1 + relative[i]);
		return x;
	}

	/**
	 * 30 s of a 72 bpm pulse, a lamp rippling at 1.9 Hz in the background, and the network's output: the
	 * pulse plus the ripple, 1.2 rad late (its time convolutions shift what they pass) and stronger.
	 */
	private static final class LateRipple {
		static final int FRAMES = 900;
		final double[] pulse = sine(FRAMES, 72 / 60.0, 1, 0), lamp = sine(FRAMES, 1.9, 0.02, 0.4), raw = new double[FRAMES];

		LateRipple() {
			final double[] late = sine(FRAMES, 1.9, 3, 0.4 + 1.2);
			for (int i = 0; i < FRAMES; i++)
				raw[i] = pulse[i] + late[i];
		}
	}

	@Test
	void aLampRippleThePpgFollowsLateIsTakenOut() {
		final int n = LateRipple.FRAMES;
		final LateRipple r = new LateRipple();
		final double[] pulse = r.pulse, lamp = r.lamp, raw = r.raw;
		final List<String> log = new ArrayList<>();
		final HeartRatePipeline.PulseSignals s = new HeartRatePipeline(new EstimateOptions()).log(log::add).physNetSignals(
			"v", raw, level(lamp, 0.4), level(lamp, 0.6), FPS);
		final HeartRatePipeline.PulseSignals kept = new HeartRatePipeline(new EstimateOptions().removeBackgroundLight(
			false)).physNetSignals("v", raw, level(lamp, 0.4), level(lamp, 0.6), FPS);
		final double before = Math.abs(correlation(kept.ppg(), pulse)), after = Math.abs(correlation(s.ppg(), pulse));
		assertTrue(before < 0.4 && after > 0.97, "r with the pulse: " + before + " kept, " + after + " removed");
		assertTrue(Math.abs(correlation(s.beats(), pulse)) > 0.9, "the beat signal too");
		assertTrue(log.stream().anyMatch(l -> l.contains("background's light explained")), String.valueOf(log));
		// nothing measured (a box over the whole frame), or no change of the background: the PPG as it was
		assertArrayEquals(kept.ppg(), new HeartRatePipeline(new EstimateOptions()).physNetSignals("v", raw, null, level(
			lamp, 0.6), FPS).ppg(), 0);
		assertArrayEquals(kept.ppg(), new HeartRatePipeline(new EstimateOptions()).physNetSignals("v", raw, level(
			new double[n], 0.4), level(lamp, 0.6), FPS).ppg(), 0);
	}

	/**
	 * A YUV model's PPG is left as it is (taking the ripple out left too little pulse), but a PPG that is
	 * mostly the lamp is said: the bundled model read a 1.9 Hz lamp as 114 bpm for 70 without a word.
	 */
	@Test
	void aYuvModelsPpgThatFollowsTheLampIsWarnedOf() {
		final int n = LateRipple.FRAMES;
		final LateRipple r = new LateRipple();
		final double[] pulse = r.pulse, lamp = r.lamp, raw = r.raw;
		final HeartRatePipeline p = new HeartRatePipeline(new EstimateOptions());
		// the PPG as a YUV model's path makes it: cleaned, no light given
		final double[] ppg = p.physNetSignals("v", raw, null, level(lamp, 0.6), FPS).ppg(), clean = p.physNetSignals("v",
			pulse, null, level(lamp, 0.6), FPS).ppg();
		final String w = p.lampWarning("v", ppg, level(lamp, 0.4), level(lamp, 0.6), FPS, 114, "physnet-default");
		assertTrue(w != null && w.startsWith("PulseJ: v — warning: the background's light flickers in the heart-rate " +
			"band (a lamp or screen) and explains 9") && w.contains("the model physnet-default (YUV) does not cancel " +
				"it, so 114.0 bpm may be the lamp's rate") && w.contains("method=POS"), w);
		assertEquals(null, p.lampWarning("v", clean, level(lamp, 0.4), level(lamp, 0.6), FPS, 72, "m"),
			"a PPG without the ripple");
		assertEquals(null, p.lampWarning("v", ppg, level(new double[n], 0.4), level(lamp, 0.6), FPS, 114, "m"),
			"a background without it");
		assertEquals(null, p.lampWarning("v", ppg, null, level(lamp, 0.6), FPS, 114, "m"), "no background measured");
		assertEquals(null, new HeartRatePipeline(new EstimateOptions().removeBackgroundLight(false)).lampWarning("v",
			ppg, level(lamp, 0.4), level(lamp, 0.6), FPS, 114, "m"), "background_light=keep");
	}

	@Test
	void theFacesOwnPulseSeenInTheBackgroundStays() {
		final int n = 900;
		final double[] pulse = sine(n, 72 / 60.0, 1, 0), face = sine(n, 72 / 60.0, 0.0015, Math.PI), leak = sine(n,
			72 / 60.0, 0.00005, Math.PI);
		final List<String> log = new ArrayList<>();
		final HeartRatePipeline.PulseSignals s = new HeartRatePipeline(new EstimateOptions()).log(log::add).physNetSignals(
			"v", pulse, level(leak, 0.4), level(face, 0.6), FPS);
		final HeartRatePipeline.PulseSignals kept = new HeartRatePipeline(new EstimateOptions().removeBackgroundLight(
			false)).physNetSignals("v", pulse, level(leak, 0.4), level(face, 0.6), FPS);
		assertArrayEquals(kept.ppg(), s.ppg(), 0);
		assertTrue(log.isEmpty(), String.valueOf(log));
	}
}

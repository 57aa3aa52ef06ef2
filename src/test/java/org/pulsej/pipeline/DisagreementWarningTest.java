package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * With PhysNet read together with POS, a video whose two PPGs read heart rates far apart (each alone)
 * gets a warning naming both medians: one of them follows something other than the pulse. Two PPGs of
 * one pulse, each with its own noise, get none.
 */
class DisagreementWarningTest {

	static final double FPS = 30;

	static double[] pulse(final double bpm, final double seconds, final double noise, final long seed) {
		final Random r = new Random(seed);
		final double[] x = new double[(int) (seconds * FPS)];
		for (int t = 0; t < x.length; t++)
			x[t] = Math.sin(2 * Math.PI * bpm / 60 * t / FPS + seed) + noise * r.nextGaussian();
		return x;
	}

	@Test
	void ratesFarApartAreWarnedAboutNamingBothMedians() {
		final HeartRatePipeline p = new HeartRatePipeline(new EstimateOptions());
		final String w = p.disagreementWarning("v", pulse(60, 30, 0.3, 1), pulse(84, 30, 0.3, 2), FPS);
		assertTrue(w != null && w.startsWith("PulseJ: v — warning: PhysNet's PPG and POS's, each read alone, give " +
			"heart rates 24.0 bpm apart per frame on average (medians 60.0 and 84.0 bpm)"), w);
		assertTrue(w.contains("pos_weight=0.5") && w.contains("compare with method=POS and with pos_weight=0"), w);
	}

	@Test
	void oneRateWithDifferentNoiseIsNotWarnedAbout() {
		final HeartRatePipeline p = new HeartRatePipeline(new EstimateOptions());
		assertNull(p.disagreementWarning("v", pulse(72, 30, 0.8, 3), pulse(72, 30, 0.8, 4), FPS));
		// just inside the threshold: 4 bpm apart throughout
		assertNull(p.disagreementWarning("v", pulse(70, 30, 0.1, 5), pulse(74, 30, 0.1, 6), FPS));
		assertEquals(5.0, HeartRatePipeline.DISAGREEMENT_BPM);
	}

	@Test
	void silentSignalsGiveNoWarningAndNoFailure() {
		final HeartRatePipeline p = new HeartRatePipeline(new EstimateOptions());
		assertNull(p.disagreementWarning("v", new double[300], pulse(72, 10, 0.1, 7), FPS));
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.BpmBand;

/**
 * PhysNet's PPG, read with POS's, keeps its heart rate and takes POS's timing: a network trained without
 * labels can learn to run behind the skin colour, and its beats then miss every true beat.
 */
class PhysNetTimingTest {

	private static final double FPS = 30;

	/** A pulse at 75 bpm with a dicrotic harmonic, {@code delay} frames late, plus a little noise. */
	private static double[] pulse(final double delayFrames, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final double[] x = new double[900];
		for (int t = 0; t < x.length; t++) {
			final double phase = 2 * Math.PI * 1.25 * (t - delayFrames) / FPS;
			x[t] = Math.sin(phase) + 0.3 * Math.sin(2 * phase + 1) + 0.05 * r.nextGaussian();
		}
		return x;
	}

	/** Median distance from each beat of {@code b} to the nearest of {@code a}, in seconds. */
	private static double beatOffset(final HeartRateResult a, final HeartRateResult b) {
		final double[] ta = a.beats().timeSeconds(), tb = b.beats().timeSeconds();
		final double[] d = new double[tb.length];
		for (int i = 0; i < tb.length; i++) {
			double best = Double.POSITIVE_INFINITY;
			for (final double t : ta)
				best = Math.min(best, Math.abs(t - tb[i]));
			d[i] = best;
		}
		return org.pulsej.signal.Stats.median(d);
	}

	@Test
	void aLatePhysNetPpgTakesPosTimingAndKeepsItsRate() {
		final List<String> log = new ArrayList<>();
		final HeartRatePipeline pipeline = new HeartRatePipeline(new EstimateOptions()).log(log::add);
		final double[] pos = pulse(0, 1), physNet = pulse(6, 2);
		final double[] posPpg = HeartRatePipeline.clean(pos, FPS, BpmBand.HEART);
		final HeartRateResult truth = pipeline.fromPpg("v", posPpg, HeartRatePipeline.detrend(pos, FPS), FPS, "POS", "");
		final double[] ppg = HeartRatePipeline.clean(physNet, FPS, BpmBand.HEART), beats = HeartRatePipeline.detrend(
			physNet, FPS);
		final HeartRateResult alone = pipeline.fromPpg("v", ppg, beats, FPS, "PhysNet", "m");
		final HeartRateResult aligned = pipeline.fromPpg("v", ppg, beats, posPpg, FPS, "PhysNet", "m");

		assertEquals(75, aligned.hrMedian(), 0.5);
		assertTrue(beatOffset(truth, alone) > 0.15, "read alone its beats are 0.2 s late: " + beatOffset(truth, alone));
		assertTrue(beatOffset(truth, aligned) < 0.02, "read with POS they are on time: " + beatOffset(truth, aligned));
		assertTrue(aligned.beats().timeSeconds().length >= 35, aligned.beats().timeSeconds().length + " beats in 30 s");
		assertTrue(org.pulsej.signal.Metrics.pearson(aligned.ppg(), posPpg) > 0.95, "the PPG written is moved too");
		assertTrue(log.stream().anyMatch(l -> l.contains("ran 0.20 s behind POS's")), String.join("\n", log));
	}

	@Test
	void aPpgOnTimeOrUnlikePosIsLeftAsItIs() {
		final List<String> log = new ArrayList<>();
		final HeartRatePipeline pipeline = new HeartRatePipeline(new EstimateOptions()).log(log::add);
		final double[] ppg = HeartRatePipeline.clean(pulse(0, 2), FPS, BpmBand.HEART);
		final HeartRateResult onTime = pipeline.fromPpg("v", ppg, ppg, HeartRatePipeline.clean(pulse(0.2, 1), FPS,
			BpmBand.HEART), FPS, "PhysNet", "m");
		assertTrue(onTime.ppg() == ppg, "a fifth of a frame: not moved");
		// POS reading another rhythm (a lamp): nothing to align with
		final double[] lamp = new double[900];
		for (int t = 0; t < lamp.length; t++)
			lamp[t] = Math.sin(2 * Math.PI * 1.9 * t / FPS);
		final HeartRateResult unlike = pipeline.fromPpg("v", ppg, ppg, lamp, FPS, "PhysNet", "m");
		assertTrue(unlike.ppg() == ppg, "not moved");
		assertTrue(log.isEmpty(), String.join("\n", log));
	}
}

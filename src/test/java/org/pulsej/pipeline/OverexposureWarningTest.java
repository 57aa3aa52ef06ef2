package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The log warns of clipping that comes and goes over a video, not of a steady highlight. */
class OverexposureWarningTest {

	@Test
	void warnsWhenTheOverexposedShareOfTheFaceChangesOverTheVideo() {
		// a head that turns toward a bright light every few seconds: 0 % to 25 % of the face clipped
		final double[] turning = new double[30];
		for (int i = 0; i < turning.length; i++)
			turning[i] = 0.125 * (1 - Math.cos(2 * Math.PI * i / 10.0));
		final String w = HeartRatePipeline.overexposureWarning("v", turning);
		assertTrue(w != null && w.contains("v — warning: 0 to 25 % of the face is overexposed") && w.contains(
			"Lower the camera's exposure"), w);
		// a steady highlight on the forehead, even a large one, and a light step of 12 %: no warning
		final double[] steady = new double[30];
		Arrays.fill(steady, 0.3);
		assertNull(HeartRatePipeline.overexposureWarning("v", steady));
		final double[] step = new double[30];
		for (int i = 0; i < step.length; i++)
			step[i] = i < 10 ? 0.04 : 0.16;
		assertNull(HeartRatePipeline.overexposureWarning("v", step));
		assertNull(HeartRatePipeline.overexposureWarning("v", null), "not measured (roi=whole, grey video)");
		assertNull(HeartRatePipeline.overexposureWarning("v", new double[] { 0, 1 }), "too few frames to judge");
	}

	/**
	 * Most of the face clipped all through (too much exposure): the skin mask drops nearly every pixel and the few
	 * left read a wrong rate (106 bpm for 72 at 82 % clipped), with only the weak-pulse warning, whose hint says too
	 * little light. A steady share of half the face or more is said now.
	 */
	@Test
	void warnsWhenMostOfTheFaceIsOverexposedThroughout() {
		final double[] most = new double[30];
		Arrays.fill(most, 0.82);
		final String w = HeartRatePipeline.overexposureWarning("v", most);
		assertTrue(w != null && w.contains("v — warning: 82 % of the face is overexposed") && w.contains("throughout") &&
			w.contains("roi=box"), w);
		final double[] third = new double[30];
		Arrays.fill(third, 0.35);
		assertNull(HeartRatePipeline.overexposureWarning("v", third), "a third of the face: read right (72.0)");
	}
}

package org.pulsej.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeartRateResultTest {

	/**
	 * Frames without confidence (a face lost for seconds) get confidence 0 and the video's median as
	 * their heart rate, as the blend hr = c·instant + (1 − c)·median gives; the other frames and the
	 * result they came from are unchanged.
	 */
	@Test
	void framesWithoutConfidenceFallBackToTheMedian() {
		final HeartRateResult r = new HeartRateResult("v", 30, new double[4], new double[] { 60, 70, 90, 100 },
			new double[] { 1, 0.5, 0.8, 1 }, new double[] { 60, 72.5, 86.4, 100 }, 80, 3, "POS", "", List.of());
		final HeartRateResult lost = r.withoutConfidence(new boolean[] { false, false, true, true });
		assertArrayEquals(new double[] { 1, 0.5, 0, 0 }, lost.confidence());
		assertArrayEquals(new double[] { 60, 72.5, 80, 80 }, lost.hr());
		assertArrayEquals(new double[] { 60, 70, 90, 100 }, lost.hrInstant(), "what the signal said stays");
		assertArrayEquals(new double[] { 1, 0.5, 0.8, 1 }, r.confidence(), "the original is untouched");
		assertSame(r, r.withoutConfidence(null));
	}
}

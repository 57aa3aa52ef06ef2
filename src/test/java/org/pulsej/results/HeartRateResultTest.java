package org.pulsej.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeartRateResultTest {

	/**
	 * Frames without confidence (a face lost for seconds) get confidence 0 and the median of the other
	 * frames as their heart rate, as the blend hr = c·instant + (1 − c)·median gives, with that median;
	 * the median of all frames counted the rates of frames that showed no face.
	 */
	@Test
	void framesWithoutConfidenceFallBackToTheMedianOfTheOthers() {
		final HeartRateResult r = new HeartRateResult("v", 30, new double[4], new double[] { 60, 70, 90, 100 },
			new double[] { 1, 0.5, 0.8, 1 }, new double[] { 60, 72.5, 86.4, 100 }, 80, 3, "POS", "", List.of());
		final HeartRateResult lost = r.withoutConfidence(new boolean[] { false, false, true, false }, null,
			new boolean[] { false, false, false, true });
		assertArrayEquals(new double[] { 1, 0.5, 0, 0 }, lost.confidence());
		assertEquals(65, lost.hrMedian(), 1e-12, "the median of 60 and 70");
		assertArrayEquals(new double[] { 60, 67.5, 65, 65 }, lost.hr(), 1e-12);
		assertArrayEquals(new double[] { 60, 70, 90, 100 }, lost.hrInstant(), "what the signal said stays");
		assertArrayEquals(new double[] { 1, 0.5, 0.8, 1 }, r.confidence(), "the original is untouched");
		assertEquals(80, r.hrMedian());
		assertSame(r, r.withoutConfidence((boolean[]) null));
		assertSame(r, r.withoutConfidence(new boolean[4]), "nothing untrusted");
		assertSame(r, r.withoutConfidence(new boolean[] { true, true, true, true }), "nothing trusted: as it was");
	}
}

package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference's HRV, in Evaluate, from its valid intervals only. */
class BeatComparisonTest {

	/**
	 * Beats at 800 and 900 ms in turn (SDNN about 50, RMSSD 100 ms) with one extra reference beat 300 ms after a
	 * beat (a dicrotic notch of a contact PPG read at 10 fps): counted as an interval, it made the reference's
	 * SDNN and RMSSD several times the truth; judged by the detector, it is left out.
	 */
	@Test
	void anInvalidReferenceIntervalIsLeftOutOfItsHrv() {
		final java.util.List<Double> times = new java.util.ArrayList<>(), beats = new java.util.ArrayList<>();
		final java.util.List<BeatDetector.Reason> why = new java.util.ArrayList<>();
		double time = 1;
		for (int k = 0; k < 40; k++) {
			beats.add(time);
			times.add(time);
			why.add(k == 0 ? BeatDetector.Reason.FIRST : k == 21 ? BeatDetector.Reason.IRREGULAR : BeatDetector.Reason
				.VALID);
			if (k == 20) { // the notch: the interval to it and the one after it are judged irregular
				times.add(time + 0.3);
				why.add(BeatDetector.Reason.IRREGULAR);
			}
			time += k % 2 == 0 ? 0.8 : 0.9;
		}
		final double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
		final BeatDetector.Beats est = BeatComparison.reference(beats.stream().mapToDouble(Double::doubleValue).toArray(),
			60, 0);
		final BeatComparison all = BeatComparison.of(est, t, 0, 60);
		final BeatComparison judged = BeatComparison.of(est, t, why.toArray(new BeatDetector.Reason[0]), 0, 60);
		assertTrue(all.rmssdRefMs() > 150, "the notch counted: " + all.rmssdRefMs());
		assertEquals(100, judged.rmssdRefMs(), 1, "the notch left out");
		assertEquals(judged.sdnnEstMs(), judged.sdnnRefMs(), 2, "as the true beats' own");
		assertEquals(all.matched(), judged.matched(), "matching is the same");
	}
}

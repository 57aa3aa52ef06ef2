package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.nn.TrainingReport;
import org.pulsej.nn.TrainingReport.EpochStats;

/**
 * A model trained on videos whose pulse it did not find (a weak-pulse set read at noise: its kept
 * epoch's IPR 0.38) was saved like any other, and nothing told the user, who has no ground truth.
 */
class UnsureModelWarningTest {

	private static TrainingReport report(final int selected, final double... ipr) {
		final List<EpochStats> epochs = new java.util.ArrayList<>();
		for (int e = 0; e < ipr.length; e++)
			epochs.add(new EpochStats(e + 1, -0.001, ipr[e], Double.NaN, 50, 0));
		return new TrainingReport(Path.of("model"), ipr.length, selected, false, epochs, 55_097, 10, 0, "cpu()", null);
	}

	@Test
	void theKeptEpochsIprDecides() {
		// the kept epoch is the second: its IPR, not the first's or the last's, is what the model gives
		final String w = TrainingJob.unsureWarning(report(2, 0.84, 0.38, 0.1));
		assertTrue(w != null && w.contains("38 % of its power outside the heart-rate band") && w.contains("IPR 0.38") &&
			w.contains("method=POS"), w);
		assertNull(TrainingJob.unsureWarning(report(3, 0.84, 0.38, 0.1)));
		// at the threshold, below it, no epoch finished, no IPR (NaN): no warning
		assertNull(TrainingJob.unsureWarning(report(1, TrainingJob.UNSURE_IPR)));
		assertNull(TrainingJob.unsureWarning(report(1, 0.14)));
		assertNull(TrainingJob.unsureWarning(report(0)));
		assertNull(TrainingJob.unsureWarning(report(1, Double.NaN)));
	}
}

package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv and evaluation.csv leave a cell without a number empty, as summary.csv does (they wrote NaN). */
class EvaluationWriterTest {

	@Test
	void missingNumbersAreEmptyCellsInTheSameColumns(@TempDir final Path dir) throws Exception {
		final double nan = Double.NaN;
		// one video: no Pearson r over videos, no breathing reference
		final MethodScore m = new MethodScore("POS", 1, 0.5, 0.6, 0.7, 0.9, 8.5, 0.95, 300, 0.4, 0.4, nan, nan);
		final VideoScore v = new VideoScore("v", "POS", 300, 300, 72, 72.4, 0.5, 0.6, 0.7, nan, 8.5, 0.95, nan, nan, 1,
			new double[0], new double[0], 30);
		EvaluationWriter.write(new EvaluationJob.Outcome(List.of(m), List.of(v), Map.of(), Map.of(), Map.of(), List.of()),
			dir, false);
		for (final String file : List.of(EvaluationWriter.METRICS, EvaluationWriter.EVALUATION)) {
			final List<String> lines = Files.readAllLines(dir.resolve(file));
			assertEquals(2, lines.size(), file);
			assertFalse(lines.get(1).contains("NaN"), file + ": " + lines.get(1));
			assertEquals(lines.get(0).split(",", -1).length, lines.get(1).split(",", -1).length, file +
				": the columns stay");
		}
		final Map<String, String> metrics = EvaluationWriter.read(dir.resolve(EvaluationWriter.METRICS)).get(0);
		assertEquals("", metrics.get("video_pearson_r"));
		assertEquals("", metrics.get("resp_mae_bpm"));
		assertEquals("0.9", metrics.get("pearson_r"));
		final Map<String, String> video = EvaluationWriter.read(dir.resolve(EvaluationWriter.EVALUATION)).get(0);
		assertEquals("", video.get("pearson_r"));
		assertEquals("", video.get("resp_ref_bpm"));
		assertEquals("72.4", video.get("hr_est_bpm"));
	}
}

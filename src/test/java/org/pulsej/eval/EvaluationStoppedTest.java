package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.results.ResultWriter;
import org.pulsej.signal.PulseMethod;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;

/**
 * Evaluate stopped before its end (Esc, kill, a cluster's time limit) left the finished videos' per-video
 * files without metrics.csv and evaluation.csv, and nothing said the evaluation was incomplete. The note
 * {@value EvaluationWriter#INCOMPLETE} says so until an evaluation is written there.
 */
class EvaluationStoppedTest {

	@TempDir
	Path dir;

	EvaluationJob.Outcome evaluate(final Path in, final Path out, final Progress progress) {
		try (EvaluationJob job = new EvaluationJob(new EstimateOptions().roi(RoiMode.WHOLE, null), List.of(
			PulseMethod.GREEN), false, out, false, s -> {})) {
			return job.run(in.toFile(), 0, progress);
		}
	}

	@Test
	void aStoppedEvaluationLeavesANoteThatTheNextFinishedOneRemoves() throws Exception {
		final Path in = dir.resolve("videos"), out = dir.resolve("out");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 70, 1));
		EvalFixtures.pulsej(in, "b", EvalFixtures.small(12, 80, 2));
		final CancellationException e = assertThrows(CancellationException.class, () -> evaluate(in, out, TestProgress
			.cancelOnStatus("Evaluating video 2/2")));
		final Path note = out.resolve(EvaluationWriter.INCOMPLETE);
		assertTrue(e.getMessage().startsWith("Cancelled by the user; nothing was written for the unfinished step. No " +
			"metrics.csv or evaluation.csv was written: " + note + " says that the evaluation in " + out + " is " +
			"incomplete; run the same command again"), e.getMessage());
		assertTrue(Files.exists(ResultWriter.heartRateFile(out, "a")), "the finished video's files stay");
		assertFalse(Files.exists(out.resolve(EvaluationWriter.METRICS)));
		final String says = Files.readString(note);
		assertTrue(says.startsWith("The evaluation of " + in + " started here at ") && says.contains("has not finished") &&
			says.contains("Run the same Evaluate again"), says);

		assertEquals(2, evaluate(in, out, Progress.NONE).metrics().get(0).videos());
		assertFalse(Files.exists(note), "removed once the evaluation is written");
		assertTrue(Files.exists(out.resolve(EvaluationWriter.METRICS)));
	}

	@Test
	void aStoppedFirstEvaluationStillRefusesOtherVideosInItsFolder() throws Exception {
		// the first evaluation into a new folder stopped before its end: its per-video files are there, and an
		// evaluation of other videos into that folder would mix with them (it was not refused: the videos were
		// recorded only at the end)
		final Path in = dir.resolve("videos"), other = dir.resolve("other"), out = dir.resolve("out");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 70, 1));
		EvalFixtures.pulsej(in, "b", EvalFixtures.small(12, 80, 2));
		EvalFixtures.pulsej(other, "c", EvalFixtures.small(12, 75, 3));
		assertThrows(CancellationException.class, () -> evaluate(in, out, TestProgress.cancelOnStatus(
			"Evaluating video 2/2")));
		final org.pulsej.util.PulseJException e = assertThrows(org.pulsej.util.PulseJException.class, () -> evaluate(
			other, out, Progress.NONE));
		assertTrue(e.getMessage().contains(out + " already holds the evaluation of " + in.toRealPath()), e.getMessage());
		assertFalse(Files.exists(ResultWriter.heartRateFile(out, "c")), "nothing of the other videos written");
		// the same videos again complete it
		assertEquals(2, evaluate(in, out, Progress.NONE).metrics().get(0).videos());
	}

	@Test
	void aRunThatEndsWithoutScoresLeavesNoNote() throws Exception {
		final Path in = dir.resolve("videos"), out = Files.createDirectories(dir.resolve("out"));
		EvalFixtures.pulsej(in, "bad", EvalFixtures.small(12, 80, 3));
		Files.writeString(in.resolve("bad_gt.csv"), "frame,ppg\n0,1\n0,2\n");
		assertTrue(evaluate(in, out, Progress.NONE).metrics().isEmpty(), "its video failed");
		assertFalse(Files.exists(out.resolve(EvaluationWriter.INCOMPLETE)), "the run ended, with its failures named");
	}
}

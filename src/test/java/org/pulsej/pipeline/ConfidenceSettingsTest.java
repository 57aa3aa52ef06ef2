package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.signal.PulseMethod;

/** A confidence model applied with other settings than it was trained with is used, with a warning. */
class ConfidenceSettingsTest {

	@TempDir
	Path dir;

	/** A confidence model as Train Confidence Model records it, trained with POS and the default window. */
	void saveModelTrainedWithPos() {
		final EstimateOptions trained = new EstimateOptions().method(PulseMethod.POS);
		try (ConfidenceModel m = ConfidenceModel.create(1)) {
			m.description().addProperty("method", trained.method().name());
			m.description().addProperty("band", trained.band().toString());
			m.description().addProperty("windowSeconds", trained.windowSeconds());
			m.description().addProperty("stepSeconds", trained.stepSeconds());
			m.description().addProperty("windowHr", "track");
			m.save(dir);
		}
	}

	@Test
	void otherMethodOrWindowIsSaidOnceTheSameSettingsSayNothing() {
		saveModelTrainedWithPos();
		final List<String> log = new ArrayList<>();
		try (ConfidenceEstimator.Opened o = ConfidenceEstimator.open(new EstimateOptions().method(PulseMethod.POS)
			.confidenceModel(dir), log::add))
		{
			assertNotNull(o.model());
		}
		assertEquals(List.of(), log, "same settings: no warning");
		try (ConfidenceEstimator.Opened o = ConfidenceEstimator.open(new EstimateOptions().method(PulseMethod.CHROM)
			.confidenceModel(dir), log::add))
		{
			assertNotNull(o.model(), "still applied");
		}
		assertEquals(1, log.size(), log.toString());
		assertTrue(log.get(0).contains("method POS (now CHROM)") && log.get(0).contains("warning"), log.get(0));
		// PhysNet keeps POS as its (unused) colour method: the model's method is compared with PhysNet
		try (ConfidenceEstimator.Opened o = ConfidenceEstimator.open(new EstimateOptions().method(PulseMethod.POS)
			.physNet(dir, "cpu").confidenceModel(dir), log::add))
		{
			assertNotNull(o.model());
		}
		assertEquals(2, log.size(), log.toString());
		assertTrue(log.get(1).contains("method POS (now PhysNet)"), log.get(1));
		// trained on the tracked rate, applied to each window's own peak
		try (ConfidenceEstimator.Opened o = ConfidenceEstimator.open(new EstimateOptions().method(PulseMethod.POS)
			.trackHeartRate(false).confidenceModel(dir), log::add))
		{
			assertNotNull(o.model());
		}
		assertEquals(3, log.size(), log.toString());
		assertTrue(log.get(2).contains("windowHr track (now peak)"), log.get(2));

		// Evaluate used such a model without a word: it warns too, against every method it scores
		final List<String> eval = new ArrayList<>();
		try (org.pulsej.eval.EvaluationJob job = new org.pulsej.eval.EvaluationJob(new EstimateOptions().window(5, 1)
			.confidenceModel(dir), List.of(PulseMethod.GREEN), false, dir.resolve("eval"), false, eval::add))
		{
			assertEquals(1, eval.size(), eval.toString());
			assertTrue(eval.get(0).contains("method POS (now GREEN)") && eval.get(0).contains("windowSeconds 10.0 (now " +
				"5.0)"), eval.get(0));
		}
		eval.clear();
		try (org.pulsej.eval.EvaluationJob job = new org.pulsej.eval.EvaluationJob(new EstimateOptions().confidenceModel(
			dir), List.of(PulseMethod.GREEN, PulseMethod.POS), false, dir.resolve("eval2"), false, eval::add))
		{
			assertEquals(List.of(), eval, "POS is among the methods scored");
		}
	}

	/** The warning was in the log only: a batch's summary, read without its log, now names it for each video. */
	@Test
	void eachSummaryRowNamesAModelOfOtherSettings() {
		saveModelTrainedWithPos();
		org.pulsej.synth.SyntheticFaceVideo.write(new org.pulsej.synth.SyntheticVideoSpec().size(96, 72).seconds(12)
			.hrBpm(72).seed(3), dir.toFile(), "v", true, org.pulsej.util.Progress.NONE);
		for (final PulseMethod m : List.of(PulseMethod.POS, PulseMethod.CHROM)) {
			final Path out = dir.resolve("out-" + m);
			try (EstimateJob job = new EstimateJob(new EstimateOptions().method(m).roi(RoiMode.WHOLE, null)
				.confidenceModel(dir), out, false, s -> {}))
			{
				final EstimateJob.Outcome o = job.run(dir.resolve("v.avi").toFile(), 0, org.pulsej.util.Progress.NONE);
				assertTrue(o.failures().isEmpty(), o.failures().toString());
				final boolean other = m != PulseMethod.POS;
				assertEquals(other, o.results().get(0).warnings().contains(
					org.pulsej.results.VideoWarnings.CONFIDENCE_SETTINGS), m + ": " + o.results().get(0).warnings());
				assertEquals(other, org.pulsej.results.ResultWriter.readSummary(out.resolve(
					org.pulsej.results.ResultWriter.SUMMARY)).get(0).get("warnings").contains("confidence_settings"), m
						.toString());
			}
		}
		// Evaluate's rows name it too
		final Path eval = dir.resolve("eval");
		try (org.pulsej.eval.EvaluationJob job = new org.pulsej.eval.EvaluationJob(new EstimateOptions().roi(RoiMode.WHOLE,
			null).confidenceModel(dir), List.of(PulseMethod.GREEN), false, eval, false, s -> {}))
		{
			job.run(dir.toFile(), 0, org.pulsej.util.Progress.NONE);
		}
		assertTrue(org.pulsej.results.ResultWriter.readSummary(eval.resolve(org.pulsej.results.ResultWriter.SUMMARY))
			.get(0).get("warnings").contains("confidence_settings"));
	}
}

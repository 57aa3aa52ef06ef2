package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.nn.TrainOptions;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.pipeline.TrainingJob;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/**
 * Train PhysNet with labelled videos (epoch chosen by MCC), train specialists, and evaluate both in
 * one run with the ablation rows median → instantaneous → specialists (tiny networks, tiny videos).
 */
class PhysNetEvaluationTest {

	static final PhysNetConfig TINY = new PhysNetConfig(4, 16, 16, 3, null, null);

	@Test
	void labelledTrainingThenGeneralistAndSpecialistsInOneEvaluation(@TempDir final Path dir) throws Exception {
		final Path videos = dir.resolve("videos"), unlabelled = dir.resolve("unlabelled");
		final String[] names = { "dark1", "bright1", "dark2", "bright2" };
		for (int i = 0; i < names.length; i++)
			SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 40).seconds(8).fps(15).hrBpm(65 + 8 * i).brightness(
				names[i].startsWith("dark") ? 0.3 : 1).seed(40 + i), videos.toFile(), names[i], false, Progress.NONE);
		Files.createDirectories(unlabelled);
		Files.copy(videos.resolve("dark1.avi"), unlabelled.resolve("nogt.avi"));
		final List<File> inputs = new ArrayList<>();
		for (final String n : names)
			inputs.add(videos.resolve(n + ".avi").toFile());
		final TrainOptions o = TrainOptions.paper().withEpochs(2).withClip(6, 3).withBatchSize(2).withLearningRate(
			1e-3).withDevice("cpu").withSeed(5);

		// the generalist: epochs chosen by MCC on two labelled videos; one without ground truth is listed
		final List<String> log = new ArrayList<>();
		TrainingJob.train(inputs, List.of(inputs.get(0), inputs.get(1), unlabelled.resolve("nogt.avi").toFile()),
			LabelledVideos.labeller(), 0, null, TINY, o, dir.resolve("general"), Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(l -> l.contains("1 of 3 labelled video(s) left out") && l.contains(
			"nogt.avi: no ground truth")), log.toString());
		assertEquals("MCC", PhysNetModel.readDescription(dir.resolve("general")).training().criterion());
		final List<String> trainingLog = Files.readAllLines(dir.resolve("general/training-log.csv"));
		assertTrue(trainingLog.get(1).endsWith(",MCC,0") && !trainingLog.get(1).contains(",,"), trainingLog.toString());

		TrainingJob.trainSpecialists(inputs, List.of(), null, 0, null, TINY, o, 2, dir.resolve("spec"), Progress.NONE,
			log::add);

		final EstimateOptions options = new EstimateOptions().roi(RoiMode.WHOLE, null).window(6, 1);
		final Path out = dir.resolve("evaluation");
		final EvaluationJob.Outcome outcome;
		try (EvaluationJob job = new EvaluationJob(options, List.of(), new EvaluationJob.PhysNetRows(dir.resolve(
			"general"), dir.resolve("spec"), "cpu"), true, out, false, log::add))
		{
			outcome = job.run(videos.toFile(), 0, Progress.NONE);
		}
		assertTrue(outcome.failures().isEmpty(), outcome.failures().toString());
		final List<Map<String, String>> rows = EvaluationWriter.read(out.resolve(EvaluationWriter.METRICS));
		assertEquals(List.of("PhysNet median", "PhysNet instantaneous", "PhysNet specialists"), rows.stream().map(r -> r
			.get("method")).toList());
		for (final Map<String, String> r : rows)
			assertEquals("4", r.get("videos"), r.toString());
		assertNotEquals(rows.get(1).get("mae_bpm"), rows.get(2).get("mae_bpm"), "two different models");

		// the specialists' files: Estimate's output plus which specialist measured each video
		final List<String> routes = Files.readAllLines(out.resolve("PhysNet-specialists").resolve(
			EstimateJob.SPECIALISTS_CSV));
		assertEquals(5, routes.size(), routes.toString());
		final List<Map<String, String>> summary = ResultWriter.readSummary(out.resolve("PhysNet-specialists").resolve(
			ResultWriter.SUMMARY));
		assertEquals(4, summary.size());
		assertEquals(4, ResultWriter.readSummary(out.resolve("PhysNet").resolve(ResultWriter.SUMMARY)).size());
		// a dark video's specialist score is that of its specialist applied directly
		final String dark = routes.stream().filter(l -> l.startsWith("dark1,")).findFirst().orElseThrow();
		assertTrue(dark.endsWith(",1,spec/cluster-1"), dark);
		final HeartRateResult direct;
		try (EstimateJob job = new EstimateJob(new EstimateOptions().roi(RoiMode.WHOLE, null).window(6, 1).physNet(dir
			.resolve("spec/cluster-1"), "cpu"), null, false, m -> {}))
		{
			direct = job.run(inputs.get(0), 0, Progress.NONE).results().get(0);
		}
		final VideoScore s = ConfidenceAblationTest.find(outcome, "dark1", "PhysNet specialists");
		final double[] inst = direct.hrInstant();
		for (int t = 0; t < s.est().length; t++)
			assertEquals(inst[t], s.est()[t], 1e-9, "frame " + t);
	}
}

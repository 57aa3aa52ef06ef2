package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.Main;
import org.pulsej.eval.EvaluationWriter;
import org.pulsej.nn.SpecialistRouter;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** Train PhysNet with clusters=2 → Estimate and Evaluate with the specialists folder, as macros would. */
class SpecialistCommandsTest {

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	@Test
	void trainSpecialistsThenEstimateAndEvaluateWithThem(@TempDir final Path dir) throws Exception {
		final Path videos = dir.resolve("videos");
		final String[] names = { "dark1", "bright1", "dark2", "bright2" };
		for (int i = 0; i < names.length; i++)
			SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 40).seconds(8).fps(15).hrBpm(65 + 8 * i).brightness(
				names[i].startsWith("dark") ? 0.3 : 1).seed(60 + i), videos.toFile(), names[i], false, Progress.NONE);
		final Path model = dir.resolve("spec");
		assertEquals(0, main("--run", "Train PhysNet", "input=[" + videos + "] output=[" + model +
			"] epochs=1 clip=6 size=16x16 width=4 batch=2 seed=3 roi=whole clusters=2 companions=0"), err.toString());
		assertEquals(List.of("dark1", "dark2"), SpecialistRouter.load(model).specialists().get(0).videos());

		final Path results = dir.resolve("results");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + videos.resolve("bright1.avi") + "] output=[" +
			results + "] method=PhysNet model=[" + model + "] roi=whole window=6 plots=false"), err.toString());
		final List<String> routes = Files.readAllLines(results.resolve(EstimateJob.SPECIALISTS_CSV));
		assertTrue(routes.get(1).startsWith("bright1,") && routes.get(1).endsWith(",2,spec/cluster-2"), routes
			.toString());

		final Path eval = dir.resolve("evaluation");
		assertEquals(0, main("--run", "Evaluate", "input=[" + videos + "] output=[" + eval +
			"] method=PhysNet model=[" + model.resolve("cluster-1") + "] specialists=[" + model +
			"] roi=whole window=6 plots=false ablation=true"), err.toString());
		final List<Map<String, String>> rows = EvaluationWriter.read(eval.resolve(EvaluationWriter.METRICS));
		assertEquals(List.of("PhysNet median", "PhysNet instantaneous", "PhysNet specialists"), rows.stream().map(r -> r
			.get("method")).toList());

		assertEquals(1, main("--run", "Evaluate", "input=[" + videos + "] output=[" + dir.resolve("e2") +
			"] method=POS specialists=[" + model + "] roi=whole window=6"));
		assertTrue(err.toString().contains("does not name PhysNet"), err.toString());
	}
}

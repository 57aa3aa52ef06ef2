package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.Main;
import org.pulsej.eval.EvalFixtures;
import org.pulsej.eval.EvaluationWriter;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.results.ResultWriter;

/** Evaluate and Train Confidence Model as macros and the launcher run them, and confidence= in Estimate Heart Rate. */
class EvaluateCommandTest {

	@TempDir
	static Path shared;

	static Path train, eval;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	@BeforeAll
	static void videos() throws Exception {
		train = shared.resolve("train");
		eval = shared.resolve("eval");
		EvalFixtures.pulsej(train, "t1", EvalFixtures.small(12, 66, 11).suddenMoves(3));
		EvalFixtures.pulsej(train, "t2", EvalFixtures.small(12, 92, 12).brightness(0.3));
		EvalFixtures.pulsej(eval, "e1", EvalFixtures.small(12, 78, 13));
		EvalFixtures.pulsej(eval, "e2", EvalFixtures.small(12, 104, 14).suddenMoves(2));
		EvalFixtures.pulsej(eval, "nogt", EvalFixtures.small(12, 70, 15));
		Files.delete(eval.resolve("nogt_gt.csv"));
	}

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	@Test
	void comparesThreeMethodsInOneRun(@TempDir final Path dir) throws Exception {
		assertEquals(0, main("--run", "Evaluate", "input=[" + eval + "] output=[" + dir + "] method=POS,CHROM,GREEN " +
			"roi=whole plots=false"), err.toString());
		final List<String> lines = Files.readAllLines(dir.resolve(EvaluationWriter.METRICS));
		assertTrue(lines.get(0).startsWith("method,videos,mae_bpm,rmse_bpm,mape_pct,pearson_r,snr_db,mcc"), lines.get(0));
		final List<Map<String, String>> rows = EvaluationWriter.read(dir.resolve(EvaluationWriter.METRICS));
		assertEquals(List.of("POS", "CHROM", "GREEN"), rows.stream().map(r -> r.get("method")).toList());
		for (final Map<String, String> r : rows) {
			assertEquals("2", r.get("videos"), "the video without ground truth is skipped");
			assertTrue(Double.parseDouble(r.get("video_mae_bpm")) < 3, r.toString());
		}
		assertTrue(out.toString().contains("mae_bpm"), "the metrics table is printed: " + out);
		assertTrue(Files.exists(dir.resolve("CHROM").resolve(ResultWriter.SUMMARY)));
		assertTrue(!Files.exists(dir.resolve(EvaluationWriter.blandAltmanFile("POS"))), "plots=false");
	}

	@Test
	void trainedModelFillsTheConfidenceColumnAndTheAblationRows(@TempDir final Path dir) throws Exception {
		final Path model = dir.resolve("model");
		assertEquals(0, main("--run", "Train Confidence Model", "input=[" + train + "] output=[" + model + "] roi=whole " +
			"epochs=2"), err.toString());
		assertTrue(Files.exists(model.resolve(ConfidenceModel.DESCRIPTION)) && Files.exists(model.resolve(
			"confidence-0000.params")) && Files.size(model.resolve("training_loss.png")) > 5000);
		assertTrue(out.toString().contains("l1_bpm"), "the epochs are printed: " + out);
		assertEquals(1, main("--run", "Train Confidence Model", "input=[" + train + "] output=[" + model + "] roi=whole"));
		assertTrue(err.toString().contains("already holds a confidence model") && err.toString().contains("overwrite"),
			err.toString());

		final Path est = dir.resolve("estimate");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + eval.resolve("e1.avi") + "] output=[" + est +
			"] roi=whole plots=false confidence=[" + model + "]"), err.toString());
		final List<String> hr = Files.readAllLines(ResultWriter.heartRateFile(est, "e1"));
		assertEquals(ResultWriter.HR_HEADER, hr.get(0));
		final double median = Double.parseDouble(ResultWriter.readSummary(est.resolve(ResultWriter.SUMMARY)).get(0).get(
			"hr_median_bpm"));
		boolean notOne = false;
		for (final String line : hr.subList(1, hr.size())) {
			final String[] f = line.split(",");
			final double blended = Double.parseDouble(f[2]), inst = Double.parseDouble(f[3]), c = Double.parseDouble(f[4]);
			assertTrue(c > 0 && c < 1, line);
			assertEquals(c * inst + (1 - c) * median, blended, 0.01, "Eq. 1 at " + line);
			notOne |= c < 0.999;
		}
		assertTrue(notOne);

		final Path ablation = dir.resolve("ablation");
		assertEquals(0, main("--run", "Evaluate", "input=[" + eval + "] output=[" + ablation + "] roi=whole " +
			"ablation=true plots=true confidence=[" + model + "]"), err.toString());
		final List<Map<String, String>> rows = EvaluationWriter.read(ablation.resolve(EvaluationWriter.METRICS));
		assertEquals(List.of("POS median", "POS instantaneous", "POS confidence"), rows.stream().map(r -> r.get(
			"method")).toList());
		assertTrue(Files.exists(ablation.resolve(EvaluationWriter.blandAltmanFile("POS confidence"))));
		assertTrue(Files.exists(ablation.resolve(EvaluationWriter.scatterFile("POS median"))));
	}

	/** Train Confidence Model had no time limit: epochs=100000000 ran until cancelled. */
	@Test
	void aTimeBudgetEndsConfidenceTraining(@TempDir final Path dir) throws Exception {
		final Path model = dir.resolve("model");
		final int exit = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(5),
			() -> main("--run", "Train Confidence Model", "input=[" + train + "] output=[" + model + "] roi=whole " +
				"epochs=100000000 minutes=0.02"));
		assertEquals(0, exit, err.toString());
		final int epochs = com.google.gson.JsonParser.parseString(Files.readString(model.resolve(ConfidenceModel
			.DESCRIPTION))).getAsJsonObject().getAsJsonObject("training").get("epochs").getAsInt();
		assertTrue(epochs >= 1 && epochs < 100_000_000, "epochs trained: " + epochs);
		assertTrue(out.toString().contains("\n" + epochs + ",") && !out.toString().contains("\n" + (epochs + 1) + ","),
			"the table lists the epochs trained: " + out);
	}

	@Test
	void wrongGroundTruthEndsWithTheReasonAfterTheOthersAreWritten(@TempDir final Path dir) throws Exception {
		final Path in = dir.resolve("in");
		EvalFixtures.pulsej(in, "good", EvalFixtures.small(12, 80, 16));
		EvalFixtures.pulsej(in, "bad", EvalFixtures.small(12, 80, 17));
		Files.writeString(in.resolve("bad_gt.csv"), "frame,ppg\n0,1\n0,2\n");
		assertEquals(1, main("--run", "Evaluate", "input=[" + in + "] output=[" + dir.resolve("out") + "] roi=whole " +
			"plots=false"));
		assertTrue(err.toString().contains("bad: Frame 0 appears twice in bad_gt.csv"), err.toString());
		assertEquals(1, EvaluationWriter.read(dir.resolve("out").resolve(EvaluationWriter.METRICS)).size());
		assertEquals(1, main("--run", "Evaluate", "input=[" + in + "] output=[" + dir.resolve("o2") + "] method=POS,XYZ"));
		assertTrue(err.toString().contains("XYZ"), err.toString());
	}

	@Test
	void tracksTheFaceByDefault(@TempDir final Path dir) throws Exception {
		assumeTrue(BlazeFaceDetector.isAvailable(), "the face-detector model is not in this build");
		final Path in = dir.resolve("in");
		EvalFixtures.pulsej(in, "face", EvalFixtures.small(12, 86, 18).size(160, 120));
		assertEquals(0, main("--run", "Evaluate", "input=[" + in + "] output=[" + dir.resolve("out") + "] plots=false"),
			err.toString());
		final Map<String, String> r = EvaluationWriter.read(dir.resolve("out").resolve(EvaluationWriter.EVALUATION))
			.get(0);
		assertEquals(86, Double.parseDouble(r.get("hr_est_bpm")), 1.5, r.toString());
	}
}

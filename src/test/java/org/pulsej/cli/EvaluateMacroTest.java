package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.eval.EvalFixtures;
import org.pulsej.eval.EvaluationWriter;

/** macros/evaluate.ijm run headless, as a cluster job would. */
class EvaluateMacroTest {

	@Test
	void macroWritesMetricsForEachMethod(@TempDir final Path dir) throws Exception {
		final Path in = dir.resolve("videos"), out = dir.resolve("evaluation");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 72, 21));
		EvalFixtures.pulsej(in, "b", EvalFixtures.small(12, 96, 22));
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		final int status = new Main(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true,
			StandardCharsets.UTF_8)).run("--macro", Path.of("macros", "evaluate.ijm").toString(), "input=[" + in +
				"] output=[" + out + "] methods=POS,CHROM,GREEN roi=whole plots=false");
		assertEquals(0, status, e.toString());
		final List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
		assertTrue(lines.get(0).startsWith("method,videos,mae_bpm,rmse_bpm,mape_pct,pearson_r,snr_db,mcc"), lines.get(0));
		final List<Map<String, String>> rows = EvaluationWriter.read(out.resolve("metrics.csv"));
		assertEquals(List.of("POS", "CHROM", "GREEN"), rows.stream().map(r -> r.get("method")).toList());
		for (final Map<String, String> r : rows) {
			assertEquals("2", r.get("videos"));
			assertTrue(Double.parseDouble(r.get("mae_bpm")) < 3, r.toString());
		}
		assertEquals(6, EvaluationWriter.read(out.resolve("evaluation.csv")).size());
	}
}

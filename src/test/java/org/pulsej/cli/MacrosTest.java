package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** The macros in macros/, run by ImageJ's macro interpreter as {@code bin/pulsej --macro} runs them. */
class MacrosTest {

	@TempDir
	Path dir;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	@Test
	void clusterLocalMeasuresInShardsAndMerges() throws Exception {
		final Path videos = Files.createDirectories(dir.resolve("my videos"));
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(96, 72).seconds(11).seed(8);
		SyntheticFaceVideo.write(spec.copy().hrBpm(70), videos.toFile(), "a", false, Progress.NONE);
		SyntheticFaceVideo.write(spec.copy().hrBpm(95), videos.toFile(), "b", false, Progress.NONE);
		Files.copy(videos.resolve("a.avi"), videos.resolve("c.avi"));
		final Path results = dir.resolve("results");
		assertEquals(0, main("--macro", "macros/cluster_local.ijm", "input=[" + videos + "] output=[" + results +
			"] shards=2"), err.toString());
		assertEquals(List.of("a", "c"), videosIn(results.resolve("shard_1")));
		assertEquals(List.of("b"), videosIn(results.resolve("shard_2")));
		final List<Map<String, String>> merged = ResultWriter.readSummary(results.resolve("merged").resolve(
			ResultWriter.SUMMARY));
		assertEquals(List.of("a", "b", "c"), merged.stream().map(r -> r.get("video")).toList());
		assertEquals(70, Double.parseDouble(merged.get(0).get("hr_median_bpm")), 1.5);
		assertEquals(95, Double.parseDouble(merged.get(1).get("hr_median_bpm")), 1.5);

		// run again: every shard skips its finished videos, the merge finds everything in place
		assertEquals(0, main("--macro", "macros/cluster_local.ijm", "input=[" + videos + "] output=[" + results +
			"] shards=2"), err.toString());
		assertEquals(merged, ResultWriter.readSummary(results.resolve("merged").resolve(ResultWriter.SUMMARY)));
	}

	@Test
	void aFailingCommandStopsTheMacroThere() throws Exception {
		final Path marker = dir.resolve("reached.txt");
		final Path macro = Files.writeString(dir.resolve("m.ijm"), "run(\"Batch Estimate\", \"input=[" + dir.resolve(
			"nothing here") + "] output=[" + dir.resolve("out") + "]\");\nFile.saveString(\"reached\", \"" + marker +
				"\");\n");
		assertEquals(1, main("--macro", macro.toString()));
		assertTrue(err.toString().contains("nothing here does not exist"), err.toString());
		assertFalse(Files.exists(marker), "the line after the failed command did not run");
	}

	static List<String> videosIn(final Path dir) {
		return ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).stream().map(r -> r.get("video")).toList();
	}
}

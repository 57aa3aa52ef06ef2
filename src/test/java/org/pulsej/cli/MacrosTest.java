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

	/**
	 * Headless, getDirectory() gives "" without a word: cluster_local.ijm without output= measured into
	 * /shard_1 and /shard_2, train_apply_physnet.ijm trained into /physnet-model. A mistyped key was ignored
	 * (evaluate.ijm with method=GREEN evaluated POS, CHROM and GREEN; batch_pos.ijm with fps=25 measured at
	 * the file's rate), with exit status 0. Each stops at once with a message and exit status 1.
	 */
	@Test
	void theMacrosRefuseAMissingFolderAndAMistypedKey() throws Exception {
		final Path videos = Files.createDirectories(dir.resolve("videos"));
		final String in = "input=[" + videos + "]";
		final String[][] cases = { { "cluster_local.ijm", in, "cluster_local.ijm needs output= (headless, no folder " +
			"dialog can ask for it)" }, { "train_apply_physnet.ijm", in, "train_apply_physnet.ijm needs output=" }, {
				"cluster_local.ijm", in + " ouput=[" + dir.resolve("r") + "]", "cluster_local.ijm does not read the key " +
					"\"ouput\" — its keys are: input, output, shards; check the spelling." }, { "batch_pos.ijm", in +
						" output=[" + dir.resolve("r") + "] fps=25", "batch_pos.ijm does not read the key \"fps\"" }, {
							"cluster_local.ijm", in + " output=[" + dir.resolve("r") + "] shards=abc", "shards=abc is not a " +
								"number of shards" }, { "evaluate.ijm", in + " output=[" + dir.resolve("r") + "] metod=GREEN",
									"evaluate.ijm does not read the key \"metod\"" } };
		for (final String[] c : cases) {
			err.reset();
			assertEquals(1, main("--macro", "macros/" + c[0], c[1]), c[0] + " " + c[1]);
			assertTrue(err.toString().contains(c[2]), err.toString());
			assertFalse(Files.exists(dir.resolve("r")), "nothing written: " + c[1]);
		}
		assertFalse(Files.exists(Path.of("/shard_1")) || Files.exists(Path.of("/physnet-model")), "nothing at /");
	}

	static List<String> videosIn(final Path dir) {
		return ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).stream().map(r -> r.get("video")).toList();
	}
}

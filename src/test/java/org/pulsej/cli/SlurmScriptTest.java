package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/**
 * bin/slurm-batch.sh as SLURM runs it (an array task id in the environment): first with a stand-in
 * launcher that records its arguments, then with the real one on two shards and the merge.
 */
class SlurmScriptTest {

	static final Path SCRIPT = Path.of("bin", "slurm-batch.sh").toAbsolutePath();

	@TempDir
	Path dir;

	record Run(int status, String output) {}

	Run script(final String launcher, final String taskId, final String... args) throws Exception {
		assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
		final List<String> cmd = new ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
		cmd.addAll(List.of(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("PULSEJ", launcher);
		pb.environment().remove("SLURM_ARRAY_TASK_ID");
		if (taskId != null) pb.environment().put("SLURM_ARRAY_TASK_ID", taskId);
		final Process p = pb.start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		return new Run(p.exitValue(), output);
	}

	/** A launcher that prints each argument on its own line. */
	Path echoLauncher() throws IOException {
		final Path f = dir.resolve("echo-args");
		Files.writeString(f, "#!/bin/sh\nfor a in \"$@\"; do echo \"<$a>\"; done\n");
		assertTrue(f.toFile().setExecutable(true));
		return f;
	}

	@Test
	void arrayTaskIBecomesShardIOfN() throws Exception {
		final String echo = echoLauncher().toString();
		Run r = script(echo, "2", "3", "/data/my \"videos\"", "/data/results/", "method=CHROM", "plots=false");
		assertEquals(0, r.status(), r.output());
		// SciJava's syntax, which Fiji's --run and bin/pulsej --run both read
		final String line = "input=\"/data/my \\\"videos\\\"\",output=\"/data/results/shard_2\",shard=\"2/3\"," +
			"method=\"CHROM\",plots=\"false\"";
		assertEquals("<--run>\n<Batch Estimate>\n<" + line + ">\n", r.output());
		assertEquals(java.util.Map.of("input", "/data/my \"videos\"", "output", "/data/results/shard_2", "shard", "2/3",
			"method", "CHROM", "plots", "false"), MacroOptions.parse(line));
		r = script(echo, null, "--merge", "/data/results");
		assertEquals("<--run>\n<Merge Results>\n<input=\"/data/results\",output=\"/data/results/merged\">\n", r
			.output());

		for (final String bad : new String[] { "0", "4" }) {
			r = script(echo, bad, "3", "/in", "/out");
			assertEquals(2, r.status());
			assertTrue(r.output().contains("not a shard of 3") && r.output().contains("--array=1-3"), r.output());
		}
		r = script(echo, null, "3", "/in", "/out");
		assertEquals(2, r.status());
		assertTrue(r.output().contains("SLURM_ARRAY_TASK_ID") && r.output().contains("--array=1-3"), r.output());
		r = script(echo, "1", "three", "/in", "/out");
		assertEquals(2, r.status());
		assertTrue(r.output().contains("whole number"), r.output());
	}

	@Test
	void twoArrayTasksAndTheMergeWithTheRealLauncher() throws Exception {
		final Path videos = Files.createDirectories(dir.resolve("in put"));
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(75).seed(6), videos.toFile(),
			"p", false, Progress.NONE);
		Files.copy(videos.resolve("p.avi"), videos.resolve("q.avi"));
		final Path launcher = dir.resolve("pulsej");
		Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") +
			"' -Xmx256m -Djava.awt.headless=true -cp '" + System.getProperty("java.class.path") + "' " + Main.class
				.getName() + " \"$@\"\n");
		assertTrue(launcher.toFile().setExecutable(true));
		final Path results = dir.resolve("re sults");
		for (final String i : new String[] { "1", "2" }) {
			final Run r = script(launcher.toString(), i, "2", videos.toString(), results.toString(), "plots=false",
				"roi=whole");
			assertEquals(0, r.status(), r.output());
		}
		final Run merge = script(launcher.toString(), null, "--merge", results.toString());
		assertEquals(0, merge.status(), merge.output());
		final List<Map<String, String>> rows = ResultWriter.readSummary(results.resolve("merged").resolve(
			ResultWriter.SUMMARY));
		assertEquals(List.of("p", "q"), rows.stream().map(m -> m.get("video")).toList());
		assertEquals(75, Double.parseDouble(rows.get(1).get("hr_median_bpm")), 1.5);
	}
}

package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/**
 * Many PulseJ processes writing one output folder at once — five Estimate Heart Rate runs on
 * different videos, two identical Batch Estimate runs (the second started a moment later) and a
 * Merge Results — as separate JVMs, into a folder whose summary already holds 3000 rows, three
 * times: every run exits 0, every row is kept, none is half, and no live temporary file is taken
 * from another run.
 */
class ConcurrentRunsTest {

	static final int OLD_ROWS = 3000, TRIALS = 3;

	@TempDir
	Path dir;

	@Test
	void eightProcessesWritingOneFolderKeepEveryRow() throws Exception {
		final Path videos = Files.createDirectories(dir.resolve("videos")), batchIn = Files.createDirectories(dir
			.resolve("batch-in"));
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 36).seconds(6).hrBpm(75).seed(3), dir.resolve("m")
			.toFile(), "m", false, Progress.NONE);
		for (int i = 1; i <= 5; i++)
			Files.copy(dir.resolve("m/m.avi"), videos.resolve("e" + i + ".avi"));
		for (final String b : List.of("b1", "b2"))
			Files.copy(dir.resolve("m/m.avi"), batchIn.resolve(b + ".avi"));
		final String common = " method=GREEN roi=whole window=5 plots=false";
		// a finished shard folder for the merge (one video, s1)
		final Path shards = dir.resolve("shards");
		Files.copy(dir.resolve("m/m.avi"), Files.createDirectories(dir.resolve("merge-in")).resolve("s1.avi"));
		run(List.of(List.of("Estimate Heart Rate", "input=[" + dir.resolve("merge-in/s1.avi") + "] output=[" + shards
			.resolve("shard_1") + "]" + common)), dir.resolve("prep"));

		for (int trial = 1; trial <= TRIALS; trial++) {
			final Path out = Files.createDirectories(dir.resolve("out" + trial));
			final StringBuilder old = new StringBuilder(ResultWriter.SUMMARY_HEADER + "\n");
			for (int i = 0; i < OLD_ROWS; i++)
				old.append(String.format("old%04d,150,30,72,72,5,GREEN,%s%n", i, ",".repeat(ResultWriter.SUMMARY_HEADER
					.split(",", -1).length - 8)));
			Files.writeString(out.resolve(ResultWriter.SUMMARY), old);
			final List<List<String>> commands = new ArrayList<>();
			for (int i = 1; i <= 5; i++)
				commands.add(List.of("Estimate Heart Rate", "input=[" + videos.resolve("e" + i + ".avi") + "] output=[" +
					out + "]" + common));
			for (int k = 0; k < 2; k++)
				commands.add(List.of("Batch Estimate", "input=[" + batchIn + "] output=[" + out + "]" + common));
			commands.add(List.of("Merge Results", "input=[" + shards + "] output=[" + out + "]"));
			assertEquals(8, commands.size());
			run(commands, dir.resolve("logs" + trial));

			final Map<String, String> rows = ResultWriterRows.of(out);
			final TreeSet<String> expected = new TreeSet<>(List.of("e1", "e2", "e3", "e4", "e5", "b1", "b2", "s1"));
			for (int i = 0; i < OLD_ROWS; i++)
				expected.add(String.format("old%04d", i));
			final TreeSet<String> missing = new TreeSet<>(expected);
			missing.removeAll(rows.keySet());
			assertEquals(List.of(), new ArrayList<>(missing), "trial " + trial + ": rows lost");
			assertEquals(expected.size(), rows.size(), "trial " + trial + ": no other row");
			final String text = Files.readString(out.resolve(ResultWriter.SUMMARY));
			assertTrue(text.endsWith("\n"), "no half row");
			final int columns = ResultWriter.SUMMARY_HEADER.split(",", -1).length;
			for (final String line : text.split("\n"))
				assertEquals(columns, line.split(",", -1).length, "whole row: " + line);
			assertEquals(OLD_ROWS + 9, text.split("\n").length, "header + rows, no duplicate");
			try (Stream<Path> s = Files.list(out)) {
				assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList(),
					"no temporary file left");
			}
		}
	}

	/** Starts every command as its own JVM at once (the second Batch a moment after the first); all must exit 0. */
	static void run(final List<List<String>> commands, final Path logs) throws Exception {
		Files.createDirectories(logs);
		final List<Process> ps = new ArrayList<>();
		final List<Path> logFiles = new ArrayList<>();
		boolean batchStarted = false;
		for (int i = 0; i < commands.size(); i++) {
			final List<String> c = commands.get(i);
			if (c.get(0).equals("Batch Estimate")) {
				if (batchStarted) Thread.sleep(700); // the second identical batch starts while the first writes
				batchStarted = true;
			}
			final Path log = logs.resolve(i + ".log");
			logFiles.add(log);
			ps.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djava.awt.headless=true", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System
					.getProperty("java.class.path"), Main.class.getName(), "--run", c.get(0), c.get(1)).redirectErrorStream(
						true).redirectOutput(log.toFile()).start());
		}
		for (int i = 0; i < ps.size(); i++) {
			final Process p = ps.get(i);
			assertTrue(p.waitFor(600, TimeUnit.SECONDS), "finished: " + commands.get(i));
			final String output = Files.readString(logFiles.get(i), StandardCharsets.UTF_8);
			assertEquals(0, p.exitValue(), commands.get(i) + "\n" + output);
			assertTrue(!output.contains("a temporary file left by an interrupted run"), "no live temporary file " +
				"removed:\n" + output);
		}
	}

	/** The summary's rows by video (only whole rows count). */
	static final class ResultWriterRows {
		static Map<String, String> of(final Path out) {
			final Map<String, String> m = new java.util.LinkedHashMap<>();
			for (final Map<String, String> r : ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)))
				m.put(r.get("video"), r.get("method"));
			return m;
		}
	}

	static {
		// keep the children from unpacking anything into the shared temporary folder
		new File(System.getProperty("java.io.tmpdir")).mkdirs();
	}
}

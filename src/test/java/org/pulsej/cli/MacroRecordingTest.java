package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.Macro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.testing.RecordedLine;
import org.scijava.Context;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * Every PulseJ command records a usable line: the line Fiji's recorder writes for a finished run
 * (imagej-legacy records each input as {@code name=value}, bracketing a value with a space) is
 * played back through ImageJ's macro interpreter and gives the same files.
 */
class MacroRecordingTest {

	static Context context;
	static CommandRunner runner;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		context = new Context();
		runner = new CommandRunner(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** Runs {@code options}, records the line, moves the results away, plays the line back, compares. */
	void roundTrip(final String command, final String options, final Path results) throws Exception {
		final Module first = runner.run(command, options, null);
		final String line = RecordedLine.of(first);
		for (final ModuleItem<?> item : CommandRunner.parameters(runner.find(command))) {
			final Object v = first.getInput(item.getName());
			if (v != null && !(v instanceof ImagePlus)) assertEquals(v.toString(), Macro.getValue(line.substring(line
				.indexOf(", \"") + 3, line.length() - 3), item.getName(), null), command + ": " + item.getName() +
					" read back from " + line);
		}
		final Path before = Files.move(results, Files.createDirectories(dir.resolve("first")).resolve(command));
		final Path macro = Files.writeString(dir.resolve("recorded.ijm"), line + "\n");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run("--macro", macro.toString()), line + "\n" + err);
		assertSameFiles(before, results, line);
	}

	@Test
	void eachCommandsRecordedLinePlaysBackToTheSameResults() throws Exception {
		final Path videos = dir.resolve("vid eos");
		roundTrip("Generate Synthetic Video", "output=[" + videos + "] name=clip hr=81 seconds=11 width=96 height=72 " +
			"motion=1 noise=2 seed=5", videos);
		roundTrip("Estimate Heart Rate", "input=[" + videos.resolve("clip.avi") + "] output=[" + dir.resolve("est") +
			"] method=CHROM window=8 step=0.5 min_bpm=45 max_bpm=170 plots=false", dir.resolve("est"));
		roundTrip("Batch Estimate", "input=[" + videos + "] output=[" + dir.resolve("shards/s0") + "] method=GREEN " +
			"roi=manual rect=20,10,50,50 shard=1/1 plots=false", dir.resolve("shards/s0"));
		roundTrip("Merge Results", "input=[" + dir.resolve("shards") + "] output=[" + dir.resolve("merged") + "]", dir
			.resolve("merged"));
		assertEquals(List.of("clip"), ResultWriter.readSummary(dir.resolve("merged").resolve(ResultWriter.SUMMARY))
			.stream().map(r -> r.get("video")).toList());
	}

	/** Same file names and bytes; the batch record only up to its time stamp line. */
	static void assertSameFiles(final Path a, final Path b, final String line) throws IOException {
		final List<String> na = names(a), nb = names(b);
		assertEquals(na, nb, line);
		for (final String n : na) {
			final byte[] x = Files.readAllBytes(a.resolve(n)), y = Files.readAllBytes(b.resolve(n));
			if (n.equals(".pulsej-batch")) assertEquals(strip(x), strip(y), n);
			else assertArrayEquals(x, y, n + " after playing back " + line);
		}
	}

	static List<String> names(final Path d) throws IOException {
		try (Stream<Path> s = Files.list(d)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	static String strip(final byte[] properties) {
		return new String(properties, StandardCharsets.UTF_8).replaceAll("(?m)^#.*\\n", "").replaceAll("(?m)^input=.*\\n",
			"");
	}
}

package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** The headless launcher: --run and --macro reach the same command and give the same result. */
class MainTest {

	@TempDir
	static Path shared;

	static File video;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	@BeforeAll
	static void makeVideo() {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(160, 120).seconds(12).hrBpm(84).seed(9),
			shared.toFile(), "face84", false, Progress.NONE);
		video = shared.resolve("face84.avi").toFile();
	}

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	static Map<String, String> row(final Path dir) {
		return ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(0);
	}

	@Test
	void printedTablesLeaveUnmeasuredCellsEmptyAndSayWhereTheyAreCut() {
		// ImageJ printed NaN where the files hold an empty cell, and a table was cut at 100 rows without a word
		final ij.measure.ResultsTable t = new ij.measure.ResultsTable();
		for (int i = 0; i < 150; i++) {
			t.addRow();
			t.addValue("frame", i);
			t.addValue("hr_bpm", i == 3 ? Double.NaN : 70.5);
		}
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		Main.printTable(new PrintStream(b, true, StandardCharsets.UTF_8), "track", t);
		final String printed = b.toString(StandardCharsets.UTF_8);
		final List<String> lines = printed.lines().toList();
		assertEquals("frame,hr_bpm", lines.get(0));
		assertTrue(lines.get(4).startsWith("3,") && lines.get(4).endsWith(","), lines.get(4));
		assertFalse(printed.contains("NaN"), printed);
		assertEquals(102, lines.size());
		assertTrue(lines.get(101).contains("the first 100 of the 150 rows of the track table are printed"), lines.get(
			101));
	}

	@Test
	void printedTablesQuoteCellsHoldingACommaAsTheFilesDo() {
		// a video named a,b.avi was printed a,b,360,… : one column more than the header
		final ij.measure.ResultsTable t = new ij.measure.ResultsTable();
		t.addRow();
		t.addValue("video", "a,b");
		t.addValue("frames", 360);
		t.addRow();
		t.addValue("video", "q\"x");
		t.addValue("frames", 360);
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		Main.printTable(new PrintStream(b, true, StandardCharsets.UTF_8), "summary", t);
		final List<String> lines = b.toString(StandardCharsets.UTF_8).lines().toList();
		assertEquals(List.of("video,frames", "\"a,b\",360", "\"q\"\"x\",360"), lines);
	}

	@Test
	void runAndMacroGiveTheSameResultAsEachOther(@TempDir final Path dir) throws Exception {
		final Path a = dir.resolve("run with space"), b = dir.resolve("macro");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + video + "] output=[" + a +
			"] method=POS plots=false"), err.toString());
		assertTrue(out.toString().contains("hr_median_bpm"), "the summary is printed: " + out);
		assertEquals(0, main("--macro", Path.of("macros", "batch_pos.ijm").toString(), "input=[" + video +
			"] output=[" + b + "]"), err.toString());
		assertEquals(84, Double.parseDouble(row(a).get("hr_median_bpm")), 1.0);
		assertEquals(row(a), row(b), "menu name + options reach the same command either way");
		assertTrue(Files.exists(b.resolve("face84_ppg.png")), "plots default to on");
	}

	@Test
	void aFailingCommandInAMacroStopsItWithExitStatusOne(@TempDir final Path dir) throws Exception {
		final Path macro = Files.writeString(dir.resolve("m.ijm"),
			"run(\"Estimate Heart Rate\", \"input=[/no/such/video.avi] output=[" + dir + "]\");\nprint(\"not reached\");\n");
		assertEquals(1, main("--macro", macro.toString()));
		assertTrue(err.toString().contains("/no/such/video.avi"), err.toString());
	}

	/**
	 * Errors of the macro itself: a misspelt command printed a HeadlessException's stack trace (ImageJ
	 * shows "Unrecognized command" in a dialog) and then "stopped with an error (line 2)" for line 1; an
	 * undefined name printed only "java.awt.HeadlessException". Each now names its line, its text and the
	 * problem; a PulseJ command in other case runs, as with --run.
	 */
	@Test
	void macroErrorsNameTheirLineAndProblemWithoutAStackTrace(@TempDir final Path dir) throws Exception {
		final PrintStream stdout = System.out, stderr = System.err;
		final ByteArrayOutputStream console = new ByteArrayOutputStream();
		final int unknown;
		try {
			System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
			unknown = main("--macro", Files.writeString(dir.resolve("typo.ijm"), "run(\"Estimate Heartrate\", " +
				"\"input=[/x.avi]\");\nprint(\"not reached\");\n").toString());
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		assertEquals(1, unknown);
		assertTrue(err.toString().contains("Macro typo.ijm, line 1 (run(\"Estimate Heartrate\"") && err.toString()
			.contains("\"Estimate Heartrate\" is not a command that bin/pulsej knows") && err.toString().contains(
				"Estimate Heart Rate"), err.toString());
		assertFalse(console.toString().contains("Exception") || console.toString().contains("not reached"), console
			.toString());

		err.reset();
		assertEquals(1, main("--macro", Files.writeString(dir.resolve("undefined.ijm"), "x = 1;\nfoo(x);\n" +
			"print(\"not reached\");\n").toString()));
		assertTrue(err.toString().contains("Macro undefined.ijm, line 2 (foo(x);): Undefined identifier"), err
			.toString());
		assertFalse(err.toString().contains("Exception"), err.toString());

		err.reset();
		assertEquals(0, main("--macro", Files.writeString(dir.resolve("case.ijm"), "run(\"generate synthetic video\", " +
			"\"output=[" + dir + "] name=lower seconds=1 width=32 height=32\");\n").toString()), err.toString());
		assertTrue(Files.exists(dir.resolve("lower.avi")));
	}

	@Test
	void wrongCommandLinesAreRefusedWithTheValidChoices(@TempDir final Path dir) {
		assertEquals(1, main("--run", "Estimate Heart Rate", "input=[" + video + "] output=[" + dir + "] mthod=POS"));
		assertTrue(err.toString().contains("mthod") && err.toString().contains("method"), err.toString());
		assertEquals(1, main("--run", "Estimate Heartrate", ""));
		assertTrue(err.toString().contains("Estimate Heart Rate"), "lists the real names: " + err);
		assertEquals(1, main("--run", "Estimate Heart Rate", "input=[" + video + "] output=[" + dir + "] method=XYZ"));
		assertTrue(err.toString().contains("POS"), err.toString());
		assertEquals(2, main("--frobnicate"));
		assertEquals(2, main());
	}

	@Test
	void generateThenEstimateFromTheCommandLine(@TempDir final Path dir) {
		assertEquals(0, main("--run", "Generate Synthetic Video", "output=[" + dir + "] name=gen hr=96 seconds=11 width=128 height=96 seed=2"), err.toString());
		assertTrue(Files.exists(dir.resolve("gen.avi")) && Files.exists(dir.resolve("gen_gt.csv")));
		assertEquals(1, main("--run", "Generate Synthetic Video", "output=[" + dir + "] name=gen.avi"),
			"name=gen.avi is the video gen.avi, which is there and not overwritten");
		assertFalse(Files.exists(dir.resolve("gen.avi.avi")));
		assertTrue(err.toString().contains("overwrite"), err.toString());
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + dir.resolve("gen.avi") + "] output=[" + dir +
			"] plots=false"), err.toString());
		assertEquals(96, Double.parseDouble(row(dir).get("hr_median_bpm")), 1.0);
	}

	@Test
	void listShowsCommandsAndTheirMacroKeys() {
		assertEquals(0, main("--list"));
		final String s = out.toString();
		assertTrue(s.contains("Estimate Heart Rate") && s.contains("Generate Synthetic Video") && s.contains("min_bpm"), s);
	}
}

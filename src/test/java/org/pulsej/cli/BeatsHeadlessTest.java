package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.signal.BeatComparison;
import org.pulsej.signal.BeatDetector;
import org.pulsej.video.GroundTruthBeats;

/**
 * Beats and HRV through {@code bin/pulsej --run} and {@code --macro}: a video with a known beat
 * sequence made by Generate Synthetic Video, measured both ways, compared with its true beats; and a
 * video without a pulse, whose beat columns hold quality 0 and no numbers.
 */
class BeatsHeadlessTest {

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	@Test
	void beatsOfAKnownSequenceByRunAndByMacro(@TempDir final Path dir) throws Exception {
		assertEquals(0, main("--run", "Generate Synthetic Video", "output=[" + dir + "] name=hrv hr=72 seconds=60 " +
			"width=160 height=120 rsa=5 rmssd=30 seed=5"), err.toString());
		final double[] truth = GroundTruthBeats.read(dir.resolve("hrv_gt_beats.csv"));
		assertEquals(72, truth.length, 4, "a minute at about 72 bpm");
		final Path a = dir.resolve("run"), b = dir.resolve("macro");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + dir.resolve("hrv.avi") + "] output=[" + a +
			"] method=POS plots=false"), err.toString());
		final Path macro = Files.writeString(dir.resolve("beats.ijm"), "run(\"Estimate Heart Rate\", \"input=[" + dir
			.resolve("hrv.avi") + "] output=[" + b + "] method=POS plots=true\");\n");
		assertEquals(0, main("--macro", macro.toString()), err.toString());
		assertEquals(Files.readString(a.resolve("hrv_beats.csv")), Files.readString(b.resolve("hrv_beats.csv")),
			"the same beats either way");
		assertTrue(Files.size(b.resolve("hrv_tachogram.png")) > 0);
		for (final Path d : new Path[] { a, b }) {
			final BeatDetector.Beats beats = org.pulsej.pipeline.BeatAccuracyFiles.read(d.resolve("hrv_beats.csv"), 60);
			final BeatComparison c = BeatComparison.of(beats, truth, 1, 59);
			System.out.printf("%s: %d/%d matched, timing |error| median %.2f ms, SDNN %.1f vs %.1f ms (%+.1f %%), RMSSD " +
				"%.1f vs %.1f ms (%+.1f %%)%n", d.getFileName(), c.matched(), c.reference(), c.medianAbsErrorMs(), c
					.sdnnEstMs(), c.sdnnRefMs(), 100 * c.sdnnRelativeError(), c.rmssdEstMs(), c.rmssdRefMs(), 100 * c
						.rmssdRelativeError());
			assertTrue(c.medianAbsErrorMs() <= 15, "timing " + c.medianAbsErrorMs());
			assertEquals(0, c.rmssdRelativeError(), 0.2, "RMSSD");
			assertEquals(0, c.sdnnRelativeError(), 0.1, "SDNN");
			final Map<String, String> row = ResultWriter.readSummary(d.resolve(ResultWriter.SUMMARY)).get(0);
			assertTrue(Double.parseDouble(row.get("beat_quality")) > 0.9, row.toString());
			assertEquals(72, Double.parseDouble(row.get("hr_beats_bpm")), 1.5);
			assertEquals(c.rmssdEstMs(), Double.parseDouble(row.get("rmssd_ms")), 3, "whole video vs 1..59 s");
			assertEquals("", row.get("lf_hf"), "60 s is too short for LF/HF");
			assertEquals(15, Double.parseDouble(row.get("resp_bpm")), 1.5);
			final String hrv = Files.readString(d.resolve("hrv_hrv.csv"));
			assertTrue(hrv.startsWith(ResultWriter.HRV_HEADER + "\n0,60,"), hrv);
			assertTrue(hrv.contains("LF/HF needs at least 120 s"), hrv);
		}
	}

	@Test
	void aVideoWithoutPulseHasBeatQualityZeroAndNoNumbers(@TempDir final Path dir) throws Exception {
		assertEquals(0, main("--run", "Generate Synthetic Video", "output=[" + dir + "] name=still hr=72 seconds=40 " +
			"width=160 height=120 amplitude=0 noise=3 seed=6"), err.toString());
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + dir.resolve("still.avi") + "] output=[" + dir
			.resolve("out") + "] method=POS plots=false"), err.toString());
		final Map<String, String> row = ResultWriter.readSummary(dir.resolve("out").resolve(ResultWriter.SUMMARY)).get(0);
		System.out.println("no pulse: " + row);
		assertEquals(0, Double.parseDouble(row.get("beat_quality")), 0.0, row.toString());
		for (final String c : new String[] { "hr_beats_bpm", "sdnn_ms", "rmssd_ms", "pnn50_pct", "lf_hf" })
			assertEquals("", row.get(c), c);
		assertTrue(!row.containsValue("NaN"), "no NaN anywhere: " + row);
	}
}

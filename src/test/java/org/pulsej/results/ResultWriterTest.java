package org.pulsej.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;

class ResultWriterTest {

	@TempDir
	Path dir;

	private static HeartRateResult result(final String name, final double bpm) {
		final int n = 60;
		final double[] ppg = new double[n], hr = new double[n], c = new double[n];
		for (int t = 0; t < n; t++) {
			ppg[t] = Math.sin(2 * Math.PI * bpm / 60 * t / 30.0);
			hr[t] = bpm;
			c[t] = 1;
		}
		return new HeartRateResult(name, 30, ppg, hr, c, hr, bpm, 12.5, "POS", "", List.of());
	}

	@Test
	void writesTheOutputContract() throws IOException {
		ResultWriter.write(result("v1", 72), dir, null);
		final List<String> ppg = Files.readAllLines(dir.resolve("v1_ppg.csv"));
		assertEquals("frame,time_s,ppg", ppg.get(0));
		assertEquals(61, ppg.size());
		assertTrue(ppg.get(31).startsWith("30,1,"), ppg.get(31));
		final List<String> hr = Files.readAllLines(dir.resolve("v1_heart_rate.csv"));
		assertEquals("frame,time_s,hr_bpm,hr_instant_bpm,confidence", hr.get(0));
		assertEquals("0,0,72,72,1", hr.get(1));
	}

	@Test
	void summaryKeepsOtherVideosAndReplacesARemeasuredOne() {
		ResultWriter.updateSummary(List.of(result("a", 60), result("b", 70)), dir);
		ResultWriter.updateSummary(List.of(result("b", 80), result("c,odd", 90)), dir);
		final List<Map<String, String>> rows = ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY));
		assertEquals(3, rows.size());
		assertEquals("60", rows.get(0).get("hr_median_bpm"));
		assertEquals("80", rows.get(1).get("hr_median_bpm"));
		assertEquals("c,odd", rows.get(2).get("video"), "names with commas are quoted");
		assertEquals("POS", rows.get(2).get("method"));
	}

	@Test
	void aForeignSummaryIsNeverOverwritten() throws IOException {
		final Path foreign = Files.writeString(dir.resolve(ResultWriter.SUMMARY), "my,own,table\n1,2,3\n");
		final PulseJException e = assertThrows(PulseJException.class, () -> ResultWriter.updateSummary(List.of(result(
			"a", 60)), dir));
		assertTrue(e.getMessage().contains("did not write"), e.getMessage());
		assertEquals("my,own,table\n1,2,3\n", Files.readString(foreign));
	}

	@Test
	void aVideosTablesPlotsAndSummaryRowAreOneSet() throws IOException {
		ResultWriter.write(result("v", 72), dir, null, true, true);
		for (final String suffix : new String[] { "_ppg.csv", "_heart_rate.csv", "_beats.csv", "_hrv.csv", "_ppg.png",
			"_heart_rate.png", "_tachogram.png" })
			assertTrue(Files.size(dir.resolve("v" + suffix)) > 0, suffix);
		assertTrue(CompletedVideos.isComplete(dir, "v", ResultWriter.readSummaryRows(dir.resolve(ResultWriter.SUMMARY)),
			true), "complete, plots included");
		// a plot of the user's where one of the video's would go: nothing of the new result is written
		final Path mine = Files.writeString(dir.resolve("w_tachogram.png"), "my picture");
		assertThrows(PulseJException.class, () -> ResultWriter.write(result("w", 60), dir, null, true, true));
		assertEquals("my picture", Files.readString(mine));
		assertTrue(Files.notExists(dir.resolve("w_ppg.csv")) && Files.notExists(dir.resolve("w_ppg.png")));
		assertEquals(List.of("v"), ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).stream().map(r -> r.get(
			"video")).toList());
	}

	@Test
	void theInputVideoIsNeverAnOutput() throws IOException {
		final File input = Files.writeString(dir.resolve("x_ppg.csv"), "precious").toFile();
		assertThrows(PulseJException.class, () -> ResultWriter.write(result("x", 70), dir, input));
		assertEquals("precious", Files.readString(input.toPath()));
	}
}

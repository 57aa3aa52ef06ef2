package org.pulsej.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.BatchFixtures;



/** The definition of a complete video, one condition at a time. */
class CompletedVideosTest {

	@TempDir
	Path dir;

	Path ppg, hr;
	String ppgText;

	@BeforeEach
	void writeOne() throws IOException {
		final HeartRateResult r = ResultMergerTest.result("v", 72);
		ResultWriter.write(r, dir, null);
		ResultWriter.updateSummary(List.of(r), dir);
		ppg = dir.resolve("v_ppg.csv");
		hr = dir.resolve("v_heart_rate.csv");
		ppgText = Files.readString(ppg);
	}

	boolean complete(final boolean plots) {
		return CompletedVideos.isComplete(dir, "v", ResultWriter.readSummaryRows(dir.resolve(ResultWriter.SUMMARY)),
			plots);
	}

	@Test
	void allFilesWithTheSummaryRowAreComplete() {
		assertTrue(complete(false));
		assertFalse(complete(true), "plots asked for but not there");
	}

	@Test
	void withoutTheSummaryRowAVideoIsNotComplete() {
		assertFalse(CompletedVideos.isComplete(dir, "v", Map.of(), false));
		assertFalse(CompletedVideos.isComplete(dir, "v", Map.of("v", "v,notanumber,30"), false));
	}

	@Test
	void aCsvCutShortOrWithoutItsLastNewlineIsNotComplete() throws IOException {
		Files.writeString(ppg, ppgText.substring(0, ppgText.length() - 1));
		assertFalse(complete(false), "last line without newline: cut mid-line");
		Files.writeString(ppg, ppgText.substring(0, ppgText.lastIndexOf('\n', ppgText.length() - 2) + 1));
		assertFalse(complete(false), "one row short");
		Files.writeString(ppg, ppgText + "90,3,0.5\n");
		assertFalse(complete(false), "one row too many");
		Files.writeString(ppg, ppgText.replaceFirst("\n5,", "\n6,"));
		assertFalse(complete(false), "rows out of order");
		Files.writeString(ppg, ppgText.replaceFirst("frame,time_s,ppg", "frame,ppg"));
		assertFalse(complete(false), "another header");
		Files.writeString(ppg, ppgText.replaceFirst("\n5,([^,\n]*),", "\n5,"));
		assertFalse(complete(false), "a row with a field missing");
		Files.writeString(ppg, "");
		assertFalse(complete(false));
		Files.writeString(ppg, ppgText);
		assertTrue(complete(false));
		Files.delete(hr);
		assertFalse(complete(false));
	}

	/**
	 * A video whose beats, HRV or tachogram file was lost (deleted, or never written) was skipped as
	 * complete by Batch Estimate's restart, so the file never came back: only the PPG and heart-rate
	 * files and two of the three plots were checked.
	 */
	@Test
	void aMissingBeatsHrvOrTachogramFileMakesAVideoIncomplete() throws IOException {
		final Path beats = dir.resolve("v_beats.csv"), hrv = dir.resolve("v_hrv.csv");
		final String beatsText = Files.readString(beats), hrvText = Files.readString(hrv);
		Files.delete(beats);
		assertFalse(complete(false), "no beats file");
		Files.writeString(beats, beatsText.substring(0, beatsText.length() - 1));
		assertFalse(complete(false), "beats file cut mid-line");
		Files.writeString(beats, beatsText);
		Files.delete(hrv);
		assertFalse(complete(false), "no HRV file");
		Files.writeString(hrv, "start,end\n");
		assertFalse(complete(false), "an HRV file PulseJ did not write");
		Files.writeString(hrv, hrvText);
		assertTrue(complete(false));
		for (final String png : new String[] { "v_ppg.png", "v_heart_rate.png", "v_tachogram.png" })
			Files.write(dir.resolve(png), new byte[] { 1 });
		assertTrue(complete(true));
		Files.delete(dir.resolve("v_tachogram.png"));
		assertFalse(complete(true), "no tachogram");
	}

	@Test
	void onlyPulseJsTemporaryFilesAreRemoved() throws IOException {
		final String host = org.pulsej.util.AtomicFiles.host();
		final String dead = ".v_ppg.csv~" + BatchFixtures.deadPid() + "@" + host + "~123.part";
		final String live = ".w_ppg.csv~" + ProcessHandle.current().pid() + "@" + host + "~124.part";
		final String liveOther = ".x_ppg.csv~" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L) +
			"@" + host + "~125.part";
		final String otherHost = ".y_ppg.csv~" + BatchFixtures.deadPid() + "@another-node~126.part";
		for (final String n : List.of(dead, live, liveOther, otherHost, ".z_ppg.csv127.part"))
			Files.writeString(dir.resolve(n), "half");
		// an untagged one (older PulseJ) counts as left over once it has not been written to for a while
		Files.writeString(dir.resolve(".old_ppg.csv128.part"), "half");
		Files.setLastModifiedTime(dir.resolve(".old_ppg.csv128.part"), java.nio.file.attribute.FileTime.fromMillis(
			System.currentTimeMillis() - 3600_000L));
		Files.writeString(dir.resolve("notes.part"), "someone else's");
		Files.writeString(dir.resolve(".hidden"), "someone else's");
		assertEquals(java.util.Set.of(dead, ".old_ppg.csv128.part"), java.util.Set.copyOf(CompletedVideos
			.removeLeftoverTemporaries(dir)), "only files of processes that are gone");
		for (final String n : List.of(live, liveOther, otherHost, ".z_ppg.csv127.part", "notes.part", ".hidden"))
			assertTrue(Files.exists(dir.resolve(n)), n + " kept");
		assertTrue(complete(false));
	}
}

package org.pulsej.pipeline;

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

	@Test
	void onlyPulseJsTemporaryFilesAreRemoved() throws IOException {
		Files.writeString(dir.resolve(".v_ppg.csv123.part"), "half");
		Files.writeString(dir.resolve("notes.part"), "someone else's");
		Files.writeString(dir.resolve(".hidden"), "someone else's");
		assertEquals(List.of(".v_ppg.csv123.part"), CompletedVideos.removeLeftoverTemporaries(dir));
		assertTrue(Files.exists(dir.resolve("notes.part")) && Files.exists(dir.resolve(".hidden")));
		assertTrue(complete(false));
	}
}

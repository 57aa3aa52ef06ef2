package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/** The breathing rate in the results and as the last column of summary.csv. */
class RespirationSummaryTest {

	static HeartRateResult measure(final double seconds, final double breaths) {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(128, 96).seconds(seconds).hrBpm(75)
			.respirationBpm(breaths).seed(4);
		final Video v = Video.of(SyntheticFaceVideo.virtual(spec).video(), 30, "breath", null);
		return new HeartRatePipeline(new EstimateOptions().roi(RoiMode.WHOLE, null)).run(v, Progress.NONE);
	}

	@Test
	void breathingRateIsAppendedAsTheLastSummaryColumn(@TempDir final Path dir) throws Exception {
		final HeartRateResult r = measure(30, 13);
		assertEquals(13, r.respBpm(), 1, "breaths per minute");
		assertEquals(75, r.hrMedian(), 1);
		assertTrue(ResultWriter.SUMMARY_HEADER.startsWith("video,frames,fps,hr_median_bpm,hr_mean_bpm,snr_db,method," +
			"model,"), "earlier columns keep their order");
		assertTrue(ResultWriter.SUMMARY_HEADER.contains(",model,resp_bpm,"), "resp_bpm right after model; the beat " +
			"columns come after it");
		ResultWriter.updateSummary(List.of(r), dir);
		final Map<String, String> row = ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals(r.respBpm(), Double.parseDouble(row.get("resp_bpm")), 0.01);
	}

	@Test
	void shortVideoHasNoBreathingRateButAHeartRate() {
		final HeartRateResult r = measure(11, 15);
		assertTrue(Double.isNaN(r.respBpm()), "one breath at 5/min needs 12 s");
		assertEquals(75, r.hrMedian(), 1.5);
	}

	@Test
	void summaryWrittenBeforeTheBreathingColumnIsExtendedNotRefused(@TempDir final Path dir) throws Exception {
		Files.writeString(dir.resolve(ResultWriter.SUMMARY), "video,frames,fps,hr_median_bpm,hr_mean_bpm,snr_db,method," +
			"model\nold,300,30,70,70.5,3.2,POS,\n");
		ResultWriter.updateSummary(List.of(measure(30, 10)), dir);
		final List<String> lines = Files.readAllLines(dir.resolve(ResultWriter.SUMMARY));
		assertEquals(ResultWriter.SUMMARY_HEADER, lines.get(0));
		assertEquals("old,300,30,70,70.5,3.2,POS,," + ",".repeat(8), lines.get(1),
			"the earlier row, kept, with empty cells for the rate, the beat and the warnings columns");
		assertTrue(lines.get(2).startsWith("breath,900,30,"), lines.get(2));
	}

	@Test
	void summaryWrittenBeforeTheWarningsColumnIsExtendedNotRefused(@TempDir final Path dir) throws Exception {
		final String before = "video,frames,fps,hr_median_bpm,hr_mean_bpm,snr_db,method,model,resp_bpm,beats," +
			"beat_quality,hr_beats_bpm,sdnn_ms,rmssd_ms,pnn50_pct,lf_hf";
		assertEquals(before + ",warnings", ResultWriter.SUMMARY_HEADER);
		Files.writeString(dir.resolve(ResultWriter.SUMMARY), before + "\nold,300,30,70,70.5,3.2,POS,,15,12,1,70,40,30," +
			"10,\n");
		ResultWriter.updateSummary(List.of(measure(30, 10)), dir);
		final List<String> lines = Files.readAllLines(dir.resolve(ResultWriter.SUMMARY));
		assertEquals(ResultWriter.SUMMARY_HEADER, lines.get(0));
		assertEquals("old,300,30,70,70.5,3.2,POS,,15,12,1,70,40,30,10,,", lines.get(1), "kept, an empty warnings cell");
		assertEquals("", ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(1).get("warnings"),
			"a clear pulse, no warning");
	}
}

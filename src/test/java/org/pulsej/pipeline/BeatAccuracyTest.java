package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.signal.BeatComparison;
import org.pulsej.signal.BeatDetector;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Csv;
import org.pulsej.util.Progress;
import org.pulsej.video.GroundTruthBeats;

/**
 * Beats measured from generated face videos with a known beat sequence (30 fps, tracked face, POS)
 * against the generator's true beat times: the files of the output contract, read back.
 */
class BeatAccuracyTest {

	static BeatComparison measure(final SyntheticVideoSpec spec, final Path dir, final String stem) throws Exception {
		final Path videos = Files.createDirectories(dir.resolve("videos")), out = dir.resolve("out");
		SyntheticFaceVideo.write(spec, videos.toFile(), stem, false, Progress.NONE);
		try (EstimateJob job = new EstimateJob(new EstimateOptions(), out, true, s -> System.out.println(s))) {
			assertTrue(job.run(videos.resolve(stem + ".avi").toFile(), 0, Progress.NONE).failures().isEmpty());
		}
		final BeatDetector.Beats b = BeatAccuracyFiles.read(ResultWriter.beatsFile(out, stem), spec.seconds());
		final double[] truth = GroundTruthBeats.read(GroundTruthBeats.of(videos, stem));
		// the first and last second: the band-pass's reflected ends bend the waveform there
		final BeatComparison c = BeatComparison.of(b, truth, 1, spec.seconds() - 1);
		System.out.printf("%s: %d/%d beats matched, timing |error| median %.2f ms (bias %.2f ms), SDNN %.1f vs %.1f ms " +
			"(%+.1f %%), RMSSD %.1f vs %.1f ms (%+.1f %%), quality %.2f%n", stem, c.matched(), c.reference(), c
				.medianAbsErrorMs(), c.meanErrorMs(), c.sdnnEstMs(), c.sdnnRefMs(), 100 * c.sdnnRelativeError(), c
					.rmssdEstMs(), c.rmssdRefMs(), 100 * c.rmssdRelativeError(), b.quality());
		final Map<String, String> row = ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals(b.count(), Integer.parseInt(row.get("beats")));
		assertTrue(Files.size(out.resolve(stem + "_tachogram.png")) > 0);
		return c;
	}

	@Test
	void respiratorySinusArrhythmiaFromAFaceVideo(@TempDir final Path dir) throws Exception {
		final BeatComparison c = measure(new SyntheticVideoSpec().seconds(90).hrBpm(72).respirationBpm(15).rsaBpm(5)
			.seed(21), dir, "rsa");
		assertTrue(c.matched() >= c.reference() - 2, c.matched() + " of " + c.reference());
		assertTrue(c.medianAbsErrorMs() <= 15, "timing " + c.medianAbsErrorMs());
		assertEquals(0, c.rmssdRelativeError(), 0.2, "RMSSD");
		assertEquals(0, c.sdnnRelativeError(), 0.1, "SDNN");
	}

	@Test
	void knownRmssdFromAFaceVideo(@TempDir final Path dir) throws Exception {
		final BeatComparison c = measure(new SyntheticVideoSpec().seconds(90).hrBpm(66).rmssdMs(45).seed(22), dir,
			"rmssd");
		assertTrue(c.matched() >= c.reference() - 2, c.matched() + " of " + c.reference());
		assertTrue(c.medianAbsErrorMs() <= 15, "timing " + c.medianAbsErrorMs());
		assertEquals(0, c.rmssdRelativeError(), 0.2, "RMSSD");
		assertEquals(0, c.sdnnRelativeError(), 0.1, "SDNN");
	}
}

package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** Evaluate compares the measured beats with the beats of the ground-truth PPG. */
class BeatEvaluationTest {

	@Test
	void beatTimingAndHrvErrorsAgainstTheReferencePpg(@TempDir final Path dir) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("videos")), out = dir.resolve("out");
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(160, 120).seconds(60).hrBpm(70).rsaBpm(5).rmssdMs(20)
			.seed(31), in.toFile(), "hrv", false, Progress.NONE);
		try (EvaluationJob job = new EvaluationJob(new EstimateOptions().roi(RoiMode.WHOLE, null), List.of(
			PulseMethod.POS), false, out, false, s -> {}))
		{
			job.run(in.toFile(), 0, Progress.NONE);
		}
		final Map<String, String> row = EvaluationWriter.read(out.resolve(EvaluationWriter.EVALUATION)).get(0);
		System.out.println("evaluation: " + row);
		final double timing = Double.parseDouble(row.get("beat_timing_error_ms"));
		final double sdnnRef = Double.parseDouble(row.get("sdnn_ref_ms")), sdnnEst = Double.parseDouble(row.get(
			"sdnn_est_ms")), rmssdRef = Double.parseDouble(row.get("rmssd_ref_ms")), rmssdEst = Double.parseDouble(row
				.get("rmssd_est_ms"));
		assertTrue(timing <= 15, "timing " + timing);
		assertEquals(1, rmssdEst / rmssdRef, 0.2);
		assertEquals(1, sdnnEst / sdnnRef, 0.1);
		assertTrue(Integer.parseInt(row.get("beats_matched")) >= Integer.parseInt(row.get("beats_ref")) - 2);
	}
}

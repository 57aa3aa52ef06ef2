package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/** Evaluate scores the colour methods over further regions in the same run, a row each. */
class RegionComparisonTest {

	@Test
	void aRowPerMethodAndComparedRegion(@TempDir final Path out) {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		// big head motion with a weak pulse: the tracked skin region reads it, the stabilised box the motion
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(30).hrBpm(88)
			.pulseAmplitude(0.0015).translationPx(45).shake(10, 0.9).driftFraction(0.05).noiseSigma(3).seed(301));
		final EvaluationJob.Sample s = new EvaluationJob.Sample("bigmotion", Video.of(v.video(), 30, "bigmotion", null),
			Reference.of(v.truth(), null));
		final EvaluationJob.Outcome o;
		try (EvaluationJob job = new EvaluationJob(new EstimateOptions(), List.of(PulseMethod.POS, PulseMethod.CHROM),
			false, out, false, x -> {}))
		{
			o = job.compareRegions(EvaluationJob.parseRegions("face, box")).run(List.of(s), Progress.NONE);
		}
		final Map<String, MethodScore> rows = o.metrics().stream().collect(Collectors.toMap(MethodScore::method, m -> m));
		assertEquals(List.of("POS", "CHROM", "POS roi=face", "CHROM roi=face", "POS roi=box", "CHROM roi=box"), o
			.metrics().stream().map(MethodScore::method).toList());
		System.out.println("per-video MAE: " + o.metrics().stream().map(m -> m.method() + " " + m.videoMae()).toList());
		assertTrue(rows.get("POS").videoMae() < 1, "tracked: " + rows.get("POS").videoMae());
		assertTrue(rows.get("POS roi=face").videoMae() > 5, "stabilised box: " + rows.get("POS roi=face").videoMae());
		// the rows are in the files too
		final List<Map<String, String>> metrics = EvaluationWriter.read(out.resolve(EvaluationWriter.METRICS));
		assertEquals(6, metrics.size());
		assertEquals(6, EvaluationWriter.read(out.resolve(EvaluationWriter.EVALUATION)).size(), "a row per video and row");
	}

	@Test
	void theMeasuredRegionOrAManualOneIsNotCompared() {
		try (EvaluationJob job = new EvaluationJob(new EstimateOptions(), List.of(PulseMethod.POS), false, null, false,
			x -> {}))
		{
			assertThrows(PulseJException.class, () -> job.compareRegions(List.of(RoiMode.TRACKED)));
			assertThrows(PulseJException.class, () -> job.compareRegions(List.of(RoiMode.MANUAL)));
			assertThrows(PulseJException.class, () -> job.compareRegions(List.of(RoiMode.FACE, RoiMode.FACE)));
			assertThrows(PulseJException.class, () -> EvaluationJob.parseRegions("face,nose"));
		}
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.results.HeartRateResult;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/**
 * A face swaying and shaking under a lamp that flickers at 1.8 Hz, pulse 64 bpm (a video of
 * bench/roi_sets.sh's big-motion-and-lamp set): the lamp's strength in POS's signal changes as the head
 * moves, so one fixed gain of the background's light explained too little to be taken out and POS read
 * the lamp (109 bpm). Fitted with a gain that follows the face region, the lamp goes and the pulse is read.
 */
class MovingLampTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void makeVideo() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "BlazeFace model not in this build: face tracking skipped");
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(320, 240).fps(30).seconds(30).hrRamp(64, 64)
			.pulseAmplitude(0.0015).translationPx(20).driftFraction(0.05).noiseSigma(3).jpegQuality(90).seed(703)
			.flickerHz(1.8).flickerAmplitude(0.02);
		spec.shake(8, 1.3);
		SyntheticFaceVideo.write(spec, dir.toFile(), "lamp", false, Progress.NONE);
	}

	private static HeartRateResult measure(final EstimateOptions options, final List<String> log) {
		try (EstimateJob job = new EstimateJob(options, null, false, log::add)) {
			final EstimateJob.Outcome out = job.run(dir.resolve("lamp.avi").toFile(), 0, Progress.NONE);
			assertTrue(out.failures().isEmpty(), out.failures().toString());
			return out.results().get(0);
		}
	}

	@Test
	void aLampWhoseStrengthFollowsTheHeadIsTakenOutAndThePulseRead() {
		final List<String> log = new ArrayList<>();
		final HeartRateResult r = measure(new EstimateOptions(), log);
		assertEquals(64, r.hrMedian(), 2, String.valueOf(log));
		assertTrue(log.stream().anyMatch(l -> l.contains("with a strength that changes as the head moves")), String
			.valueOf(log));
		// the same video with the light left in: POS reads the lamp
		final HeartRateResult kept = measure(new EstimateOptions().removeBackgroundLight(false), new ArrayList<>());
		assertEquals(108, kept.hrMedian(), 3, "the lamp, 1.8 Hz");
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** POS through the tracked face is at least as accurate as through a hand-drawn rectangle when the head moves. */
class FaceRoiAccuracyTest {

	@Test
	void faceTrackingIsAtLeastAsAccurateAsAHandDrawnRectangleOnMovingHeads() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final double[][] cases = { { 72, 21 }, { 90, 22 }, { 58, 23 } }; // bpm, seed
		double faceErr = 0, manualErr = 0;
		final StringBuilder table = new StringBuilder("moving head: true, face ROI, drawn ROI (bpm)\n");
		for (final double[] c : cases) {
			final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(20).hrBpm(c[0])
				.translationPx(12).rotationDeg(4).scaleAmplitude(0.04).suddenMoves(2).noiseSigma(2).seed((long) c[1]));
			final Video video = VideoReader.of(v.video(), 0);
			// What a user would draw: the face as seen on the first frame.
			final Rectangle2D.Double f = v.truth().faceBox()[0];
			final Rectangle drawn = new Rectangle((int) (f.x + 0.15 * f.width), (int) (f.y + 0.2 * f.height), (int) (0.7 *
				f.width), (int) (0.7 * f.height));
			final double face, manual;
			try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.POS), null, false, s -> {})) {
				face = job.run(video, Progress.NONE).hrMedian();
			}
			manual = new HeartRatePipeline(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.MANUAL, drawn)).run(
				video, Progress.NONE).hrMedian();
			table.append(String.format(java.util.Locale.ROOT, "%.0f, %.2f, %.2f%n", c[0], face, manual));
			faceErr += Math.abs(face - c[0]);
			manualErr += Math.abs(manual - c[0]);
			assertEquals(c[0], face, 2.0, "face ROI at " + c[0] + " bpm");
		}
		System.out.print(table);
		assertTrue(faceErr <= manualErr + 0.3 * cases.length, "face " + faceErr + " vs drawn " + manualErr);
	}

	/**
	 * Big head motion (45 px sway plus a 10 px shake at 0.9 Hz) with a weak pulse: the default region
	 * (tracked, moving with the skin) reads the pulse; the paper's stabilised box, held still while the
	 * face slides inside it, reads the motion instead.
	 */
	@Test
	void theTrackedRegionReadsThePulseUnderBigHeadMotionWhereTheStabilisedBoxFails() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(30).hrBpm(88)
			.pulseAmplitude(0.0015).translationPx(45).shake(10, 0.9).driftFraction(0.05).noiseSigma(3).seed(301)).video(),
			0);
		final double tracked, stabilised;
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.POS), null, false, s -> {})) {
			tracked = job.run(video, Progress.NONE).hrMedian();
		}
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.FACE, null), null,
			false, s -> {}))
		{
			stabilised = job.run(video, Progress.NONE).hrMedian();
		}
		System.out.printf(java.util.Locale.ROOT, "big motion, 88 bpm: tracked %.2f, stabilised %.2f%n", tracked,
			stabilised);
		assertEquals(88, tracked, 1.0, "tracked region (the default)");
		assertTrue(Math.abs(stabilised - 88) > 5, "the stabilised box reads the motion here: " + stabilised);
	}
}

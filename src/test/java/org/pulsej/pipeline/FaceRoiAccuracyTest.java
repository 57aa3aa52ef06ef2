package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.signal.PulseMethod;
import org.pulsej.signal.RgbTrace;
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
	 * Big head motion (45 px sway plus a 10 px shake at 0.9 Hz) with a weak pulse (0.15 %) and noise: the
	 * default region (the skin of a region moving with the face) reads the pulse with POS and CHROM; the
	 * paper's stabilised box, held still while the face slides inside it, reads the motion instead. The
	 * region without its skin mask ({@code roi=box}) is printed beside them.
	 */
	@Test
	void theTrackedRegionReadsThePulseUnderBigHeadMotionWhereTheStabilisedBoxFails() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(30).hrBpm(88)
			.pulseAmplitude(0.0015).translationPx(45).shake(10, 0.9).driftFraction(0.05).noiseSigma(3).seed(301)).video(),
			0);
		final FaceTrack face;
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			face = new FaceTracker(detector, FaceTracker.Options.defaults()).track(video, Progress.NONE);
		}
		final java.util.Map<String, Double> hr = new java.util.LinkedHashMap<>();
		for (final RoiMode roi : new RoiMode[] { RoiMode.TRACKED, RoiMode.BOX, RoiMode.FACE }) {
			final RgbTrace trace = new HeartRatePipeline(new EstimateOptions().roi(roi, null)).trace(video, face,
				Progress.NONE);
			for (final PulseMethod m : new PulseMethod[] { PulseMethod.POS, PulseMethod.CHROM })
				hr.put(m + " " + roi.key(), new HeartRatePipeline(new EstimateOptions().method(m).roi(roi, null)).fromTrace(
					video.name(), trace, video.fps()).hrMedian());
		}
		System.out.println("big motion, 88 bpm: " + hr);
		assertEquals(88, hr.get("POS tracked"), 1.0, "POS, tracked region (the default)");
		assertEquals(88, hr.get("CHROM tracked"), 1.0, "CHROM, tracked region (the default)");
		assertTrue(Math.abs(hr.get("POS face") - 88) > 5, "the stabilised box reads the motion here: " + hr);
	}
}

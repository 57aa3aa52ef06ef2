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
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.input.FaceVolumes;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** PhysNet's region: by default a crop that follows the face (roi=tracked); roi=face is the paper's stabilised crop. */
class PhysNetRegionTest {

	/**
	 * The crop along the tracked boxes keeps a swaying face still: the crop's centre follows the detected
	 * face every frame, while the stabilised box holds still until the face leaves it.
	 */
	@Test
	void theTrackedCropFollowsTheFace() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(320, 240).seconds(4)
			.translationPx(30).seed(7)).video(), 0);
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			final FaceTrack track = new FaceTracker(d, FaceTracker.Options.defaults()).track(video, Progress.NONE);
			final Box[] boxes = HeartRatePipeline.trackedBoxes(track, RoiMode.TRACKED_HALF_WINDOW, 1.25);
			double offTracked = 0, offStabilised = 0;
			int n = 0;
			for (int t = 0; t < video.frames(); t++) {
				final Box raw = track.raw(t);
				if (raw == null) continue;
				offTracked += Math.abs(boxes[t].centreX() - raw.centreX());
				offStabilised += Math.abs(track.stabilised(t).centreX() - raw.centreX());
				n++;
				assertEquals(track.stabilised(t).w(), boxes[t].w(), 0.15 * boxes[t].w(), "as large as the stabilised box");
			}
			assertTrue(n > video.frames() / 2);
			assertTrue(offTracked / n < 0.4 * offStabilised / n, String.format(
				"the tracked crop is centred on the face: %.2f px off on average, the stabilised one %.2f px", offTracked / n,
				offStabilised / n));
			// and the volume is cut along those boxes
			final PhysNetConfig c = PhysNetConfig.cpu();
			final FaceVolumes.Tracked along = FaceVolumes.prepareAlong(video, track, t -> boxes[t], c.input(), Progress.NONE);
			final FaceVolumes.Tracked stabilised = FaceVolumes.prepareTracked(video, track, c.input(), Progress.NONE);
			assertEquals(stabilised.volume().frames(), along.volume().frames());
			assertTrue(!java.util.Arrays.equals(stabilised.volume().data(), along.volume().data()));
			org.junit.jupiter.api.Assertions.assertArrayEquals(stabilised.volume().data(), FaceVolumes.prepareAlong(video,
				track, track::stabilised, c.input(), Progress.NONE).volume().data(), "along the stabilised boxes: prepareTracked");
		}
	}
}

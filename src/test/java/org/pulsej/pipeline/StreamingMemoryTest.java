package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.FaceTracker;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.testing.FrameStack;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/**
 * A long video is streamed: the pipeline never keeps more than the frame it is reading, with or
 * without face tracking (which reads the video once more, a few frames ahead). The frames come from a virtual stack
 * that counts how many of the frames it handed out are still reachable (weak references, checked
 * after a full garbage collection).
 */
class StreamingMemoryTest {

	@TempDir
	Path dir;

	/** A uniform 75 bpm pulse, stronger in green as in skin. */
	static ImageProcessor pulseFrame(final int n, final int width, final int height, final double fps) {
		final double pulse = Math.sin(2 * Math.PI * 75 / 60.0 * (n - 1) / fps);
		final int[] px = new int[width * height];
		for (int i = 0; i < px.length; i++) {
			final int r = (int) Math.round(180 + 1.0 * pulse + (i % 7));
			final int g = (int) Math.round(120 + 2.0 * pulse + (i % 5));
			final int b = (int) Math.round(100 + 1.4 * pulse);
			px[i] = r << 16 | g << 8 | b;
		}
		return new ColorProcessor(width, height, px);
	}

	@Test
	void theWholeFramePipelineHoldsAtMostTheFramesItReadsAhead() {
		final FrameStack stack = FrameStack.watched(160, 120, 1200, n -> pulseFrame(n, 160, 120, 30)); // 40 s
		final HeartRateResult r = new EstimateJob(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null),
			dir, true, s -> {}).run(new Video(stack, 24, 30, "long", null), Progress.NONE);
		stack.countAlive();
		assertEquals(13, stack.checks, "counted every 100 frames and at the end");
		// the colour pass decodes up to 2 × threads + 2 frames ahead on a worker thread (ColorTraces), more of
		// them held the slower the consumer (a busy machine held 6): a bound that does not grow with the video,
		// where a leak would hold hundreds of its 1200 frames
		final int readAhead = 2 * org.pulsej.video.FramePrefetch.defaultThreads() + 2;
		assertTrue(stack.maxAlive <= readAhead + 2, "frames reachable at once: " + stack.maxAlive + " (the frames read " +
			"ahead, the current one, and the previous one while its variable is being replaced)");
		assertEquals(0, stack.handedOut.stream().filter(w -> w.get() != null).count(), "none kept after the run");
		assertEquals(75, r.hrMedian(), 1.0);
		assertEquals(1200, r.frames());
	}

	@Test
	void faceTrackingReadsTheVideoTwiceButKeepsNoFrame() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(128, 96).seconds(20).hrBpm(66).seed(11);
		final ImageStack faces = SyntheticFaceVideo.virtual(spec).video().getStack();
		final FrameStack stack = FrameStack.watched(128, 96, faces.getSize(), faces::getProcessor);
		final HeartRateResult r;
		try (EstimateJob job = new EstimateJob(new EstimateOptions(), dir, false, s -> {})) {
			r = job.run(new Video(stack, 24, 30, "faces", null), Progress.NONE);
		}
		stack.countAlive();
		assertTrue(stack.served >= 1.5 * faces.getSize(), "the tracker and the colour signal both read frames: " +
			stack.served);
		// the tracker reads a few frames ahead (decoding and detecting them on worker threads while it works on
		// the current one): a bound that does not grow with the video
		final int readAhead = FaceTracker.Options.defaults().detectEvery() + 2 * FaceTracker.READ_AHEAD_THREADS;
		assertTrue(stack.maxAlive <= readAhead + 2, "frames reachable at once: " + stack.maxAlive);
		assertEquals(0, stack.handedOut.stream().filter(w -> w.get() != null).count(), "none kept after the run");
		assertEquals(66, r.hrMedian(), 1.5);
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.VirtualStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/**
 * A long video is streamed: the pipeline never keeps more than the frame it is reading. The
 * frames come from a virtual stack that counts how many of the frames it handed out are still
 * reachable (weak references, checked after a full garbage collection).
 */
class StreamingMemoryTest {

	@TempDir
	Path dir;

	/** Frames with a 75 bpm pulse, made on demand; remembers each frame's pixels weakly. */
	static final class CountingStack extends VirtualStack {

		final int frames;
		final double fps;
		final List<WeakReference<Object>> handedOut = new ArrayList<>();
		int maxAlive, checks;

		CountingStack(final int width, final int height, final int frames, final double fps) {
			super(width, height);
			this.frames = frames;
			this.fps = fps;
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			if (n % 100 == 0) countAlive();
			final double pulse = Math.sin(2 * Math.PI * 75 / 60.0 * (n - 1) / fps);
			final int[] px = new int[getWidth() * getHeight()];
			for (int i = 0; i < px.length; i++) {
				final int r = (int) Math.round(180 + 1.0 * pulse + (i % 7));
				final int g = (int) Math.round(120 + 2.0 * pulse + (i % 5));
				final int b = (int) Math.round(100 + 1.4 * pulse);
				px[i] = r << 16 | g << 8 | b;
			}
			handedOut.add(new WeakReference<>(px));
			return new ColorProcessor(getWidth(), getHeight(), px);
		}

		void countAlive() {
			System.gc();
			int alive = 0;
			for (final WeakReference<Object> w : handedOut)
				if (w.get() != null) alive++;
			handedOut.removeIf(w -> w.get() == null);
			maxAlive = Math.max(maxAlive, alive);
			checks++;
		}

		@Override
		public int getSize() {
			return frames;
		}

		@Override
		public int size() {
			return frames;
		}

		@Override
		public int getBitDepth() {
			return 24;
		}
	}

	@Test
	void theWholePipelineHoldsAtMostTheFrameItIsReading() {
		final CountingStack stack = new CountingStack(160, 120, 1200, 30); // 40 s
		final Video video = new Video(stack, 24, 30, "long", null);
		final HeartRateResult r = new EstimateJob(new EstimateOptions().method(PulseMethod.POS), dir, true, s -> {})
			.run(video, Progress.NONE);
		stack.countAlive();
		assertEquals(13, stack.checks, "counted every 100 frames and at the end");
		assertTrue(stack.maxAlive <= 2, "frames reachable at once: " + stack.maxAlive + " (the current one, and the " +
			"previous one while its variable is being replaced)");
		assertEquals(0, stack.handedOut.stream().filter(w -> w.get() != null).count(), "none kept after the run");
		assertEquals(75, r.hrMedian(), 1.0);
		assertEquals(1200, r.frames());
	}
}

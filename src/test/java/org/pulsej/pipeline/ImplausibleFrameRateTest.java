package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/** A video too short for a window at an implausible frame rate is named with its likely cause: the frame rate. */
class ImplausibleFrameRateTest {

	static Video video(final int frames, final double fps) {
		final ImageStack s = new ImageStack(8, 8);
		for (int t = 0; t < frames; t++)
			s.addSlice(new ColorProcessor(8, 8));
		return Video.of(new ImagePlus("t", s), fps, "t" + (int) fps, null);
	}

	@Test
	void aThousandFpsVideoTooShortForAWindowPointsAtTheFrameRate() {
		// 360 frames saved with a 1 ms frame interval: 0.36 s, but 12 s at 30 fps
		PulseJException e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(new EstimateOptions()).check(
			video(360, 1000)));
		assertTrue(e.getMessage().contains("t1000 is too short: 360 frames (0.36 s) at 1000 fps") && e.getMessage()
			.contains("the frame rate is likely wrong: at 30 fps the same frames last 12.0 s"), e.getMessage());
		assertTrue(e.fix().startsWith("Give the real frame rate with fps=") && e.fix().contains("A shorter window " +
			"would not help"), e.fix());
		// at a camera's rate, a short video is told about the window as before
		e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(new EstimateOptions()).check(video(150, 30)));
		assertTrue(e.fix().contains("shorter window=") && e.fix().contains("holds at most window=5."), e.fix());
		assertFalse(e.getMessage().contains("likely wrong"), e.getMessage());
		// a video shorter than any window the band allows (3 frames: 0.1 s; the shortest window at min_bpm=40 is
		// 3 s): "a shorter window=" was suggested, and window=0.1 is refused as too short for two beats
		e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(new EstimateOptions()).check(video(3, 30)));
		assertTrue(e.getMessage().contains("is too short: 3 frames (0.1 s)"), e.getMessage());
		assertTrue(e.fix().startsWith("Use a video of at least 3 s") && e.fix().contains("a shorter window would not " +
			"help") && e.fix().contains("min_bpm=40: 3 s"), e.fix());
		e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(new EstimateOptions()).check(video(89, 30)));
		assertTrue(e.fix().contains("a shorter window would not help"), "2.97 s: " + e.fix());
		e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(new EstimateOptions()).check(video(90, 30)));
		assertTrue(e.fix().contains("holds at most window=3."), "3 s: " + e.fix());
	}
}

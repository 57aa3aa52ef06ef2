package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTracker;
import org.pulsej.input.FaceVolumes;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * A video whose measured region never changes holds no pulse: it is refused with a message, never
 * read as a heart rate (a frozen video used to read 44 bpm with full confidence).
 */
class StillVideoTest {

	private static final int FRAMES = 300, W = 48, H = 64;

	private static Video video(final String name, final IntFunction<ImageProcessor> frame) {
		final ImageStack s = new ImageStack(W, H);
		for (int t = 0; t < FRAMES; t++)
			s.addSlice(frame.apply(t));
		return Video.of(new ImagePlus(name, s), 30, name, null);
	}

	private static ColorProcessor colour(final int rgb) {
		final ColorProcessor cp = new ColorProcessor(W, H);
		cp.setColor(rgb);
		cp.fill();
		return cp;
	}

	private static HeartRateResult measure(final Video v, final PulseMethod m) {
		final EstimateOptions o = new EstimateOptions().method(m).roi(RoiMode.WHOLE, null);
		try (EstimateJob job = new EstimateJob(o, null, false, s -> {})) {
			return job.run(v, Progress.NONE);
		}
	}

	@Test
	void aFrozenColourVideoIsRefusedByEveryClassicalMethod() {
		final Video v = video("frozen", t -> colour(0xb47864));
		for (final PulseMethod m : new PulseMethod[] { PulseMethod.GREEN, PulseMethod.POS, PulseMethod.CHROM }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> measure(v, m), m.name());
			assertTrue(e.getMessage().contains("frozen") && e.getMessage().contains("same in every frame"), e
				.getMessage());
			assertTrue(e.getMessage().contains("a change over time"), e.getMessage());
		}
	}

	@Test
	void frozen16And32BitVideosAreRefusedToo() {
		for (final boolean floats : new boolean[] { false, true }) {
			final Video v = video("grey", t -> {
				final ImageProcessor ip = floats ? new FloatProcessor(W, H) : new ShortProcessor(W, H);
				ip.setValue(floats ? 1234.5 : 40000);
				ip.fill();
				return ip;
			});
			assertThrows(PulseJException.class, () -> measure(v, PulseMethod.GREEN), floats ? "32-bit" : "16-bit");
		}
	}

	@Test
	void oneGreyLevelOfChangeIsEnoughToBeMeasured() {
		// the check must not refuse a real but quiet video: here one pixel in every third frame moves a level
		final Video v = video("quiet", t -> {
			final ColorProcessor cp = colour(0xb47864);
			if (t % 3 == 0) cp.set(10, 10, 0xb47964);
			return cp;
		});
		final HeartRateResult r = measure(v, PulseMethod.GREEN);
		assertTrue(Double.isFinite(r.hrMedian()));
	}

	@Test
	void theStillnessTestIsRelativeToTheValues() {
		assertTrue(HeartRatePipeline.isStill(new double[] { 5, 5, 5 }));
		assertTrue(HeartRatePipeline.isStill(new double[] { 1e6, 1e6 + 1e-5, 1e6 }));
		assertFalse(HeartRatePipeline.isStill(new double[] { 100, 100, 100.01 }));
		assertFalse(HeartRatePipeline.isStill(new double[] { 0, 1e-6 }));
	}

	@Test
	void thePhysNetInputOfAFrozenVideoIsRefusedBeforeTheNetworkRuns() {
		final PhysNetConfig c = PhysNetConfig.cpu();
		final Video frozen = video("frozen", t -> colour(0xb47864));
		final PulseJException e = assertThrows(PulseJException.class, () -> FaceVolumes.prepareTracked(frozen,
			FaceTracker.fixed(frozen, new Box(0, 0, W, H)), c.input(), Progress.NONE));
		assertTrue(e.getMessage().contains("same in every frame"), e.getMessage());

		final Video moving = video("moving", t -> {
			final ColorProcessor cp = colour(0xb47864);
			if (t == FRAMES - 1) cp.set(20, 30, 0xb47964);
			return cp;
		});
		final FaceVolumes.Tracked ok = FaceVolumes.prepareTracked(moving, FaceTracker.fixed(moving, new Box(0, 0, W,
			H)), c.input(), Progress.NONE);
		assertEquals(FRAMES, ok.volume().frames());
	}

	@Test
	void trainingLeavesAFrozenVideoOutAndSaysWhy(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		final ImageStack s = new ImageStack(W, H);
		for (int t = 0; t < FRAMES; t++)
			s.addSlice(colour(0xb47864));
		final java.io.File file = dir.resolve("frozen.tif").toFile();
		ij.IJ.saveAsTiff(new ImagePlus("frozen", s), file.getPath());
		final java.util.List<String> log = new java.util.ArrayList<>();
		final PulseJException e = assertThrows(PulseJException.class, () -> TrainingJob.prepareAll(java.util.List.of(
			file), 30, null, PhysNetConfig.cpu(), "training", Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("None of the 1 video(s) could be prepared for training"), e.getMessage());
		// the last line says why (it said only "see the log" and "check the frame rate")
		assertTrue(e.getMessage().contains("the first, frozen.tif: ") && e.getMessage().contains("same in every frame") &&
			!e.getMessage().contains("frame rate (fps=)"), e.getMessage());
		assertEquals(1, log.size());
		assertTrue(log.get(0).contains("frozen.tif left out of training") && log.get(0).contains("same in every frame"),
			log.get(0));
	}
}

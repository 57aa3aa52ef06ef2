package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.results.ResultWriter;
import org.pulsej.testing.FrameStack;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/** PhysNet holds a video's whole face volume: one that cannot fit is refused before a frame is read. */
class PhysNetMemoryTest {

	@TempDir
	Path dir;

	@Test
	void aVideoWhoseFaceVolumeCannotFitIsRefusedBeforeReading() throws Exception {
		// a 192x128 network: 295 kB of volume per frame; enough frames for 1.2x the heap
		final PhysNetConfig paperInput = PhysNetConfig.paper().withWidth(2);
		final Path model = dir.resolve("model");
		try (PhysNetModel m = PhysNetModel.untrained(paperInput, 30, 300, 1, "cpu")) {
			m.save(model);
		}
		final int frames = (int) Math.ceil(1.2 * Runtime.getRuntime().maxMemory() / (3.0 * 192 * 128 * 4));
		// tiny frames that all share one pixel array; the stack counts the frames read
		final int[] px = new int[32 * 24];
		final FrameStack stack = FrameStack.of(32, 24, frames, n -> new ColorProcessor(32, 24, px));
		final Video v = new Video(stack, 24, 30, "long", null);
		final Path out = dir.resolve("out");
		try (EstimateJob job = new EstimateJob(new EstimateOptions().physNet(model, "cpu").roi(RoiMode.WHOLE, null), out,
			false, s -> {}))
		{
			final PulseJException e = assertThrows(PulseJException.class, () -> job.run(v, Progress.NONE));
			assertTrue(e.problem().startsWith("PhysNet on long holds its whole face volume (" + frames +
				" frames of 192x128, 3 channels) and needs about"), e.getMessage());
			assertTrue(e.problem().contains("but Java has only"), e.getMessage());
			assertTrue(e.fix().contains("-Xmx") && e.fix().contains("segment"), e.getMessage());
		}
		assertEquals(0, stack.served, "no frame read");
		assertFalse(Files.exists(out.resolve(ResultWriter.SUMMARY)), "nothing written");
	}
}

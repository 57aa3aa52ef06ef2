package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.filter.AVI_Writer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/** Training holds every face volume: a set that cannot fit is refused before anything is prepared. */
class TrainingMemoryTest {

	@TempDir
	Path dir;

	/** An uncompressed AVI of {@code frames} tiny frames (all sharing one pixel array while written). */
	private File avi(final String name, final int frames) throws IOException {
		final int[] px = new int[32 * 24];
		java.util.Arrays.fill(px, 0x806040);
		final ImageStack stack = new ImageStack(32, 24);
		for (int i = 0; i < frames; i++)
			stack.addSlice("", px);
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.getCalibration().fps = 30;
		final File f = dir.resolve(name + ".avi").toFile();
		new AVI_Writer().writeImage(imp, f.getPath(), AVI_Writer.NO_COMPRESSION, 0);
		return f;
	}

	@Test
	void theVolumesOfTheVideosAreCountedFromTheirFrames() throws IOException {
		final List<File> videos = List.of(avi("a", 60), avi("b", 90), dir.resolve("missing.avi").toFile());
		final PhysNetConfig cpu = PhysNetConfig.cpu(); // 64x64 input, cut from a 96x64 crop
		assertEquals(1.1 * 150 * 3 * 96 * 64 * 4, TrainingJob.volumeBytes(videos, 0, cpu), 1e-6);
		assertEquals(1.1 * 150 * 3 * 192 * 128 * 4, TrainingJob.volumeBytes(videos, 0, PhysNetConfig.paper()), 1e-6);
	}

	@Test
	void aTrainingSetLargerThanTheHeapIsRefusedBeforePreparing() throws IOException {
		// 192x128 volumes take 295 kB a frame (324 kB with the margin): enough frames for 1.2x the heap
		final long max = Runtime.getRuntime().maxMemory();
		final int frames = (int) Math.ceil(1.2 * max / (1.1 * 3 * 192 * 128 * 4));
		final File big = avi("big", frames);
		final Path model = dir.resolve("model");
		final List<String> log = new ArrayList<>();
		final PulseJException e = assertThrows(PulseJException.class, () -> TrainingJob.train(List.of(big), null, null, 0,
			null, PhysNetConfig.paper(), TrainOptions.defaults(), model, Progress.NONE, log::add));
		assertTrue(e.problem().startsWith("Training on 1 video(s) holds all their face volumes (192x128, 3 channels"), e
			.getMessage());
		assertTrue(e.problem().contains("needs about") && e.problem().contains("but Java has only"), e.getMessage());
		assertTrue(e.fix().contains("-Xmx") && e.fix().contains("shorter videos"), e.getMessage());
		assertFalse(Files.exists(model), "nothing written");
		assertEquals(List.of(), log, "nothing prepared");
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;

import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

/**
 * What cancels a command: Esc during its run, the command's own cancel, an interrupt; not an Esc
 * pressed before it started (ImageJ plugins forget that one at the start of long work).
 */
class CancellingTest {

	static Context context;

	@TempDir
	static Path shared;

	static File video;

	@BeforeAll
	static void setUp() {
		context = new Context();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(3), shared.toFile(),
			"face", false, Progress.NONE);
		video = shared.resolve("face.avi").toFile();
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	@Test
	void anEscPressedBeforeTheRunIsForgotten(@TempDir final Path dir) throws Exception {
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		try {
			assertNull(EstimateHeartRateCommandTest.failure(context.service(CommandService.class).run(
				EstimateHeartRateCommand.class, true, Map.of("input", video, "output", dir.toFile(), "plots", false,
					"roi", "whole")).get()));
		}
		finally {
			IJ.resetEscape();
			context.service(PrefService.class).clear(EstimateHeartRateCommand.class);
		}
		assertTrue(Files.exists(dir.resolve("face_heart_rate.csv")));
	}

	@Test
	void theCommandsOwnCancelStopsItsWork() {
		IJ.resetEscape();
		final boolean[] cancelled = { false };
		final StatusProgress p = new StatusProgress(null, null, () -> cancelled[0]);
		assertFalse(p.isCancelled());
		cancelled[0] = true;
		assertTrue(p.isCancelled());
	}
}

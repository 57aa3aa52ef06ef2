package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.util.PulseJException;

/** overlap= beyond half of the model's window is refused by name before any video is read (it was capped silently). */
class PhysNetOverlapTest {

	@TempDir
	Path dir;

	@Test
	void anOverlapBeyondHalfTheModelsWindowIsRefusedNamingBoth() {
		final Path model = dir.resolve("model");
		// an untrained network of 10 s windows (100 frames at 10 fps)
		try (PhysNetModel m = PhysNetModel.untrained(new PhysNetConfig(4, 16, 16, 3, null, null), 10, 100, 1, "cpu")) {
			m.save(model);
		}
		final Path out = dir.resolve("out");
		PulseJException e = assertThrows(PulseJException.class, () -> new EstimateJob(new EstimateOptions().physNet(
			model, "cpu").physNetOverlap(12), out, false, s -> {}).close());
		assertTrue(e.getMessage().startsWith("overlap=12 s is more than half of model's 10 s window (it is longer " +
			"than the window itself)"), e.getMessage());
		assertTrue(e.fix().contains("overlap between 0 and 5 s") && e.fix().contains("2 s is the usual value"), e.fix());
		e = assertThrows(PulseJException.class, () -> new EstimateJob(new EstimateOptions().physNet(model, "cpu")
			.physNetOverlap(6), out, false, s -> {}).close());
		assertTrue(e.getMessage().startsWith("overlap=6 s is more than half of model's 10 s window:"), e.getMessage());
		assertFalse(Files.exists(out), "refused before the output folder was made");
		// half the window (the reference code's) and the default are taken
		new EstimateJob(new EstimateOptions().physNet(model, "cpu").physNetOverlap(5), out, false, s -> {}).close();
		new EstimateJob(new EstimateOptions().physNet(model, "cpu"), null, false, s -> {}).close();
	}
}

package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run ended from outside (kill -TERM, a cluster's time limit) says so on its way out; a finished one does not. */
class StoppedRunTest {

	@TempDir
	Path dir;

	private Process start(final Path log, final String... args) throws Exception {
		final List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty(
				"java.class.path"), Main.class.getName()));
		cmd.addAll(List.of(args));
		return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static List<String> parts(final Path folder) throws java.io.IOException {
		if (!Files.isDirectory(folder)) return List.of();
		try (java.util.stream.Stream<Path> s = Files.list(folder)) {
			return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
		}
	}

	@Test
	void aTerminatedRunSaysItWasStoppedAndAFinishedOneDoesNot() throws Exception {
		final Path log = dir.resolve("stopped.log");
		final Process p = start(log, "--run", "Generate Synthetic Video", "output=[" + dir.resolve("v") +
			"] seconds=600 width=640 height=480");
		// wait until the command is writing its video (a hidden .part file), then stop it as kill does
		final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < until && p.isAlive() && parts(dir.resolve("v")).isEmpty())
			Thread.sleep(200);
		assertFalse(parts(dir.resolve("v")).isEmpty(), "the video was being written");
		assertTrue(p.isAlive(), "still running: " + Files.readString(log));
		p.destroy(); // SIGTERM
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		final String said = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(143, p.exitValue(), said);
		assertTrue(said.contains(Main.STOPPED_MESSAGE), said);
		// the command's own line, the last, said "Cancelled by the user", after the line above
		assertFalse(said.contains("Cancelled by the user"), said);
		assertTrue(said.contains(org.pulsej.PulseJ.title() + ": Stopped from outside (a signal such as kill or the cluster's time " +
			"limit);"), said);
		assertEquals(List.of(), parts(dir.resolve("v")), "the half-written video was removed");

		final Path ok = dir.resolve("ok.log");
		final Process q = start(ok, "--help");
		assertTrue(q.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, q.exitValue());
		assertFalse(Files.readString(ok, StandardCharsets.UTF_8).contains("stopped from outside"));
	}

	/**
	 * ImageJ ends the JVM with status 0 when a macro function needs an image and none is open
	 * (IJ.getImage without an ImageJ window): the macro's failure read as success, after a 20 s wait and
	 * "stopped from outside". It fails with status 1 now, naming the line and ImageJ's reason.
	 */
	@Test
	void aMacroThatImageJEndsFailsWithItsLineNotAsAStopFromOutside() throws Exception {
		final Path macro = dir.resolve("save.ijm"), log = dir.resolve("macro.log");
		Files.writeString(macro, "print(\"before\");\nsaveAs(\"Tiff\", \"" + dir.resolve("x.tif") +
			"\");\nprint(\"after\");\n");
		final Process p = start(log, "--macro", macro.toString());
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		final String said = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(1, p.exitValue(), said);
		assertTrue(said.contains("PulseJ error: Macro save.ijm, line 2 (saveAs("), said);
		assertTrue(said.contains("There are no images open; ImageJ ended the macro there"), said);
		assertTrue(said.contains("open(path)"), said);
		assertFalse(said.contains("stopped from outside"), said);
		assertFalse(said.contains("after"), said);
		assertFalse(Files.exists(dir.resolve("x.tif")));
	}

	/**
	 * Training stopped from outside ends at its next step, as on Esc, before the process exits: the JVM had
	 * exited with the training thread still inside PyTorch (once a native crash, and an "unexpected
	 * IllegalStateException: Shutdown in progress" after the stop message). The model keeps its epoch.
	 */
	@Test
	void aTerminatedTrainingStopsAtItsNextStepAndKeepsItsEpoch() throws Exception {
		org.pulsej.synth.SyntheticFaceVideo.write(new org.pulsej.synth.SyntheticVideoSpec().size(128, 96).seconds(11)
			.hrBpm(75).seed(1), dir.resolve("videos").toFile(), "v1", false, org.pulsej.util.Progress.NONE);
		final Path log = dir.resolve("train.log"), model = dir.resolve("model");
		final Process p = start(log, "--run", "Train PhysNet", "input=[" + dir.resolve("videos") + "] output=[" + model +
			"] roi=whole epochs=500 minutes=0 patience=0 size=32x32 width=8 batch=2 seed=3 companions=0");
		final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < until && p.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains(
			"Epoch 2/"))
			Thread.sleep(200);
		assertTrue(p.isAlive(), "still training: " + Files.readString(log));
		p.destroy(); // SIGTERM, as a cluster's time limit
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		final String said = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(143, p.exitValue(), said);
		assertTrue(said.contains(Main.STOPPED_MESSAGE), said);
		assertTrue(said.contains("Training cancelled; the model keeps epoch"), "stopped at a step: " + said);
		assertFalse(said.contains("fatal error") || said.contains("PulseJ error: Cancelled") || said.contains(
			"unexpected"), said);
		assertTrue(Files.isRegularFile(model.resolve("model.json")) && Files.isRegularFile(model.resolve(
			"physnet.params")), "the finished epochs are kept");
	}
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster node whose home cannot take libtorch (read-only, over its quota): PhysNet still runs, with
 * libtorch unpacked into the temporary folder. Checked in a fresh JVM, as an engine loads once per JVM.
 */
class UnwritableCacheTest {

	/** The child JVM: loads the engine and adds two numbers with it. */
	public static void main(final String[] args) {
		try (ai.djl.ndarray.NDManager m = Devices.engine().newBaseManager()) {
			System.out.println("sum=" + m.create(new float[] { 1, 2 }).sum().getFloat());
		}
	}

	@Test
	void libtorchIsUnpackedIntoTheTemporaryFolderWhenHomeCannotTakeIt(@TempDir final Path dir) throws Exception {
		// a home that is a file: no folder can be made in it, whoever runs the test (root too)
		final Path home = Files.writeString(dir.resolve("home"), "");
		final Path tmp = Files.createDirectories(dir.resolve("tmp"));
		assertFalse(Devices.writable(home.resolve(".djl.ai")));
		final ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty(
				"java.class.path"), UnwritableCacheTest.class.getName()).redirectErrorStream(true);
		for (final String key : new String[] { "ENGINE_CACHE_DIR", "DJL_CACHE_DIR", "PYTORCH_LIBRARY_PATH",
			"PYTORCH_VERSION", "PYTORCH_FLAVOR" })
			pb.environment().remove(key);
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("sum=3.0"), out);
		final Path unpacked = tmp.resolve("pulsej-djl-" + System.getProperty("user.name", "user").replaceAll(
			"[^A-Za-z0-9._-]", "_")).resolve("pytorch");
		assertTrue(Files.isDirectory(unpacked), "libtorch unpacked into " + unpacked + ": " + out);
	}
}

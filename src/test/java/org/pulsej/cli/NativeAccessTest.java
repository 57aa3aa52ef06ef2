package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java 22 and newer print four lines of "WARNING: A restricted method in java.lang.System has been called"
 * on every run that loads a native library through JNA (PyTorch's OpenMP setting, ONNX Runtime), and say
 * that later releases will refuse it: bin/pulsej grants native access, which Java 17 accepts too.
 */
class NativeAccessTest {

	@TempDir
	Path dir;

	/** The child JVM: loads the C library through JNA, as PulseJ does before PyTorch starts. */
	public static void main(final String[] args) {
		System.out.println("policy: " + org.pulsej.nn.Devices.openMpPolicy());
	}

	@Test
	void theLauncherGrantsNativeAccess() throws Exception {
		// a stand-in java that prints its arguments
		final String out = LocaleTest.launcher(dir, "echo \"$@\"", env -> {});
		assertTrue(out.startsWith("--enable-native-access=ALL-UNNAMED "), out);
	}

	@Test
	void grantedNativeAccessSilencesJava22AndNewer() throws Exception {
		final Path java = newerJava();
		assumeTrue(java != null, "no Java 22 or newer in /usr/lib/jvm");
		final String without = run(java, false), with = run(java, true);
		assertTrue(without.contains("restricted method"), "the check would see the warning: " + without);
		assertFalse(with.contains("WARNING"), with);
		assertTrue(with.contains("policy: "), with);
	}

	/** A java of version 22 or newer installed beside this one, or null. */
	private static Path newerJava() throws Exception {
		final File[] jdks = new File("/usr/lib/jvm").listFiles();
		if (jdks == null) return null;
		for (final File jdk : jdks) {
			final Path java = jdk.toPath().resolve("bin/java");
			if (!Files.isExecutable(java)) continue;
			final Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
				.redirectErrorStream(true).start();
			final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			p.waitFor(30, TimeUnit.SECONDS);
			for (final String line : out.split("\\R"))
				if (line.trim().startsWith("java.specification.version = ")) {
					final String v = line.trim().substring("java.specification.version = ".length()).trim();
					if (v.matches("\\d+") && Integer.parseInt(v) >= 22) return java;
				}
		}
		return null;
	}

	private static String run(final Path java, final boolean granted) throws Exception {
		final List<String> cmd = new ArrayList<>(List.of(java.toString()));
		if (granted) cmd.add("--enable-native-access=ALL-UNNAMED");
		cmd.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			NativeAccessTest.class.getName()));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().remove("OMP_WAIT_POLICY");
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), out);
		return out;
	}
}

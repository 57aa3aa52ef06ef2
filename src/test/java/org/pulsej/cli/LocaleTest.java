package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;

/**
 * Paths with letters outside ASCII under the C locale (a cluster job, cron, a container): Java named
 * files in ASCII there, and {@code output=[/data/out ü]} ended as "unexpected InvalidPathException"
 * with a fix about converting the video.
 */
class LocaleTest {

	@TempDir
	Path dir;

	/** bin/pulsej in a built-looking copy, with a stand-in java that prints the locale it is given. */
	String launch(final String lang) throws Exception {
		return launcher(dir, "echo \"charmap=$(locale charmap) LC_ALL=$LC_ALL\"", env -> {
			env.keySet().removeIf(k -> k.startsWith("LC_"));
			env.put("LANG", lang);
		});
	}

	/**
	 * What {@code bin/pulsej --help} prints when run from a built-looking copy in {@code dir} (no build is
	 * started) with a stand-in java whose shell body is {@code java}; {@code env} adjusts the environment.
	 */
	static String launcher(final Path dir, final String java, final java.util.function.Consumer<java.util.Map<String,
		String>> env) throws Exception
	{
		assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
		final Path root = dir.resolve("root"), bin = Files.createDirectories(root.resolve("bin"));
		Files.copy(Path.of("bin", "pulsej"), bin.resolve("pulsej"), StandardCopyOption.REPLACE_EXISTING);
		Files.createDirectories(root.resolve("target/classes/org/pulsej"));
		Files.createDirectories(root.resolve("src/main"));
		Files.writeString(root.resolve("pom.xml"), "");
		Files.setLastModifiedTime(root.resolve("src/main"), FileTime.fromMillis(0));
		Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(0));
		Files.writeString(root.resolve("target/pulsej.classpath"), "");
		final Path stand = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
		Files.writeString(stand, "#!/bin/sh\n" + java + "\n");
		assertTrue(stand.toFile().setExecutable(true));
		final ProcessBuilder pb = new ProcessBuilder("/bin/bash", bin.resolve("pulsej").toString(), "--help")
			.redirectErrorStream(true);
		env.accept(pb.environment());
		pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
		final Process p = pb.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), out);
		return out.strip();
	}

	static boolean hasUtf8Locale() throws Exception {
		final Process p = new ProcessBuilder("/bin/sh", "-c", "locale -a").redirectErrorStream(true).start();
		final String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(10, TimeUnit.SECONDS);
		return all.lines().anyMatch(l -> l.matches("(?i)(C|en_US)\\.utf-?8"));
	}

	@Test
	void theLauncherStartsJavaWithAUtf8LocaleWhereTheLocaleIsC() throws Exception {
		assumeTrue(hasUtf8Locale(), "no C.UTF-8 or en_US.UTF-8 locale here");
		final String c = launch("C");
		assertTrue(c.startsWith("charmap=UTF-8 LC_ALL="), c);
		assertEquals("charmap=UTF-8 LC_ALL=", launch("C.UTF-8"), "a UTF-8 locale is left as it is");
	}

	@Test
	void aPathJavaCannotNameSaysSoAndNamesTheLocale() {
		final PulseJException e = PulseJException.unexpected("this Evaluate run", new InvalidPathException(
			"/data/out ?? ??", "Malformed input or input contains unmappable characters"));
		assertTrue(e.problem().contains("The path /data/out ?? ?? cannot be used as a file name here") && e.problem()
			.contains("locale is C"), e.problem());
		assertTrue(e.fix().contains("LC_ALL=C.UTF-8") && !e.fix().contains("ffmpeg"), e.fix());
	}
}

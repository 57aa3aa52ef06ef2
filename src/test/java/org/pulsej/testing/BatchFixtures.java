package org.pulsej.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** Small face videos for the batch tests: rendered once, then copied under other names. */
public final class BatchFixtures {

	private BatchFixtures() {}

	public static SyntheticVideoSpec spec(final double bpm) {
		return new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(bpm).seed((long) bpm);
	}

	/** {@code dir/NAME.avi} for each name, all copies of one rendered video at {@code bpm}. */
	public static Path folder(final Path dir, final double bpm, final String... names) throws IOException {
		Files.createDirectories(dir);
		final Path master = dir.resolveSibling("." + dir.getFileName() + "-master");
		SyntheticFaceVideo.write(spec(bpm), master.toFile(), "m", true, Progress.NONE);
		for (final String n : names)
			Files.copy(master.resolve("m.avi"), dir.resolve(n + ".avi"));
		return dir;
	}

	/** Modification times of every file, to show which were rewritten. */
	public static Map<String, FileTime> times(final Path dir) throws IOException {
		final Map<String, FileTime> m = new HashMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			for (final Path p : (Iterable<Path>) files::iterator)
				m.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
		}
		return m;
	}

	/** The id of a process that has ended (for temporary files left by a killed run). */
	public static long deadPid() {
		try {
			final Process p = new ProcessBuilder("true").start();
			p.waitFor();
			return p.pid();
		}
		catch (final java.io.IOException e) {
			return Integer.MAX_VALUE - 7; // above any pid_max: no such process
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return Integer.MAX_VALUE - 7;
		}
	}
}

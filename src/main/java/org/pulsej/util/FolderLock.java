package org.pulsej.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per output folder around every read-modify-write of a file that several runs share
 * ({@code summary.csv}, {@code specialists.csv}, a merged folder): an exclusive
 * {@link FileChannel#lock()} on the hidden {@value #FILE} in that folder, which other PulseJ
 * processes (on this host, and on network file systems that support POSIX locks) wait for, plus a
 * lock inside this JVM (Java file locks are held per process, so two threads of one JVM would not
 * exclude each other). The lock file is empty and left in place: deleting it would let two runs
 * lock two different files.
 */
public final class FolderLock {

	/** Hidden, so it is never taken for a frame, a video or a result. */
	public static final String FILE = ".pulsej-lock";

	private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

	private FolderLock() {}

	/** Runs {@code work} while holding the folder's lock; the folder must exist. */
	public static <T> T with(final Path dir, final Supplier<T> work) {
		final Path key = dir.toAbsolutePath().normalize();
		final ReentrantLock local = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
		local.lock();
		try {
			// re-entrant inside this JVM: the outer call already holds the file lock
			if (local.getHoldCount() > 1) return work.get();
			try (FileChannel ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = ch.lock())
			{
				return work.get();
			}
			catch (final IOException e) {
				throw new PulseJException("Cannot lock the output folder " + key + " (" + e.getMessage() + ").",
					"Check that you may write to it; on a network disk without file locks, give every job its own " +
						"output folder (e.g. one per shard).", e);
			}
		}
		finally {
			local.unlock();
		}
	}

	/** {@link #with(Path, Supplier)} without a result. */
	public static void run(final Path dir, final Runnable work) {
		with(dir, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * The outermost folder of {@code dir}'s path that does not exist yet ({@code dir} itself when only
	 * it is missing); null when {@code dir} exists. What a run creates for its output, so that it can
	 * remove all of it again ({@link #removeIfUnused(Path, Path)}).
	 */
	public static Path firstMissing(final Path dir) {
		if (dir == null || java.nio.file.Files.exists(dir)) return null;
		Path p = dir.toAbsolutePath().normalize();
		while (p.getParent() != null && !java.nio.file.Files.exists(p.getParent()))
			p = p.getParent();
		return p;
	}

	/**
	 * As {@link #removeIfUnused(Path)}, then the empty folders above {@code dir} up to {@code created}
	 * (from {@link #firstMissing}; null: none): {@code output=/new/a/b} refused left {@code /new/a}
	 * behind. A folder that holds anything stops it.
	 */
	public static void removeIfUnused(final Path dir, final Path created) {
		if (created == null) return;
		removeIfUnused(dir);
		final Path top = created.toAbsolutePath().normalize();
		Path p = dir.toAbsolutePath().normalize();
		if (java.nio.file.Files.exists(p) || !p.startsWith(top)) return;
		while (!p.equals(top)) {
			p = p.getParent();
			try {
				java.nio.file.Files.deleteIfExists(p); // refused (not empty) ends the walk
			}
			catch (final IOException | RuntimeException e) {
				return;
			}
		}
	}

	/**
	 * Deletes {@code dir} when it holds nothing but its lock file: a folder a refused or failed run
	 * created for its output is not left behind. Anything else in it, or another run using it, keeps it.
	 */
	public static void removeIfUnused(final Path dir) {
		try {
			try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
				if (!s.allMatch(p -> p.getFileName().toString().equals(FILE))) return;
			}
			java.nio.file.Files.deleteIfExists(dir.resolve(FILE));
			java.nio.file.Files.deleteIfExists(dir);
		}
		catch (final IOException | RuntimeException e) {
			// another run is using the folder now, or it is gone already: leave it
		}
	}
}

package org.pulsej.util;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Java's temporary folder: the native libraries of the face detector and the bundled model are unpacked
 * there, and what a killed run left there is tidied.
 */
public final class TempFolder {

	private TempFolder() {}

	/**
	 * Refuses, with the fix, a temporary folder that is missing or read-only: the libraries would
	 * otherwise fail deep inside with a stack trace, and the failure would be reported against the video.
	 *
	 * @param who what needs the folder, for the message (e.g. "the face detector")
	 */
	public static void check(final String who) {
		final String name = System.getProperty("java.io.tmpdir", "");
		Path tmp;
		try {
			tmp = Paths.get(name);
		}
		catch (final InvalidPathException e) {
			tmp = null;
		}
		if (tmp != null && Files.isDirectory(tmp) && Files.isWritable(tmp)) return;
		throw new PulseJException("Java's temporary folder " + name + " (java.io.tmpdir) " + (tmp != null && Files
			.isDirectory(tmp) ? "cannot be written" : "does not exist") + ", but " + who +
			" unpacks its native libraries there.", "Create that folder or make it writable, or start Java with " +
				"-Djava.io.tmpdir=A_WRITABLE_FOLDER (on a cluster, e.g. the job's scratch folder).");
	}

	/**
	 * Removes the folders in {@code tmp} whose names {@code name} accepts, owned by this user and untouched
	 * for {@code ageMs}: what a run killed outright (kill -9, a cluster's hard limit) left, since
	 * {@code deleteOnExit} and the libraries' own clean-up run only when a JVM ends normally. Without
	 * {@code withContents} only empty folders go (deleting a full one fails by itself, so nothing in use is
	 * touched).
	 *
	 * @return how many folders were removed
	 */
	public static int removeAbandoned(final Path tmp, final Predicate<String> name, final long ageMs,
		final boolean withContents)
	{
		int removed = 0;
		if (tmp == null || !Files.isDirectory(tmp)) return 0;
		final String me = System.getProperty("user.name", "");
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, p -> name.test(p.getFileName().toString()) && Files
			.isDirectory(p, LinkOption.NOFOLLOW_LINKS)))
		{
			for (final Path d : dirs) {
				try {
					if (!me.equals(Files.getOwner(d).getName())) continue;
					if (System.currentTimeMillis() - Files.getLastModifiedTime(d).toMillis() < ageMs) continue;
					if (withContents) try (Stream<Path> all = Files.walk(d)) {
						for (final Path p : all.sorted(Comparator.reverseOrder()).toList())
							Files.deleteIfExists(p);
					}
					else Files.delete(d); // fails when not empty: left alone
					removed++;
				}
				catch (final IOException | UnsupportedOperationException | SecurityException e) {
					// in use, not ours, not empty or already gone: left alone
				}
			}
		}
		catch (final IOException | SecurityException e) {
			// the temporary folder cannot be listed: nothing to tidy
		}
		return removed;
	}
}

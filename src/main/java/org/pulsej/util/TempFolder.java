package org.pulsej.util;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Java's temporary folder, which the native libraries of the face detector are unpacked into. */
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
}

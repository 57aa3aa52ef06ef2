package org.pulsej.testing;

import java.io.IOException;
import java.nio.file.Path;

/** File attributes for tests of files that cannot be replaced (as on a full disk, or another user's file). */
public final class FileFlags {

	private FileFlags() {}

	/**
	 * Runs {@code chattr FLAG FILE} (e.g. {@code +i}: immutable); false where that does not work (not root, a
	 * file system without the flag), so that a test can be skipped saying so.
	 */
	public static boolean chattr(final String flag, final Path file) {
		try {
			final Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor() == 0;
		}
		catch (final IOException | InterruptedException x) {
			return false;
		}
	}
}

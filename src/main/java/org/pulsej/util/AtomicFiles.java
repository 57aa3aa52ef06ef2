package org.pulsej.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes output files so that a reader never sees a half-written file: the content goes to a
 * temporary file in the same folder, which is then renamed over the target in one step.
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** Something that writes the content of a file. */
	@FunctionalInterface
	public interface Content {
		void write(OutputStream out) throws IOException;
	}

	/** Something that writes the text of a file. */
	@FunctionalInterface
	public interface Text {
		void write(Writer out) throws IOException;
	}

	public static void writeText(final Path target, final Text text) {
		write(target, out -> {
			final Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
			text.write(w);
			w.flush();
		});
	}

	public static void writeString(final Path target, final String text) {
		writeText(target, w -> w.write(text));
	}

	public static void write(final Path target, final Content content) {
		final Path dir = target.toAbsolutePath().getParent();
		ensureWritableDirectory(dir);
		Path tmp = null;
		try {
			tmp = createTemp(dir, "." + target.getFileName().toString());
			try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
				content.write(out);
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			tmp = null;
		}
		catch (final IOException e) {
			throw new PulseJException("Could not write " + target + ": " + e.getMessage(),
				"Check that the disk is not full and that you may write to " + dir + ".", e);
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException ignored) {
				// the failure above is what the user needs to know about
			}
		}
	}

	/**
	 * A temporary file readable like any other output (rw-r--r-- less the umask), not the owner-only
	 * default of temporary files: results on a shared cluster disk must be readable by the group.
	 */
	private static Path createTemp(final Path dir, final String prefix) throws IOException {
		try {
			return Files.createTempFile(dir, prefix, ".part", PosixFilePermissions.asFileAttribute(PosixFilePermissions
				.fromString("rw-r--r--")));
		}
		catch (final UnsupportedOperationException notPosix) {
			return Files.createTempFile(dir, prefix, ".part");
		}
	}

	/** Creates the folder if needed and checks that files can be written in it. */
	public static void ensureWritableDirectory(final Path dir) {
		try {
			if (Files.exists(dir) && !Files.isDirectory(dir)) throw new PulseJException("The output " + dir +
				" is a file, not a folder.", "Choose a folder for output=.");
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot create the output folder " + dir + " (" + e.getMessage() + ").",
				"Choose a folder you may write to for output=.", e);
		}
		if (!Files.isWritable(dir)) throw new PulseJException("The output folder " + dir + " is not writable.",
			"Choose a folder you may write to for output=.");
	}
}

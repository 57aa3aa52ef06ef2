package org.pulsej.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The free space of a disk, read alike by the checks that what PulseJ is about to write fits there
 * (Generate Synthetic Video's uncompressed video, training's scratch volumes).
 */
public final class DiskSpace {

	private DiskSpace() {}

	/**
	 * {@code path} (made absolute) when it is a folder, else its nearest parent folder; null when none
	 * exists. A folder a run is about to make is on the disk of this one.
	 */
	public static Path existingFolder(final Path path) {
		Path p = path.toAbsolutePath();
		while (p != null && !Files.isDirectory(p))
			p = p.getParent();
		return p;
	}

	/**
	 * The bytes this user may still write on the disk of {@code path}, or of its nearest existing parent
	 * folder ({@link #existingFolder}) when it is yet to be made.
	 *
	 * @throws IOException when that disk cannot be read, or no folder of the path exists
	 */
	public static long usable(final Path path) throws IOException {
		final Path folder = existingFolder(path);
		if (folder == null) throw new NoSuchFileException(path.toString());
		return Files.getFileStore(folder).getUsableSpace();
	}
}

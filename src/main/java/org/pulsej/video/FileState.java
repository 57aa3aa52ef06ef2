package org.pulsej.video;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.pulsej.util.PulseJException;

/**
 * A video file's size, modification time and identity when it was opened, to tell before its results are
 * written whether it is still that file: one replaced while it was read (a copy or rsync renaming a new file
 * into place), cut short or still being written was measured from two different files without a word.
 *
 * @param size bytes
 * @param modified modification time
 * @param key the file system's identity of the file (inode), or null where it has none
 */
public record FileState(long size, java.nio.file.attribute.FileTime modified, Object key) {

	/** The state of {@code f}; null for a folder of frames or a file that cannot be read (refused by the reader). */
	public static FileState of(final File f) {
		try {
			final BasicFileAttributes a = Files.readAttributes(f.toPath(), BasicFileAttributes.class);
			return a.isRegularFile() ? new FileState(a.size(), a.lastModifiedTime(), a.fileKey()) : null;
		}
		catch (final IOException e) {
			return null;
		}
	}

	/** Refuses {@code f} when it is no longer the file of this state (gone, replaced, grown, cut or rewritten). */
	public void checkUnchanged(final File f) {
		final FileState now = of(f);
		if (now != null && now.size == size && now.modified.equals(modified) && Objects.equals(now.key, key)) return;
		throw new PulseJException(f.getName() + (now == null ? " was removed" : now.size != size ? " changed size (" +
			size + " → " + now.size + " bytes)" : " was replaced or rewritten") + " while PulseJ read it, so its frames " +
			"may come from two files; nothing was written for it.", "Measure it once it is complete and no longer " +
				"changes (a file still being copied or recorded: wait until it is done), then run the command again.");
	}
}

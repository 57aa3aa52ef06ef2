package org.pulsej.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free space that Generate Synthetic Video and training's scratch folder check before writing. */
class DiskSpaceTest {

	@TempDir
	Path dir;

	@Test
	void aFolderYetToBeMadeIsOnTheDiskOfItsNearestExistingParent() throws IOException {
		final Path file = Files.writeString(dir.resolve("a.txt"), "x");
		assertEquals(dir.toAbsolutePath(), DiskSpace.existingFolder(dir));
		assertEquals(dir.toAbsolutePath(), DiskSpace.existingFolder(dir.resolve("new/out")));
		assertEquals(dir.toAbsolutePath(), DiskSpace.existingFolder(file));
		final long usable = Files.getFileStore(dir).getUsableSpace();
		assertTrue(usable > 0);
		// the disk's free space changes as others write: read both within a margin
		assertEquals(usable, DiskSpace.usable(dir.resolve("new/out")), 64e6);
		assertEquals(usable, DiskSpace.usable(dir), 64e6);
	}
}

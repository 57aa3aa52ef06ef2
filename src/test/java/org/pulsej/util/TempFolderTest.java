package org.pulsej.util;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or read-only temporary folder is named with its fix before a native library trips over it. */
class TempFolderTest {

	@Test
	void aMissingOrReadOnlyTemporaryFolderIsNamed(@TempDir final Path dir) throws Exception {
		final String before = System.getProperty("java.io.tmpdir");
		try {
			TempFolder.check("the face detector"); // this machine's is fine
			System.setProperty("java.io.tmpdir", dir.resolve("nonexistent").toString());
			PulseJException e = assertThrows(PulseJException.class, () -> TempFolder.check("the face detector"));
			assertTrue(e.getMessage().contains(dir.resolve("nonexistent") + " (java.io.tmpdir) does not exist, but the " +
				"face detector unpacks") && e.fix().contains("-Djava.io.tmpdir="), e.getMessage());
			final Path readOnly = Files.createDirectory(dir.resolve("ro"));
			Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
			System.setProperty("java.io.tmpdir", readOnly.toString());
			if (!Files.isWritable(readOnly)) { // root may write anywhere
				e = assertThrows(PulseJException.class, () -> TempFolder.check("the face detector"));
				assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
			}
		}
		finally {
			System.setProperty("java.io.tmpdir", before);
		}
	}
}

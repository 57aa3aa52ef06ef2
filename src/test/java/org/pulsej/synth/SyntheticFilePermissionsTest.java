package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;

/** The synthetic AVI is readable as any file the user writes there, not owner-only (issue 18). */
class SyntheticFilePermissionsTest {

	@TempDir
	Path dir;

	@Test
	void theVideoHasTheUsualPermissions() throws Exception {
		Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 40).seconds(1), dir.toFile(), "clip", false,
			Progress.NONE);
		final Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
		usual.remove(PosixFilePermission.GROUP_WRITE);
		usual.remove(PosixFilePermission.OTHERS_WRITE);
		assertEquals(usual, Files.getPosixFilePermissions(dir.resolve("clip.avi")));
	}
}

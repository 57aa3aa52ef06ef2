package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of the default model left by killed runs are removed by a later run; live ones are kept. */
class BundledModelsTest {

	private static Path copy(final Path tmp, final String name, final long ageMs) throws Exception {
		final Path d = Files.createDirectories(tmp.resolve(name).resolve("physnet-default"));
		Files.writeString(d.resolve("model.json"), "{}");
		Files.writeString(d.resolve("physnet.params"), "x");
		Files.setLastModifiedTime(d.getParent(), FileTime.fromMillis(System.currentTimeMillis() - ageMs));
		return d.getParent();
	}

	@Test
	void onlyOldCopiesOfThisUserAreRemoved(@TempDir final Path tmp) throws Exception {
		final Path old = copy(tmp, BundledModels.PREFIX + "123", 2 * BundledModels.ABANDONED_AFTER_MS);
		final Path live = copy(tmp, BundledModels.PREFIX + "456", 1000);
		final Path other = Files.createDirectories(tmp.resolve("my-models"));
		Files.setLastModifiedTime(other, FileTime.fromMillis(0));
		assertEquals(1, BundledModels.removeAbandoned(tmp, BundledModels.ABANDONED_AFTER_MS));
		assertFalse(Files.exists(old), "the killed run's copy is gone");
		assertTrue(Files.exists(live.resolve("physnet-default/model.json")), "a run that may still need it keeps it");
		assertTrue(Files.exists(other), "another program's folder is not touched");
	}
}

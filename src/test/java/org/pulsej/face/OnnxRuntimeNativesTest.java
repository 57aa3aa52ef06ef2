package org.pulsej.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeNativesTest {

	@TempDir
	Path dir;

	@Test
	void theLibrariesAreUnpackedOnceWithTheJarsSizes() throws Exception {
		final String platform = OnnxRuntimeNatives.platform();
		assumeTrue(platform != null, "a platform without ONNX Runtime libraries in the jar");
		final Path cache = dir.resolve("cache");
		assertTrue(OnnxRuntimeNatives.unpack(cache));
		for (final String lib : List.of("onnxruntime", "onnxruntime4j_jni")) {
			final Path f = cache.resolve(System.mapLibraryName(lib));
			assertEquals(OnnxRuntimeNatives.size("/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(lib)),
				Files.size(f), lib);
		}
		final FileTime written = Files.getLastModifiedTime(cache.resolve(System.mapLibraryName("onnxruntime")));
		Thread.sleep(20);
		assertTrue(OnnxRuntimeNatives.unpack(cache));
		assertEquals(written, Files.getLastModifiedTime(cache.resolve(System.mapLibraryName("onnxruntime"))),
			"not written again");
		// a truncated library (an interrupted copy) is replaced
		Files.write(cache.resolve(System.mapLibraryName("onnxruntime")), new byte[10]);
		assertTrue(OnnxRuntimeNatives.unpack(cache));
		assertTrue(Files.size(cache.resolve(System.mapLibraryName("onnxruntime"))) > 1000);
		try (Stream<Path> s = Files.list(cache)) {
			assertEquals(2, s.count(), "no temporary files left");
		}
	}

	@Test
	void emptyFoldersLeftByAKilledRunAreRemovedButNotLiveOrFullOnes() throws Exception {
		final FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3600_000L);
		final Path killed = Files.createDirectory(dir.resolve("onnxruntime-java123")), model = Files.createDirectory(dir
			.resolve("ort-model456")), starting = Files.createDirectory(dir.resolve("onnxruntime-java789")), full = Files
				.createDirectory(dir.resolve("onnxruntime-java000")), other = Files.createDirectory(dir.resolve("mine"));
		Files.writeString(full.resolve("libonnxruntime.so"), "in use");
		for (final Path p : List.of(killed, model, full, other))
			Files.setLastModifiedTime(p, old);
		assertEquals(2, OnnxRuntimeNatives.removeAbandonedTempFolders(dir, OnnxRuntimeNatives.ABANDONED_AFTER_MS));
		assertTrue(Files.notExists(killed) && Files.notExists(model), "empty, old: removed");
		assertTrue(Files.isDirectory(starting), "a run that is starting keeps its new folder");
		assertTrue(Files.exists(full.resolve("libonnxruntime.so")), "a folder with files is left");
		assertTrue(Files.isDirectory(other), "folders of other names are left");
	}
}

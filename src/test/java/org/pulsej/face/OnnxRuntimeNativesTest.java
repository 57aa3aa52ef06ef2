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
}

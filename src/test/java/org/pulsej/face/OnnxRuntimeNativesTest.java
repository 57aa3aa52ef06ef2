package org.pulsej.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.Main;
import org.pulsej.pipeline.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

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
	void aRunWithFaceDetectionLeavesNothingInTheTemporaryFolder() throws Exception {
		assumeTrue(BlazeFaceDetector.isAvailable() && OnnxRuntimeNatives.platform() != null);
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(6).hrBpm(75), dir.toFile(), "v", false,
			Progress.NONE);
		final Path tmp = Files.createDirectories(dir.resolve("tmp")), home = Files.createDirectories(dir.resolve(
			"home")), out = dir.resolve("out"), log = dir.resolve("child.log");
		final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-cp", System.getProperty(
				"java.class.path"), Main.class.getName(), "--run", "Estimate Heart Rate", "input=[" + dir.resolve(
					"v.avi") + "] output=[" + out + "] roi=face window=5 plots=false").redirectErrorStream(true).redirectOutput(log
						.toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
		final String output = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), output);
		final Map<String, String> row = ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals(75, Double.parseDouble(row.get("hr_median_bpm")), 3, "the face was found and measured");
		try (Stream<Path> s = Files.list(tmp)) {
			final List<String> left = s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("onnxruntime"))
				.toList();
			assertEquals(List.of(), left, "ONNX Runtime left folders in the temporary directory");
		}
		try (Stream<Path> s = Files.walk(home.resolve(".cache/pulsej/native"))) {
			assertTrue(s.anyMatch(f -> f.getFileName().toString().equals(System.mapLibraryName("onnxruntime"))),
				"the libraries are in the user's cache");
		}
	}
}

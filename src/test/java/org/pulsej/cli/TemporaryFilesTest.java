package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.nn.BundledModels;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/**
 * A run leaves nothing in the temporary folder: on a cluster, thousands of jobs share one /tmp, and
 * native-library folders or unpacked models left by each would pile up.
 */
class TemporaryFilesTest {

	@TempDir
	Path dir;

	@Test
	void aPhysNetRunWithFaceDetectionLeavesTheTemporaryFolderEmpty() throws Exception {
		assumeTrue(BlazeFaceDetector.isAvailable() && BundledModels.hasDefault(), "face model or bundled model missing");
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(6).hrBpm(75), dir.toFile(), "v", false,
			Progress.NONE);
		final Path tmp = Files.createDirectories(dir.resolve("tmp")), home = Files.createDirectories(dir.resolve(
			"home")), out = dir.resolve("out"), log = dir.resolve("child.log");
		final ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-cp", System.getProperty(
				"java.class.path"), Main.class.getName(), "--run", "Estimate Heart Rate", "input=[" + dir.resolve(
					"v.avi") + "] output=[" + out + "] method=PhysNet roi=face window=5 plots=false");
		// PyTorch's libraries stay where they are already unpacked (hundreds of MB)
		if (System.getenv("DJL_CACHE_DIR") == null) pb.environment().put("DJL_CACHE_DIR", Path.of(System.getProperty(
			"user.home"), ".djl.ai").toString());
		final Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child finished");
		final String output = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), output);
		final Map<String, String> row = ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals("PhysNet", row.get("method"), output);
		try (Stream<Path> s = Files.walk(tmp)) {
			assertEquals(List.of(tmp), s.toList(), "left in the temporary folder");
		}
		try (Stream<Path> s = Files.walk(home.resolve(".cache/pulsej/native"))) {
			assertTrue(s.anyMatch(f -> f.getFileName().toString().equals(System.mapLibraryName("onnxruntime"))),
				"ONNX Runtime's libraries are in the user's cache");
		}
	}
}

package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.testing.FrameStack;

/**
 * The heap bound, end to end: a motion-JPEG AVI whose decoded frames need about 11 times the heap
 * is measured by the launcher in a child JVM limited to {@value #HEAP_MB} MB. Holding the video in
 * memory would fail with an OutOfMemoryError; streaming it through ImageJ's virtual AVI stack
 * passes. (bench/long_video.sh measures the full 10-minute 1080p case.)
 */
class LowMemoryRunTest {

	static final int HEAP_MB = 32;
	static final int WIDTH = 320, HEIGHT = 240, FRAMES = 900;
	static final double FPS = 30, BPM = 84;

	@TempDir
	Path dir;

	/** Frame {@code n} (from 1): a pulse in the green channel mostly (as in skin). */
	static ImageProcessor frame(final int n) {
		final double p = Math.sin(2 * Math.PI * BPM / 60 * (n - 1) / FPS);
		final int[] px = new int[WIDTH * HEIGHT];
		for (int y = 0; y < HEIGHT; y++)
			for (int x = 0; x < WIDTH; x++) {
				final int shade = (x + y) / 16; // texture for the JPEG coder
				px[y * WIDTH + x] = (int) Math.round(170 + shade % 20 + 2 * p) << 16 | (int) Math.round(110 + shade % 13 +
					5 * p) << 8 | 90 + shade % 7;
			}
		return new ColorProcessor(WIDTH, HEIGHT, px);
	}

	@Test
	void aVideoElevenTimesTheHeapIsMeasuredInAChildJvm() throws Exception {
		final long t0 = System.nanoTime();
		final File avi = dir.resolve("long.avi").toFile();
		final ImagePlus imp = new ImagePlus("long", FrameStack.of(WIDTH, HEIGHT, FRAMES, LowMemoryRunTest::frame));
		imp.getCalibration().fps = FPS;
		new AVI_Writer().writeImage(imp, avi.getPath(), AVI_Writer.JPEG_COMPRESSION, 85);
		final double decoded = (double) WIDTH * HEIGHT * 4 * FRAMES;
		assertTrue(decoded > 8 * HEAP_MB * 1e6, "the decoded video is far larger than the heap");

		final long t1 = System.nanoTime();
		final Path out = dir.resolve("out");
		final Path log = dir.resolve("child.log");
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", System.getProperty(
				"java.class.path"), Main.class.getName(), "--run", "Estimate Heart Rate", "input=[" + avi + "] output=[" +
					out + "] method=GREEN roi=whole plots=false"));
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
		final String output = Files.readString(log, StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), output);
		final Map<String, String> row = ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals(FRAMES, Integer.parseInt(row.get("frames")));
		assertEquals(BPM, Double.parseDouble(row.get("hr_median_bpm")), 1.0, output);
		System.out.printf("LowMemoryRunTest: %d frames of %dx%d (%.0f MB decoded, %.1f MB as MJPEG, written in %.1f s) " +
			"measured with -Xmx%dm in %.1f s%n", FRAMES, WIDTH, HEIGHT, decoded / 1e6, avi.length() / 1e6, (t1 - t0) /
				1e9, HEAP_MB, (System.nanoTime() - t1) / 1e9);
	}
}

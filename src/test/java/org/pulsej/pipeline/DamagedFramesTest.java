package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.process.ColorProcessor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.VideoWarnings;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.testing.FrameStack;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * A motion-JPEG AVI with frames that do not decode (a damaged stretch of the file): a few are bridged
 * by their neighbours and measured with a warning, not trusted there; a long stretch or many frames
 * refuse the video naming them. Before, face tracking met the missing frame as a NullPointerException.
 */
class DamagedFramesTest {

	@TempDir
	static Path shared;
	static Path clean;

	@TempDir
	Path dir;

	final List<String> log = new ArrayList<>();

	@BeforeAll
	static void makeVideo() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(160, 120).seconds(20).hrBpm(72).jpegQuality(90)
			.seed(7);
		SyntheticFaceVideo.write(spec, shared.toFile(), "v", true, Progress.NONE);
		clean = shared.resolve("v.avi");
	}

	/** A copy of the clean video whose frames {@code from}..{@code to} (0-based) no longer start as a JPEG. */
	Path damaged(final String name, final int from, final int to) throws IOException {
		final Path f = Files.copy(clean, Files.createDirectories(dir.resolve("in")).resolve(name));
		final List<Long> frames = frameData(f);
		try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
			for (int t = from; t <= to; t++) {
				raf.seek(frames.get(t));
				raf.write(new byte[64]); // no SOI marker, no header: neither ImageIO nor ImageJ's reader decodes it
			}
		}
		return f;
	}

	/** Where each frame's data starts: the chunks of the AVI's movi list, in order. */
	static List<Long> frameData(final Path avi) throws IOException {
		final byte[] b = Files.readAllBytes(avi);
		final ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		int p = new String(b, StandardCharsets.ISO_8859_1).indexOf("movi") + 4;
		final List<Long> out = new ArrayList<>();
		while (p + 8 <= b.length) {
			final String id = new String(b, p, 4, StandardCharsets.ISO_8859_1);
			final int size = bb.getInt(p + 4);
			if (id.equals("idx1")) break;
			if (id.endsWith("dc") || id.endsWith("db")) out.add((long) p + 8);
			p += 8 + size + (size & 1);
		}
		return out;
	}

	@Test
	void aFewDamagedFramesAreBridgedWithAWarningAndNotTrusted() throws IOException {
		final Path f = damaged("few.avi", 300, 305);
		final HeartRateResult r = measure(f, new EstimateOptions().roi(RoiMode.WHOLE, null));
		assertEquals(72, r.hrMedian(), 1, "measured as if whole");
		for (int t = 300; t <= 305; t++)
			assertEquals(0, r.confidence()[t], "a damaged frame is not trusted: " + t);
		assertEquals(1, r.confidence()[200], "the others are");
		assertTrue(log.stream().anyMatch(l -> l.contains("few — warning: 6 frames could not be decoded (the file is " +
			"damaged there: frames 301–306)")), log.toString());
		// and the summary names it, for a batch whose log is not kept
		assertEquals(List.of(VideoWarnings.DAMAGED_FRAMES), r.warnings());
		assertEquals(VideoWarnings.DAMAGED_FRAMES, ResultWriter.readSummary(dir.resolve("out").resolve(
			ResultWriter.SUMMARY)).get(0).get("warnings"));
	}

	@Test
	void faceTrackingBridgesDamagedFramesToo() throws IOException {
		assumeTrue(BlazeFaceDetector.isAvailable(), "BlazeFace model not in this build: tracking skipped");
		final HeartRateResult r = measure(damaged("tracked.avi", 300, 305), new EstimateOptions());
		assertEquals(72, r.hrMedian(), 1);
		assertEquals(0, r.confidence()[303]);
	}

	@Test
	void aLongDamagedStretchRefusesTheVideoNamingIt() throws IOException {
		final String m = failure(damaged("long.avi", 200, 240)); // 41 frames of 600: more than 5 %
		assertTrue(m.startsWith("long cannot be decoded in 31 frames of its 600 frames (frames 201–231): more than 5 % " +
			"of the file is damaged") && m.contains("ffmpeg"), m);
	}

	@Test
	void aDamagedStretchLongerThanTwoSecondsRefusesTheVideo() {
		// 70 frames (2.3 s) of 2000: under 5 %, but too long to bridge
		final FrameStack stack = FrameStack.of(8, 6, 2000, n -> n > 1000 && n <= 1070 ? null : new ColorProcessor(8,
			6));
		final Video v = new Video(stack, 24, 30, "stretch", null);
		final PulseJException e = assertThrows(PulseJException.class, () -> {
			for (int t = 0; t < v.frames(); t++)
				v.frame(t);
		});
		assertTrue(e.getMessage().startsWith("stretch cannot be decoded around frame 1031: the damaged stretch there " +
			"is longer than 2 s (frames 1001–1061)"), e.getMessage());
	}

	@Test
	void manyDamagedFramesRefuseTheVideo() {
		// every 10th frame of 100 does not decode: 10 %, and each has readable neighbours
		final FrameStack stack = FrameStack.of(8, 6, 100, n -> (n - 1) % 10 == 5 ? null : new ColorProcessor(8, 6));
		final Video v = new Video(stack, 24, 30, "scattered", null);
		final PulseJException e = assertThrows(PulseJException.class, () -> {
			for (int t = 0; t < v.frames(); t++)
				v.frame(t);
		});
		assertTrue(e.getMessage().contains("scattered cannot be decoded in 6 frames of its 100 frames (frames 6, 16, " +
			"26, 36, 46 and 1 more run): more than 5 % of the file is damaged"), e.getMessage());
	}

	@Test
	void aDamagedFrameIsItsNearestReadableNeighbourEarlierFirst() {
		final FrameStack stack = FrameStack.of(2, 1, 100, n -> n == 4 || n == 5 ? null : new ColorProcessor(2, 1,
			new int[] { n, n }));
		final Video v = new Video(stack, 24, 30, "v", null);
		assertNull(v.damaged().mask(10), "nothing damaged before it is read");
		assertArrayEquals(new int[] { 3, 3 }, (int[]) v.frame(3).getPixels(), "frame 4 (1-based) stands in for 3");
		assertArrayEquals(new int[] { 6, 6 }, (int[]) v.frame(4).getPixels(), "and 6 for 5: as near as 3, later");
		assertArrayEquals(new boolean[] { false, false, false, true, true, false, false, false, false, false }, v
			.damaged().mask(10));
		assertTrue(v.withFps(25).damaged().any(), "a copy at another frame rate shares the record");
		assertTrue(v.damaged().newNote().contains("2 frames could not be decoded"));
		assertNull(v.damaged().newNote(), "said once");
		v.frame(60);
		assertNull(v.damaged().newNote(), "no new damaged frame");
	}

	HeartRateResult measure(final Path f, final EstimateOptions o) {
		try (EstimateJob job = new EstimateJob(o, dir.resolve("out"), false, log::add)) {
			final EstimateJob.Outcome out = job.run(f.toFile(), 0, Progress.NONE);
			assertTrue(out.failures().isEmpty(), out.failures().toString());
			return out.results().get(0);
		}
	}

	String failure(final Path f) {
		try (EstimateJob job = new EstimateJob(new EstimateOptions().roi(RoiMode.WHOLE, null), dir.resolve("out"),
			false, log::add)) {
			final EstimateJob.Outcome out = job.run(f.toFile(), 0, Progress.NONE);
			assertEquals(1, out.failures().size(), out.failures().toString());
			return out.failures().values().iterator().next();
		}
	}
}

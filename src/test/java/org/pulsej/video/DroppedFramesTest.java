package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** AVIs whose recorder dropped frames (empty chunks) keep the duration they were recorded in. */
class DroppedFramesTest {

	@TempDir
	Path dir;

	@Test
	void droppedFramesShowTheFrameBeforeThem() {
		assertArrayEquals(new int[] { 0, 0, 1, 1, 1, 2 }, DroppedFrames.slots(new long[] { 5, 0, 7, 0, 0, 9 }, 3));
		assertArrayEquals(new int[] { 0, 0, 0, 1 }, DroppedFrames.slots(new long[] { 0, 0, 4, 4 }, 2), "empty at the start");
		assertNull(DroppedFrames.slots(new long[] { 5, 6, 7 }, 3), "none dropped");
		assertNull(DroppedFrames.slots(new long[] { 5, 0, 7 }, 3), "ImageJ listed another number of frames");
		assertNull(DroppedFrames.slots(null, 3));
		assertNull(DroppedFrames.slots(new long[] { 0, 0 }, 0));
		// a chunk size is unsigned 32-bit: one of 2 GiB or more holds data, it is not a dropped frame
		assertArrayEquals(new int[] { 0, 0, 1 }, DroppedFrames.slots(new long[] { 5, 0, 0xFFFF_FFF0L }, 2),
			"a chunk of 4 GiB");
		assertTrue(DroppedFrames.note("cam.avi", DroppedFrames.slots(new long[] { 5, 0, 7, 0, 0, 9 }, 3)).startsWith(
			"cam.avi marks 3 of its 6 frames as dropped"));
	}

	@Test
	void aCaptureWithEveryTenthFrameDroppedReadsItsHeartRate() throws IOException {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(160, 120).jpegQuality(90).seconds(30).hrBpm(72)
			.seed(41), dir.toFile(), "full", false, Progress.NONE);
		final File full = dir.resolve("full.avi").toFile(), capture = dir.resolve("capture.avi").toFile();
		// a small MJPEG video (as capture programs write): the file is copied in memory
		assertTrue(full.length() < 16 << 20, full.length() + " bytes");
		Files.write(capture.toPath(), dropEveryTenth(Files.readAllBytes(full.toPath())));
		final Video v = VideoReader.open(capture, 0, Progress.NONE);
		assertEquals(900, v.frames(), "the dropped frames keep their place");
		assertEquals(30, v.fps(), 1e-9);
		assertTrue(v.warnings().stream().anyMatch(w -> w.startsWith("capture.avi marks 90 of its 900 frames as " +
			"dropped")), v.warnings().toString());
		final Video whole = VideoReader.open(full, 0, Progress.NONE);
		for (final int t : new int[] { 0, 8, 9, 10, 19, 899 })
			assertArrayEquals((int[]) whole.frame(t % 10 == 9 ? t - 1 : t).getPixels(), (int[]) v.frame(t).getPixels(),
				"frame " + t);
		// ImageJ lists the 810 frames with data: read at 30 fps they last 27 s, and the pulse read 80 bpm
		final HeartRateResult r = new HeartRatePipeline(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE,
			null)).run(v, null, Progress.NONE);
		System.out.printf("every 10th frame dropped, 72 bpm: POS %.2f bpm%n", r.hrMedian());
		assertEquals(72, r.hrMedian(), 1.0);
	}

	/** The AVI with the data of every 10th video frame removed: its chunk is left empty, as a recorder marks a drop. */
	static byte[] dropEveryTenth(final byte[] avi) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(avi).order(ByteOrder.LITTLE_ENDIAN);
		int movi = -1;
		for (int pos = 12; pos + 12 <= avi.length; pos += 8 + b.getInt(pos + 4) + (b.getInt(pos + 4) & 1))
			if (fourcc(avi, pos).equals("LIST") && fourcc(avi, pos + 8).equals("movi")) movi = pos;
		assertTrue(movi > 0, "an AVI with a movi list");
		final int end = movi + 8 + b.getInt(movi + 4);
		final ByteArrayOutputStream list = new ByteArrayOutputStream(), index = new ByteArrayOutputStream();
		list.write("movi".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		int frame = 0;
		for (int pos = movi + 12; pos + 8 <= end;) {
			final String id = fourcc(avi, pos);
			final int size = b.getInt(pos + 4), padded = size + (size & 1);
			final boolean video = id.endsWith("dc") || id.endsWith("db");
			final boolean drop = video && frame++ % 10 == 9;
			final int offset = list.size();
			list.write(avi, pos, 4);
			list.write(le(drop ? 0 : size));
			if (!drop) list.write(avi, pos + 8, padded);
			index.write(avi, pos, 4);
			index.write(le(drop ? 0 : 0x10));
			index.write(le(offset));
			index.write(le(drop ? 0 : size));
			pos += 8 + padded;
		}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(avi, 0, movi);
		out.write("LIST".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		out.write(le(list.size()));
		list.writeTo(out);
		out.write("idx1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		out.write(le(index.size()));
		index.writeTo(out);
		final byte[] o = out.toByteArray();
		ByteBuffer.wrap(o).order(ByteOrder.LITTLE_ENDIAN).putInt(4, o.length - 8);
		return o;
	}

	private static String fourcc(final byte[] b, final int pos) {
		return new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
	}

	private static byte[] le(final int v) {
		return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
	}
}

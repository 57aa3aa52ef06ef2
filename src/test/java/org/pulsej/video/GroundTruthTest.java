package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pulsej.video.VideoReaderTest.assertMessage;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;

class GroundTruthTest {

	@TempDir
	Path dir;

	@Test
	void roundTripsExactlyIncludingUnknownValues() throws IOException {
		final int n = 7;
		final double fps = 29.97;
		final double[] time = new double[n], ppg = new double[n], hr = new double[n], resp = new double[n];
		final Rectangle2D.Double[] box = new Rectangle2D.Double[n];
		for (int t = 0; t < n; t++) {
			time[t] = t / fps;
			ppg[t] = Math.sin(t * 0.7) / 3;
			hr[t] = 60 + t * 1.0 / 3;
			resp[t] = t == 3 ? Double.NaN : 15;
			box[t] = t == 5 ? null : new Rectangle2D.Double(10.25 + t, 20.125, 88.8, 1e-7 + 120);
		}
		final GroundTruth gt = new GroundTruth(fps, time, ppg, hr, resp, box);
		final Path csv = dir.resolve("v_gt.csv");
		gt.write(csv);
		assertEquals(String.join(",", GroundTruth.COLUMNS), Files.readAllLines(csv).get(0));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(1, files.count(), "no temporary file is left");
		}

		final GroundTruth back = GroundTruth.read(csv, fps);
		assertEquals(n, back.frames());
		assertEquals(fps, back.fps());
		assertArrayEquals(time, back.timeSeconds());
		assertArrayEquals(ppg, back.ppg());
		assertArrayEquals(hr, back.hrBpm());
		assertArrayEquals(resp, back.respirationBpm());
		assertArrayEquals(box, back.faceBox());
		assertNull(back.faceBox()[5]);
	}

	/**
	 * Frame numbers and times of another rate than the video is read at (Evaluate with fps=25 of a
	 * 30 fps video and its ground truth): the samples were placed by their times, the frames by 25 fps,
	 * and 60 bpm was scored against 72 with exit 0. Rates within 1 %, and times in another unit (left to
	 * the check of the time base), are read.
	 */
	@Test
	void frameNumbersAndTimesOfAnotherRateThanTheVideosAreRefused() throws IOException {
		final StringBuilder text = new StringBuilder("frame,time_s,hr_bpm\n");
		for (int t = 0; t < 300; t++)
			text.append(t).append(',').append(t / 30.0).append(",72\n");
		final Path csv = Files.writeString(dir.resolve("v_gt.csv"), text);
		final PulseJException e = assertThrows(PulseJException.class, () -> GroundTruth.read(csv, 25));
		assertEquals("v_gt.csv gives frame 299 at 9.967 s and frame 0 at 0 s: 30 frames per second, but the video is " +
			"read at 25 fps, so the reference would slide against the video.", e.problem());
		assertTrue(e.fix().startsWith("Give the video's true rate with fps= (fps=30 if the ground truth is right)"), e
			.fix());
		assertEquals(300, GroundTruth.read(csv, 30).frames());
		assertEquals(300, GroundTruth.read(csv, 29.97).frames());
		final StringBuilder inMs = new StringBuilder("frame,time_s,hr_bpm\n");
		for (int t = 0; t < 300; t++)
			inMs.append(t).append(',').append(t * 1000 / 30.0).append(",72\n");
		final Path ms = Files.writeString(dir.resolve("ms_gt.csv"), inMs);
		assertEquals(300, GroundTruth.read(ms, 30).frames(), "times in ms: the time base check's");
	}

	@Test
	void readsASubsetOfColumnsInAnyOrder() throws IOException {
		final Path csv = Files.writeString(dir.resolve("ppg.csv"), "\uFEFFppg, frame ,extra\n0.5,0,x\n\n-0.5,2,y\n");
		final GroundTruth gt = GroundTruth.read(csv, 10);
		assertEquals(3, gt.frames(), "frames 0..2; frame 1 has no row");
		assertArrayEquals(new double[] { 0, 0.1, 0.2 }, gt.timeSeconds(), 1e-12);
		assertEquals(0.5, gt.ppg()[0]);
		assertTrue(Double.isNaN(gt.ppg()[1]));
		assertEquals(-0.5, gt.ppg()[2]);
		assertTrue(Double.isNaN(gt.hrBpm()[0]), "missing column → NaN");
		assertNull(gt.faceBox()[0], "missing face columns → no box");

		final Path timed = Files.writeString(dir.resolve("hr.csv"), "time_s,hr_bpm\n0.0,70\n0.5,71\n1.0,\n");
		final GroundTruth t = GroundTruth.read(timed, 2);
		assertArrayEquals(new double[] { 0, 0.5, 1.0 }, t.timeSeconds());
		assertEquals(71, t.hrBpm()[1]);
		assertTrue(Double.isNaN(t.hrBpm()[2]), "empty cell → NaN");
	}

	@Test
	void badFilesAreExplained() throws IOException {
		final Path noKey = Files.writeString(dir.resolve("a.csv"), "ppg,hr\n1,2\n");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(noKey, 30)), "neither a 'frame'",
			"ppg,hr", "time_s");
		final Path word = Files.writeString(dir.resolve("b.csv"), "frame,ppg\n0,1\n1,high\n");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(word, 30)), "Line 3", "'high'", "ppg");
		final Path twice = Files.writeString(dir.resolve("c.csv"), "frame,ppg\n0,1\n0,2\n");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(twice, 30)), "Frame 0 appears twice");
		final Path fraction = Files.writeString(dir.resolve("d.csv"), "frame,ppg\n0.5,1\n");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(fraction, 30)), "not a frame number");
		final Path empty = Files.writeString(dir.resolve("e.csv"), "");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(empty, 30)), "is empty");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(dir.resolve("none.csv"), 30)),
			"does not exist");
		assertMessage(assertThrows(PulseJException.class, () -> GroundTruth.read(noKey, 0)), "frame rate");
		// a heart rate or PPG under another name (it was "has neither a reference PPG nor a heart rate", which the
		// file's HR column seemed to contradict, naming neither its columns nor the names PulseJ reads)
		final Path renamed = Files.writeString(dir.resolve("f.csv"), "frame,HR,BVP,SpO2\n0,72,0.1,98\n1,72,0.2,98\n");
		final PulseJException r = assertThrows(PulseJException.class, () -> GroundTruth.read(renamed, 30));
		assertMessage(r, "neither a reference PPG nor a heart rate", "its header is: frame,HR,BVP,SpO2",
			"named ppg or hr_bpm");
		assertTrue(r.fix().contains("rename HR to hr_bpm, BVP to ppg)"), r.fix());
		assertFalse(r.fix().contains("SpO2 to"), r.fix());
		final Path inHz = Files.writeString(dir.resolve("g.csv"), "time_s,heart_rate_hz\n0,1.2\n1,1.2\n");
		assertTrue(assertThrows(PulseJException.class, () -> GroundTruth.read(inHz, 30)).fix().contains(
			"rename heart_rate_hz to hr_bpm and give it times 60"));
		final Path none = Files.writeString(dir.resolve("h.csv"), "frame,face_x\n0,1\n");
		final PulseJException n = assertThrows(PulseJException.class, () -> GroundTruth.read(none, 30));
		assertFalse(n.fix().contains("rename"), n.fix());
	}

	/** A time column of another name (time_ms) got a fix that did not say to rename it. */
	@Test
	void aTimeColumnOfAnotherNameIsNamedInTheFix() throws Exception {
		final Path csv = dir.resolve("t_gt.csv");
		java.nio.file.Files.writeString(csv, "time_ms,ppg\n0,1\n33,2\n");
		final org.pulsej.util.PulseJException e = org.junit.jupiter.api.Assertions.assertThrows(
			org.pulsej.util.PulseJException.class, () -> GroundTruth.read(csv, 30));
		org.junit.jupiter.api.Assertions.assertTrue(e.fix().startsWith("Rename its column time_ms to time_s (seconds; " +
			"times in milliseconds are recognised by their span"), e.fix());
		java.nio.file.Files.writeString(csv, "a,ppg\n0,1\n33,2\n");
		final org.pulsej.util.PulseJException other = org.junit.jupiter.api.Assertions.assertThrows(
			org.pulsej.util.PulseJException.class, () -> GroundTruth.read(csv, 30));
		org.junit.jupiter.api.Assertions.assertTrue(other.fix().startsWith("Name the columns in the first line, e.g. " +
			"frame,time_s,ppg"), other.fix());
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;
import ij.plugin.filter.AVI_Writer;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTracker;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;

/** Track Face of a file says what the reader warns of, as Estimate Heart Rate does. */
class TrackFaceJobTest {

	@TempDir
	Path dir;

	/**
	 * The reader's warnings (an AVI cut short: only its complete frames are read; fps= against the
	 * file's own rate) were logged by Estimate Heart Rate and Evaluate, but Track Face dropped them: its
	 * track and crop covered fewer frames, or another rate, without a word.
	 */
	@Test
	void theReadersWarningsAreLogged() throws Exception {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final ImagePlus imp = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(160, 120).seconds(1).seed(3),
			Progress.NONE).video();
		imp.getCalibration().fps = 30;
		final File avi = dir.resolve("clip.avi").toFile();
		new AVI_Writer().writeImage(imp, avi.getPath(), AVI_Writer.NO_COMPRESSION, 0);
		final List<String> log = new ArrayList<>();
		final TrackFaceJob job = new TrackFaceJob(new FaceTracker.Options(2, 0.75, 0.25, 0.25, 192, 128), null,
			log::add);
		assertEquals(30, job.run(avi, 25, Progress.NONE).faces().frames());
		assertTrue(log.contains("PulseJ: clip.avi — fps=25 is used instead of the 30 fps its header gives: every " +
			"heart rate is 0.8333 times what the file's rate would give. If the file's rate is right, leave fps out " +
			"(or give fps=0)."), log.toString());
	}

	/**
	 * A video without a face: the tracker's fix told Track Face's user to add roi=manual rect=x,y,w,h
	 * (or roi=whole) to its options, keys Track Face does not have (refused as unknown parameters).
	 */
	@Test
	void noFaceNamesTrackFacesOwnKeys() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final ImagePlus blank = ij.IJ.createImage("blank", "RGB black", 64, 48, 10);
		final TrackFaceJob job = new TrackFaceJob(new FaceTracker.Options(2, 0.75, 0.25, 0.25, 192, 128), null,
			s -> {});
		final PulseJException e = assertThrows(PulseJException.class, () -> job.run(VideoReader.of(blank, 30),
			Progress.NONE));
		assertEquals("No face was found in any of the 10 frames of blank.", e.problem());
		assertFalse(e.fix().contains("to its options"), e.fix());
		assertTrue(e.fix().contains("min_score=0.5"), e.fix());
		assertTrue(e.fix().contains("use Estimate Heart Rate with roi=manual rect=x,y,w,h"), e.fix());
	}
}

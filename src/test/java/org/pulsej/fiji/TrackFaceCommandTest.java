package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.results.FaceTrackWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class TrackFaceCommandTest {

	static Context context;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		context = new Context();
	}

	@AfterAll
	static void tearDown() {
		if (context != null) context.dispose();
	}

	static CommandModule run(final Map<String, Object> inputs) throws Exception {
		return context.service(CommandService.class).run(TrackFaceCommand.class, true, inputs).get();
	}

	static String failure(final CommandModule m) {
		final Cancelable c = (Cancelable) m.getDelegateObject();
		return c.isCanceled() ? c.getCancelReason() : null;
	}

	@Test
	void tracksAMovingFaceAndWritesTrackAndCrop() throws Exception {
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.generate(new SyntheticVideoSpec().seconds(3).translationPx(
			15).seed(4), Progress.NONE);
		final CommandModule m = run(Map.of("image", v.video(), "output", dir.toFile()));
		assertEquals(null, failure(m));
		final String stem = v.video().getTitle();
		final List<String> lines = Files.readAllLines(FaceTrackWriter.trackFile(dir, stem));
		assertEquals(FaceTrackWriter.HEADER, lines.get(0));
		assertEquals(91, lines.size(), "header + 90 frames");
		final ResultsTable t = ((PulseJCommand) m.getDelegateObject()).tables().get("track");
		assertEquals(90, t.size());
		// the stabilised box holds the face: its centre is near the true face centre on every frame
		for (int i = 0; i < 90; i++) {
			final var truth = v.truth().faceBox()[i];
			final double cx = t.getValue("box_x", i) + t.getValue("box_w", i) / 2;
			assertEquals(truth.getCenterX(), cx, 0.25 * truth.width, "frame " + i);
		}
		final ImagePlus crop = IJ.openImage(FaceTrackWriter.cropFile(dir, stem).toString());
		assertEquals(128, crop.getWidth());
		assertEquals(192, crop.getHeight());
		assertEquals(90, crop.getStackSize());
		assertEquals(30, crop.getCalibration().fps, 1e-9);
	}

	/** An open image titled with a path ("cam1/session2.avi") names no file without output=; with it, refused. */
	@Test
	void anOpenImageTitledWithAPathIsRefusedWhenItsTitleWouldNameTheFiles() throws Exception {
		final ImagePlus imp = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(1).seed(4)).video();
		imp.setTitle("cam1/session2.avi");
		final Path out = dir.resolve("out");
		final String refusal = failure(run(Map.of("image", imp, "output", out.toFile())));
		assertTrue(refusal != null && refusal.contains("\"cam1/session2.avi\"") && refusal.contains("cam1_session2"),
			refusal);
		assertTrue(!Files.exists(out), "nothing made");
	}

	/** The overlay shows, per frame, the detected face, PhysNet's stabilised crop and the colour methods' region. */
	@Test
	void theOverlayShowsTheTrackedRegionThatFollowsTheFace() {
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(2).translationPx(
			30).shake(8, 1).seed(7));
		final org.pulsej.video.Video video = org.pulsej.video.VideoReader.of(v.video(), 0);
		final org.pulsej.face.FaceTrack track;
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			track = new org.pulsej.face.FaceTracker(d, org.pulsej.face.FaceTracker.Options.defaults()).track(video,
				Progress.NONE);
		}
		final ij.gui.Overlay o = TrackFaceCommand.overlay(track, org.pulsej.pipeline.SkinRegion.of(video, track));
		final java.util.Map<Integer, java.awt.geom.Rectangle2D> greenBox = new java.util.HashMap<>();
		int green = 0;
		for (final ij.gui.Roi r : o.toArray()) {
			if (!java.awt.Color.GREEN.equals(r.getStrokeColor())) continue;
			green++;
			final int frame = r.getPosition() - 1;
			final var truth = v.truth().faceBox()[frame];
			final java.awt.geom.Rectangle2D b = r.getFloatBounds();
			assertEquals(truth.getCenterX(), b.getCenterX(), 0.1 * truth.width, "follows the face, frame " + frame);
			assertEquals(truth.getCenterY(), b.getCenterY(), 0.15 * truth.height, "frame " + frame);
			assertTrue(b.getWidth() < track.stabilised(frame).w(), "inside the stabilised box's size");
			greenBox.put(frame, b);
		}
		assertEquals(video.frames(), green, "one tracked region per frame");
		// the skin the colour methods average: inside the tracked region, most of the face, on every frame
		int skin = 0;
		for (final ij.gui.Roi r : o.toArray()) {
			if (!java.awt.Color.MAGENTA.equals(r.getStrokeColor())) continue;
			skin++;
			final java.awt.geom.Rectangle2D g = greenBox.get(r.getPosition() - 1), b = r.getFloatBounds();
			assertTrue(b.getMinX() >= g.getMinX() - 1 && b.getMaxX() <= g.getMaxX() + 1 && b.getMinY() >= g.getMinY() - 1
				&& b.getMaxY() <= g.getMaxY() + 1, "skin inside the region, frame " + r.getPosition());
			final double pixels = r.getStatistics().pixelCount;
			assertTrue(pixels > 0.3 * g.getWidth() * g.getHeight(), "most of the face is skin: " + pixels);
		}
		assertEquals(video.frames(), skin, "one skin outline per frame");
	}

	/** Frames without a face have empty cells for the detected box and its score, never NaN. */
	@Test
	void framesWithoutAFaceHaveEmptyCells() throws Exception {
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.generate(new SyntheticVideoSpec().seconds(2).seed(5),
			Progress.NONE);
		for (int i = 1; i <= 10; i++) { // the face enters after a third of a second
			v.video().getStack().getProcessor(i).setColor(new java.awt.Color(90, 90, 90));
			v.video().getStack().getProcessor(i).fill();
		}
		assertEquals(null, failure(run(Map.of("image", v.video(), "output", dir.toFile()))));
		final List<String> lines = Files.readAllLines(FaceTrackWriter.trackFile(dir, v.video().getTitle()));
		assertTrue(lines.stream().noneMatch(l -> l.contains("NaN")), "no NaN: " + lines.get(1));
		final String[] first = lines.get(1).split(",", -1);
		assertEquals(12, first.length, lines.get(1));
		for (int c = 2; c <= 6; c++)
			assertEquals("", first[c], "no face in frame 0: column " + c + " of " + lines.get(1));
		assertTrue(!first[8].isEmpty(), "the stabilised box is held from the first face: " + lines.get(1));
		assertTrue(!lines.get(lines.size() - 1).split(",", -1)[2].isEmpty(), "a face at the end");
	}

	@Test
	void aVideoWithoutAFaceSaysSoAndSuggestsALowerScoreOrAGivenBox() throws Exception {
		final ImagePlus noise = IJ.createImage("wall", "RGB noise", 160, 120, 30);
		noise.getCalibration().fps = 30;
		final String msg = failure(run(Map.of("image", noise, "output", dir.toFile())));
		// Track Face's own key, and the box it does not take but Estimate Heart Rate does
		assertTrue(msg != null && msg.contains("No face") && msg.contains("min_score=") && msg.contains(
			"Estimate Heart Rate with roi=manual rect="), msg);
		assertTrue(!Files.exists(FaceTrackWriter.trackFile(dir, "wall")), "nothing written");
	}

	/**
	 * A refused open image (no face; a palette image, which is no video) leaves no output folder made for
	 * the run: the folder was made before the image was read, and stayed behind empty.
	 */
	@Test
	void aRefusedOpenImageLeavesNoOutputFolderBehind() throws Exception {
		final ImagePlus noise = IJ.createImage("wall", "RGB noise", 160, 120, 30);
		noise.getCalibration().fps = 30;
		final Path out = dir.resolve("made").resolve("out");
		assertTrue(failure(run(Map.of("image", noise, "output", out.toFile()))) != null, "no face: refused");
		assertTrue(!Files.exists(dir.resolve("made")), "no empty folder left: " + dir.resolve("made"));
		final ij.ImageStack indexed = new ij.ImageStack(160, 120);
		for (int t = 1; t <= 5; t++)
			indexed.addSlice(new ij.process.MedianCut((ij.process.ColorProcessor) noise.getStack().getProcessor(t))
				.convertToByte(256));
		final ImagePlus palette = new ImagePlus("palette", indexed);
		palette.getProcessor().setColorModel(indexed.getProcessor(1).getColorModel());
		palette.getCalibration().fps = 30;
		final String refusal = failure(run(Map.of("image", palette, "output", out.toFile())));
		assertTrue(refusal != null && refusal.contains("colour palette"), "a palette image is refused: " + refusal);
		assertTrue(!Files.exists(dir.resolve("made")), "no empty folder left: " + refusal);
	}

	/**
	 * A folder that holds one video beside an image (a cover picture) or earlier results was read as a
	 * folder of frames: "has only 1 frame", or "the frame rate is unknown". It tracks that video now, as
	 * Estimate Heart Rate measures it; a folder of two videos is refused with their names.
	 */
	@Test
	void aFolderHoldingOneVideoTracksThatVideoAndOneOfTwoIsRefused(@TempDir final Path tmp) throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(2).seed(7), in.toFile(), "a", false,
			Progress.NONE);
		assertTrue(new ij.io.FileSaver(IJ.createImage("cover", "RGB white", 32, 32, 1)).saveAsPng(in.resolve("cover.png").toString()));
		assertTrue(Files.exists(in.resolve("cover.png")));
		final Path out = tmp.resolve("out");
		final CommandModule m = run(Map.of("input", in.toFile(), "output", out.toFile()));
		assertEquals(null, failure(m));
		assertEquals(61, Files.readAllLines(FaceTrackWriter.trackFile(out, "a")).size(), "header + 60 frames of a.avi");
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(2).seed(8), in.toFile(), "b", false,
			Progress.NONE);
		final String two = failure(run(Map.of("input", in.toFile(), "output", tmp.resolve("out2").toFile())));
		assertTrue(two != null && two.startsWith("in holds 2 videos (a.avi, b.avi); Track Face tracks one.") && two
			.contains("input=[" + in.resolve("a.avi") + "]"), two);
		assertTrue(!Files.exists(tmp.resolve("out2")), "nothing written");
	}

	/** A crop too large to hold ran out of memory after the tracking, with a fix to make the video smaller. */
	@Test
	void aCropTooLargeToHoldIsRefusedBeforeTrackingNamingTheCropKeys(@TempDir final Path tmp) throws Exception {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(2).seed(7), tmp.toFile(), "a", false,
			Progress.NONE);
		final String msg = failure(run(Map.of("input", tmp.resolve("a.avi").toFile(), "output", tmp.resolve("out")
			.toFile(), "crop_height", 4096, "crop_width", 4096)));
		assertTrue(msg != null && msg.startsWith("The face crop of 60 frames at 4096x4096 (crop_width x crop_height) " +
			"needs about 4.0 GB of memory") && msg.contains("Use a smaller crop"), msg);
		assertTrue(!Files.exists(tmp.resolve("out")), "no output folder is left");
	}
}

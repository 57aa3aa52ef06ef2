package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.io.FileInfo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.Main;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;
import org.scijava.Context;

/**
 * An image open in ImageJ, as a Fiji user measures it: its results are named and guarded as a file's
 * are, what PulseJ makes of its selection and frame rate is said, Track Face keeps the user's overlay,
 * and {@code image=} names the image measured.
 */
class OpenImageTest {

	@TempDir
	static Path shared;

	@TempDir
	Path dir;

	static Context context;

	@BeforeAll
	static void start() {
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	static ImagePlus video(final int bpm, final int seed) {
		return SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(bpm).seed(seed),
			Progress.NONE).video();
	}

	static double measure(final ImagePlus imp, final Path out) {
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(org.pulsej.signal.PulseMethod.GREEN).roi(
			RoiMode.WHOLE, null), out, false, s -> {}))
		{
			return job.run(VideoReader.of(imp, 0), Progress.NONE).hrMedian();
		}
	}

	/** P1.1 and P1.2 were both named P1: the second one's results replaced the first one's without a word. */
	@Test
	void titlesThatDifferAfterTheirLastDotAreTwoVideos() {
		final ImagePlus a = video(72, 1), b = video(96, 2);
		a.setTitle("P1.1");
		b.setTitle("P1.2");
		final Path out = dir.resolve("out");
		assertEquals(72, measure(a, out), 1.5);
		assertEquals(96, measure(b, out), 1.5);
		assertTrue(Files.isRegularFile(ResultWriter.ppgFile(out, "P1.1")));
		assertTrue(Files.isRegularFile(ResultWriter.ppgFile(out, "P1.2")));
		assertEquals(2, ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).size());
		// a format's extension still goes
		final ImagePlus c = video(72, 1);
		for (final String t : new String[] { "clip.avi", "clip.MP4", "clip.tif" }) {
			c.setTitle(t);
			assertEquals("clip", VideoReader.of(c, 0).name(), t);
		}
	}

	/**
	 * An open image read from a file is recorded and checked as that file: the results of another video of its
	 * name in the folder are not replaced without a word.
	 */
	@Test
	void anOpenImageFromAFileIsCheckedAsTheFile() throws Exception {
		final Path one = Files.createDirectories(dir.resolve("subject1")), two = Files.createDirectories(dir.resolve(
			"subject2"));
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(1), one.toFile(), "vid",
			false, Progress.NONE);
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(96).seed(2), two.toFile(), "vid",
			false, Progress.NONE);
		final Path out = dir.resolve("out");
		final ImagePlus first = opened(one.resolve("vid.avi")), second = opened(two.resolve("vid.avi"));
		assertEquals(72, measure(first, out), 1.5);
		final PulseJException e = assertThrows(PulseJException.class, () -> measure(second, out));
		assertTrue(e.getMessage().contains("holds the results of another video named vid"), e.getMessage());
		assertEquals(72, Double.parseDouble(ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).get(0).get(
			"hr_median_bpm")), 1.5, "the first results stay");
		assertEquals(72, measure(first, out), 1.5); // the same image again replaces its own results
		// an image without a file is not held to one
		final ImagePlus unsaved = video(72, 1);
		unsaved.setTitle("other.avi");
		assertNull(VideoReader.of(unsaved, 0).source());
	}

	static ImagePlus opened(final Path file) {
		final ImagePlus imp = video(72, 1);
		imp.setTitle(file.getFileName().toString());
		final FileInfo fi = new FileInfo();
		fi.directory = file.getParent().toString() + "/";
		fi.fileName = file.getFileName().toString();
		imp.setFileInfo(fi);
		return imp;
	}

	/** fps= over an open image's own rate scaled every heart rate without a word, where a file's is said. */
	@Test
	void fpsOverAnOpenImagesOwnRateIsSaid() {
		final ImagePlus imp = video(72, 1);
		imp.getCalibration().fps = 25;
		imp.getCalibration().frameInterval = 0.04;
		imp.getCalibration().setTimeUnit("s");
		final Video v = VideoReader.of(imp, 30);
		assertEquals(30, v.fps(), 0);
		assertTrue(v.warnings().stream().anyMatch(w -> w.startsWith("fps=30 is used instead of the 25 fps")), v
			.warnings().toString());
		assertEquals(List.of(), VideoReader.of(imp, 25).warnings(), "the image's own rate: nothing to say");
		assertEquals(List.of(), VideoReader.of(imp, 0).warnings());
	}

	/** A selection that is not a rectangle, or one drawn beside a typed rect=, was used without a word. */
	@Test
	void whatIsMadeOfTheSelectionIsSaid() throws Exception {
		final ImagePlus imp = video(72, 1);
		imp.setRoi(new OvalRoi(20, 10, 50, 50));
		List<String> log = UnusedKeysTest.logOf(context, EstimateHeartRateCommand.class, "image", imp, "output", dir.resolve("a")
			.toFile(), "method", "GREEN");
		assertTrue(log.contains("PulseJ: the oval selection drawn on the image is measured as its bounding rectangle " +
			"(20,10,50,50)"), log.toString());
		assertTrue(log.contains("PulseJ: measuring inside the rectangle drawn on the image (20,10,50,50)"), log
			.toString());
		imp.setRoi(new Roi(20, 10, 50, 50));
		log = UnusedKeysTest.logOf(context, EstimateHeartRateCommand.class, "image", imp, "output", dir.resolve("b").toFile(),
			"method", "GREEN", "roi", "manual", "rect", "0,0,30,30");
		assertTrue(log.contains("PulseJ: rect=0,0,30,30 is used; the selection drawn on the image (20,10,50,50) is " +
			"not"), log.toString());
		assertFalse(log.stream().anyMatch(l -> l.contains("oval") || l.contains("measuring inside")), log.toString());
	}

	/** Track Face set its boxes as the image's overlay: the user's own overlay (notes, an analysis) was lost. */
	@Test
	void trackFaceKeepsTheUsersOverlayAndReplacesOnlyItsOwn() {
		final TextRoi note = new TextRoi(5, 5, "my note");
		final Overlay mine = new Overlay(note);
		final Roi box = new Roi(1, 2, 3, 4);
		box.setName(TrackFaceCommand.OVERLAY_NAME);
		final Overlay first = TrackFaceCommand.keepOthers(mine, new Overlay(box));
		assertEquals(2, first.size());
		assertTrue(first.contains(note) && first.contains(box));
		final Roi again = new Roi(1, 2, 3, 4);
		again.setName(TrackFaceCommand.OVERLAY_NAME);
		final Overlay second = TrackFaceCommand.keepOthers(first, new Overlay(again));
		assertEquals(2, second.size(), "the first run's box is replaced, not kept beside the second's");
		assertTrue(second.contains(note) && second.contains(again));
	}

	/** A macro written on Windows, run on Linux: output= became a folder named "C:\Users\me\results" here. */
	@Test
	void aWindowsPathIsRefusedWhereItCannotBeOne() {
		final PulseJException e = assertThrows(PulseJException.class, () -> PulseJCommand.windowsPathHere("output",
			"C:\\Users\\me\\results"));
		assertTrue(e.getMessage().contains("is a Windows path") && e.fix().contains("output=/data/results"), e
			.getMessage());
		assertThrows(PulseJException.class, () -> PulseJCommand.windowsPathHere("input", "\\\\server\\share\\v.avi"));
		assertThrows(PulseJException.class, () -> PulseJCommand.windowsPathHere("input", "D:/data/v.avi"));
		PulseJCommand.windowsPathHere("output", "/data/results"); // a path of this machine
		PulseJCommand.windowsPathHere("output", "results\\C:"); // not a drive
	}

	/** image=TITLE, as Fiji records it, was ignored and the active image measured; an unknown title too. */
	@Test
	void imageNamesTheImageMeasured() throws Exception {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(1), dir.toFile(), "v",
			false, Progress.NONE);
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(96).seed(2), dir.toFile(), "w",
			false, Progress.NONE);
		final Path out = dir.resolve("out");
		final String open = "open(\"" + dir.resolve("v.avi") + "\");\nopen(\"" + dir.resolve("w.avi") + "\");\n";
		final Path ok = Files.writeString(dir.resolve("ok.ijm"), open + "run(\"Estimate Heart Rate\", \"image=v.avi " +
			"output=[" + out + "] method=GREEN roi=whole plots=false\");\n");
		assertEquals(0, macro(ok, new ByteArrayOutputStream()));
		assertEquals(List.of("v"), ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).stream().map(r -> r.get(
			"video")).toList(), "the image named, not the active one (w)");
		final Path bad = Files.writeString(dir.resolve("bad.ijm"), open + "run(\"Estimate Heart Rate\", \"image=x.avi " +
			"output=[" + dir.resolve("out2") + "] method=GREEN roi=whole plots=false\");\n");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(1, macro(bad, err));
		final String said = err.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("image=x.avi names no open image; the open ones are: v.avi, w.avi"), said);
		assertFalse(Files.exists(dir.resolve("out2")), "nothing written");
	}

	static int macro(final Path macro, final ByteArrayOutputStream err) {
		return new Main(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
			.run("--macro", macro.toString());
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.StackConverter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

/** Estimate Heart Rate as Fiji runs it: through a SciJava {@link Context} and its CommandService. */
class EstimateHeartRateCommandTest {

	static Context context;
	static File video;
	static byte[] videoDigest;

	@TempDir
	static Path shared;

	@TempDir
	Path dir;

	static SyntheticVideoSpec smallSpec() {
		return new SyntheticVideoSpec().size(160, 120).seconds(12).hrBpm(72).seed(7);
	}

	@BeforeAll
	static void setUp() throws Exception {
		context = new Context();
		SyntheticFaceVideo.write(smallSpec().jpegQuality(90), shared.toFile(), "face72", false, Progress.NONE);
		video = shared.resolve("face72.avi").toFile();
		videoDigest = digest(video);
	}

	@AfterAll
	static void tearDown() throws Exception {
		context.dispose();
		assertArrayEquals(videoDigest, digest(video), "the input video was never modified");
	}

	static byte[] digest(final File f) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f.toPath()));
	}

	static CommandModule run(final Object... keyValues) throws Exception {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("plots", false);
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		// forget remembered inputs before and after, so that no case sees another's values
		final PrefService prefs = context.service(PrefService.class);
		prefs.clear(EstimateHeartRateCommand.class);
		try {
			return context.service(CommandService.class).run(EstimateHeartRateCommand.class, true, inputs).get();
		}
		finally {
			prefs.clear(EstimateHeartRateCommand.class);
		}
	}

	static String failure(final CommandModule m) {
		final Object cmd = m.getDelegateObject();
		return ((Cancelable) cmd).isCanceled() ? ((Cancelable) cmd).getCancelReason() : null;
	}

	static double medianHr(final Path out, final String stem) {
		for (final Map<String, String> row : ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)))
			if (row.get("video").equals(stem)) return Double.parseDouble(row.get("hr_median_bpm"));
		throw new AssertionError("no row for " + stem);
	}

	@Test
	void measuresAVideoFileAndWritesTheOutputContract() throws Exception {
		final CommandModule m = run("input", video, "output", dir.toFile(), "method", "POS", "plots", true);
		assertEquals(null, failure(m));
		assertEquals(72, medianHr(dir, "face72"), 1.0);
		for (final String f : List.of("face72_ppg.csv", "face72_heart_rate.csv", "face72_ppg.png",
			"face72_heart_rate.png", "face72_beats.csv", "face72_hrv.csv", "face72_tachogram.png", "summary.csv"))
			assertTrue(Files.size(dir.resolve(f)) > 0, f);
		final ResultsTable summary = ((PulseJCommand) m.getDelegateObject()).tables().get("summary");
		assertEquals(1, summary.size());
		assertEquals(72, summary.getValue("hr_median_bpm", 0), 1.0);
		assertEquals(361, Files.readAllLines(dir.resolve("face72_heart_rate.csv")).size(), "header + 360 frames");
	}

	/**
	 * Some readers title an image with its path ("cam1/session2.avi"): refused even without output=,
	 * which names no file after it. Measured then; refused only when output= would name files after it.
	 */
	@Test
	void anOpenImageTitledWithAPathIsRefusedOnlyWhereItsTitleNamesTheResultFiles() throws Exception {
		final ImagePlus imp = SyntheticFaceVideo.generate(smallSpec(), Progress.NONE).video();
		imp.setTitle("cam1/session2.avi");
		final Path out = dir.resolve("out");
		final String refusal = failure(run("image", imp, "output", out.toFile(), "method", "POS"));
		assertTrue(refusal != null && refusal.contains("\"cam1/session2.avi\"") && refusal.contains("folder separator") &&
			refusal.contains("cam1_session2") && refusal.contains("output folder empty"), refusal);
		assertFalse(Files.exists(out), "nothing made");
		// no output folder (Fiji's dialog left empty): measured under its title
		try (org.pulsej.pipeline.EstimateJob job = new org.pulsej.pipeline.EstimateJob(new org.pulsej.pipeline.EstimateOptions()
			.method(org.pulsej.signal.PulseMethod.POS), null, false, s -> {}))
		{
			final org.pulsej.results.HeartRateResult r = job.run(org.pulsej.video.VideoReader.of(imp, 0), Progress.NONE);
			assertEquals("cam1/session2", r.video());
			assertEquals(72, r.hrMedian(), 1.0);
		}
		assertEquals("cam1/session2.avi", imp.getTitle());
	}

	@Test
	void anOpenImageWithADrawnRectangleIsMeasuredInsideIt() throws Exception {
		final ImagePlus imp = SyntheticFaceVideo.generate(smallSpec(), Progress.NONE).video();
		imp.setRoi(new Roi(50, 30, 60, 60)); // on the face
		final java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
		final org.scijava.log.LogListener listener = msg -> logged.add(msg.text());
		context.service(org.scijava.log.LogService.class).addLogListener(listener);
		final CommandModule m;
		try {
			m = run("image", imp, "output", dir.toFile(), "method", "CHROM");
		}
		finally {
			context.service(org.scijava.log.LogService.class).removeLogListener(listener);
		}
		assertEquals(null, failure(m));
		assertTrue(logged.contains("PulseJ: measuring the open image \"" + imp.getTitle() + "\" (" + imp.getStackSize() +
			" frames)"), "the log says which image is measured: " + logged);
		final String stem = ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(0).get("video");
		assertEquals(72, medianHr(dir, stem), 1.0);
	}

	@Test
	void greyVideosNeedGreenAndWorkWithIt() throws Exception {
		final ImagePlus grey8 = SyntheticFaceVideo.generate(smallSpec(), Progress.NONE).video();
		new StackConverter(grey8).convertToGray8();
		final String refusal = failure(run("image", grey8, "output", dir.toFile(), "method", "POS"));
		assertTrue(refusal != null && refusal.contains("method=GREEN"), refusal);
		assertFalse(Files.exists(dir.resolve(ResultWriter.SUMMARY)), "nothing written for a refused video");
		assertEquals(null, failure(run("image", grey8, "output", dir.toFile(), "method", "GREEN")));
		final ImagePlus grey16 = SyntheticFaceVideo.generate(smallSpec(), Progress.NONE).video();
		new StackConverter(grey16).convertToGray8(); // ImageJ converts RGB to 16-bit through 8-bit
		new StackConverter(grey16).convertToGray16();
		grey16.setTitle("grey16");
		assertEquals(null, failure(run("image", grey16, "output", dir.toFile(), "method", "GREEN")));
		assertEquals(72, medianHr(dir, "grey16"), 3.0);
	}

	@Test
	void badInputsGetMessagesThatNameTheFix() throws Exception {
		final Path notVideo = Files.writeString(dir.resolve("notes.avi"), "this is not a video\n");
		String msg = failure(run("input", notVideo.toFile(), "output", dir.resolve("o1").toFile()));
		assertTrue(msg != null && msg.contains("notes.avi"), msg);
		assertEquals("this is not a video\n", Files.readString(notVideo), "input untouched");

		final ImagePlus oneFrame = IJ.createImage("one", "RGB", 64, 64, 1);
		oneFrame.getCalibration().fps = 30;
		msg = failure(run("image", oneFrame, "output", dir.resolve("o2").toFile()));
		assertTrue(msg != null && msg.toLowerCase().contains("frame"), msg);

		final File shortDir = dir.resolve("short").toFile();
		SyntheticFaceVideo.write(smallSpec().seconds(5), shortDir, "short", false, Progress.NONE);
		msg = failure(run("input", new File(shortDir, "short.avi"), "output", dir.resolve("o3").toFile()));
		assertTrue(msg != null && msg.contains("10.0 s") && msg.contains("300 frames"), msg);

		final Path frames = Files.createDirectories(dir.resolve("frames"));
		final ImagePlus few = SyntheticFaceVideo.generate(smallSpec().seconds(0.2), Progress.NONE).video();
		for (int i = 1; i <= few.getStackSize(); i++)
			new FileSaver(new ImagePlus("f", few.getStack().getProcessor(i))).saveAsPng(frames.resolve(String.format(
				"frame%03d.png", i)).toString());
		msg = failure(run("input", frames.toFile(), "output", dir.resolve("o4").toFile()));
		assertTrue(msg != null && msg.contains("fps="), msg);

		final Path blocker = Files.writeString(dir.resolve("a-file"), "x");
		msg = failure(run("input", video, "output", blocker.toFile()));
		assertTrue(msg != null && msg.contains("output="), msg);
		assertEquals("x", Files.readString(blocker));

		msg = failure(run("input", video));
		assertTrue(msg != null && msg.contains("output="), "headless needs an output folder: " + msg);

		msg = failure(run("output", dir.resolve("o5").toFile()));
		assertTrue(msg != null && msg.contains("input="), msg);
	}

	@Test
	void aFolderWithOneBadVideoStillMeasuresTheOthers() throws Exception {
		final Path folder = Files.createDirectories(dir.resolve("batch"));
		Files.copy(video.toPath(), folder.resolve("good.avi"));
		Files.writeString(folder.resolve("broken.avi"), "garbage");
		final String msg = failure(run("input", folder.toFile(), "output", dir.resolve("out").toFile()));
		assertTrue(msg != null && msg.contains("broken.avi") && msg.contains("1 of 2"), msg);
		assertEquals(72, medianHr(dir.resolve("out"), "good"), 1.0);
	}

	static void writeSpec(final SyntheticVideoSpec spec, final Path dir, final String stem) throws IOException {
		SyntheticFaceVideo.write(spec, dir.toFile(), stem, false, Progress.NONE);
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.CommandRunner;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.ResultWriter;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.prefs.PrefService;

/**
 * Bad inputs as users meet them, through the commands: each gets a message that names the problem
 * and the fix, and none loses or overwrites data. (Inputs refused deeper down are tested with
 * their readers: VideoReaderTest, BatchJobTest, ResultMergerTest, ResultWriterTest.)
 */
class BadInputTest {

	static Context context;

	@TempDir
	static Path shared;

	static File video;
	static ImagePlus frames;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		context = new Context();
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(3);
		SyntheticFaceVideo.write(spec, shared.toFile(), "face", false, Progress.NONE);
		video = shared.resolve("face.avi").toFile();
		frames = SyntheticFaceVideo.generate(spec, Progress.NONE).video();
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	/** The failure message of a command, or null when it succeeded. */
	static String failure(final Class<? extends Command> command, final Object... keyValues) throws Exception {
		final Map<String, Object> inputs = new HashMap<>();
		if (java.util.Arrays.stream(command.getDeclaredFields()).anyMatch(f -> f.getName().equals("plots"))) inputs.put(
			"plots", false);
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		// SciJava remembers inputs between runs (as Fiji's dialogs do): forget them, so that each case
		// gets the defaults for what it leaves out and leaves nothing behind for other tests
		final PrefService prefs = context.service(PrefService.class);
		prefs.clear(command);
		try {
			return EstimateHeartRateCommandTest.failure(context.service(CommandService.class).run(command, true, inputs)
				.get());
		}
		finally {
			prefs.clear(command);
		}
	}

	static String estimate(final Object... keyValues) throws Exception {
		return failure(EstimateHeartRateCommand.class, keyValues);
	}

	static void assertSays(final String message, final String... parts) {
		assertTrue(message != null, "the command should have failed");
		for (final String p : parts)
			assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
		assertTrue(message.contains(" — "), "problem — fix: " + message);
	}

	static List<String> list(final Path d) throws IOException {
		if (!Files.exists(d)) return List.of();
		try (Stream<Path> s = Files.list(d)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	// -- parameters --

	@Test
	void heartRateBandMustBeOrdered() throws Exception {
		assertSays(estimate("input", video, "output", dir.toFile(), "min_bpm", 180.0, "max_bpm", 40.0),
			"min_bpm=180 is not below max_bpm=40", "min_bpm=40 max_bpm=180");
		assertSays(estimate("input", video, "output", dir.toFile(), "min_bpm", 0.0), "min_bpm=0", "min_bpm=40");
		// it asked for a window of 120000 s instead
		final String low = estimate("input", video, "output", dir.toFile(), "min_bpm", 0.001);
		assertSays(low, "min_bpm=0.001 is below any person's heart rate (20 bpm)", "min_bpm=40");
		assertFalse(low.contains("window="), low);
		// above any person's heart rate: noise there was written as the heart rate (487 bpm at max_bpm=850)
		assertSays(estimate("input", video, "output", dir.toFile(), "max_bpm", 850.0),
			"max_bpm=850 is above any person's heart rate (300 bpm)", "max_bpm=180");
		assertEquals(List.of(), list(dir), "nothing written");
	}

	@Test
	void aPhysNetModelWithAClassicalMethodIsRefused() throws Exception {
		// model= given with method= left at POS: the model was ignored, and POS's results written without a word
		final File model = dir.resolve("my-model").toFile();
		assertSays(estimate("input", video, "output", dir.resolve("out").toFile(), "method", "POS", "model", model),
			"A PhysNet model is given (model=" + model + ") but method=POS does not use one", "method=PhysNet");
		assertSays(failure(BatchEstimateCommand.class, "input", video.getParentFile(), "output", dir.resolve("out")
			.toFile(), "method", "GREEN", "model", model), "but method=GREEN does not use one");
		assertSays(failure(EvaluateCommand.class, "input", video, "output", dir.resolve("out").toFile(), "method",
			"POS,GREEN", "model", model), "but method=POS,GREEN does not name PhysNet", "method=POS,GREEN,PhysNet");
		assertEquals(List.of(), list(dir), "nothing written");
	}

	@Test
	void negativeAbsurdOrMissingFrameRatesAreRefused() throws Exception {
		for (final double fps : new double[] { -5, 1e6, Double.NaN })
			assertSays(estimate("input", video, "output", dir.toFile(), "fps", fps), "is not a frame rate", "fps=30",
				"fps=0");
		assertEquals(List.of(), list(dir));
		// the other commands that take a frame rate check it the same way, before reading a video
		assertSays(failure(TrackFaceCommand.class, "input", video, "output", dir.toFile(), "fps", -5.0),
			"is not a frame rate", "fps=30");
		assertSays(failure(TrainPhysNetCommand.class, "input", video, "output", dir.resolve("model").toFile(), "fps",
			-5.0), "is not a frame rate", "fps=30");
		assertEquals(List.of(), list(dir));
	}

	/** Train PhysNet's labelled= a path that does not exist: the fix named input=, which was right. */
	@Test
	void aMissingLabelledFolderIsNamedByItsKey() throws Exception {
		final File none = dir.resolve("no-such-labelled").toFile();
		final String said = failure(TrainPhysNetCommand.class, "input", video, "output", dir.resolve("model").toFile(),
			"labelled", none);
		assertSays(said, none + " does not exist", "Check the path given as labelled=");
		assertFalse(said.contains("input="), said);
		assertFalse(Files.exists(dir.resolve("model")));
	}

	/** The test frames as NAME.avi whose header gives {@code fps}. */
	private File aviWithFrameRate(final String name, final double fps) throws Exception {
		final ImagePlus imp = new ImagePlus(name, frames.getStack());
		imp.getCalibration().fps = fps;
		final File avi = dir.resolve(name + ".avi").toFile();
		new AVI_Writer().writeImage(imp, avi.getPath(), AVI_Writer.NO_COMPRESSION, 0);
		return avi;
	}

	@Test
	void aFileHeaderWithAnAbsurdFrameRateIsNamed() throws Exception {
		final File avi = aviWithFrameRate("fast", 5000);
		assertSays(estimate("input", avi, "output", dir.resolve("out").toFile()), "5000 fps", "no camera",
			"fps=30");
		assertNull(estimate("input", avi, "output", dir.resolve("out").toFile(), "fps", 30.0), "fps= overrides it");
	}

	@Test
	void aFrameRateTooLowForAnyHeartRateIsNamed() throws Exception {
		// a header of 1 fps, or fps=0.01 typed: the fix was "Give max_bpm below 30 (and min_bpm below that)"
		final File avi = aviWithFrameRate("slow", 1);
		String m = estimate("input", avi, "output", dir.resolve("out").toFile(), "method", "GREEN");
		assertSays(m, "1 fps", "below 30 bpm", "the rate is wrong", "fps=30");
		assertFalse(m.contains("max_bpm below"), m);
		m = estimate("input", video, "output", dir.resolve("out").toFile(), "method", "GREEN", "fps", 0.01);
		assertSays(m, "0.01 fps", "the rate is wrong", "fps=30");
		assertFalse(Files.exists(dir.resolve("out/summary.csv")));
		assertNull(estimate("input", avi, "output", dir.resolve("out").toFile(), "method", "GREEN", "fps", 30.0),
			"fps= overrides it");
	}

	@Test
	void aHeartRateBandAboveHalfTheFrameRateIsRefused() throws Exception {
		final File slow = dir.resolve("slow").toFile();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).fps(5).seconds(30).hrBpm(60).seed(4), slow,
			"slow", false, Progress.NONE);
		final File avi = new File(slow, "slow.avi");
		assertSays(estimate("input", avi, "output", dir.resolve("out").toFile()), "5 fps", "below 150 bpm",
			"max_bpm=180", "at least 7 fps");
		assertFalse(Files.exists(dir.resolve("out/summary.csv")));
		assertNull(estimate("input", avi, "output", dir.resolve("out").toFile(), "max_bpm", 120.0));
	}

	@Test
	void aRectangleOutsideTheFrameOrMalformedIsRefused() throws Exception {
		assertSays(estimate("input", video, "output", dir.toFile(), "roi", "manual", "rect", "200,100,50,50"),
			"200,100,50,50 lies outside the 96x72 frames", "x+w ≤ 96");
		assertSays(estimate("input", video, "output", dir.toFile(), "rect", "1,2,3"), "rect=1,2,3",
			"x,y,width,height");
		// headless there is nothing to draw on: the fix names rect=
		assertSays(estimate("input", video, "output", dir.toFile(), "roi", "manual"), "roi=manual needs a rectangle",
			"rect=x,y,width,height");
		assertEquals(List.of(), list(dir));
	}

	@Test
	void aWindowLongerThanTheVideoOrAStepLongerThanTheWindow() throws Exception {
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 20.0), "too short", "window=");
		// a refused run leaves no new (empty) output folder behind
		assertSays(estimate("input", video, "output", dir.resolve("newout").toFile(), "window", 20.0), "too short");
		assertFalse(Files.exists(dir.resolve("newout")));
		// nor the folders it made above it (output=/new/a/b left /new/a); a folder that was there stays
		assertSays(estimate("input", video, "output", dir.resolve("new/a/b").toFile(), "window", 20.0), "too short");
		assertFalse(Files.exists(dir.resolve("new")), "every folder the run made is gone");
		Files.createDirectories(dir.resolve("kept"));
		assertSays(estimate("input", video, "output", dir.resolve("kept/a/b").toFile(), "window", 20.0), "too short");
		assertTrue(Files.isDirectory(dir.resolve("kept")) && !Files.exists(dir.resolve("kept/a")));
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 5.0, "step", 6.0), "step",
			"no longer than the window");
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 0.0), "must both be positive");
	}

	@Test
	void aWindowTooShortForTwoBeatsOrAStepShorterThanAFrameIsRefused() throws Exception {
		// a window of a few frames has a flat spectrum whose "peak" sat at the band's top: 180 bpm, exit 0
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 1e-9, "step", 1e-9), "window=1.0E-9",
			"two beats", "min_bpm=40: 3 s", "window=10");
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 2.5, "step", 1.0), "min_bpm=40: 3 s");
		assertSays(estimate("input", video, "output", dir.toFile(), "window", 5.0, "step", 0.001), "step=0.001",
			"shorter than one frame", "step=1");
		assertEquals(List.of(), list(dir));
		// the bound follows the band: two beats at 60 bpm are 2 s
		assertNull(estimate("input", video, "output", dir.resolve("out").toFile(), "window", 2.5, "min_bpm", 60.0));
	}

	// -- videos --

	@Test
	void wrongBitDepthsNameTheConversion() throws Exception {
		// 48-bit RGB (three 16-bit channels), as scientific cameras save it
		final ImageStack s = new ImageStack(32, 24);
		for (int t = 0; t < 6; t++)
			s.addSlice(new ShortProcessor(32, 24));
		final ImagePlus rgb48 = new ImagePlus("rgb48", s);
		rgb48.setDimensions(3, 1, 2);
		final File tif = dir.resolve("rgb48.tif").toFile();
		assertTrue(new FileSaver(rgb48).saveAsTiffStack(tif.getPath()));
		assertSays(estimate("input", tif, "output", dir.resolve("o").toFile(), "fps", 30.0), "3 channels",
			"Stack to RGB");
		// 32-bit grey: POS needs colour
		final ImagePlus grey32 = float32(frames, 0);
		assertSays(estimate("image", grey32, "output", dir.resolve("o").toFile()), "32-bit grey", "method=GREEN");
		assertFalse(Files.exists(dir.resolve("o/summary.csv")));
	}

	@Test
	void nanFramesAreBridgedAndAllNanIsNamed() throws Exception {
		final ImagePlus gaps = float32(frames, 0);
		gaps.setTitle("gaps");
		final float[] nan = new float[96 * 72];
		Arrays.fill(nan, Float.NaN);
		for (final int t : new int[] { 40, 41, 42, 200 })
			gaps.getStack().setPixels(nan.clone(), t + 1);
		((float[]) gaps.getStack().getPixels(100))[5] = Float.NaN; // one bad pixel
		// infinities are skipped alike (one made the whole trace infinite: "The red trace has the value Infinity")
		((float[]) gaps.getStack().getPixels(150))[96 * 36 + 48] = Float.NEGATIVE_INFINITY;
		final float[] inf = new float[96 * 72];
		Arrays.fill(inf, Float.POSITIVE_INFINITY);
		gaps.getStack().setPixels(inf, 301);
		assertNull(estimate("image", gaps, "output", dir.toFile(), "method", "GREEN"));
		final double hr = Double.parseDouble(ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(0).get(
			"hr_median_bpm"));
		assertEquals(72, hr, 2.0, "NaN and infinite frames are filled from their neighbours");

		final ImagePlus allNan = float32(frames, 0);
		allNan.setTitle("allnan");
		for (int t = 1; t <= allNan.getStackSize(); t++)
			allNan.getStack().setPixels(nan.clone(), t);
		assertSays(estimate("image", allNan, "output", dir.toFile(), "method", "GREEN", "roi", "whole"), "no valid pixel " +
			"(all NaN or infinite)", "another region");
	}

	@Test
	void aHugeFrameSizeIsRefusedBeforeAnythingIsDecoded() throws Exception {
		final byte[] bytes = Files.readAllBytes(video.toPath());
		final int strf = indexOf(bytes, "strf"), avih = indexOf(bytes, "avih");
		putInt(bytes, strf + 8 + 4, 60000);
		putInt(bytes, strf + 8 + 8, 60000);
		putInt(bytes, avih + 8 + 32, 60000);
		putInt(bytes, avih + 8 + 36, 60000);
		final Path huge = Files.write(dir.resolve("huge.avi"), bytes);
		// the 7 MB file cannot hold one such frame: its header is wrong, and memory is not to blame
		final String said = estimate("input", huge.toFile(), "output", dir.resolve("o").toFile());
		assertSays(said, "huge.avi's header claims frames of 60000x60000 pixels, but the whole file", "could not hold " +
			"one such frame", "Write the video again");
		assertFalse(said.contains("-Xmx"), said);
		assertArrayEquals(bytes, Files.readAllBytes(huge));
		// frames that large for real are refused for memory before anything is decoded
		final PulseJException e = assertThrows(PulseJException.class, () -> org.pulsej.video.MemoryBudget
			.checkStreaming("huge.avi", 60000, 60000, 4));
		assertTrue(e.getMessage().contains("huge.avi needs about 57.6 GB for decoding one 60000x60000 frame") && e
			.getMessage().contains("-Xmx") && e.getMessage().contains("scale="), e.getMessage());
	}

	@Test
	void aFolderOfFramesWithOddSizedDamagedOrMixedFramesNamesTheFrame() throws Exception {
		final Path f = Files.createDirectories(dir.resolve("frames"));
		// 30 frames: one heart-rate window of two beats at 160 bpm (0.8 s) fits, so the frames get read
		for (int t = 0; t < 30; t++)
			save(f.resolve(String.format("f%02d.png", t)), new ColorProcessor(40, 30));
		save(f.resolve("f05.png"), new ColorProcessor(48, 30));
		assertSays(estimate("input", f.toFile(), "output", dir.resolve("o").toFile(), "fps", 30.0, "window", 0.8,
			"step", 0.1, "min_bpm", 160.0, "max_bpm", 170.0), "f05.png is 48x30 pixels, but the first frame f00.png is 40x30", "scale=");
		save(f.resolve("f05.png"), new ColorProcessor(40, 30).convertToByteProcessor());
		assertSays(estimate("input", f.toFile(), "output", dir.resolve("o").toFile(), "fps", 30.0, "window", 0.8,
			"step", 0.1, "min_bpm", 160.0, "max_bpm", 170.0), "f05.png is 8-bit grey, but the first frame f00.png is RGB colour");
		Files.writeString(f.resolve("f05.png"), "damaged");
		assertSays(estimate("input", f.toFile(), "output", dir.resolve("o").toFile(), "fps", 30.0, "window", 0.8,
			"step", 0.1, "min_bpm", 160.0, "max_bpm", 170.0), "f05.png", "cannot be read", "export all frames again");
		assertEquals("damaged", Files.readString(f.resolve("f05.png")));
		assertFalse(Files.exists(dir.resolve("o/summary.csv")));
	}

	/** Measured, the damaged frame bridged by its neighbour and not trusted (DamagedFramesTest: the warning, the limits). */
	@Test
	void aDamagedFrameInsideAnMjpegAviIsBridgedAndNotTrusted() throws Exception {
		final File dirFile = dir.toFile();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(3).jpegQuality(80),
			dirFile, "mjpeg", false, Progress.NONE);
		final byte[] bytes = Files.readAllBytes(dir.resolve("mjpeg.avi"));
		// overwrite the middle of the file (inside a frame's JPEG data) with garbage
		final int middle = bytes.length / 2;
		Arrays.fill(bytes, middle, middle + 400, (byte) 0x55);
		final Path broken = Files.write(dir.resolve("broken.avi"), bytes);
		assertEquals(null, estimate("input", broken.toFile(), "output", dir.resolve("o").toFile()));
		final List<String> rows = Files.readAllLines(dir.resolve("o/broken_heart_rate.csv"));
		assertTrue(rows.get(1 + 165).startsWith("165,") && rows.get(1 + 165).endsWith(",0"), "frame 166 (1-based): " +
			rows.get(1 + 165));
		assertTrue(rows.get(1 + 100).endsWith(",1"), rows.get(1 + 100));
		assertTrue(Files.exists(dir.resolve("o/summary.csv")));
	}

	@Test
	void aBrokenOrLoopingSymbolicLinkIsNamedAndSkippedInAFolder() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(video.toPath(), in.resolve("good.avi"));
		final Path loop = Files.createSymbolicLink(in.resolve("loop.avi"), in.resolve("loop.avi"));
		assertSays(estimate("input", loop.toFile(), "output", dir.resolve("o").toFile()), "symbolic link",
			"repair the link");
		assertNull(estimate("input", in.toFile(), "output", dir.resolve("o").toFile()), "the folder's good video is measured");
		assertEquals(List.of("good"), ResultWriter.readSummary(dir.resolve("o/summary.csv")).stream().map(r -> r.get(
			"video")).toList());
	}

	@Test
	void anEmptyFolderForBatchEstimate() throws Exception {
		final Path empty = Files.createDirectories(dir.resolve("empty"));
		assertSays(failure(BatchEstimateCommand.class, "input", empty.toFile(), "output", dir.resolve("o").toFile()),
			"holds no videos", "folder of videos");
		// a dataset of one folder of frames per recording: it said nothing of the subfolders
		for (final String sub : new String[] { "s1", "s2" }) {
			final Path f = Files.createDirectories(empty.resolve(sub));
			for (int t = 0; t < 3; t++)
				save(f.resolve("f" + t + ".png"), new ColorProcessor(40, 30));
		}
		Files.createDirectories(empty.resolve("notes"));
		assertSays(failure(BatchEstimateCommand.class, "input", empty.toFile(), "output", dir.resolve("o").toFile()),
			"holds no videos", "but 2 of its subfolders do (s1, s2); PulseJ does not look into subfolders", "input=" +
				empty.resolve("s1"), "getFileList(dir)");
		// as a macro or the command line gives it (SciJava's own check only says "'output' is required but unset")
		final PulseJException e = assertThrows(PulseJException.class, () -> new CommandRunner(context).run(
			"Batch Estimate", "input=[" + empty + "]", null));
		assertSays(e.getMessage(), "Batch Estimate needs output=", "Add output=");
	}

	// -- outputs --

	/** dir/frames holding four black 40×30 frames, f0.png to f3.png. */
	private Path fourFrames() throws IOException {
		final Path f = Files.createDirectories(dir.resolve("frames"));
		for (int t = 0; t < 4; t++)
			save(f.resolve("f" + t + ".png"), new ColorProcessor(40, 30));
		return f;
	}

	@Test
	void aFolderOfFramesIsNeverItsOwnOutputFolder() throws Exception {
		final Path f = fourFrames();
		final List<String> before = list(f);
		assertSays(estimate("input", f.toFile(), "output", f.toFile(), "fps", 30.0), "folder of frames being measured",
			"frames_pulsej");
		assertEquals(before, list(f), "no file added to the frames");
	}

	@Test
	void spacesAroundAPathAreNotPartOfIt() throws Exception {
		// input=[ /data/v.avi ] "did not exist"; output=[ /data/out] became a folder named " " in the working folder
		assertNull(estimate("input", new File(" " + video.getPath() + " "), "output", new File(" " + dir.resolve("res") +
			" "), "method", "GREEN", "roi", "whole"));
		assertEquals(List.of("res"), list(dir));
		assertEquals("face", ResultWriter.readSummary(dir.resolve("res/summary.csv")).get(0).get("video"));
	}

	@Test
	void aPathFromTheHomeFolderWrittenWithATildeIsThere() throws Exception {
		// no shell expands ~ in a macro or in quoted options: output=~/res made a folder named "~" here
		final String home = System.getProperty("user.home");
		Files.copy(video.toPath(), dir.resolve("v.avi"));
		System.setProperty("user.home", dir.toString());
		try {
			assertNull(estimate("input", new File("~/v.avi"), "output", new File("~/res"), "method", "GREEN", "roi",
				"whole"));
		}
		finally {
			System.setProperty("user.home", home);
		}
		assertEquals("v", ResultWriter.readSummary(dir.resolve("res/summary.csv")).get(0).get("video"));
		assertFalse(Files.exists(Path.of("~")), "no folder named ~ in the working folder");
	}

	@Test
	void trackFaceWritesNoCropIntoTheFolderOfFramesItTracks() throws Exception {
		// the crop f_face.tif there made the folder one of a video: Estimate then measured the crop, not the frames
		final Path f = fourFrames();
		final List<String> before = list(f);
		assertSays(failure(TrackFaceCommand.class, "input", f.toFile(), "output", f.toFile(), "fps", 30.0),
			"folder of frames being tracked", "frames_face.tif", "frames_pulsej");
		assertEquals(before, list(f), "no file added to the frames");
	}

	@Test
	void theResultsOfAnotherVideoOfTheSameNameAreNotReplaced() throws Exception {
		// UBFC-rPPG's subject1/vid.avi and subject2/vid.avi measured one by one into one folder: the second's results
		// and summary row replaced the first's without a word
		final Path out = dir.resolve("out");
		assertNull(estimate("input", video, "output", out.toFile(), "method", "GREEN", "roi", "whole"));
		final String first = Files.readString(out.resolve("face_ppg.csv"));
		final File other = dir.resolve("subject2").toFile();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(95).seed(8), other, "face",
			false, Progress.NONE);
		assertSays(estimate("input", new File(other, "face.avi"), "output", out.toFile(), "method", "GREEN", "roi",
			"whole"), "holds the results of another video named face (" + video.getAbsolutePath() + ")",
			"output=" + out.resolve("subject2"), "delete face_ppg.csv");
		assertEquals(first, Files.readString(out.resolve("face_ppg.csv")), "the first video's results kept");
		assertEquals(1, ResultWriter.readSummary(out.resolve("summary.csv")).size());
		// the same video again, or a copy of it moved elsewhere, replaces its results as before
		assertNull(estimate("input", video, "output", out.toFile(), "method", "GREEN", "roi", "whole"));
		final Path copy = Files.createDirectories(dir.resolve("moved")).resolve("face.avi");
		Files.copy(video.toPath(), copy);
		assertNull(estimate("input", copy.toFile(), "output", out.toFile(), "method", "GREEN", "roi", "whole"));
		// with the earlier results deleted, the other video is measured
		Files.delete(out.resolve("face_ppg.csv"));
		assertNull(estimate("input", new File(other, "face.avi"), "output", out.toFile(), "method", "GREEN", "roi",
			"whole"));
	}

	@Test
	void theFaceTrackOfAnotherVideoOfTheSameNameIsNotReplaced() throws Exception {
		final Path out = dir.resolve("out");
		assertNull(failure(TrackFaceCommand.class, "input", video, "output", out.toFile()));
		final String first = Files.readString(out.resolve("face_face_track.csv"));
		final File other = dir.resolve("subject2").toFile();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(95).translationPx(6).seed(8),
			other, "face", false, Progress.NONE);
		assertSays(failure(TrackFaceCommand.class, "input", new File(other, "face.avi"), "output", out.toFile()),
			"holds the results of another video named face", "delete face_face_track.csv");
		assertEquals(first, Files.readString(out.resolve("face_face_track.csv")), "the first video's track kept");
		assertNull(failure(TrackFaceCommand.class, "input", video, "output", out.toFile()), "the same video again");
	}

	@Test
	void aTrainingWritesNoModelAmongItsVideos() throws Exception {
		// the model's files and its loss chart were written among the videos: the chart, a PNG, became a frame of a
		// folder of frames, and made a dataset folder a folder of frames whose subject folders were no longer read
		final Path f = fourFrames();
		final List<String> frameNames = list(f);
		assertSays(failure(TrainPhysNetCommand.class, "input", f.toFile(), "output", f.toFile(), "fps", 30.0),
			"is the folder of frames frames being trained on", "frames_physnet_model");
		assertEquals(frameNames, list(f), "nothing written among the frames");
		final Path vids = Files.createDirectories(dir.resolve("vids"));
		Files.writeString(vids.resolve("v.avi"), "not read");
		assertSays(failure(TrainPhysNetCommand.class, "input", vids.toFile(), "output", vids.toFile()),
			"holds v.avi, a video being trained on", "output=" + vids + "_physnet_model");
		assertEquals(List.of("v.avi"), list(vids));
		// a dataset folder of subject folders, given as input and as output, or a subject folder as output
		final Path ds = Files.createDirectories(dir.resolve("ds/s1"));
		Files.writeString(ds.resolve("v.avi"), "not read");
		Files.writeString(ds.resolve("v_gt.csv"), "frame,hr_bpm\n0,70\n");
		assertSays(failure(TrainConfidenceModelCommand.class, "input", ds.getParent().toFile(), "output", ds.getParent()
			.toFile()), "is the input folder, which holds the videos being trained on", "ds_confidence_model");
		assertSays(failure(TrainConfidenceModelCommand.class, "input", ds.getParent().toFile(), "output", ds.toFile()),
			"holds v.avi, a video being trained on");
		assertEquals(List.of("s1"), list(ds.getParent()));
		assertEquals(List.of("v.avi", "v_gt.csv"), list(ds));
	}

	@Test
	void plotsTracksAndCropsThatPulseJDidNotWriteAreLeftAlone() throws Exception {
		// a picture of the user's under a plot's name: that video fails before any of its files is written
		final Path png = Files.writeString(dir.resolve("face_ppg.png"), "my picture");
		assertSays(estimate("input", video, "output", dir.toFile(), "plots", true), "face_ppg.png that PulseJ did not " +
			"write", "left untouched");
		assertEquals("my picture", Files.readString(png));
		assertFalse(Files.exists(dir.resolve("face_ppg.csv")), "nothing of the video written");
		Files.delete(png);
		// Track Face: a foreign track table, or a crop TIFF without PulseJ's track beside it
		final Path track = Files.writeString(dir.resolve("face_face_track.csv"), "my own track notes\n");
		assertSays(failure(TrackFaceCommand.class, "input", video, "output", dir.toFile()), "face_face_track.csv that " +
			"PulseJ did not write");
		assertEquals("my own track notes\n", Files.readString(track));
		Files.delete(track);
		final Path tif = Files.writeString(dir.resolve("face_face.tif"), "II*");
		assertSays(failure(TrackFaceCommand.class, "input", video, "output", dir.toFile()), "face_face.tif that PulseJ " +
			"did not write");
		assertEquals("II*", Files.readString(tif));
	}

	@Test
	void aSummaryThatPulseJDidNotWriteIsLeftAloneAndNothingIsMeasured() throws Exception {
		final Path theirs = Files.writeString(dir.resolve("summary.csv"), "subject,age\n1,30\n");
		assertSays(estimate("input", video, "output", dir.toFile()), "did not write", "another output folder");
		assertEquals("subject,age\n1,30\n", Files.readString(theirs));
		assertEquals(List.of("summary.csv"), list(dir), "no results written next to it");
	}

	@Test
	void anOutputFolderThatCannotBeWrittenIsNamed() throws Exception {
		final Path out;
		if ("root".equals(System.getProperty("user.name"))) out = Path.of("/proc/pulsej-cannot-write-here");
		else {
			out = Files.createDirectories(dir.resolve("readonly"));
			assertTrue(out.toFile().setWritable(false, false));
		}
		final String said = estimate("input", video, "output", out.toFile());
		assertSays(said, out.toString(), "output=");
		assertFalse(said.contains("(" + out + ")"), "the reason, not the path again: " + said);
	}

	@Test
	void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws Exception {
		final Path target = Files.writeString(dir.resolve("summary.csv"), "old\n");
		final PulseJException full = assertThrows(PulseJException.class, () -> AtomicFiles.write(target, out -> {
			out.write(new byte[1000]);
			throw new IOException("No space left on device");
		}));
		assertTrue(full.getMessage().contains("No space left on device") && full.fix().contains("disk is not full"),
			full.getMessage());
		assertEquals("old\n", Files.readString(target));
		assertEquals(List.of("summary.csv"), list(dir), "the temporary file is gone");

		// a video whose files cannot be written fails alone; its summary row is not written
		final Path out = Files.createDirectories(dir.resolve("out"));
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(video.toPath(), in.resolve("a.avi"));
		Files.copy(video.toPath(), in.resolve("b.avi"));
		Files.createDirectories(out.resolve("a_heart_rate.csv").resolve("in-the-way"));
		final EstimateJob.Outcome o = new EstimateJob(new EstimateOptions().roi(RoiMode.WHOLE, null), out,
			false, s -> {}).run(in.toFile(), 0,
			Progress.NONE);
		assertTrue(o.failures().get("a.avi").contains("Could not write"), o.failures().toString());
		assertEquals(List.of("b"), ResultWriter.readSummary(out.resolve("summary.csv")).stream().map(r -> r.get(
			"video")).toList());
	}

	/**
	 * Estimate Heart Rate of one video with method=GREEN, then method=POS, into one folder: the GREEN
	 * results and summary row were replaced without a word.
	 */
	@Test
	void anotherMethodsResultsOfTheVideoAreSaidToBeReplaced() throws Exception {
		final Path out = dir.resolve("out");
		final List<String> log = new java.util.ArrayList<>();
		for (final org.pulsej.signal.PulseMethod m : new org.pulsej.signal.PulseMethod[] { org.pulsej.signal.PulseMethod.GREEN,
			org.pulsej.signal.PulseMethod.GREEN, org.pulsej.signal.PulseMethod.POS })
			new EstimateJob(new EstimateOptions().method(m).roi(RoiMode.WHOLE, null), out, false, log::add).run(video,
				0, Progress.NONE);
		final List<String> notes = log.stream().filter(l -> l.contains("are replaced")).toList();
		assertEquals(List.of("PulseJ: face — its results in " + out + " measured with GREEN are replaced by these of " +
			"POS; give each method its own output folder to keep both"), notes, "once, for POS after GREEN: " + log);
		assertEquals("POS", ResultWriter.readSummary(out.resolve("summary.csv")).get(0).get("method"));
	}

	@Test
	void escapeCancelsWithAClearMessageAndWritesNothing() throws Exception {
		// Esc pressed as the run starts on the video (an Esc pressed before the run is forgotten)
		final LogListener esc = m -> {
			if (m.text().startsWith("Video 1/")) IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		};
		final LogService log = context.service(LogService.class);
		log.addLogListener(esc);
		try {
			final String msg = estimate("input", video, "output", dir.toFile());
			assertTrue(msg != null && msg.startsWith("Cancelled while measuring face.avi; nothing was written for it."),
				msg);
		}
		finally {
			log.removeLogListener(esc);
			IJ.resetEscape();
		}
		assertEquals(List.of(), list(dir).stream().filter(n -> !n.equals(".pulsej-batch")).toList());
	}

	@Test
	void runningOutOfMemoryBecomesAMessage() {
		final ImageStack stack = new ImageStack(8, 8) {
			@Override
			public ImageProcessor getProcessor(final int n) {
				throw new OutOfMemoryError("Java heap space");
			}

			@Override
			public int getSize() {
				return 400;
			}
		};
		final Video v = new Video(stack, 24, 30, "big", null);
		final PulseJException e = assertThrows(PulseJException.class, () -> new EstimateJob(new EstimateOptions().roi(
			RoiMode.WHOLE, null), null,
			false, s -> {}).run(v, Progress.NONE));
		assertTrue(e.getMessage().contains("ran out of memory while measuring big") && e.fix().contains("-Xmx"), e
			.getMessage());
	}

	// -- helpers --

	static ImagePlus float32(final ImagePlus rgb, final int unused) {
		final ImageStack s = new ImageStack(rgb.getWidth(), rgb.getHeight());
		for (int t = 1; t <= rgb.getStackSize(); t++) {
			final FloatProcessor fp = rgb.getStack().getProcessor(t).convertToFloatProcessor();
			s.addSlice(fp);
		}
		final ImagePlus imp = new ImagePlus("grey32", s);
		imp.getCalibration().fps = rgb.getCalibration().fps;
		return imp;
	}

	static void save(final Path p, final ImageProcessor ip) {
		assertTrue(new FileSaver(new ImagePlus("f", ip)).saveAsPng(p.toString()));
	}

	static int indexOf(final byte[] bytes, final String what) {
		final byte[] w = what.getBytes(StandardCharsets.US_ASCII);
		outer: for (int i = 0; i + w.length <= bytes.length; i++) {
			for (int k = 0; k < w.length; k++)
				if (bytes[i + k] != w[k]) continue outer;
			return i;
		}
		throw new AssertionError(what + " not found");
	}

	static void putInt(final byte[] b, final int at, final int v) {
		b[at] = (byte) v;
		b[at + 1] = (byte) (v >> 8);
		b[at + 2] = (byte) (v >> 16);
		b[at + 3] = (byte) (v >> 24);
	}

	/** "too short" with fps= far above the file's rate blamed the video; the refusal names the fps= given. */
	@Test
	void aRefusalAfterFpsOverrodeTheFilesRateSaysSo() throws Exception {
		final String m = estimate("input", video, "output", dir.toFile(), "method", "POS", "fps", 240.0);
		assertSays(m, "is too short", "(fps=240 is used instead of the 30 fps its header gives.)",
			"If the file's rate is right, leave fps out (or give fps=0); else: ");
		assertEquals(List.of(), list(dir));
	}
}

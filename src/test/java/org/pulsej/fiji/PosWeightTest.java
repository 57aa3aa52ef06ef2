package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.StackConverter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.nn.BundledModels;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.prefs.PrefService;

/**
 * {@code pos_weight}: PhysNet's heart rate is read from its PPG's spectrum and POS's of the same skin
 * together by default (said once in the log), from PhysNet's alone with {@code pos_weight=0} (the paper);
 * the PPG written is PhysNet's either way. A grey video, where POS has nothing to read, is read from
 * PhysNet's alone and the log says why; a YUV model's PPG that is mostly a lamp's ripple is replaced by POS's;
 * a share outside 0–1 is refused before anything is written.
 */
class PosWeightTest {

	static Context context;

	@TempDir
	static Path shared;

	static File video;

	@BeforeAll
	static void setUp() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		assumeTrue(BundledModels.hasDefault(), "no bundled model in this build");
		context = new Context();
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(11).hrBpm(90).seed(2), shared.toFile(),
			"v", false, Progress.NONE);
		video = shared.resolve("v.avi").toFile();
	}

	@AfterAll
	static void tearDown() {
		if (context != null) context.dispose();
	}

	record Run(List<String> log, Throwable failure) {}

	static Run run(final Object... keyValues) throws Exception {
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("plots", false);
		inputs.put("method", "PhysNet");
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		final List<String> logged = new CopyOnWriteArrayList<>();
		final LogListener listener = m -> logged.add(m.text());
		final LogService log = context.service(LogService.class);
		context.service(PrefService.class).clear(EstimateHeartRateCommand.class);
		log.addLogListener(listener);
		try {
			final CommandModule m = context.service(CommandService.class).run(EstimateHeartRateCommand.class, true,
				inputs).get();
			return new Run(logged, EstimateHeartRateCommandTest.failure(m) == null ? null : new IllegalStateException(
				EstimateHeartRateCommandTest.failure(m)));
		}
		finally {
			log.removeLogListener(listener);
		}
	}

	static double[] ppg(final Path results, final String name) throws Exception {
		return Files.readAllLines(results.resolve(name + "_ppg.csv")).stream().skip(1).mapToDouble(l -> Double
			.parseDouble(l.split(",")[2])).toArray();
	}

	@Test
	void readWithPossSpectrumByDefaultAndAloneWithPosWeightZero(@TempDir final Path dir) throws Exception {
		final String said = "PulseJ: PhysNet's heart rate is read from its PPG's spectrum and POS's of the same skin " +
			"together (pos_weight=0.5; pos_weight=0 reads PhysNet's alone, as the paper)";
		final Run mixed = run("input", video, "output", dir.resolve("mixed").toFile());
		assertEquals(null, mixed.failure(), "" + mixed.log());
		assertEquals(1, mixed.log().stream().filter(said::equals).count(), "said once: " + mixed.log());
		assertFalse(mixed.log().stream().anyMatch(l -> l.contains("apart per frame")), "both read the pulse: no " +
			"warning that they disagree: " + mixed.log());
		final Run alone = run("input", video, "output", dir.resolve("alone").toFile(), "pos_weight", 0.0);
		assertEquals(null, alone.failure(), "" + alone.log());
		assertFalse(alone.log().stream().anyMatch(l -> l.contains("POS's of the same skin")), "" + alone.log());
		for (final String out : new String[] { "mixed", "alone" })
			assertEquals(90, Double.parseDouble(ResultWriter.readSummary(dir.resolve(out).resolve(ResultWriter.SUMMARY))
				.get(0).get("hr_median_bpm")), 3.0, out);
		// the PPG written is PhysNet's either way, moved to POS's timing where the log says it ran behind or ahead
		// of it (PhysNetTimingTest): the reading of its rate changes, its waveform does not
		final double[] alone_ = ppg(dir.resolve("alone"), "v"), mixed_ = ppg(dir.resolve("mixed"), "v");
		final java.util.regex.Matcher moved = java.util.regex.Pattern.compile("PhysNet's PPG ran ([0-9.]+) s (behind|ahead " +
			"of) POS's").matcher(String.join("\n", mixed.log()));
		if (!moved.find()) assertArrayEquals(alone_, mixed_);
		else {
			final double fps = Double.parseDouble(ResultWriter.readSummary(dir.resolve("mixed").resolve(ResultWriter
				.SUMMARY)).get(0).get("fps"));
			final double lag = Double.parseDouble(moved.group(1)) * fps * (moved.group(2).equals("behind") ? 1 : -1);
			final double r = org.pulsej.signal.Metrics.pearson(org.pulsej.signal.PulseAlignment.shifted(alone_, lag),
				mixed_);
			assertTrue(r > 0.98, "PhysNet's PPG moved by " + lag + " frames: r " + r);
			assertFalse(java.util.Arrays.equals(alone_, mixed_));
		}
	}

	@Test
	void aShareOutsideZeroToOneIsRefusedBeforeAnythingIsWritten(@TempDir final Path dir) throws Exception {
		for (final double w : new double[] { 1.5, -0.2 }) {
			final Run r = run("input", video, "output", dir.resolve("out").toFile(), "pos_weight", w);
			assertTrue(r.failure() != null && r.failure().getMessage().contains("is not a share between 0 and 1") && r
				.failure().getMessage().contains("pos_weight=0.5"), "" + r.failure());
			assertFalse(Files.exists(dir.resolve("out").resolve(ResultWriter.SUMMARY)));
		}
	}

	@Test
	void aGreyVideoIsReadFromPhysNetsPpgAloneAndTheLogSaysWhy(@TempDir final Path dir) throws Exception {
		final ImagePlus grey = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(128, 96).seconds(11).hrBpm(75)
			.seed(1), Progress.NONE).video();
		new StackConverter(grey).convertToGray8();
		final Path tif = dir.resolve("grey.tif");
		assertTrue(IJ.saveAsTiff(grey, tif.toString()));
		final Run r = run("input", tif.toFile(), "output", dir.resolve("out").toFile(), "fps", 30.0);
		assertEquals(null, r.failure(), "" + r.log());
		assertTrue(r.log().contains("PulseJ: grey — heart rate from PhysNet's PPG alone: POS has nothing to read (its " +
			"pictures are grey)"), "" + r.log());
		assertEquals(75, Double.parseDouble(ResultWriter.readSummary(dir.resolve("out").resolve(ResultWriter.SUMMARY))
			.get(0).get("hr_median_bpm")), 3.0);
	}

	/**
	 * The bundled model (YUV input) on a lamp rippling at 1.9 Hz reads the ripple (114 bpm for 64); read with
	 * POS, a PPG that is mostly the lamp is replaced by POS's for that video, and the log says so. With
	 * pos_weight=0 PhysNet's PPG stays, with the warning that its rate may be the lamp's.
	 */
	@Test
	void aYuvModelsPpgThatIsMostlyALampIsReplacedByPossAndSaid(@TempDir final Path dir) throws Exception {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(320, 240).seconds(30).hrBpm(64).pulseAmplitude(0.0015)
			.translationPx(3).flickerHz(1.9).flickerAmplitude(0.02).noiseSigma(3).driftFraction(0.05).jpegQuality(90)
			.seed(303), dir.toFile(), "lamp", false, Progress.NONE);
		final File lamp = dir.resolve("lamp.avi").toFile();
		final Run withPos = run("input", lamp, "output", dir.resolve("pos").toFile());
		assertEquals(null, withPos.failure(), "" + withPos.log());
		assertTrue(withPos.log().stream().anyMatch(l -> l.startsWith("PulseJ: lamp — the background's light flickers " +
			"in the heart-rate band (a lamp or screen) and explains ") && l.contains("% of the PPG of the model " +
				"physnet-default, whose input (YUV) does not cancel it: this video's PPG and heart rate are POS's")), "" +
					withPos.log());
		final java.util.Map<String, String> row = ResultWriter.readSummary(dir.resolve("pos").resolve(ResultWriter
			.SUMMARY)).get(0);
		assertEquals(64, Double.parseDouble(row.get("hr_median_bpm")), 1.5);
		assertEquals("PhysNet", row.get("method"));
		final Run alone = run("input", lamp, "output", dir.resolve("alone").toFile(), "pos_weight", 0.0);
		assertEquals(null, alone.failure(), "" + alone.log());
		assertTrue(alone.log().stream().anyMatch(l -> l.contains("may be the lamp's rate, not the heart's")), "" + alone
			.log());
		final java.util.Map<String, String> aloneRow = ResultWriter.readSummary(dir.resolve("alone").resolve(ResultWriter
			.SUMMARY)).get(0);
		assertEquals(114, Double.parseDouble(aloneRow.get("hr_median_bpm")), 3.0, "PhysNet's PPG alone reads the ripple");
		// the summary names the warning; the run that read POS's PPG instead has none of it
		assertTrue(aloneRow.get("warnings").contains(org.pulsej.results.VideoWarnings.LAMP), aloneRow.toString());
		assertFalse(row.get("warnings").contains(org.pulsej.results.VideoWarnings.LAMP), row.toString());
	}
}

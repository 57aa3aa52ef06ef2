package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.Main;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.nn.BundledModels;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** Train PhysNet → Estimate Heart Rate with method=PhysNet, headless, as a user would chain them. */
class PhysNetCommandsTest {

	@TempDir
	static Path data;

	final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	@BeforeAll
	static void videos() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		for (int i = 1; i <= 2; i++)
			SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(11).hrBpm(60 + 15 * i).seed(i), data
				.resolve("videos").toFile(), "v" + i, false, Progress.NONE);
	}

	int main(final String... args) {
		return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8)).run(args);
	}

	@Test
	void trainThenApplyAndRefuseToOverwriteTheModel(@TempDir final Path dir) throws Exception {
		// The engine starts on this thread; the command then trains on a SciJava pool thread, where
		// PyTorch's grad mode is on by default (a real Fiji situation that once broke the update step).
		org.pulsej.nn.Devices.engine();
		final Path model = dir.resolve("model");
		final String train = "input=[" + data.resolve("videos") + "] output=[" + model +
			"] epochs=1 size=32x32 width=8 batch=2 seed=3 companions=0";
		assertEquals(0, main("--run", "Train PhysNet", train), err.toString());
		assertTrue(Files.exists(model.resolve("model.json")) && Files.exists(model.resolve("physnet.params")));
		assertTrue(Files.size(model.resolve("training-loss.png")) > 0, "loss curve saved");
		// the default input: the z-scored colours and the face's appearance, every pixel as it is, recorded for
		// measuring
		final org.pulsej.nn.PhysNetConfig trained = org.pulsej.nn.PhysNetModel.readDescription(model).config();
		assertTrue(trained.appearance() && trained.channels() == 6 && !trained.skinFill(), trained.toString());
		final byte[] weights = Files.readAllBytes(model.resolve("physnet.params"));

		assertEquals(1, main("--run", "Train PhysNet", train), "an existing model is not overwritten");
		assertTrue(err.toString().contains("resume"), err.toString());
		assertTrue(java.util.Arrays.equals(weights, Files.readAllBytes(model.resolve("physnet.params"))));

		final Path results = dir.resolve("results");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + data.resolve("videos/v1.avi") + "] output=[" +
			results + "] method=PhysNet model=[" + model + "] plots=false"), err.toString());
		final Map<String, String> row = ResultWriter.readSummary(results.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals("PhysNet", row.get("method"));
		assertEquals("model", row.get("model"));
		final double hr = Double.parseDouble(row.get("hr_median_bpm"));
		assertTrue(hr >= 40 && hr <= 180, "a heart rate in the band: " + hr);
	}

	/**
	 * appearance=false trains on the paper's 3 channels, skin=true with what is not skin filled; the model
	 * records both and measures with them (and companions=1, a generated video trained on beside them).
	 */
	@Test
	void withoutTheAppearanceTheModelTakesThePapersThreeChannels(@TempDir final Path dir) throws Exception {
		final Path model = dir.resolve("model");
		assertEquals(0, main("--run", "Train PhysNet", "input=[" + data.resolve("videos") + "] output=[" + model +
			"] epochs=1 size=32x32 width=8 batch=2 seed=3 appearance=false skin=true companions=1"), err.toString());
		final org.pulsej.nn.ModelDescription d = org.pulsej.nn.PhysNetModel.readDescription(model);
		final org.pulsej.nn.PhysNetConfig trained = d.config();
		// the companion trained beside the two videos (filled as they are); the model counts the user's
		assertEquals(1, d.training().options().companions());
		assertEquals(2, d.training().videos());
		assertTrue(!trained.appearance() && trained.channels() == 3 && trained.skinFill(), trained.toString());
		assertEquals(org.pulsej.input.FaceVolumes.SKIN_FILLED + org.pulsej.nn.PhysNetConfig.Z_SCORE, trained
			.normalization());
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + data.resolve("videos/v1.avi") + "] output=[" +
			dir.resolve("results") + "] method=PhysNet model=[" + model + "] plots=false"), err.toString());
	}

	@Test
	void theTrainThenApplyMacroRunsHeadless(@TempDir final Path dir) throws Exception {
		assertEquals(0, main("--macro", Path.of("macros", "train_apply_physnet.ijm").toString(), "input=[" + data
			.resolve("videos") + "] output=[" + dir + "] epochs=1 size=32x32 width=8 batch=2 companions=0"), err.toString());
		assertTrue(Files.exists(dir.resolve("physnet-model/model.json")), "model trained");
		final java.util.List<Map<String, String>> rows = ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY));
		assertEquals(2, rows.size(), "both videos measured");
		for (final Map<String, String> row : rows) {
			assertEquals("PhysNet", row.get("method"));
			assertEquals("physnet-model", row.get("model"));
		}
	}

	@Test
	void aMissingModelFolderIsAClearError(@TempDir final Path dir) {
		assertEquals(1, main("--run", "Estimate Heart Rate", "input=[" + data.resolve("videos/v1.avi") + "] output=[" +
			dir + "] method=PhysNet model=[" + dir.resolve("nope") + "]"));
		assertTrue(err.toString().contains("nope"), err.toString());
	}

	@Test
	void theBundledModelWorksOutOfTheBox(@TempDir final Path dir) {
		assumeTrue(BundledModels.hasDefault(), "no bundled model in this build");
		assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + data.resolve("videos/v2.avi") + "] output=[" +
			dir + "] method=PhysNet plots=false model=[] confidence=[]"), err.toString()); // empty = not given
		final Map<String, String> row = ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)).get(0);
		assertEquals(BundledModels.DEFAULT, row.get("model"));
		System.out.println("bundled PhysNet on an unseen 90 bpm video: " + row.get("hr_median_bpm") + " bpm");
		assertEquals(90, Double.parseDouble(row.get("hr_median_bpm")), 3.0, "the bundled model finds the pulse");
	}

	@Test
	void theDefaultWindowOverlapReadsAsTheReferenceHalfWindowOverlap(@TempDir final Path dir) throws Exception {
		assumeTrue(BundledModels.hasDefault(), "no bundled model in this build");
		// 40 s: four windows at the default 2 s overlap (1.2x the frames through the network), seven at 5 s (2.1x)
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(128, 96).seconds(40).hrBpm(78).translationPx(2).seed(7),
			dir.toFile(), "long", false, Progress.NONE);
		final double[][] ppg = new double[2][];
		final double[] hr = new double[2];
		final String[] overlaps = { "overlap=5", "" };
		for (int k = 0; k < 2; k++) {
			final Path results = dir.resolve("out" + k);
			assertEquals(0, main("--run", "Estimate Heart Rate", "input=[" + dir.resolve("long.avi") + "] output=[" +
				results + "] method=PhysNet plots=false " + overlaps[k]), err.toString());
			hr[k] = Double.parseDouble(ResultWriter.readSummary(results.resolve(ResultWriter.SUMMARY)).get(0).get(
				"hr_median_bpm"));
			ppg[k] = Files.readAllLines(results.resolve("long_ppg.csv")).stream().skip(1).mapToDouble(l -> Double
				.parseDouble(l.split(",")[2])).toArray();
		}
		final double r = org.pulsej.signal.Metrics.pearson(ppg[0], ppg[1]);
		System.out.printf("bundled PhysNet, 40 s at 78 bpm: %.2f bpm with 5 s overlap, %.2f bpm with 2 s; PPG r = %.4f%n",
			hr[0], hr[1], r);
		assertEquals(1200, ppg[1].length);
		assertEquals(hr[0], hr[1], 0.5, "the same heart rate");
		assertEquals(78, hr[1], 3.0);
		assertTrue(r > 0.95, "nearly the same PPG: r = " + r);
	}
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

class PhysNetModelTest {

	@BeforeAll
	static void engine() {
		TestEngine.get();
	}

	/** A randomly initialised (untrained) model with the given window. */
	static PhysNetModel untrained(final PhysNetConfig c, final double fps, final int clipFrames, final long seed) {
		final NDManager m = TestEngine.get().newBaseManager();
		final Block b = PhysNet.build(c);
		PhysNet.initialize(b, m, c, seed);
		final ModelDescription d = new ModelDescription(ModelDescription.FORMAT, ModelDescription.FORMAT_VERSION, "test",
			"", ModelDescription.WEIGHTS, c.width(), c.inputHeight(), c.inputWidth(), c.channels(), c.colorSpace(), c
				.normalization(), PhysNetModel.IN_NETWORK_NORMALIZATION, fps, clipFrames / fps, clipFrames, 40, 180, PhysNet
					.parameterCount(c), null);
		return new PhysNetModel(b, m, d, "");
	}

	/** A model folder trained for 2 tiny epochs (so BatchNorm statistics are not the defaults). */
	private static Path trained(final Path dir, final List<FaceVolume> videos) {
		new ContrastiveTrainer().train(videos, ContrastiveTrainerTest.TINY, ContrastiveTrainerTest.tiny(), dir,
			Progress.NONE);
		return dir;
	}

	@Test
	void loadedModelReproducesTheTrainedNetworkExactly(@TempDir final Path dir) {
		// one video exactly one window long: predictPpg then runs the network once on the same clip the
		// trainer scored, so the IPR the trainer logged from its in-memory network must come out again
		final FaceVolume v = SyntheticFaces.standard().volume(75, 6, 10, 16, 3);
		final Path a = trained(dir.resolve("a"), List.of(v));
		final double[] y1;
		try (PhysNetModel m = PhysNetModel.load(a, "cpu")) {
			y1 = m.predictPpg(v, Progress.NONE);
			final double logged = m.description().training().selectedIpr();
			assertEquals(logged, PpgQuality.irrelevantPowerRatio(y1, 10, 40, 180), 1e-6);
			m.save(dir.resolve("b"));
		}
		try (PhysNetModel m = PhysNetModel.load(dir.resolve("b"), "auto")) {
			assertArrayEquals(y1, m.predictPpg(v, Progress.NONE), 0.0);
			assertTrue(m.deviceMessage().contains("CPU"), m.deviceMessage());
		}
	}

	@Test
	void trainsAndAppliesOnAThreadOtherThanTheEngines(@TempDir final Path dir) throws InterruptedException {
		// PyTorch records gradients by default on every thread but the one that loaded the engine (here the
		// test thread): the in-place optimiser step must not meet that, and applying must not record
		final FaceVolume v = SyntheticFaces.standard().volume(75, 6, 10, 16, 3);
		final Throwable[] failure = { null };
		final double[][] y = { null };
		final Thread other = new Thread(() -> {
			try (PhysNetModel m = PhysNetModel.load(trained(dir.resolve("m"), List.of(v)), "cpu")) {
				y[0] = m.predictPpg(v, Progress.NONE);
			}
			catch (final Throwable e) {
				failure[0] = e;
			}
		});
		other.start();
		other.join();
		assertNull(failure[0], () -> "failed on another thread: " + failure[0]);
		try (PhysNetModel m = PhysNetModel.load(dir.resolve("m"), "cpu")) {
			assertArrayEquals(m.predictPpg(v, Progress.NONE), y[0], 0.0);
		}
	}

	@Test
	void handlesVideosShorterThanAWindowAndRefusesTinyOnes() {
		final PhysNetConfig c = ContrastiveTrainerTest.TINY;
		try (PhysNetModel m = untrained(c, 10, 60, 1)) {
			for (final int frames : new int[] { 16, 17, 59, 60, 61, 150 }) {
				final FaceVolume v = SyntheticFaces.standard().volume(80, frames / 10.0, 10, 16, frames);
				final double[] y = m.predictPpg(v, Progress.NONE);
				assertEquals(frames, y.length);
				for (final double d : y)
					assertTrue(Double.isFinite(d));
			}
			final FaceVolume tiny = SyntheticFaces.standard().volume(80, 1.5, 10, 16, 1);
			final PulseJException e = assertThrows(PulseJException.class, () -> m.predictPpg(tiny, Progress.NONE));
			assertTrue(e.problem().contains("at least 16 frames"), e.getMessage());
			assertThrows(PulseJException.class, () -> m.predictPpg(FaceVolume.zeros(1, 100, 16, 16, 10), Progress.NONE));
		}
	}

	@Test
	void inputIsNotModified() {
		final FaceVolume v = SyntheticFaces.standard().volume(80, 12, 10, 20, 5);
		final float[] before = v.data().clone();
		try (PhysNetModel m = untrained(ContrastiveTrainerTest.TINY, 10, 60, 1)) {
			m.predictPpg(v, Progress.NONE);
		}
		assertArrayEquals(before, v.data());
	}

	@Test
	void overlapAddReproducesASignalEveryWindowReproduces() {
		final Random rnd = new Random(1);
		for (final int overlap : new int[] { 0, 8, 30 })
			for (final int n : new int[] { 60, 61, 89, 90, 91, 300, 313 }) {
				final double[] s = new double[n];
				for (int i = 0; i < n; i++)
					s[i] = Math.sin(i * 0.3) + rnd.nextGaussian();
				final PhysNetModel.Windows w = PhysNetModel.Windows.covering(n, 60, overlap);
				final int[] calls = { 0 };
				final double[] out = PhysNetModel.overlapAdd(n, w, w.border(5), start -> {
					calls[0]++;
					assertTrue(start >= 0 && start + w.length() <= n);
					return java.util.Arrays.copyOfRange(s, start, start + w.length());
				}, Progress.NONE);
				assertArrayEquals(s, out, 1e-12, "n=" + n + ", overlap " + overlap);
				assertEquals(w.count(), calls[0], "windows for n=" + n);
			}
		// windows that disagree are blended smoothly: the result stays between them
		final PhysNetModel.Windows two = PhysNetModel.Windows.covering(90, 60, 30);
		final double[] out = PhysNetModel.overlapAdd(90, two, two.border(5), start -> {
			final double[] y = new double[two.length()];
			java.util.Arrays.fill(y, start == 0 ? 0 : 1);
			return y;
		}, Progress.NONE);
		for (int i = 0; i < 90; i++)
			assertTrue(out[i] >= 0 && out[i] <= 1);
		assertEquals(0, out[10], 1e-12);
		assertEquals(1, out[80], 1e-12);
	}

	@Test
	void windowsCoverTheVideoWithTheAskedOverlapAndLittleExtraWork() {
		for (final int n : new int[] { 301, 333, 599, 900, 901, 1800, 9000, 18001 })
			for (final int overlap : new int[] { 0, 30, 60, 150, 400 }) {
				final PhysNetModel.Windows w = PhysNetModel.Windows.covering(n, 300, overlap);
				final String what = "n=" + n + ", overlap " + overlap + ": " + w.length() + " x " + java.util.Arrays
					.toString(w.starts());
				assertTrue(w.length() <= 300 && w.length() >= 150, what);
				assertEquals(0, w.starts()[0], what);
				assertEquals(n, w.starts()[w.count() - 1] + w.length(), "the last window ends at the end: " + what);
				assertTrue(w.minOverlap() >= Math.min(overlap, 150) - 1, what);
				// the fewest windows that can give that overlap
				final int o = Math.min(overlap, 150);
				assertEquals((int) Math.ceil((n - o) / (300.0 - o)), w.count(), what);
			}
		// the reference implementation's 50 % overlap: the same windows as it uses
		assertArrayEquals(new int[] { 0, 150, 300, 450, 600 }, PhysNetModel.Windows.covering(900, 300, 150).starts());
		// network work on a 10-minute video: 2 s overlap costs 1.25x the frames, 5 s twice
		final PhysNetModel.Windows twoS = PhysNetModel.Windows.covering(18000, 300, 60);
		final PhysNetModel.Windows half = PhysNetModel.Windows.covering(18000, 300, 150);
		assertEquals(1.25, twoS.count() * (double) twoS.length() / 18000, 0.02);
		assertEquals(2.0, half.count() * (double) half.length() / 18000, 0.02);
		// borders: a quarter of the overlap, at most 0.5 s (15 frames at 30 fps)
		assertEquals(15, twoS.border(15));
		assertEquals(15, half.border(15));
		assertEquals(7, PhysNetModel.Windows.covering(18000, 300, 30).border(15));
		assertEquals(0, PhysNetModel.Windows.covering(18000, 300, 0).border(15));
		// one window when the video fits
		assertEquals(1, PhysNetModel.Windows.covering(300, 300, 60).count());
		assertEquals(120, PhysNetModel.Windows.covering(120, 300, 60).length());
	}

	@Test
	void cancellingStopsApplying() {
		final Progress cancelled = TestProgress.cancelled();
		try (PhysNetModel m = untrained(ContrastiveTrainerTest.TINY, 10, 60, 1)) {
			final FaceVolume v = SyntheticFaces.standard().volume(80, 20, 10, 16, 5);
			assertThrows(java.util.concurrent.CancellationException.class, () -> m.predictPpg(v, cancelled));
		}
	}

	/**
	 * Bytes damaged inside the weights (not at the end: the file still loads) were read as NaN, and every PPG
	 * was refused as "The signal has the value NaN at frame 0" with a fix about missing frames.
	 */
	@Test
	void weightsDamagedInsideTheFileAreRefusedByName(@TempDir final Path dir) throws IOException {
		final Path good = trained(dir.resolve("good"), ContrastiveTrainerTest.tinyVideos(1));
		final byte[] b = Files.readAllBytes(good.resolve(ModelDescription.WEIGHTS));
		for (final byte fill : new byte[] { (byte) 0xff, 0x7f }) { // NaN; 3.4e38, a number but no weight
			final Path broken = copy(good, dir.resolve("broken" + fill));
			final byte[] d = b.clone();
			java.util.Arrays.fill(d, d.length / 2, d.length / 2 + 64, fill);
			Files.write(broken.resolve(ModelDescription.WEIGHTS), d);
			final PulseJException e = assertProblem(() -> PhysNetModel.load(broken, "cpu"), "are damaged: ");
			assertTrue(e.problem().contains(fill < 0 ? "holds NaN" : "holds 3.3"), e.getMessage());
		}
		// trained networks stay far below the limit
		try (PhysNetModel m = PhysNetModel.load(good, "cpu"); PhysNetModel bundled = PhysNetModel.load(Path.of("models",
			"physnet-default"), "cpu")) {
			assertTrue(m.largestWeight() < ModelFiles.MAX_WEIGHT / 1e4, "test model: " + m.largestWeight());
			assertTrue(bundled.largestWeight() < ModelFiles.MAX_WEIGHT / 1e4, "bundled: " + bundled.largestWeight());
		}
	}

	@Test
	void badModelFoldersGiveClearErrors(@TempDir final Path dir) throws IOException {
		final Path good = trained(dir.resolve("good"), ContrastiveTrainerTest.tinyVideos(1));

		assertProblem(() -> PhysNetModel.load(dir.resolve("missing"), "cpu"), "does not exist");
		Files.createDirectories(dir.resolve("empty"));
		assertProblem(() -> PhysNetModel.load(dir.resolve("empty"), "cpu"), "holds no model.json");
		final PulseJException inside = assertProblem(() -> PhysNetModel.load(good.resolve("checkpoint"), "cpu"),
			"inside the model folder");
		assertTrue(inside.problem().contains("checkpoint") && inside.fix().contains("model=" + good.toAbsolutePath()),
			inside.getMessage());
		// a file chosen in a file dialog, and a confidence model given as model= (both were "does not exist" or
		// "holds no model.json")
		for (final String file : new String[] { ModelDescription.FILE, ModelDescription.WEIGHTS }) {
			final PulseJException f = assertProblem(() -> PhysNetModel.load(good.resolve(file), "cpu"), "is a file, not " +
				"a folder");
			assertTrue(f.fix().contains("model=" + good.toAbsolutePath()), f.getMessage());
		}
		final Path confidence = Files.createDirectories(dir.resolve("confidence"));
		Files.writeString(confidence.resolve(ConfidenceModel.DESCRIPTION), "{}");
		final PulseJException swapped = assertProblem(() -> PhysNetModel.load(confidence, "cpu"), "holds a confidence " +
			"model");
		assertTrue(swapped.fix().contains("confidence=" + confidence), swapped.getMessage());

		final String json = Files.readString(good.resolve(ModelDescription.FILE));
		final Path broken = copy(good, dir.resolve("broken"));
		Files.writeString(broken.resolve(ModelDescription.FILE), json.substring(0, json.length() / 2));
		assertProblem(() -> PhysNetModel.load(broken, "cpu"), "is damaged (the file ends early)");
		final Path typed = copy(good, dir.resolve("typed"));
		final String wrongType = json.replaceFirst("\"fps\": [0-9.]+", "\"fps\": \"x\"");
		assertTrue(!wrongType.equals(json), json);
		Files.writeString(typed.resolve(ModelDescription.FILE), wrongType);
		assertProblem(() -> PhysNetModel.load(typed, "cpu"), "is damaged (\"fps\" is \"x\", not a number)");

		final Path newer = copy(good, dir.resolve("newer"));
		Files.writeString(newer.resolve(ModelDescription.FILE), json.replace("\"formatVersion\": 1",
			"\"formatVersion\": 2"));
		final PulseJException ne = assertProblem(() -> PhysNetModel.load(newer, "cpu"), "format version 2");
		assertTrue(ne.fix().contains("Update PulseJ"), ne.fix());
		final Path older = copy(good, dir.resolve("older"));
		Files.writeString(older.resolve(ModelDescription.FILE), json.replace("\"formatVersion\": 1",
			"\"formatVersion\": 0"));
		assertProblem(() -> PhysNetModel.load(older, "cpu"), "old format version 0");
		final Path other = copy(good, dir.resolve("other"));
		Files.writeString(other.resolve(ModelDescription.FILE), json.replace("pulsej-physnet", "something-else"));
		assertProblem(() -> PhysNetModel.load(other, "cpu"), "does not describe");
		// a newer format whose fields differ is still told to update PulseJ, not that the file is damaged
		Files.writeString(newer.resolve(ModelDescription.FILE), json.replace("\"formatVersion\": 1",
			"\"formatVersion\": 2").replaceFirst("\"fps\": [0-9.]+,", "\"fps\": {\"value\": 30},"));
		assertProblem(() -> PhysNetModel.load(newer, "cpu"), "format version 2");

		final byte[] params = Files.readAllBytes(good.resolve(ModelDescription.WEIGHTS));
		final Path truncated = copy(good, dir.resolve("truncated"));
		Files.write(truncated.resolve(ModelDescription.WEIGHTS), java.util.Arrays.copyOf(params, params.length / 2));
		assertProblem(() -> PhysNetModel.load(truncated, "cpu"), "is damaged");
		final Path garbage = copy(good, dir.resolve("garbage"));
		final byte[] junk = new byte[params.length];
		new Random(1).nextBytes(junk);
		Files.write(garbage.resolve(ModelDescription.WEIGHTS), junk);
		assertProblem(() -> PhysNetModel.load(garbage, "cpu"), "is damaged");
		final Path noWeights = copy(good, dir.resolve("noweights"));
		Files.delete(noWeights.resolve(ModelDescription.WEIGHTS));
		assertProblem(() -> PhysNetModel.load(noWeights, "cpu"), "is missing");
		// weights of another width than model.json says
		final Path mismatch = copy(good, dir.resolve("mismatch"));
		Files.writeString(mismatch.resolve(ModelDescription.FILE), json.replace("\"width\": 4", "\"width\": 6"));
		assertProblem(() -> PhysNetModel.load(mismatch, "cpu"), "do not fit the network model.json describes");

		// fields no PulseJ training writes: named as damage of the file, never as a training key or a memory need
		// each named by its key and the value found (they were "incomplete or inconsistent (weights ..., fps ...,
		// clip frames ...)" or "a number is written as ...", naming no key)
		final String[][] fields = { { "\"colorSpace\": \"[A-Za-z]+\"", "\"colorSpace\": \"XYZ\"", "is damaged (" },
			{ "\"inputHeight\": [0-9]+", "\"inputHeight\": 100000", "larger than any PulseJ trains: \"inputHeight\" 100000" },
			{ "\"clipSeconds\": [0-9.]+", "\"clipSeconds\": 0", "(\"clipSeconds\" is 0, but \"clipFrames\" " },
			{ "\"lowBpm\": [0-9.]+", "\"lowBpm\": 500", "(\"lowBpm\" 500 is not below \"highBpm\" 180)" },
			{ "\"highBpm\": [0-9.]+", "\"highBpm\": -3", "(\"highBpm\" is -3, not the upper edge" },
			{ "^\\[?", "[]", "no JSON object" },
			{ "\"width\": [0-9]+", "\"width\": null", "(\"width\" is null, not a number)" },
			{ "\"width\": [0-9]+", "\"width\": 4.5", "(\"width\" is 4.5, not a whole number)" },
			{ "\"clipFrames\": [0-9]+", "\"clipFrames\": 99999999999", "(\"clipFrames\" is 99999999999, too large" },
			{ "\"clipFrames\": [0-9]+", "\"clipFrames\": 30", "(\"clipFrames\" is 30, but a clip is a positive " +
				"multiple of 4 frames)" },
			{ "\"channels\": [0-9]+", "\"channels\": 0", "(\"channels\" is 0," },
			{ "\"fps\": [0-9.]+", "\"fps\": 0", "(\"fps\" is 0, not a frame rate" },
			{ "\"fps\": [0-9.]+", "\"fps\": \"30\"", "(\"fps\" is \"30\", not a number)" },
			{ "\"fps\": [0-9.]+,", "", "(it has no \"fps\" field)" },
			{ "\"weights\": \"[^\"]+\"", "\"weights\": \"../physnet.params\"", "(\"weights\" is \"../physnet.params\", " +
				"not the name of a weights file in the model folder" },
			{ "\"weights\": \"[^\"]+\"", "\"weights\": 5", "(\"weights\" is 5, not a text in quotes)" },
			{ "\"colorSpace\": \"[A-Za-z]+\"", "\"colorSpace\": [\"YUV\"]", "(\"colorSpace\" is [\"YUV\"], not a text" },
			{ "\"training\": \\{", "\"training\": 3, \"x\": {", "(\"training\" is 3, not an object" } };
		for (final String[] f : fields) {
			final Path bad = copy(good, dir.resolve("field" + f[1].hashCode()));
			final String changed = f[1].equals("[]") ? "[]" : json.replaceFirst(f[0], f[1]);
			assertTrue(!changed.equals(json), f[0] + " in " + json);
			Files.writeString(bad.resolve(ModelDescription.FILE), changed);
			final PulseJException e = assertProblem(() -> PhysNetModel.load(bad, "cpu"), f[2]);
			assertFalse(e.getMessage().matches("(?s).*(colors=|-Xmx|memory|BEGIN_OBJECT|Exception).*"), e.getMessage());
			assertTrue(e.fix().contains("train the model again"), e.fix());
		}

		// the good one still loads
		try (PhysNetModel m = PhysNetModel.load(good, "cpu")) {
			assertEquals(ContrastiveTrainerTest.TINY, m.description().config());
		}
	}

	private static PulseJException assertProblem(final org.junit.jupiter.api.function.Executable run,
		final String problem)
	{
		final PulseJException e = assertThrows(PulseJException.class, run);
		assertTrue(e.problem().contains(problem), e.getMessage());
		assertFalse(e.fix() == null || e.fix().isBlank(), "no fix in " + e.getMessage());
		return e;
	}

	private static Path copy(final Path from, final Path to) throws IOException {
		Files.createDirectories(to);
		for (final String f : new String[] { ModelDescription.FILE, ModelDescription.WEIGHTS })
			Files.copy(from.resolve(f), to.resolve(f));
		return to;
	}

	/**
	 * A model that sees the face's appearance records it in model.json (6 channels and its normalisation),
	 * loads back as such and measures a 6-channel volume; a model.json that pairs that normalisation with
	 * another channel count is refused as damaged, not run on the wrong input.
	 */
	@Test
	void aModelWithTheAppearanceChannelsRoundTripsAndAMismatchIsRefused(@TempDir final Path dir) throws IOException {
		final PhysNetConfig c = ContrastiveTrainerTest.TINY.withAppearance(true);
		assertEquals(6, c.channels());
		assertTrue(c.appearance());
		assertEquals(ContrastiveTrainerTest.TINY, c.withAppearance(false));
		final FaceVolume three = SyntheticFaces.standard().volume(80, 6, 10, 16, 2);
		final int n = three.frames(), plane = 16 * 16;
		final float[] data = new float[6 * n * plane];
		System.arraycopy(three.data(), 0, data, 0, three.data().length);
		final FaceVolume six = new FaceVolume(data, 6, n, 16, 16, 10);
		final Path m = dir.resolve("m");
		try (PhysNetModel model = untrained(c, 10, 60, 1)) {
			model.save(m);
		}
		try (PhysNetModel loaded = PhysNetModel.load(m, "cpu")) {
			assertTrue(loaded.description().config().appearance());
			assertEquals(org.pulsej.input.FaceVolumes.Z_SCORE_WITH_APPEARANCE, loaded.description().normalization());
			final double[] y = loaded.predictPpg(six, Progress.NONE);
			assertEquals(n, y.length);
			for (final double v : y)
				assertTrue(Double.isFinite(v));
		}
		final Path json = m.resolve(ModelDescription.FILE);
		final String text = Files.readString(json);
		assertTrue(text.matches("(?s).*\"channels\"\\s*:\\s*6.*"), text);
		Files.writeString(json, text.replaceAll("\"channels\"\\s*:\\s*6", "\"channels\": 3"));
		final PulseJException e = assertThrows(PulseJException.class, () -> PhysNetModel.load(m, "cpu"));
		assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("appearance channels has 6 channels"),
			e.getMessage());
	}
}

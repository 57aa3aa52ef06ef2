package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

/**
 * Training stays finite by construction, on any CPU: the values that made it go NaN on some machines
 * (silent or constant clips, near-zero and huge values, tiny networks at a high learning rate) are
 * provoked here directly instead of hoping that rounding hits them.
 */
class TrainingRobustnessTest {

	private static final double FPS = 30;

	@BeforeAll
	static void engine() {
		TestEngine.get();
	}

	/** Spectra and their gradients for views that are silent, constant, tiny, huge or ordinary. */
	@Test
	void spectraAndTheirGradientsAreFiniteForSilentTinyAndHugeViews() {
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 150);
		final Engine engine = TestEngine.get();
		final float[][] views = new float[6][150];
		Arrays.fill(views[1], 3.5f); // constant
		for (int t = 0; t < 150; t++) {
			final double s = Math.sin(2 * Math.PI * 1.2 * t / FPS);
			views[2][t] = (float) (1e-30 * s); // below float's normal range once squared
			views[3][t] = (float) (1e30 * s); // squares overflow float
			views[4][t] = (float) (7 + 1e-6 * s); // pulse far below the rounding of the offset
			views[5][t] = (float) (s + 0.3 * Math.sin(2 * Math.PI * 0.2 * t / FPS));
		}
		try (NDManager m = engine.newBaseManager()) {
			for (int i = 0; i < views.length; i++) {
				final NDArray x = m.create(views[i], new Shape(1, 150));
				x.setRequiresGradient(true);
				final float[] psd;
				try (GradientCollector gc = engine.newGradientCollector()) {
					final NDArray p = loss.normalizedPsd(x);
					psd = p.toFloatArray();
					// a weighted sum, so that the gradient is not zero by symmetry
					final float[] w = new float[psd.length];
					for (int k = 0; k < w.length; k++)
						w[k] = k % 3;
					gc.backward(p.mul(m.create(w, new Shape(w.length))).sum());
				}
				double sum = 0;
				for (final float v : psd) {
					assertTrue(Float.isFinite(v) && v >= 0, "view " + i + ": " + Arrays.toString(psd));
					sum += v;
				}
				assertEquals(1, sum, 1e-4, "view " + i + " sums to 1");
				for (final float g : x.getGradient().toFloatArray())
					assertTrue(Float.isFinite(g), "view " + i + " gradient " + g);
			}
			// a silent view: a flat spectrum over the band, not 0/0
			final float[] flat = loss.normalizedPsd(m.create(views[0], new Shape(1, 150))).toFloatArray();
			final float inBand = flat[6];
			for (int k = 0; k < flat.length; k++)
				assertTrue(flat[k] == 0 || Math.abs(flat[k] - inBand) < 1e-6, "bin " + k);
			// the ordinary view's spectrum peaks at 72 bpm (bin 6 of 12 bpm bins)
			final float[] ok = loss.normalizedPsd(m.create(views[5], new Shape(1, 150))).toFloatArray();
			assertTrue(ok[6] > 0.9, "peak " + ok[6]);
		}
	}

	/**
	 * The nuisance term: a PPG at the frequency of a nuisance rhythm pays about the weight, one
	 * elsewhere nothing; traces without a rhythm (constant, slow drift plus white jitter) cost nothing
	 * and pull the PPG nowhere.
	 */
	@Test
	void theNuisancePenaltyKeepsThePpgAwayFromANuisanceRhythmOnly() {
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 150);
		final int t = 300;
		final SplittableRandom rnd = new SplittableRandom(3);
		final float[] ppg = new float[t];
		final float[] same = new float[t], other = new float[t], flat = new float[t], drift = new float[t];
		for (int i = 0; i < t; i++) {
			ppg[i] = (float) Math.sin(2 * Math.PI * 1.2 * i / FPS);
			same[i] = (float) (3 * Math.sin(2 * Math.PI * 1.2 * i / FPS + 1) + 20 * Math.sin(2 * Math.PI * 0.2 * i / FPS));
			other[i] = (float) (0.01 * Math.sin(2 * Math.PI * 1.9 * i / FPS));
			flat[i] = 0.25f;
			// slow sway (0.23 Hz, 45 px) and the detector's jitter (0.5 px): no rhythm in the band
			drift[i] = (float) (45 * Math.sin(2 * Math.PI * 0.23 * i / FPS) + 0.5 * rnd.nextGaussian());
		}
		final Engine engine = TestEngine.get();
		try (NDManager m = engine.newBaseManager()) {
			final float[][] traces = { same, other, flat, drift };
			final double[] penalty = new double[traces.length];
			for (int k = 0; k < traces.length; k++) {
				final NDArray y = m.create(ppg, new Shape(1, t));
				y.setRequiresGradient(true);
				try (GradientCollector gc = engine.newGradientCollector()) {
					final NDArray p = new ContrastiveTrainer.Nuisance(traces[k], 1, 0.5).penalty(loss, y, m);
					penalty[k] = p.getFloat();
					gc.backward(p);
				}
				for (final float g : y.getGradient().toFloatArray())
					assertTrue(Float.isFinite(g));
			}
			assertTrue(penalty[0] > 0.25, "same frequency: " + penalty[0]);
			assertTrue(penalty[1] < 0.005, "another frequency: " + penalty[1]);
			assertEquals(0, penalty[2], 0, "constant");
			assertTrue(penalty[3] < 0.005, "drift and jitter: " + penalty[3]);
			// the prominence of a pure 1.9 Hz rhythm sits at 1.9 Hz (bin 19 of 0.1 Hz bins)
			final float[] q = ContrastiveTrainer.Nuisance.prominence(other, 1, 1, t, loss.bandMaskFor(t));
			int peak = 0;
			for (int f = 0; f < q.length; f++)
				if (q[f] > q[peak]) peak = f;
			assertEquals(19, peak);
			assertEquals(0, q[12], "nothing at 1.2 Hz");
		}
	}

	/** A small network, its parameters made trainable, and everything a step needs. */
	private static final class Rig implements AutoCloseable {

		final NDManager manager = TestEngine.get().newBaseManager();
		final PhysNetConfig config;
		final Block net;
		final PairList<String, Parameter> params;
		final ParameterStore ps = new ParameterStore(manager, false);
		final AdamW adamW;
		final TrainingGuard guard;
		final MultiViewTripletLoss loss = new MultiViewTripletLoss(FPS, 4, 40);

		Rig(final PhysNetConfig config, final double lr) {
			this.config = config;
			net = PhysNet.build(config);
			PhysNet.initialize(net, manager, config, 5);
			params = PhysNet.collectGradients(net);
			adamW = new AdamW(manager, lr, 0.01);
			guard = new TrainingGuard(net);
		}

		ContrastiveTrainer.StepResult step(final float[] batch, final int b, final int t, final long seed,
			final boolean diagnose)
		{
			return ContrastiveTrainer.step(TestEngine.get(), net, ps, manager, adamW, params, loss, guard, batch, new Shape(
				b, config.channels(), t, config.inputHeight(), config.inputWidth()), FrequencyResampler.negativeLength(t,
					0.72), new SplittableRandom(seed), diagnose, null);
		}

		/** Every parameter (trainable or not, BatchNorm running statistics included) as floats. */
		List<float[]> snapshot() {
			final List<float[]> s = new ArrayList<>();
			for (final Pair<String, Parameter> e : params)
				s.add(e.getValue().getArray().toFloatArray());
			return s;
		}

		@Override
		public void close() {
			manager.close();
		}
	}

	static float[] clip(final int b, final int t, final int h, final int w, final double bpm, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final float[] x = new float[b * 3 * t * h * w];
		for (int i = 0; i < x.length; i++) {
			final int frame = i / (h * w) % t;
			x[i] = (float) (0.5 + 0.01 * Math.sin(2 * Math.PI * bpm / 60 * frame / FPS) + 0.002 * rnd.nextDouble());
		}
		return x;
	}

	@Test
	void aStepWithNonFiniteValuesChangesNothingAndTheNextStepIsAsIfItNeverHappened() {
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		final float[] good = clip(2, 80, 16, 16, 80, 1);
		final float[] bad = good.clone();
		bad[1234] = Float.NaN;
		final List<float[]> reference;
		final float referenceLoss;
		try (Rig r = new Rig(c, 1e-2)) {
			final ContrastiveTrainer.StepResult s = r.step(good, 2, 80, 9, false);
			assertFalse(s.skipped(), () -> "a finite clip was skipped: " + s.cause());
			referenceLoss = s.loss();
			reference = r.snapshot();
		}
		try (Rig r = new Rig(c, 1e-2)) {
			final List<float[]> before = r.snapshot();
			final ContrastiveTrainer.StepResult s = r.step(bad, 2, 80, 9, false);
			assertTrue(s.skipped());
			assertEquals("the anchor input clip", s.cause());
			final List<float[]> after = r.snapshot();
			for (int i = 0; i < before.size(); i++)
				assertArrayEquals(before.get(i), after.get(i), "parameter " + r.params.get(i).getKey() +
					" (weights and BatchNorm running statistics) unchanged by a skipped step");
			for (final Pair<String, Parameter> e : r.params)
				if (e.getValue().requiresGradient()) for (final float g : e.getValue().getArray().getGradient()
					.toFloatArray())
					assertEquals(0f, g, "gradients zeroed after a skipped step");
			assertEquals(0, r.adamW.steps(), "AdamW saw nothing");
			// the next finite step gives exactly what it gives on a network that never saw the bad one
			final ContrastiveTrainer.StepResult next = r.step(good, 2, 80, 9, false);
			assertFalse(next.skipped());
			assertEquals(referenceLoss, next.loss(), 0f);
			final List<float[]> now = r.snapshot();
			for (int i = 0; i < now.size(); i++)
				assertArrayEquals(reference.get(i), now.get(i), "parameter " + r.params.get(i).getKey());
		}
	}

	@Test
	void diagnosisNamesTheFirstLayerThatGoesNonFinite() {
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		try (Rig r = new Rig(c, 1e-3)) {
			// an infinite weight in the second (3,3,3) convolution: every value after it is non-finite
			final ai.djl.nn.BlockList layers = r.net.getChildren();
			final String conv = layers.get(5).getKey();
			assertTrue(conv.contains("Conv3d"), conv);
			final NDArray w = layers.get(5).getValue().getParameters().get("weight").getArray();
			final float[] v = w.toFloatArray();
			v[5] = Float.POSITIVE_INFINITY;
			w.set(v);
			final ContrastiveTrainer.StepResult s = r.step(clip(2, 80, 16, 16, 80, 1), 2, 80, 1, true);
			assertTrue(s.skipped());
			assertEquals("layer 6 (" + conv + ") of the anchor branch", s.cause());
			// without the diagnostic mode the failed step is diagnosed too
			final ContrastiveTrainer.StepResult t = r.step(clip(2, 80, 16, 16, 80, 1), 2, 80, 1, false);
			assertTrue(t.skipped());
			assertEquals(s.cause(), t.cause());
		}
	}

	@Test
	void gradientsAreClippedToTheMaximumNorm() {
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		try (Rig r = new Rig(c, 1e-3)) {
			final ContrastiveTrainer.StepResult s = r.step(clip(2, 80, 16, 16, 80, 3), 2, 80, 1, false);
			assertFalse(s.skipped());
			assertTrue(Double.isFinite(s.gradientNorm()) && s.gradientNorm() > 0, "norm " + s.gradientNorm());
		}
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 1);
			final PairList<String, Parameter> params = PhysNet.collectGradients(net);
			// gradients of the sum of all weights times 1000: norm = 1000·√(count)
			try (GradientCollector gc = TestEngine.get().newGradientCollector()) {
				NDArray sum = null;
				for (final Pair<String, Parameter> e : params)
					if (e.getValue().requiresGradient()) {
						final NDArray s = e.getValue().getArray().sum().mul(1000);
						sum = sum == null ? s : sum.add(s);
					}
				gc.backward(sum);
			}
			final double norm = TrainingGuard.gradientNorm(params);
			assertEquals(1000 * Math.sqrt(PhysNet.parameterCount(net)), norm, norm * 1e-6);
			TrainingGuard.scaleGradients(params, TrainingGuard.MAX_GRADIENT_NORM / norm);
			assertEquals(TrainingGuard.MAX_GRADIENT_NORM, TrainingGuard.gradientNorm(params), 1e-4);
		}
	}

	/** Frames that never change: every clip is constant in time, so every view of the PPG is silent. */
	@Test
	void constantVideosTrainToFiniteWeightsAndValidJson(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> videos = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			final FaceVolume v = FaceVolume.zeros(3, 120, 16, 16, 15);
			for (int k = 0; k < v.data().length; k++)
				v.data()[k] = i == 0 ? 0.5f : (k % 7) * 1e-3f; // constant in time (the pattern repeats per frame)
			videos.add(v);
		}
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		final TrainOptions o = TrainOptions.paper().withEpochs(2).withClip(6, 3).withBatchSize(2).withLearningRate(0.05)
			.withDevice("cpu").withSeed(3);
		final TrainingReport r = new ContrastiveTrainer().train(videos, c, o, dir, Progress.NONE);
		assertEquals(2, r.epochsCompleted());
		for (final TrainingReport.EpochStats e : r.epochs())
			assertTrue(Double.isFinite(e.loss()) && Double.isFinite(e.ipr()), e.toString());
		assertModelIsFinite(dir);
	}

	/** A tiny network (16×16 input, width 4, and 32×32 width 8) at learning rates far too high. */
	@Test
	void tinyNetworksAtHighLearningRatesStayFinite(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> videos = ContrastiveTrainerTest.tinyVideos(2);
		for (final double lr : new double[] { 0.05, 0.5 }) {
			final Path model = dir.resolve("lr" + lr);
			final TrainOptions o = ContrastiveTrainerTest.tiny().withEpochs(4).withSamplesPerEpoch(4).withLearningRate(lr);
			final TrainingReport r = new ContrastiveTrainer().train(videos, ContrastiveTrainerTest.TINY, o, model,
				Progress.NONE);
			assertEquals(4, r.epochsCompleted());
			assertModelIsFinite(model);
		}
		final List<FaceVolume> big = new ArrayList<>();
		for (int i = 0; i < 2; i++)
			big.add(SyntheticFaces.standard().volume(70 + 15 * i, 10, 10, 32, 50 + i));
		final Path model = dir.resolve("w8");
		final TrainOptions o = ContrastiveTrainerTest.tiny().withEpochs(3).withSamplesPerEpoch(4).withLearningRate(0.2);
		new ContrastiveTrainer().train(big, new PhysNetConfig(8, 32, 32, 3, null, null), o, model, Progress.NONE);
		assertModelIsFinite(model);
	}

	@Test
	void aVideoOfNonFiniteValuesStopsTheTrainingNamingTheInput(@TempDir final Path dir) {
		final FaceVolume v = SyntheticFaces.standard().volume(70, 10, 10, 16, 40);
		Arrays.fill(v.data(), Float.NaN);
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		final PulseJException e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(List.of(v),
			ContrastiveTrainerTest.TINY, ContrastiveTrainerTest.tiny().withEpochs(3).withSamplesPerEpoch(
				2 * TrainingGuard.MAX_SKIPPED_IN_A_ROW), dir.resolve("new/model"), rec));
		assertTrue(e.getMessage().contains(TrainingGuard.MAX_SKIPPED_IN_A_ROW + " steps in a row") && e.getMessage()
			.contains("input clip"), e.getMessage());
		assertTrue(e.fix().contains("NaN"), e.fix());
		assertEquals(TrainingGuard.MAX_SKIPPED_IN_A_ROW, rec.messages.stream().filter(m -> m.contains("skipped:")).count());
		// it stopped before its first checkpoint: the folders it made for the model and its checkpoint are gone again
		assertFalse(Files.exists(dir.resolve("new")), "the empty folders are left");
	}

	@Test
	void aFailedTrainingLeavesAFolderThatExistedAndWhatWasInIt(@TempDir final Path dir) throws IOException {
		final FaceVolume v = SyntheticFaces.standard().volume(70, 10, 10, 16, 40);
		Arrays.fill(v.data(), Float.NaN);
		final Path model = Files.createDirectories(dir.resolve("model"));
		Files.createDirectories(model.resolve("notes"));
		Files.writeString(model.resolve("readme.txt"), "mine");
		assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(List.of(v), ContrastiveTrainerTest.TINY,
			ContrastiveTrainerTest.tiny().withEpochs(1).withSamplesPerEpoch(2 * TrainingGuard.MAX_SKIPPED_IN_A_ROW), model,
			new ContrastiveTrainerTest.Recorder()));
		assertEquals("mine", Files.readString(model.resolve("readme.txt")));
		assertTrue(Files.isDirectory(model.resolve("notes")), "a folder of the user's, empty, is kept");
		assertFalse(Files.exists(model.resolve(ContrastiveTrainer.CHECKPOINT_DIR)), "the empty checkpoint folder is left");
	}

	@Test
	void theTimeBudgetAndPatienceEndTheTrainingEarlyAndSaySo(@TempDir final Path dir) {
		final List<FaceVolume> videos = ContrastiveTrainerTest.tinyVideos(2);
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		// a budget shorter than one epoch: the first epoch runs, no second one starts
		final TrainingReport r = new ContrastiveTrainer().train(videos, ContrastiveTrainerTest.TINY, ContrastiveTrainerTest
			.tiny().withEpochs(5).withBudget(1e-5, 0), dir.resolve("budget"), rec);
		assertEquals(1, r.epochsCompleted());
		assertTrue(r.stopReason().contains("time budget"), r.stopReason());
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("Training stopped after epoch 1: the time budget")),
			rec.messages.toString());
		// patience 1: training goes on only while the last epoch was the best so far
		final TrainingReport p = new ContrastiveTrainer().train(videos, ContrastiveTrainerTest.TINY, ContrastiveTrainerTest
			.tiny().withEpochs(8).withSamplesPerEpoch(2).withBudget(0, 1), dir.resolve("patience"), Progress.NONE);
		double best = Double.POSITIVE_INFINITY;
		int bestEpoch = 0;
		for (final TrainingReport.EpochStats e : p.epochs()) {
			assertTrue(e.epoch() - 1 == bestEpoch, "epoch " + e.epoch() + " ran although epoch " + bestEpoch +
				" was the best and patience is 1: " + p.epochs());
			if (e.ipr() < best) {
				best = e.ipr();
				bestEpoch = e.epoch();
			}
		}
		assertEquals(bestEpoch, p.selectedEpoch());
		if (p.epochsCompleted() < 8) assertTrue(p.stopReason().contains("not improved for 1 epoch ("), p.stopReason());
		else assertNull(p.stopReason());
	}

	/** Training with the nuisance term reads each clip's traces, says so, and is part of what resume checks. */
	@Test
	void nuisanceTrainingRunsAndResumeNeedsTheSameWeight(@TempDir final Path dir) {
		final List<FaceVolume> videos = ContrastiveTrainerTest.tinyVideos(2);
		for (final FaceVolume v : videos) {
			final float[][] n = new float[2][v.frames()];
			for (int t = 0; t < v.frames(); t++) {
				n[0][t] = (float) Math.sin(2 * Math.PI * 1.5 * t / v.fps());
				n[1][t] = 0.3f;
			}
			v.withNuisance(n);
		}
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		final TrainOptions o = ContrastiveTrainerTest.tiny().withNuisanceWeight(0.1);
		final TrainingReport r = new ContrastiveTrainer().train(videos, ContrastiveTrainerTest.TINY, o, dir, rec);
		assertEquals(2, r.epochsCompleted());
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("Nuisance term (weight 0.100)") && m.contains(
			"2 motion/background trace(s)")), rec.messages.toString());
		final PulseJException e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(videos,
			ContrastiveTrainerTest.TINY, o.withNuisanceWeight(0.2).withEpochs(3).withResume(true), dir, Progress.NONE));
		assertTrue(e.getMessage().contains("other settings"), e.getMessage());
	}

	/** model.json is strict JSON (no NaN), and the selected weights give a finite PPG. */
	static void assertModelIsFinite(final Path dir) throws IOException {
		final String json = Files.readString(dir.resolve(ModelDescription.FILE), StandardCharsets.UTF_8);
		final JsonReader strict = new JsonReader(new StringReader(json));
		strict.setLenient(false);
		JsonParser.parseReader(strict);
		assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
		try (PhysNetModel m = PhysNetModel.load(dir, "cpu")) {
			final double[] ppg = m.predictPpg(SyntheticFaces.standard().volume(80, 12, 10, 16, 77), Progress.NONE);
			for (final double v : ppg)
				assertTrue(Double.isFinite(v), "PPG value " + v);
		}
	}
}

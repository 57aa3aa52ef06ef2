package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.input.FaceVolume;
import org.pulsej.util.Progress;

class ContrastPhysLossTest {

	private static final double FPS = 30;
	private static final int N = 300, VIEW = 150, R = 4;

	/** {@code B × R × N}: region r of clip b a sine at {@code bpm[b][r]} plus white noise. */
	private static float[] regions(final double[][] bpm, final double noise, final long seed) {
		final Random rnd = new Random(seed);
		final float[] y = new float[bpm.length * R * N];
		for (int b = 0; b < bpm.length; b++)
			for (int r = 0; r < R; r++) {
				final double phase = rnd.nextDouble() * 2 * Math.PI;
				for (int t = 0; t < N; t++)
					y[(b * R + r) * N + t] = (float) (Math.sin(2 * Math.PI * bpm[b][r] / 60 * t / FPS + phase) + noise * rnd
						.nextGaussian());
			}
		return y;
	}

	private static double[][] same(final double... bpm) {
		final double[][] out = new double[bpm.length][];
		for (int b = 0; b < bpm.length; b++)
			out[b] = new double[] { bpm[b], bpm[b], bpm[b], bpm[b] };
		return out;
	}

	private static double[][] scale(final double[][] bpm, final double f) {
		final double[][] out = new double[bpm.length][R];
		for (int b = 0; b < bpm.length; b++)
			for (int r = 0; r < R; r++)
				out[b][r] = bpm[b][r] * f;
		return out;
	}

	/** The loss for anchors at {@code bpm}, positives the same, negatives at 0.72× the rate. */
	private static double loss(final NDManager m, final double[][] bpm, final int[] videos, final boolean across) {
		final int b = bpm.length;
		final NDArray a = m.create(regions(bpm, 0.05, 1), new Shape(b, R, N));
		final NDArray p = m.create(regions(same(column(bpm)), 0.05, 2), new Shape(b, R, N));
		final NDArray n = m.create(regions(scale(same(column(bpm)), 0.72), 0.05, 3), new Shape(b, R, N));
		return new ContrastPhysLoss(FPS, 4, VIEW, across).compute(a, p, n, videos, new java.util.SplittableRandom(4))
			.getFloat();
	}

	private static double[] column(final double[][] bpm) {
		final double[] c = new double[bpm.length];
		for (int b = 0; b < bpm.length; b++)
			c[b] = bpm[b][0];
		return c;
	}

	@Test
	void regionsThatAgreeCostLessThanRegionsThatDoNot() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final double agree = loss(m, same(72, 96), null, false);
			final double[][] split = { { 72, 150, 72, 150 }, { 96, 50, 96, 50 } }; // a nuisance in half the face
			final double disagree = loss(m, split, null, false);
			assertTrue(agree < 0, "one pulse everywhere, far from the negative: " + agree);
			assertTrue(disagree > agree + 0.002, "regions at other rates are not the same pulse: " + agree + " vs " +
				disagree);
		}
	}

	@Test
	void clipsOfOtherVideosAtTheSameRateArePushedApartOnlyWhenAskedAndOnlyAcrossVideos() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final double[][] twins = same(72, 72);
			final double[][] apart = same(72, 120);
			final double without = loss(m, twins, new int[] { 0, 1 }, false);
			final double twinsAcross = loss(m, twins, new int[] { 0, 1 }, true);
			final double apartAcross = loss(m, apart, new int[] { 0, 1 }, true);
			final double sameVideo = loss(m, twins, new int[] { 3, 3 }, true);
			assertTrue(twinsAcross > without + 0.002, "two videos at one rate look alike: " + without + " vs " +
				twinsAcross);
			assertTrue(apartAcross < twinsAcross - 0.002, "videos at different rates are apart: " + apartAcross + " vs " +
				twinsAcross);
			assertEquals(without, sameVideo, 1e-6, "clips of one video are never negatives");
		}
	}

	@Test
	void silentConstantAndHugeRegionsGiveFiniteLossAndGradients() {
		final Engine engine = TestEngine.get();
		final float[] silent = new float[2 * R * N], constant = new float[2 * R * N], huge = regions(same(70, 90), 0.1, 5);
		java.util.Arrays.fill(constant, 7f);
		for (int i = 0; i < huge.length; i++)
			huge[i] *= 1e30f;
		for (final float[] c : new float[][] { silent, constant, huge })
			try (NDManager m = engine.newBaseManager()) {
				final NDArray y = m.create(c, new Shape(2, R, N));
				y.setRequiresGradient(true);
				final NDArray l;
				try (GradientCollector gc = engine.newGradientCollector()) {
					l = new ContrastPhysLoss(FPS, 4, VIEW, true).compute(y, y, y.get(":, :, :200"), new int[] { 0, 1 },
						new java.util.SplittableRandom(6));
					gc.backward(l);
				}
				assertTrue(Float.isFinite(l.getFloat()), "loss " + l.getFloat() + " for input " + c[0]);
				for (final float g : y.getGradient().toFloatArray())
					assertTrue(Float.isFinite(g), "gradient " + g + " for input " + c[0]);
			}
	}

	@Test
	void theMeanOfTheRegionPpgsIsThePpg() {
		for (final int size : new int[] { 64, 16 }) // 16: a 1×1 feature map, the grid shrinks to it
			try (NDManager m = TestEngine.get().newBaseManager()) {
				final PhysNetConfig c = new PhysNetConfig(4, size, size, 3, null, null);
				final Block net = PhysNet.build(c);
				PhysNet.initialize(net, m, c, 11);
				final ParameterStore ps = new ParameterStore(m, false);
				final Random rnd = new Random(12);
				final float[] x = new float[2 * 3 * 30 * size * size];
				for (int i = 0; i < x.length; i++)
					x[i] = (float) rnd.nextGaussian();
				final NDArray in = m.create(x, new Shape(2, 3, 30, size, size)); // 30: padded to 32 and cropped back
				final NDArray regions = PhysNet.forwardRegions(net, ps, in, false, ContrastPhysLoss.GRID);
				final NDArray ppg = PhysNet.forward(net, ps, in, false);
				final int r = size == 64 ? 4 : 1;
				assertEquals(new Shape(2, r, 30), regions.getShape());
				final float[] mean = regions.mean(new int[] { 1 }).toFloatArray(), want = ppg.toFloatArray();
				double scale = 0;
				for (final float v : want)
					scale = Math.max(scale, Math.abs(v));
				for (int i = 0; i < want.length; i++)
					assertEquals(want[i], mean[i], 1e-4 * Math.max(1, scale), "sample " + i + " of size " + size);
				if (size == 64) {
					final float[] v = regions.toFloatArray();
					boolean differ = false;
					for (int t = 0; t < 30; t++)
						differ |= Math.abs(v[t] - v[30 + t]) > 1e-6;
					assertTrue(differ, "the regions see different parts of the face");
				}
			}
	}

	@Test
	void trainingWithTheSpatialLossGivesAFiniteModel(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> videos = new java.util.ArrayList<>();
		for (int i = 0; i < 2; i++)
			videos.add(SyntheticFaces.standard().volume(70 + 15 * i, 10, 10, 32, 60 + i));
		final TrainOptions o = ContrastiveTrainerTest.tiny().withEpochs(2).withSamplesPerEpoch(4).withLoss(
			TrainOptions.Loss.SPATIAL);
		final TrainingReport r = new ContrastiveTrainer().train(videos, new PhysNetConfig(4, 32, 32, 3, null, null), o,
			dir, Progress.NONE);
		assertEquals(2, r.epochsCompleted());
		for (final TrainingReport.EpochStats e : r.epochs())
			assertTrue(Double.isFinite(e.loss()) && e.skipped() == 0, e.toString());
		TrainingRobustnessTest.assertModelIsFinite(dir);
		assertTrue(java.nio.file.Files.readString(dir.resolve("model.json")).contains("SPATIAL"),
			"model.json records the loss");
	}
}

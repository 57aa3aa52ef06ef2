package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Training gradients are right with the engine's 2 threads, whatever the allocator's memory held
 * before. On a 2-core AVX-512 CPU oneDNN's backward pass of plain-layout convolutions gave weight
 * gradients 70–270 % off (NaN where freed memory held NaN): PhysNet's time convolutions after the
 * upsampling and the confidence network's 1-D convolutions. Both now run channels-last; these
 * tests compare with a 1-thread run, a float64 computation and finite differences, after filling
 * freed memory with NaN.
 */
class ConvolutionGradientTest {

	/** Allocates and frees NaN-filled tensors of many sizes, so that later tensors may reuse that memory. */
	private static void poisonFreedMemory() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			for (int i = 0; i < 200; i++)
				m.full(new Shape(1 + i * 7919L % (1 << 18)), Float.NaN).close();
		}
	}

	private static <T> T withThreads(final int threads, final Supplier<T> run) {
		final int before = JniUtils.getNumThreads();
		JniUtils.setNumThreads(threads);
		try {
			return run.get();
		}
		finally {
			JniUtils.setNumThreads(before);
		}
	}

	/** Largest |a − b| over the largest |b|. */
	private static double relative(final float[] a, final float[] b) {
		double d = 0, n = 0;
		for (int i = 0; i < a.length; i++) {
			d = Math.max(d, Math.abs(a[i] - (double) b[i]));
			n = Math.max(n, Math.abs(b[i]));
		}
		return d / n;
	}

	/** The confidence network's stack of convolutions (ELU, last one sigmoid) and its weight gradients. */
	private static List<float[]> confidenceGradients(final DataType type, final boolean poison) {
		if (poison) poisonFreedMemory();
		try (NDManager m = TestEngine.get().newBaseManager()) {
			m.getEngine().setRandomSeed(3);
			final NDArray x = m.randomUniform(0, 1, new Shape(4, ConfidenceModel.CHANNELS, 128)).toType(type, false);
			final List<NDArray> ws = new ArrayList<>();
			long c = ConfidenceModel.CHANNELS;
			for (int i = 0; i < ConfidenceModel.CONVOLUTIONS; i++) {
				final long o = i == ConfidenceModel.CONVOLUTIONS - 1 ? 1 : ConfidenceModel.HIDDEN;
				final NDArray w = m.randomNormal(0, 0.1f, new Shape(o, c, ConfidenceModel.KERNEL), DataType.FLOAT32).toType(
					type, false);
				final NDArray b = m.zeros(new Shape(o), type);
				w.setRequiresGradient(true);
				b.setRequiresGradient(true);
				ws.add(w);
				ws.add(b);
				c = o;
			}
			try (GradientCollector gc = TestEngine.get().newGradientCollector()) {
				NDArray y = x;
				for (int i = 0; i < ConfidenceModel.CONVOLUTIONS; i++) {
					// float64 takes PyTorch's own convolution (oneDNN computes float32 only): the reference
					y = type == DataType.FLOAT64 ? Conv1d.conv1d(y, ws.get(2 * i), ws.get(2 * i + 1), new Shape(1), new Shape(
						ConfidenceModel.KERNEL / 2), new Shape(1)).singletonOrThrow() : ChannelsLastSequential.conv1d(y, ws
							.get(2 * i), ws.get(2 * i + 1));
					y = i == ConfidenceModel.CONVOLUTIONS - 1 ? y.getNDArrayInternal().sigmoid() : y.getNDArrayInternal().elu(
						1f);
				}
				gc.backward(y.sub(0.3f).abs().sum());
			}
			final List<float[]> out = new ArrayList<>();
			for (int i = 0; i < ws.size(); i += 2)
				out.add(ws.get(i).getGradient().toType(DataType.FLOAT32, false).toFloatArray());
			return out;
		}
	}

	@Test
	void confidenceConvolutionsGiveTheFloat64GradientsWithTwoThreads() {
		final List<float[]> reference = confidenceGradients(DataType.FLOAT64, false);
		for (final boolean poison : new boolean[] { false, true }) {
			final List<float[]> g = withThreads(2, () -> confidenceGradients(DataType.FLOAT32, poison));
			for (int k = 0; k < g.size(); k++)
				assertTrue(relative(g.get(k), reference.get(k)) < 1e-4, "layer " + k + " (freed memory NaN: " + poison +
					"): " + relative(g.get(k), reference.get(k)));
		}
	}

	@Test
	void theConfidenceBlockComputesWhatConv1dComputes() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray x = m.randomUniform(-1, 1, new Shape(2, 5, 37));
			final NDArray w = m.randomUniform(-1, 1, new Shape(3, 5, 5));
			final NDArray b = m.randomUniform(-1, 1, new Shape(3));
			final float[] expected = Conv1d.conv1d(x, w, b, new Shape(1), new Shape(2), new Shape(1)).singletonOrThrow()
				.toFloatArray();
			final NDArray y = ChannelsLastSequential.conv1d(x, w, b);
			assertEquals(new Shape(2, 3, 37), y.getShape());
			assertTrue(relative(y.toFloatArray(), expected) < 1e-6);
		}
	}

	/** PhysNet's gradients of mean(PPG²) for a fixed clip; with {@code probe} ≥ 0 also a finite difference of that first-layer weight. */
	private static List<float[]> physNetGradients(final boolean poison, final int probe, final double[] finiteDifference) {
		if (poison) poisonFreedMemory();
		final int b = 2, t = 80, hw = 16;
		final PhysNetConfig c = new PhysNetConfig(4, hw, hw, 3, null, null);
		try (NDManager manager = TestEngine.get().newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, manager, c, 5);
			final PairList<String, Parameter> params = PhysNet.collectGradients(net);
			final ParameterStore ps = new ParameterStore(manager, false);
			final NDArray x = manager.create(TrainingRobustnessTest.clip(b, t, hw, hw, 80, 1), new Shape(b, 3, t, hw, hw));
			try (GradientCollector gc = TestEngine.get().newGradientCollector()) {
				gc.backward(PhysNet.forward(net, ps, x, true).square().mean());
			}
			final List<float[]> out = new ArrayList<>();
			for (int i = 0; i < params.size(); i++) {
				final Parameter p = params.get(i).getValue();
				// a convolution's bias before a BatchNorm has a gradient of 0 up to rounding: nothing to compare
				if (p.requiresGradient() && !(params.get(i).getKey().endsWith("Conv3d_bias") && i < params.size() - 1))
					out.add(p.getArray().getGradient().toFloatArray());
			}
			if (probe >= 0) {
				final NDArray w = params.get(0).getValue().getArray();
				final float[] wv = w.toFloatArray();
				final float eps = 1e-3f;
				final double[] l = new double[2];
				for (int k = 0; k < 2; k++) {
					final float[] shifted = wv.clone();
					shifted[probe] += k == 0 ? eps : -eps;
					w.set(java.nio.FloatBuffer.wrap(shifted));
					try (NDManager sub = manager.newSubManager()) {
						l[k] = PhysNet.forward(net, ps, x, true).square().mean().getFloat();
					}
				}
				finiteDifference[0] = (l[0] - l[1]) / (2 * eps);
			}
			return out;
		}
	}

	@Test
	void physNetGradientsAgreeWithOneThreadAndFiniteDifferences() {
		final List<float[]> one = withThreads(1, () -> physNetGradients(false, -1, null));
		for (final boolean poison : new boolean[] { false, true }) {
			final double[] fd = new double[1];
			final int probe = 34;
			final List<float[]> two = withThreads(2, () -> physNetGradients(poison, probe, fd));
			assertEquals(one.size(), two.size());
			for (int k = 0; k < one.size(); k++)
				assertTrue(relative(two.get(k), one.get(k)) < 1e-3, "parameter " + k + " (freed memory NaN: " + poison +
					"): " + relative(two.get(k), one.get(k)));
			assertEquals(fd[0], two.get(0)[probe], 0.01 * Math.abs(fd[0]) + 1e-4, "first-layer weight " + probe);
		}
	}

	/**
	 * Width 2: the first convolution has one channel, for which channels-last and the plain layout
	 * coincide; on a 2-core AVX-512 CPU its weights' gradients were 7.6 times off with two threads. Such
	 * a network is refused for training, before any video is read.
	 */
	@Test
	void aNetworkWithAOneChannelFirstLayerIsRefusedForTraining(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		final PhysNetConfig narrow = new PhysNetConfig(2, 16, 16, 3, null, null);
		final org.pulsej.util.PulseJException e = assertThrows(org.pulsej.util.PulseJException.class,
			() -> new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(1), narrow, ContrastiveTrainerTest.tiny(),
				dir.resolve("m"), org.pulsej.util.Progress.NONE));
		assertTrue(e.problem().contains("width 2") && e.fix().contains("width=4"), e.getMessage());
		assertFalse(java.nio.file.Files.exists(dir.resolve("m")), "nothing written");
		ContrastiveTrainer.checkTrainable(new PhysNetConfig(4, 16, 16, 3, null, null)); // two channels: trained as before
	}
}

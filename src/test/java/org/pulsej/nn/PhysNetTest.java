package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

class PhysNetTest {

	@Test
	void repeatIsNearestUpsamplingAlongTime() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray x = m.create(new float[] { 1, 2, 3 }, new Shape(1, 1, 3, 1, 1));
			assertArrayEquals(new float[] { 1, 1, 2, 2, 3, 3 }, x.repeat(2, 2).toFloatArray());
		}
	}

	@Test
	void outputIsOnePpgSamplePerFrameForAnyLength() {
		final PhysNetConfig c = new PhysNetConfig(4, 32, 32, 3, null, null);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 1);
			final ParameterStore ps = new ParameterStore(m, false);
			for (final int t : new int[] { 5, 8, 30, 31 }) {
				final NDArray x = m.randomNormal(new Shape(2, 3, t, 32, 32));
				final NDArray y = PhysNet.forward(net, ps, x, false);
				assertEquals(new Shape(2, t), y.getShape(), "T=" + t);
			}
		}
	}

	@Test
	void parameterCountMatchesTable1() {
		// paper: 3->32 (1,5,5); 32->64 and seven 64->64 (3,3,3); two 64->64 (3,1,1); 64->1 (1,1,1); BN γ,β each
		assertEquals(858_497, PhysNet.parameterCount(PhysNetConfig.paper()));
		for (final PhysNetConfig c : new PhysNetConfig[] { PhysNetConfig.cpu(), new PhysNetConfig(4, 32, 32, 3, null,
			null) })
		{
			try (NDManager m = TestEngine.get().newBaseManager()) {
				final Block net = PhysNet.build(c);
				PhysNet.initialize(net, m, c, 1);
				assertEquals(PhysNet.parameterCount(c), PhysNet.parameterCount(net), c.toString());
			}
		}
	}

	@Test
	void multiplyAccumulatesMatchTheLayerShapes() {
		// the analytic count against one taken from the built network's layer shapes, layer by layer
		for (final PhysNetConfig c : new PhysNetConfig[] { PhysNetConfig.cpu(), PhysNetConfig.paper().withInputSize(64,
			48), new PhysNetConfig(4, 32, 32, 3, null, null) })
		{
			for (final int t : new int[] { 8, 30 }) {
				try (NDManager m = TestEngine.get().newBaseManager()) {
					final Block net = PhysNet.build(c);
					PhysNet.initialize(net, m, c, 1);
					Shape[] s = { new Shape(1, c.channels(), PhysNet.paddedLength(t), c.inputHeight(), c.inputWidth()) };
					long mac = 0;
					int convs = 0;
					for (final Pair<String, Block> child : net.getChildren()) {
						final Shape[] out = child.getValue().getOutputShapes(s);
						if (child.getValue() instanceof Conv3d) {
							final Shape weight = child.getValue().getParameters().get("weight").getArray().getShape();
							mac += out[0].size() * (weight.size() / weight.get(0));
							convs++;
						}
						s = out;
					}
					assertEquals(12, convs); // 9 encoder, 2 decoder, 1 output
					assertEquals(mac, PhysNet.multiplyAccumulates(c, t), c + ", T=" + t);
				}
			}
		}
		// paper network, 192x128: about 1.3 G multiply-accumulates per frame
		final double perFrame = PhysNet.multiplyAccumulates(PhysNetConfig.paper(), 300) / 300.0;
		assertTrue(perFrame > 1.2e9 && perFrame < 1.4e9, "" + perFrame);
	}

	@Test
	void inferenceWithFoldedBatchNormMatchesTheNetwork() {
		final PhysNetConfig c = new PhysNetConfig(6, 32, 48, 3, null, null);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 3);
			// BatchNorm statistics and affine parameters far from their defaults, as after training
			final java.util.Random rnd = new java.util.Random(4);
			for (final Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
				final String k = p.getKey();
				if (!k.contains("BatchNorm")) continue;
				final NDArray a = p.getValue().getArray();
				final float[] v = new float[(int) a.size()];
				for (int i = 0; i < v.length; i++)
					v[i] = k.endsWith("runningVar") ? 0.2f + 2 * rnd.nextFloat() : (float) rnd.nextGaussian() * (k.endsWith(
						"gamma") ? 0.5f : 0.3f) + (k.endsWith("gamma") ? 1 : 0);
				a.set(java.nio.FloatBuffer.wrap(v));
			}
			final ParameterStore ps = new ParameterStore(m, false);
			final PhysNet.Inference inference = new PhysNet.Inference(net, m);
			for (final int t : new int[] { 16, 30 }) {
				try (NDManager sub = m.newSubManager()) {
					final NDArray x = sub.randomNormal(new Shape(2, 3, t, 32, 48));
					final float[] ref = PhysNet.forward(net, ps, x, false).toFloatArray();
					final NDArray y = inference.run(ps, x);
					assertEquals(new Shape(2, t), y.getShape());
					final float[] got = y.toFloatArray();
					double scale = 0;
					for (final float f : ref)
						scale = Math.max(scale, Math.abs(f));
					assertTrue(scale > 1e-3, "a signal to compare: " + scale);
					for (int i = 0; i < ref.length; i++)
						assertEquals(ref[i], got[i], 1e-5 * scale + 1e-6, "T=" + t + ", sample " + i);
					assertFalse(x.isReleased(), "the input is left to its owner");
				}
			}
		}
	}

	@Test
	void channelsLastPoolingMatchesAveragePooling() {
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray plain = m.randomNormal(new Shape(2, 5, 8, 12, 20));
			for (final Shape k : new Shape[] { new Shape(1, 2, 2), new Shape(2, 2, 2), new Shape(2, 1, 1) }) {
				final float[] ref = ai.djl.nn.pooling.Pool.avgPool3d(plain, k, k, new Shape(0, 0, 0), false, true)
					.toFloatArray();
				for (final NDArray x : new NDArray[] { plain, PhysNet.channelsLast(plain) }) {
					final NDArray y = PhysNet.avgPoolChannelsLast(x, k);
					assertEquals(new Shape(2, 5, 8 / k.get(0), 12 / k.get(1), 20 / k.get(2)), y.getShape());
					assertTrue(isChannelsLast(y), "pooled " + k + " stays channels-last");
					assertArrayEquals(ref, y.toFloatArray(), 1e-6f, "kernel " + k);
				}
			}
		}
	}

	@Test
	void everyLayerKeepsTheChannelsLastLayout() {
		assumeTrue(PhysNet.CHANNELS_LAST, "run with -Dpulsej.physnet.channelsLast=false");
		final PhysNetConfig c = new PhysNetConfig(8, 32, 48, 3, null, null);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 3);
			final ParameterStore ps = new ParameterStore(m, false);
			final NDArray plain = m.randomNormal(new Shape(1, 3, 16, 32, 48));
			assertFalse(isChannelsLast(plain));
			NDArray x = PhysNet.channelsLast(plain);
			assertTrue(isChannelsLast(x));
			assertArrayEquals(plain.toFloatArray(), x.toFloatArray(), 0f, "same values");
			// every layer but the convolutions (below) until the spatial mean, after which there is no channel axis
			for (final Pair<String, Block> layer : net.getChildren()) {
				final String name = layer.getValue() instanceof ai.djl.nn.LambdaBlock l ? l.getName() : layer.getKey();
				if (name.contains("space_mean")) break;
				x = layer.getValue().forward(ps, new ai.djl.ndarray.NDList(x), false).singletonOrThrow();
				// PyTorch leaves 3x3 convolutions of inputs this small to its own kernel, which writes the plain
				// layout; and repeating frames writes the plain layout (small tensors: Inference re-lays them out)
				if (name.contains("Conv3d") || name.contains("upsample")) x = PhysNet.channelsLast(x);
				else assertTrue(isChannelsLast(x), "after " + name);
			}
			// a convolution of the size PhysNet runs at (oneDNN's kernels) reads and writes channels-last
			final Conv3d conv = Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
				.setFilters(16).build();
			conv.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 16, 48, 32, 48));
			final NDArray big = PhysNet.channelsLast(m.randomNormal(new Shape(1, 16, 48, 32, 48)));
			assertTrue(isChannelsLast(conv.forward(ps, new ai.djl.ndarray.NDList(big), false).singletonOrThrow()));
		}
	}

	/** Whether {@code x} (N×C×T×H×W) has its channels innermost in memory: its N×T×H×W×C view is contiguous. */
	static boolean isChannelsLast(final NDArray x) {
		try {
			final Class<?> lib = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
			final java.lang.reflect.Field f = lib.getDeclaredField("LIB");
			f.setAccessible(true);
			final java.lang.reflect.Method contiguous = lib.getDeclaredMethod("torchIsContiguous", long.class);
			contiguous.setAccessible(true);
			final ai.djl.pytorch.engine.PtNDArray view = (ai.djl.pytorch.engine.PtNDArray) x.transpose(0, 2, 3, 4, 1);
			return (Boolean) contiguous.invoke(f.get(null), view.getHandle());
		}
		catch (final ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
	}
}

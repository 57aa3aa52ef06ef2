package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

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
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

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
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class AdamWTest {

	/** Loss Σ c_i·w_i² has gradient 2·c_i·w_i. */
	private static void backward(final Engine e, final NDArray w, final float[] c) {
		try (GradientCollector gc = e.newGradientCollector()) {
			gc.backward(w.square().mul(w.getManager().create(c)).sum());
		}
	}

	@Test
	void matchesTheAdamWFormulaAndResumesExactly() throws IOException {
		final Engine e = TestEngine.get();
		final double lr = 0.1, wd = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
		final float[] c = { 1, -2, 0.5f };
		try (NDManager m = e.newBaseManager()) {
			final Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
			p.setArray(m.create(new float[] { 1, 2, -3 }));
			p.getArray().setRequiresGradient(true);
			final PairList<String, Parameter> params = new PairList<>();
			params.add("w", p);
			final AdamW opt = new AdamW(m, lr, wd);

			// scalar reference
			final double[] w = { 1, 2, -3 }, mm = new double[3], vv = new double[3];
			byte[] saved = null;
			float[] w2 = null;
			for (int step = 1; step <= 4; step++) {
				backward(e, p.getArray(), c);
				opt.step(params);
				for (int i = 0; i < 3; i++) {
					final double g = 2 * c[i] * w[i];
					mm[i] = b1 * mm[i] + (1 - b1) * g;
					vv[i] = b2 * vv[i] + (1 - b2) * g * g;
					final double mh = mm[i] / (1 - Math.pow(b1, step)), vh = vv[i] / (1 - Math.pow(b2, step));
					w[i] = w[i] * (1 - lr * wd) - lr * mh / (Math.sqrt(vh) + eps);
				}
				final float[] got = p.getArray().toFloatArray();
				for (int i = 0; i < 3; i++)
					assertEquals(w[i], got[i], 1e-5, "step " + step + " w" + i);
				assertEquals(0, p.getArray().getGradient().abs().sum().getFloat(), "gradient reset after the step");
				if (step == 2) {
					final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
					opt.save(new DataOutputStream(bytes));
					saved = bytes.toByteArray();
					w2 = p.getArray().toFloatArray();
				}
			}
			// a fresh optimizer restored after step 2 continues like the original
			final float[] after4 = p.getArray().toFloatArray();
			final Parameter q = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
			final AdamW opt2 = new AdamW(m, lr, wd);
			opt2.load(new DataInputStream(new ByteArrayInputStream(saved)));
			assertEquals(2, opt2.steps());
			q.setArray(m.create(w2));
			q.getArray().setRequiresGradient(true);
			final PairList<String, Parameter> qp = new PairList<>();
			qp.add("w", q);
			for (int step = 3; step <= 4; step++) {
				backward(e, q.getArray(), c);
				opt2.step(qp);
			}
			assertArrayEquals(after4, q.getArray().toFloatArray(), 0f);
			assertThrows(IOException.class, () -> opt2.load(new DataInputStream(new ByteArrayInputStream(new byte[] { 0,
				3, 'a', 'b', 'c' }))));
		}
	}
}

package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, PyTorch's formulation) whose state can be saved and restored, so a
 * resumed training continues with the same moments. DJL's own AdamW keeps its moments private and
 * cannot save them.
 * <p>
 * Per step t: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w·(1 − lr·λ) − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 */
final class AdamW {

	private static final String MAGIC = "PulseJ-AdamW";
	private static final int VERSION = 1;

	private final double lr, beta1, beta2, eps, weightDecay;
	private final NDManager manager;
	private final Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
	private int step;

	AdamW(final NDManager manager, final double lr, final double weightDecay) {
		this(manager, lr, 0.9, 0.999, 1e-8, weightDecay);
	}

	AdamW(final NDManager manager, final double lr, final double beta1, final double beta2, final double eps,
		final double weightDecay)
	{
		this.manager = manager;
		this.lr = lr;
		this.beta1 = beta1;
		this.beta2 = beta2;
		this.eps = eps;
		this.weightDecay = weightDecay;
	}

	int steps() {
		return step;
	}

	/** One update of every trainable parameter from its gradient; the gradients are reset to zero. */
	void step(final PairList<String, Parameter> params) {
		step++;
		final double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
		try (NoGrad noGrad = new NoGrad()) {
			for (final Pair<String, Parameter> e : params) {
				final Parameter p = e.getValue();
				if (!p.requiresGradient()) continue;
				final NDArray w = p.getArray();
				try (NDManager tmp = manager.newSubManager(w.getDevice())) {
					final NDArray g = w.getGradient();
					g.attach(tmp);
					final NDArray mi = m.computeIfAbsent(e.getKey(), k -> manager.zeros(w.getShape(), w.getDataType(), w
						.getDevice()));
					final NDArray vi = v.computeIfAbsent(e.getKey(), k -> manager.zeros(w.getShape(), w.getDataType(), w
						.getDevice()));
					mi.muli(beta1).addi(tmp(g.mul(1 - beta1), tmp));
					vi.muli(beta2).addi(tmp(g.square().muli(1 - beta2), tmp));
					final NDArray denom = tmp(vi.div(bc2), tmp).sqrt().addi(eps);
					final NDArray update = tmp(mi.div(denom), tmp).muli(lr / bc1);
					w.muli(1 - lr * weightDecay).subi(update);
					g.subi(g); // gradients accumulate in PyTorch: reset for the next step
				}
			}
		}
	}

	private static NDArray tmp(final NDArray a, final NDManager tmp) {
		a.attach(tmp);
		return a;
	}

	/** Writes the step count and both moments of every parameter. */
	void save(final DataOutputStream out) throws IOException {
		out.writeUTF(MAGIC);
		out.writeInt(VERSION);
		out.writeInt(step);
		out.writeInt(m.size());
		for (final String k : m.keySet()) {
			out.writeUTF(k);
			writeArray(out, m.get(k));
			writeArray(out, v.get(k));
		}
	}

	/** Restores what {@link #save} wrote. */
	void load(final DataInputStream in) throws IOException {
		if (!MAGIC.equals(in.readUTF())) throw new IOException("not a PulseJ optimizer state");
		final int version = in.readInt();
		if (version != VERSION) throw new IOException("optimizer state version " + version + " (expected " + VERSION +
			")");
		final int s = in.readInt(), n = in.readInt();
		final Map<String, NDArray> nm = new LinkedHashMap<>(), nv = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			final String k = in.readUTF();
			nm.put(k, readArray(in));
			nv.put(k, readArray(in));
		}
		m.values().forEach(NDArray::close);
		v.values().forEach(NDArray::close);
		m.clear();
		v.clear();
		m.putAll(nm);
		v.putAll(nv);
		step = s;
	}

	private static void writeArray(final DataOutputStream out, final NDArray a) throws IOException {
		final byte[] b = a.encode();
		out.writeInt(b.length);
		out.write(b);
	}

	private NDArray readArray(final DataInputStream in) throws IOException {
		final int len = in.readInt();
		if (len < 0 || len > 1 << 30) throw new IOException("corrupt optimizer state");
		final byte[] b = new byte[len];
		in.readFully(b);
		return manager.decode(b);
	}
}

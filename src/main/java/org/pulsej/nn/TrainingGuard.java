package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps a training alive through a step whose numbers are not finite, as mixed-precision loss scalers
 * do: the gradients are checked before the optimiser sees them; a step with a non-finite loss or
 * gradient is skipped (weights, AdamW moments and BatchNorm running statistics stay as they were);
 * a finite step has its gradients clipped to a global norm. Rounding differs between CPU kinds and
 * PyTorch kernels, so whether a rare overflow happens is not something a test on one machine can
 * rule out: this makes the outcome the same everywhere — one skipped, counted step.
 * <p>
 * {@link #firstNonFinite} names where a failing step first went non-finite (an input, a layer of the
 * network, the loss, a gradient), for the log and for the diagnostic mode.
 */
final class TrainingGuard {

	/**
	 * Largest global gradient norm passed to AdamW; larger gradients are scaled down to it. AdamW
	 * normalises step sizes itself, so this only matters for rare spikes, whose first moment it would
	 * otherwise carry for many steps.
	 */
	static final double MAX_GRADIENT_NORM = 5;

	/** Skipped steps in a row after which the training stops: it cannot recover by itself. */
	static final int MAX_SKIPPED_IN_A_ROW = 8;

	private final List<Pair<NDArray, float[]>> saved = new ArrayList<>();
	private final List<Pair<String, Parameter>> runningStats = new ArrayList<>();

	TrainingGuard(final Block net) {
		collectRunningStats(net, "", runningStats);
	}

	private static void collectRunningStats(final Block b, final String path, final List<Pair<String, Parameter>> out) {
		if (b instanceof BatchNorm) {
			for (final Pair<String, Parameter> p : b.getParameters())
				if (!p.getValue().requiresGradient()) out.add(new Pair<>(path + p.getKey(), p.getValue()));
			return;
		}
		for (final Pair<String, Block> c : b.getChildren())
			collectRunningStats(c.getValue(), path + c.getKey() + "_", out);
	}

	/** Remembers the BatchNorm running statistics before a step (the forward pass updates them). */
	void saveRunningStats() {
		saved.clear();
		for (final Pair<String, Parameter> p : runningStats) {
			final NDArray a = p.getValue().getArray();
			saved.add(new Pair<>(a, a.toFloatArray()));
		}
	}

	/** Puts back what {@link #saveRunningStats} remembered. */
	void restoreRunningStats() {
		for (final Pair<NDArray, float[]> s : saved)
			s.getKey().set(s.getValue());
	}

	/** Global norm of the trainable parameters' gradients, in double (NaN or ∞ when one is not finite). */
	static double gradientNorm(final PairList<String, Parameter> params) {
		double sum = 0;
		for (final Pair<String, Parameter> e : params) {
			if (!e.getValue().requiresGradient()) continue;
			for (final float g : e.getValue().getArray().getGradient().toFloatArray())
				sum += (double) g * g;
		}
		return Math.sqrt(sum);
	}

	/** Scales every gradient by {@code f}. */
	static void scaleGradients(final PairList<String, Parameter> params, final double f) {
		for (final Pair<String, Parameter> e : params)
			if (e.getValue().requiresGradient()) e.getValue().getArray().getGradient().muli(f);
	}

	/**
	 * Sets every gradient to exactly zero, also where it holds NaN or ∞ (PyTorch accumulates into the
	 * gradient, and g − g or 0·g would keep a NaN there for every later step).
	 */
	static void zeroGradients(final PairList<String, Parameter> params) {
		for (final Pair<String, Parameter> e : params) {
			if (!e.getValue().requiresGradient()) continue;
			final NDArray g = e.getValue().getArray().getGradient();
			g.set(new float[Math.toIntExact(g.size())]);
		}
	}

	/** The first trainable parameter whose gradient holds a non-finite value, or null. */
	static String firstNonFiniteGradient(final PairList<String, Parameter> params) {
		for (final Pair<String, Parameter> e : params)
			if (e.getValue().requiresGradient() && !finite(e.getValue().getArray().getGradient())) return "the gradient of " +
				e.getKey();
		return null;
	}

	/**
	 * Runs the network on {@code x} layer by layer (in training mode when {@code training}, as a step
	 * does) and names the first input or layer output holding a non-finite value; null when all are
	 * finite. The caller restores the running statistics afterwards if the layers updated them.
	 */
	static String firstNonFinite(final Block net, final ParameterStore ps, final NDArray x, final boolean training,
		final String branch)
	{
		if (!finite(x)) return "the " + branch + " input clip";
		try (NDManager sub = x.getManager().newSubManager(); NoGrad noGrad = new NoGrad()) {
			NDArray cur = x;
			int k = 0;
			for (final Pair<String, Block> c : net.getChildren()) {
				k++;
				cur = c.getValue().forward(ps, new NDList(cur), training).singletonOrThrow();
				cur.attach(sub);
				if (!finite(cur)) return String.format(Locale.ROOT, "layer %d (%s) of the %s branch", k, c.getKey(), branch);
			}
		}
		return null;
	}

	/** Whether every value of {@code a} is finite. */
	static boolean finite(final NDArray a) {
		for (final float v : a.toFloatArray())
			if (!Float.isFinite(v)) return false;
		return true;
	}
}

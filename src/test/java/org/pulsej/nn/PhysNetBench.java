package org.pulsej.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: time of one contrastive training step (the trainer's own step: anchor and
 * negative forward/backward, loss, AdamW) and inference frames per second, for the CPU and the paper
 * width at 64×64 and 192×128. Run with {@code java -cp ... org.pulsej.nn.PhysNetBench [reps [cases]]}
 * (cases: comma-separated indices 0–3 of the table below)
 * (preload jemalloc, see the pom's jemalloc profile; {@code -Dai.djl.pytorch.num_threads=N} sets
 * PyTorch's threads).
 */
public final class PhysNetBench {

	private PhysNetBench() {}

	public static void main(final String[] args) throws IOException {
		final int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		final Engine e = Devices.engine();
		System.out.printf(Locale.ROOT, "PhysNetBench: PyTorch %s, %d CPU cores, torch threads %s, jemalloc %s%n", e
			.getVersion(), Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads",
				"default"), Files.readString(Path.of("/proc/self/maps")).contains("jemalloc") ? "preloaded" : "NOT loaded");
		// {height, width, network width, train batch, train frames}; 192×128 trains on short clips to bound memory
		final int[][] cases = { { 64, 64, 16, 4, 300 }, { 64, 64, 64, 4, 300 }, { 192, 128, 16, 1, 100 }, { 192, 128,
			64, 1, 100 } };
		for (int i = 0; i < cases.length; i++) {
			if (args.length > 1 && !Arrays.asList(args[1].split(",")).contains(String.valueOf(i))) continue;
			final int[] k = cases[i];
			run(e, new PhysNetConfig(k[2], k[0], k[1], 3, null, null), k[3], k[4], reps);
		}
	}

	private static void run(final Engine e, final PhysNetConfig c, final int batch, final int frames, final int reps)
		throws IOException
	{
		final double fps = 30;
		try (NDManager m = e.newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 1);
			final PairList<String, Parameter> params = PhysNet.collectGradients(net);
			final ParameterStore ps = new ParameterStore(m, false);
			final AdamW adamW = new AdamW(m, 1e-5, 0.01);
			final MultiViewTripletLoss loss = new MultiViewTripletLoss(fps, 4, Math.min(150, frames / 2));
			final SplittableRandom rnd = new SplittableRandom(1);
			final float[] x = new float[batch * 3 * frames * c.inputHeight() * c.inputWidth()];
			for (int i = 0; i < x.length; i++)
				x[i] = (float) (rnd.nextDouble() - 0.5);
			final Shape shape = new Shape(batch, 3, frames, c.inputHeight(), c.inputWidth());
			final int tNeg = FrequencyResampler.negativeLength(frames, 0.73);
			final double[] train = new double[reps];
			final TrainingGuard guard = new TrainingGuard(net);
			ContrastiveTrainer.step(e, net, ps, m, adamW, params, loss, guard, x, shape, tNeg, rnd, false, null); // warm-up
			for (int r = 0; r < reps; r++) {
				final long t0 = System.nanoTime();
				ContrastiveTrainer.step(e, net, ps, m, adamW, params, loss, guard, x, shape, tNeg, rnd, false, null);
				train[r] = (System.nanoTime() - t0) / 1e9;
			}
			// inference: one 10 s window (300 frames) at a time, as PhysNetModel applies it
			final int inferFrames = 300;
			final float[] xi = new float[3 * inferFrames * c.inputHeight() * c.inputWidth()];
			System.arraycopy(x, 0, xi, 0, Math.min(x.length, xi.length));
			final double[] infer = new double[reps];
			for (int r = -1; r < reps; r++) {
				final long t0 = System.nanoTime();
				try (NDManager s = m.newSubManager()) {
					final NDArray in = s.create(xi, new Shape(1, 3, inferFrames, c.inputHeight(), c.inputWidth()));
					PhysNet.forward(net, ps, in, false).toFloatArray();
				}
				if (r >= 0) infer[r] = (System.nanoTime() - t0) / 1e9;
			}
			final double ts = median(train), is = median(infer);
			System.out.printf(Locale.ROOT,
				"%3dx%-3d width %2d (%,9d params): train step %2d x %3d frames %7.2f s (%5.1f ms/frame) | " +
					"inference %6.1f frames/s (%5.2f ms/frame) | peak RSS %s%n", c.inputHeight(), c.inputWidth(), c.width(),
				PhysNet.parameterCount(net), batch, frames, ts, 1000 * ts / (batch * frames), inferFrames / is, 1000 * is /
					inferFrames, peakRss());
		}
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}

	private static String peakRss() throws IOException {
		for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
			if (line.startsWith("VmHWM:")) return line.substring(6).trim();
		return "?";
	}
}

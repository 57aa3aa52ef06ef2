package org.pulsej.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.pulsej.nn.Devices;
import org.pulsej.nn.PhysNet;
import org.pulsej.nn.PhysNetConfig;

/**
 * Which oneDNN kernels PhysNet runs on this CPU, and how much of oneDNN's time goes to converting
 * tensors between layouts ("reorder"): the figure that differs between CPU kinds while the matmul
 * speed does not. A child JVM runs two windows with {@code ONEDNN_VERBOSE=1}; its verbose lines are
 * summarised per primitive, implementation and layout. The child's figures are per run of the child
 * (warm-up window included): the shares, not the absolute times, are what to compare.
 */
final class OneDnnProfile {

	private OneDnnProfile() {}

	/** One summarised kind of oneDNN call. */
	record Kind(String primitive, String implementation, String propKind, String layouts) {}

	/** Calls and milliseconds per kind. */
	static final class Summary {
		final Map<Kind, double[]> kinds = new LinkedHashMap<>();
		double totalMs;

		double ms(final String primitive) {
			return kinds.entrySet().stream().filter(e -> e.getKey().primitive().equals(primitive)).mapToDouble(e -> e
				.getValue()[1]).sum();
		}

		double share(final String primitive) {
			return totalMs > 0 ? ms(primitive) / totalMs : 0;
		}
	}

	/**
	 * Parses {@code onednn_verbose,v1,primitive,exec,cpu,<primitive>,<implementation>,<prop kind>,<memory
	 * descriptors>,<attributes>,<algorithm>,<problem>,<ms>} lines (oneDNN 3.x); other lines are ignored.
	 */
	static Summary parse(final List<String> lines) {
		final Summary s = new Summary();
		for (final String line : lines) {
			if (!line.startsWith("onednn_verbose,") || !line.contains(",exec,")) continue;
			final String[] f = line.split(",");
			if (f.length < 13 || !f[3].equals("exec")) continue;
			final double ms;
			try {
				ms = Double.parseDouble(f[f.length - 1]);
			}
			catch (final NumberFormatException e) {
				continue;
			}
			final Kind k = new Kind(f[5], f[6], f[7], layouts(f[8]));
			final double[] v = s.kinds.computeIfAbsent(k, x -> new double[2]);
			v[0]++;
			v[1] += ms;
			s.totalMs += ms;
		}
		return s;
	}

	/** "src:f32::blocked:acdeb::f0 wei:… dst:f32::blocked:acdeb::f0" → "src acdeb, dst acdeb". */
	private static String layouts(final String descriptors) {
		final List<String> out = new ArrayList<>();
		for (final String d : descriptors.split(" ")) {
			final String[] p = d.split(":");
			if (p.length < 5 || p[0].equals("bia")) continue;
			out.add(p[0] + " " + p[4]);
		}
		return String.join(", ", out);
	}

	/** Runs {@link #main} for {@code c} in a child JVM with oneDNN's verbose mode and returns the summary. */
	static Summary measure(final PhysNetConfig c, final boolean channelsLast) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
			+ File.separator + "java", "-Xmx3g", "-Djava.awt.headless=true", "-Dai.djl.offline=true",
			"-Dpulsej.physnet.channelsLast=" + channelsLast, "-cp", System.getProperty("java.class.path"),
			OneDnnProfile.class.getName(), Integer.toString(c.width()), Integer.toString(c.inputHeight()), Integer
				.toString(c.inputWidth())));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("ONEDNN_VERBOSE", "1");
		final Process p = pb.start();
		final List<String> lines = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String l; (l = r.readLine()) != null;)
				lines.add(l);
		}
		if (p.waitFor() != 0) throw new IOException("oneDNN profile run failed: " + String.join("\n", lines.subList(Math
			.max(0, lines.size() - 20), lines.size())));
		return parse(lines);
	}

	/** Prints {@code s}, most expensive kind first. */
	static void print(final String title, final Summary s) {
		System.out.printf(Locale.ROOT, "%n  oneDNN kernels, %s (ONEDNN_VERBOSE=1, 2 windows in a child JVM):%n", title);
		final Map<Double, Map.Entry<Kind, double[]>> sorted = new TreeMap<>((a, b) -> Double.compare(b, a));
		int i = 0;
		for (final Map.Entry<Kind, double[]> e : s.kinds.entrySet())
			sorted.put(e.getValue()[1] + 1e-9 * i++, e);
		for (final Map.Entry<Kind, double[]> e : sorted.values()) {
			final Kind k = e.getKey();
			System.out.printf(Locale.ROOT, "    %-12s %-26s %-17s %5.0f calls %9.1f ms %5.1f %%  %s%n", k.primitive(), k
				.implementation(), k.propKind(), e.getValue()[0], e.getValue()[1], 100 * e.getValue()[1] / s.totalMs, k
					.layouts());
		}
		System.out.printf(Locale.ROOT, "    layout conversions (reorder): %.1f %% of oneDNN's %.0f ms%n", 100 * s.share(
			"reorder"), s.totalMs);
	}

	/** Child JVM: PhysNet of the given width and input size, two 10 s windows, as PulseJ applies it. */
	public static void main(final String[] args) {
		final PhysNetConfig c = PhysNetConfig.paper().withWidth(Integer.parseInt(args[0])).withInputSize(Integer.parseInt(
			args[1]), Integer.parseInt(args[2]));
		final Engine engine = Devices.engine();
		try (NDManager m = engine.newBaseManager()) {
			final Block net = PhysNet.build(c);
			PhysNet.initialize(net, m, c, 1);
			final ParameterStore ps = new ParameterStore(m, false);
			final PhysNet.Inference inference = new PhysNet.Inference(net, m);
			final NDArray x = m.randomNormal(new Shape(1, c.channels(), 300, c.inputHeight(), c.inputWidth()));
			for (int i = 0; i < 2; i++)
				try (NDManager sub = m.newSubManager()) {
					final NDArray in = x.duplicate();
					in.attach(sub);
					inference.run(ps, in).toFloatArray();
				}
		}
		System.exit(0);
	}
}

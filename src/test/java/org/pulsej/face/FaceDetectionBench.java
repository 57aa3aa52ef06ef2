package org.pulsej.face;

import ij.process.ColorProcessor;

import java.awt.Color;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Detection speed on 640×480 RGB frames (not a unit test). Run after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<deps> org.pulsej.face.FaceDetectionBench [frames]}.
 * Reports frames per second for frames with a face (one model run) and without (the tiled second pass).
 */
public final class FaceDetectionBench {

	private FaceDetectionBench() {}

	public static void main(final String[] args) {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		final ColorProcessor[] faces = new ColorProcessor[16];
		for (int i = 0; i < faces.length; i++) {
			faces[i] = frame();
			DrawnFace.draw(faces[i], 250 + 8 * i, 230 + 3 * i, 150);
		}
		final ColorProcessor empty = frame();
		final long t0 = System.nanoTime();
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			System.out.printf(Locale.ROOT, "open: %.0f ms (engine start and model load), %d ONNX Runtime thread(s), %d processors%n",
				(System.nanoTime() - t0) / 1e6, BlazeFaceDetector.THREADS, Runtime.getRuntime().availableProcessors());
			for (int i = 0; i < 100; i++) d.detect(faces[i % faces.length]); // warm-up
			int found = 0;
			final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
			long c = cpu.getCurrentThreadCpuTime();
			long t = System.nanoTime();
			for (int i = 0; i < n; i++) found += d.detect(faces[i % faces.length]).size();
			double s = (System.nanoTime() - t) / 1e9;
			final double cs = (cpu.getCurrentThreadCpuTime() - c) / 1e9;
			System.out.printf(Locale.ROOT, "640x480 with a face:    %7.1f frames/s (%.2f ms/frame, %d/%d found)%n", n / s, 1000 * s / n, found, n);
			// With one ONNX Runtime thread the model runs on this thread, so its CPU time is the work
			// itself, whatever else the machine is doing.
			System.out.printf(Locale.ROOT, "  calling thread CPU:   %.2f ms/frame (%.0f frames/s per busy core; load average %.1f)%n",
				1000 * cs / n, n / cs, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			final int m = Math.max(1, n / 4);
			t = System.nanoTime();
			for (int i = 0; i < m; i++) found += d.detect(empty).size();
			s = (System.nanoTime() - t) / 1e9;
			System.out.printf(Locale.ROOT, "640x480 without a face: %7.1f frames/s (%.2f ms/frame, 1 + 6 tile runs)%n", m / s, 1000 * s / m);
		}
	}

	private static ColorProcessor frame() {
		final ColorProcessor cp = new ColorProcessor(640, 480);
		cp.setColor(new Color(90, 110, 130));
		cp.fill();
		return cp;
	}
}

package org.pulsej.signal;

import java.util.Random;

/** Known test signals. */
final class Signals {

	private Signals() {}

	/** amplitude·sin(2π·bpm/60·t + phase) sampled at fps for the given seconds. */
	static double[] sine(final double bpm, final double fps, final double seconds, final double amplitude,
		final double phase)
	{
		final int n = (int) Math.round(seconds * fps);
		final double[] x = new double[n];
		for (int t = 0; t < n; t++)
			x[t] = amplitude * Math.sin(2 * Math.PI * bpm / 60 * t / fps + phase);
		return x;
	}

	static double[] noise(final int n, final double sigma, final long seed) {
		final Random r = new Random(seed);
		final double[] x = new double[n];
		for (int t = 0; t < n; t++)
			x[t] = sigma * r.nextGaussian();
		return x;
	}

	static double[] plus(final double[] a, final double[] b) {
		final double[] c = new double[a.length];
		for (int i = 0; i < a.length; i++)
			c[i] = a[i] + b[i];
		return c;
	}

	/** Pearson correlation of two equal-length arrays. */
	static double corr(final double[] a, final double[] b) {
		return Metrics.pearson(a, b);
	}
}

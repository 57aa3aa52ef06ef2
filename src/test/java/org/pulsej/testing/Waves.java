package org.pulsej.testing;

/** Sine waves and their correlation, for tests of signals with a known rhythm. */
public final class Waves {

	private Waves() {}

	/** {@code n} samples at {@code fps} of amplitude · sin(2π · hz · t + phase). */
	public static double[] sine(final int n, final double fps, final double hz, final double amplitude,
		final double phase)
	{
		final double[] x = new double[n];
		for (int i = 0; i < n; i++)
			x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / fps + phase);
		return x;
	}

	/** Correlation of a and b about zero (cosine similarity): for signals already without their mean. */
	public static double correlation(final double[] a, final double[] b) {
		double ab = 0, aa = 0, bb = 0;
		for (int i = 0; i < a.length; i++) {
			ab += a[i] * b[i];
			aa += a[i] * a[i];
			bb += b[i] * b[i];
		}
		return ab / Math.sqrt(aa * bb);
	}
}

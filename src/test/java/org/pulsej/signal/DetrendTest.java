package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class DetrendTest {

	private static final double FPS = 30;

	@Test
	void removesAQuadraticTrendAndKeepsThePulse() {
		final double[] pulse = Signals.sine(72, FPS, 30, 1, 0);
		final int n = pulse.length;
		final double[] x = new double[n];
		for (int t = 0; t < n; t++) {
			final double u = t / (double) n;
			x[t] = pulse[t] + 20 * u * u - 15 * u + 3; // trend 5× the pulse amplitude
		}
		final double[] y = Detrend.smoothnessPriors(x, 100);
		assertTrue(Signals.corr(x, pulse) < 0.5, "the trend dominates before: " + Signals.corr(x, pulse));
		final double r = Signals.corr(y, pulse);
		assertTrue(r > 0.99, "correlation " + r);
		assertEquals(0, Stats.mean(y), 0.05);
	}

	@Test
	void linearInputIsAllTrend() {
		// D₂ annihilates straight lines, so the trend is the line itself and nothing is left
		final double[] x = new double[500];
		for (int t = 0; t < x.length; t++)
			x[t] = 3 - 0.02 * t;
		for (final double v : Detrend.smoothnessPriors(x, 100))
			assertEquals(0, v, 1e-9);
	}

	@Test
	void bandedSolveMatchesADenseSolve() {
		final double[] x = Signals.noise(40, 1, 3);
		final double lambda = 7;
		final int n = x.length;
		final double[][] a = new double[n][n];
		for (int i = 0; i < n; i++)
			a[i][i] = 1;
		for (int r = 0; r + 2 < n; r++) {
			final int[] col = { r, r + 1, r + 2 };
			final double[] d = { 1, -2, 1 };
			for (int i = 0; i < 3; i++)
				for (int j = 0; j < 3; j++)
					a[col[i]][col[j]] += lambda * lambda * d[i] * d[j];
		}
		assertArrayEquals(gauss(a, x.clone()), Detrend.trend(x, lambda), 1e-9);
	}

	@Test
	void cutoffFormulaMatchesTheMeasuredHalfGain() {
		final double lambda = Detrend.lambdaForCutoff(FPS, 0.48);
		assertEquals(100, lambda, 1.5, "λ = 100 at 30 fps is a 0.48 Hz high-pass");
		final double[] x = Signals.sine(0.48 * 60, FPS, 120, 1, 0);
		final double[] y = Detrend.smoothnessPriors(x, lambda);
		final double gain = rms(y, 600, y.length - 600) / rms(x, 600, x.length - 600);
		assertEquals(0.5, gain, 0.02);
	}

	@Test
	void hundredThousandSamplesAreQuick() {
		final int n = 100_000;
		final double[] x = Signals.plus(Signals.sine(72, FPS, n / FPS, 1, 0), Signals.noise(n, 0.5, 5));
		for (int t = 0; t < n; t++)
			x[t] += 10 * Math.sin(2 * Math.PI * t / n);
		final double[] copy = x.clone();
		final long start = System.nanoTime();
		final double[] y = Detrend.smoothnessPriors(x, 100);
		final double ms = (System.nanoTime() - start) / 1e6;
		assertTrue(ms < 1000, ms + " ms");
		assertArrayEquals(copy, x, "input untouched");
		assertTrue(Math.abs(Stats.mean(y)) < 0.01);
		assertTrue(Signals.corr(y, Signals.sine(72, FPS, n / FPS, 1, 0)) > 0.8);
	}

	@Test
	void badLambdaIsRejected() {
		assertThrows(PulseJException.class, () -> Detrend.smoothnessPriors(new double[10], 0));
		assertThrows(PulseJException.class, () -> Detrend.smoothnessPriors(new double[10], Double.NaN));
	}

	private static double rms(final double[] x, final int from, final int to) {
		double s = 0;
		for (int i = from; i < to; i++)
			s += x[i] * x[i];
		return Math.sqrt(s / (to - from));
	}

	/** Plain Gaussian elimination with partial pivoting, for small reference solves. */
	private static double[] gauss(final double[][] a0, final double[] b) {
		final int n = b.length;
		final double[][] a = new double[n][];
		for (int i = 0; i < n; i++)
			a[i] = a0[i].clone();
		for (int c = 0; c < n; c++) {
			int p = c;
			for (int r = c + 1; r < n; r++)
				if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
			final double[] tr = a[c];
			a[c] = a[p];
			a[p] = tr;
			final double tb = b[c];
			b[c] = b[p];
			b[p] = tb;
			for (int r = c + 1; r < n; r++) {
				final double f = a[r][c] / a[c][c];
				for (int k = c; k < n; k++)
					a[r][k] -= f * a[c][k];
				b[r] -= f * b[c];
			}
		}
		final double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double s = b[r];
			for (int k = r + 1; k < n; k++)
				s -= a[r][k] * x[k];
			x[r] = s / a[r][r];
		}
		return x;
	}
}

package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * Smoothness-priors detrending (Tarvainen, Ranta-aho &amp; Karjalainen 2002): the trend is the
 * solution of {@code (I + λ²·D₂ᵀD₂)·trend = x}, with D₂ the (N−2)×N second-difference matrix,
 * and the output is {@code x − trend}. It acts as a zero-phase high-pass whose cut-off is about
 * {@code fps·arccos(1 − 1/(2λ))/(2π)}, i.e. 0.48 Hz for λ = 100 at 30 fps (the rPPG-Toolbox value).
 * <p>
 * The system matrix is symmetric, positive definite and pentadiagonal, so it is solved in O(N)
 * time and memory by a banded LDLᵀ factorisation; no N×N matrix or inverse is ever formed (the
 * reference code builds the dense inverse, impossible for the 10⁴–10⁵ frames of a long video).
 */
public final class Detrend {

	private Detrend() {}

	/**
	 * @param x signal, not modified
	 * @param lambda smoothing parameter, > 0; larger keeps more low frequencies
	 * @return x minus its smoothness-priors trend (all zeros for fewer than 3 samples: no
	 *         second difference exists, so the trend is the signal itself)
	 */
	public static double[] smoothnessPriors(final double[] x, final double lambda) {
		Checks.finite(x, "signal");
		if (!(lambda > 0) || Double.isInfinite(lambda)) throw new PulseJException("The detrending lambda is " + lambda +
			".", "Use a positive value, e.g. 100 at 30 fps.");
		final double[] trend = trend(x, lambda);
		final double[] out = new double[x.length];
		for (int i = 0; i < x.length; i++)
			out[i] = x[i] - trend[i];
		return out;
	}

	/**
	 * The λ whose high-pass cut-off (gain ½ of the detrended output) lies at {@code cutoffHz}: from the
	 * frequency response 1 − 1/(1 + λ²(2 − 2cos ω)²), λ = 1/(2 − 2cos(2π·cutoffHz/fps)).
	 */
	public static double lambdaForCutoff(final double fps, final double cutoffHz) {
		Checks.fps(fps);
		if (!(cutoffHz > 0) || cutoffHz >= fps / 2) throw new PulseJException("The detrending cut-off " + cutoffHz +
			" Hz is not between 0 and half the frame rate.", "Use a cut-off below the lowest rate of interest, e.g. 0.5 Hz.");
		return 1 / (2 - 2 * Math.cos(2 * Math.PI * cutoffHz / fps));
	}

	/** The smoothness-priors trend of x (banded LDLᵀ solve). */
	static double[] trend(final double[] x, final double lambda) {
		final int n = x.length;
		if (n < 3) return x.clone();
		final double l2 = lambda * lambda;
		// bands of A = I + λ²·D₂ᵀD₂: diagonal d, first off-diagonal e (i, i+1), second f (i, i+2);
		// each row r of D₂ is [1, −2, 1] at columns r, r+1, r+2 and adds its outer product
		final double[] d = new double[n], e = new double[n], f = new double[n];
		for (int r = 0; r + 2 < n; r++) {
			d[r] += l2;
			d[r + 1] += 4 * l2;
			d[r + 2] += l2;
			e[r] += -2 * l2;
			e[r + 1] += -2 * l2;
			f[r] += l2;
		}
		for (int i = 0; i < n; i++)
			d[i] += 1;
		// A = L·D·Lᵀ, L unit lower triangular with sub-diagonals p (i, i−1) and q (i, i−2)
		final double[] diag = new double[n], p = new double[n], q = new double[n];
		for (int i = 0; i < n; i++) {
			if (i >= 2) q[i] = f[i - 2] / diag[i - 2];
			if (i >= 1) p[i] = (e[i - 1] - (i >= 2 ? q[i] * diag[i - 2] * p[i - 1] : 0)) / diag[i - 1];
			diag[i] = d[i] - (i >= 1 ? p[i] * p[i] * diag[i - 1] : 0) - (i >= 2 ? q[i] * q[i] * diag[i - 2] : 0);
		}
		final double[] y = new double[n];
		for (int i = 0; i < n; i++)
			y[i] = x[i] - (i >= 1 ? p[i] * y[i - 1] : 0) - (i >= 2 ? q[i] * y[i - 2] : 0);
		for (int i = 0; i < n; i++)
			y[i] /= diag[i];
		for (int i = n - 1; i >= 0; i--)
			y[i] -= (i + 1 < n ? p[i + 1] * y[i + 1] : 0) + (i + 2 < n ? q[i + 2] * y[i + 2] : 0);
		return y;
	}
}

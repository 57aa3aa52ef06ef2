package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * The paper's frequency resampler R (Sec. 2.3): squeezes a clip of T frames into {@code T' = r·T}
 * frames by linear interpolation along time, which multiplies every frequency in it by {@code 1/r}
 * (r between 0.66 and 0.8 raises the pulse by 1.25–1.5×: the negative). Resampling the network output
 * of the negative back to T frames (factor 1/r) gives the positive, whose pulse should match the
 * anchor's.
 * <p>
 * DJL's PyTorch engine has no exact linear/trilinear interpolation (its native code forces
 * anti-aliasing), so the resampling is an exact linear interpolation written as a matrix
 * {@code M (T' × T)} applied to the time axis with one matmul, which is also differentiable. Sample
 * positions follow the half-pixel convention: output frame i looks at input position
 * {@code (i + 0.5)·T/T' − 0.5}, clamped to the clip.
 */
public final class FrequencyResampler {

	private final double minFactor, maxFactor;

	/** Factors r are drawn uniformly from [minFactor, maxFactor] (paper: 0.66–0.8). */
	public FrequencyResampler(final double minFactor, final double maxFactor) {
		if (!(minFactor > 0 && minFactor <= maxFactor && maxFactor < 1)) throw new IllegalArgumentException(
			"need 0 < minFactor <= maxFactor < 1, got " + minFactor + ", " + maxFactor);
		this.minFactor = minFactor;
		this.maxFactor = maxFactor;
	}

	public double minFactor() {
		return minFactor;
	}

	public double maxFactor() {
		return maxFactor;
	}

	/** A random factor r in [minFactor, maxFactor]. */
	public double drawFactor(final SplittableRandom rnd) {
		return minFactor + (maxFactor - minFactor) * rnd.nextDouble();
	}

	/**
	 * Length of the negative for a clip of {@code t} frames: r·t rounded to a multiple of
	 * {@link PhysNet#TIME_STRIDE}, so the network needs no padding. The true factor is then
	 * {@code negativeLength / t}, and the positive uses exactly its inverse.
	 */
	public static int negativeLength(final int t, final double r) {
		final int s = PhysNet.TIME_STRIDE;
		return Math.max(s, (int) Math.round(t * r / s) * s);
	}

	/** The negative input x_n: {@code clip} (B × C × T × H × W) squeezed to {@code tOut} frames. */
	public static NDArray negative(final NDArray clip, final int tOut) {
		return resampleTime(clip, tOut);
	}

	/** The positive output y_p: the negative's PPG y_n (B × T') stretched back to {@code t} samples. */
	public static NDArray positive(final NDArray yNegative, final int t) {
		return resampleTime(yNegative, t);
	}

	/**
	 * Linear resampling of the time axis to {@code tOut} samples: axis 1 of a {@code B × T} signal or
	 * axis 2 of a {@code B × C × T × H × W} volume.
	 */
	public static NDArray resampleTime(final NDArray x, final int tOut) {
		final Shape s = x.getShape();
		if (s.dimension() == 2) {
			final int tIn = Math.toIntExact(s.get(1));
			final NDArray mt = x.getManager().create(matrix(tIn, tOut), new Shape(tOut, tIn)).transpose();
			return x.matMul(mt);
		}
		if (s.dimension() == 5) {
			final long b = s.get(0), c = s.get(1), h = s.get(3), w = s.get(4);
			final int tIn = Math.toIntExact(s.get(2));
			final NDArray m = x.getManager().create(matrix(tIn, tOut), new Shape(tOut, tIn));
			// (tOut × tIn) @ (B·C × tIn × H·W): broadcast over B·C, no transposes of the volume
			return m.matMul(x.reshape(b * c, tIn, h * w)).reshape(b, c, tOut, h, w);
		}
		throw new IllegalArgumentException("expected B×T or B×C×T×H×W, got " + s);
	}

	/** Linear resampling of a signal to {@code tOut} samples (same convention as the matrix). */
	public static double[] resample(final double[] x, final int tOut) {
		final Taps taps = taps(x.length, tOut);
		final double[] y = new double[tOut];
		for (int i = 0; i < tOut; i++)
			y[i] = taps.at(i, x);
		return y;
	}

	/** The interpolation matrix {@code M} (row-major {@code tOut × tIn}) with y = M x. */
	public static float[] matrix(final int tIn, final int tOut) {
		final Taps taps = taps(tIn, tOut);
		final float[] m = new float[tOut * tIn];
		for (int i = 0; i < tOut; i++) {
			m[i * tIn + taps.i0[i]] += (float) (1 - taps.w[i]);
			m[i * tIn + taps.i1[i]] += (float) taps.w[i];
		}
		return m;
	}

	/** Output sample i = (1 − w[i])·x[i0[i]] + w[i]·x[i1[i]]. */
	record Taps(int[] i0, int[] i1, double[] w) {

		/** Output sample {@code i} of the signal {@code x}. */
		double at(final int i, final double[] x) {
			return (1 - w[i]) * x[i0[i]] + w[i] * x[i1[i]];
		}

		/** Output sample {@code i} of the trace {@code x}. */
		double at(final int i, final float[] x) {
			return (1 - w[i]) * x[i0[i]] + w[i] * x[i1[i]];
		}
	}

	static Taps taps(final int tIn, final int tOut) {
		return taps(tIn, tOut, 0, tIn);
	}

	/**
	 * Taps that map {@code span} input samples starting at {@code start} onto {@code tOut} outputs, for
	 * an input of {@code length} samples (positions are clamped to the input).
	 */
	static Taps taps(final int length, final int tOut, final double start, final double span) {
		if (length < 1 || tOut < 1) throw new IllegalArgumentException("lengths must be positive: " + length + " -> " +
			tOut);
		final int[] i0 = new int[tOut], i1 = new int[tOut];
		final double[] w = new double[tOut];
		final double scale = span / tOut;
		final int last = length - 1;
		for (int i = 0; i < tOut; i++) {
			double p = start + (i + 0.5) * scale - 0.5;
			p = Math.max(0, Math.min(last, p));
			final int a = Math.min((int) Math.floor(p), last);
			i0[i] = a;
			i1[i] = Math.min(a + 1, last);
			w[i] = p - a;
		}
		return new Taps(i0, i1, w);
	}
}

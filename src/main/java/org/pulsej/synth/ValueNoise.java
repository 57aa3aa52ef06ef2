package org.pulsej.synth;

import java.util.SplittableRandom;

/**
 * Smooth random texture: random values on an integer lattice, blended with a smooth step, summed
 * over octaves. Deterministic for a seed; period 256 in each direction.
 */
final class ValueNoise {

	private static final int N = 256;
	private final float[] lattice = new float[N * N];

	ValueNoise(final SplittableRandom random) {
		for (int i = 0; i < lattice.length; i++)
			lattice[i] = (float) (random.nextDouble() * 2 - 1);
	}

	/** Noise in about −1..1, varying on a scale of 1 unit. */
	double at(final double x, final double y) {
		final double fx = Math.floor(x), fy = Math.floor(y);
		final int ix = (int) fx & (N - 1), iy = (int) fy & (N - 1);
		final int jx = (ix + 1) & (N - 1), jy = (iy + 1) & (N - 1);
		final double sx = smooth(x - fx), sy = smooth(y - fy);
		final double top = lattice[iy * N + ix] * (1 - sx) + lattice[iy * N + jx] * sx;
		final double bottom = lattice[jy * N + ix] * (1 - sx) + lattice[jy * N + jx] * sx;
		return top * (1 - sy) + bottom * sy;
	}

	/** Sum of {@code octaves} octaves, each half the size and half the strength of the one before. */
	double fractal(final double x, final double y, final int octaves) {
		double sum = 0, amplitude = 1, frequency = 1, norm = 0;
		for (int o = 0; o < octaves; o++) {
			sum += amplitude * at(x * frequency + 17.3 * o, y * frequency + 31.7 * o);
			norm += amplitude;
			amplitude *= 0.5;
			frequency *= 2;
		}
		return sum / norm;
	}

	private static double smooth(final double t) {
		return t * t * (3 - 2 * t);
	}
}

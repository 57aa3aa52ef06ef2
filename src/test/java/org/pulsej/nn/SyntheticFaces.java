package org.pulsej.nn;

import java.util.Random;

import org.pulsej.input.FaceVolume;

/**
 * Synthetic face volumes with a known pulse, as the face stage would deliver them (3 channels, each
 * pixel z-normalised over time): a textured elliptic "face" whose colour pulses at a known heart rate
 * (with a second harmonic and slight rate variability), a textured background that does not pulse,
 * slow illumination drift, global in-band flicker and per-pixel noise. No motion.
 */
final class SyntheticFaces {

	/** Pulse amplitude per channel (Y, U, V) relative to {@code pulse}. */
	private static final double[] CHANNEL_GAIN = { 0.5, -0.3, 0.8 };

	double pulse = 0.35, noise = 1.0, flicker = 0.25, drift = 1.0;

	static SyntheticFaces standard() {
		return new SyntheticFaces();
	}

	FaceVolume volume(final double hrBpm, final double seconds, final double fps, final int size, final long seed) {
		return volume(hrBpm, seconds, fps, size, size, seed);
	}

	FaceVolume volume(final double hrBpm, final double seconds, final double fps, final int height, final int width,
		final long seed)
	{
		return volume(hrBpm, seconds, fps, height, width, seed, new double[1][]);
	}

	/** A volume as {@link #volume} makes it, with the pulse its face was drawn with (one value per frame). */
	LabelledVolume labelled(final String name, final double hrBpm, final double seconds, final double fps, final int size,
		final long seed)
	{
		final double[][] pulseOut = new double[1][];
		final FaceVolume v = volume(hrBpm, seconds, fps, size, size, seed, pulseOut);
		return new LabelledVolume(name, v, pulseOut[0]);
	}

	private FaceVolume volume(final double hrBpm, final double seconds, final double fps, final int height,
		final int width, final long seed, final double[][] pulseOut)
	{
		final Random rnd = new Random(seed);
		final int t = (int) Math.round(seconds * fps), plane = height * width;
		final FaceVolume v = FaceVolume.zeros(3, t, height, width, fps);
		final float[] d = v.data();
		// static texture per channel and skin perfusion map
		final double[][] tex = new double[3][plane];
		final double[] skin = new double[plane];
		for (int c = 0; c < 3; c++)
			for (int k = 0; k < 6; k++) {
				final double fx = rnd.nextDouble() * 0.5, fy = rnd.nextDouble() * 0.5, ph = rnd.nextDouble() * 6.28,
					a = rnd.nextDouble();
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						tex[c][y * width + x] += a * Math.sin(fx * x + fy * y + ph);
			}
		final double cy = height * (0.5 + 0.05 * rnd.nextGaussian()), cx = width * (0.5 + 0.05 * rnd.nextGaussian());
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final double ey = (y + 0.5 - cy) / (0.42 * height), ex = (x + 0.5 - cx) / (0.33 * width);
				if (ey * ey + ex * ex <= 1) skin[y * width + x] = 0.6 + 0.4 * Math.sin(0.3 * x + 0.2 * y) * Math.sin(
					0.25 * y);
			}
		// pulse with slight rate variability and a second harmonic
		final double[] p = new double[t];
		double phase = rnd.nextDouble() * 2 * Math.PI;
		final double hrvPhase = rnd.nextDouble() * 6.28;
		for (int i = 0; i < t; i++) {
			final double f = hrBpm / 60 * (1 + 0.02 * Math.sin(2 * Math.PI * 0.1 * i / fps + hrvPhase));
			phase += 2 * Math.PI * f / fps;
			p[i] = Math.sin(phase) + 0.3 * Math.sin(2 * phase + 1);
		}
		pulseOut[0] = p;
		// global illumination: slow drift plus broadband in-band flicker (random sinusoids 0.6–3.5 Hz)
		final double[] light = new double[t];
		final double dp = rnd.nextDouble() * 6.28;
		for (int i = 0; i < t; i++)
			light[i] = drift * (Math.sin(2 * Math.PI * 0.05 * i / fps + dp) + 0.5 * i / (double) t);
		for (int k = 0; k < 30; k++) {
			final double f = 0.6 + 2.9 * rnd.nextDouble(), ph = rnd.nextDouble() * 6.28, a = flicker * rnd.nextGaussian() /
				Math.sqrt(15);
			for (int i = 0; i < t; i++)
				light[i] += a * Math.sin(2 * Math.PI * f * i / fps + ph);
		}
		for (int c = 0; c < 3; c++) {
			final double lightGain = c == 0 ? 1 : 0.3;
			for (int i = 0; i < t; i++) {
				final int base = (c * t + i) * plane;
				for (int k = 0; k < plane; k++)
					d[base + k] = (float) (tex[c][k] + skin[k] * pulse * CHANNEL_GAIN[c] * p[i] + lightGain * light[i] +
						noise * rnd.nextGaussian());
			}
		}
		zNormalisePerPixel(v);
		return v;
	}

	/** What the face stage does: each pixel of each channel to zero mean and unit variance over time. */
	static void zNormalisePerPixel(final FaceVolume v) {
		final float[] d = v.data();
		final int t = v.frames(), plane = v.height() * v.width();
		for (int c = 0; c < v.channels(); c++)
			for (int k = 0; k < plane; k++) {
				double s = 0, s2 = 0;
				for (int i = 0; i < t; i++) {
					final double x = d[(c * t + i) * plane + k];
					s += x;
					s2 += x * x;
				}
				final double m = s / t, sd = Math.sqrt(Math.max(s2 / t - m * m, 1e-12));
				for (int i = 0; i < t; i++) {
					final int j = (c * t + i) * plane + k;
					d[j] = (float) ((d[j] - m) / sd);
				}
			}
	}
}

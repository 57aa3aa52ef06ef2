package org.pulsej.signal;

import java.util.Locale;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * Plane-orthogonal-to-skin (POS, Wang, den Brinker, Stuijk &amp; de Haan 2017). For every window of
 * ⌈1.6 s · fps⌉ frames (step 1 frame): divide each colour by its window mean, project onto the
 * plane orthogonal to the skin tone, {@code S1 = G − B}, {@code S2 = −2R + G + B}, combine
 * {@code h = S1 + (σ(S1)/σ(S2))·S2}, remove its mean and add it into the output (overlap-add).
 * Intensity changes common to all channels (illumination, shading) lie along (1, 1, 1) and vanish
 * in the projection; α = σ(S1)/σ(S2) tunes out what remains of specular changes.
 * <p>
 * Differences from the rPPG-Toolbox version: every window including the last frame is used
 * (the toolbox's last window stops one frame short); the output is negated so that it rises with
 * blood volume like {@link Green} and {@link Chrom} (Wang's h falls with it); a window whose colour
 * mean is zero in some channel contributes nothing instead of NaN; σ(S2) = 0 (grey input) gives α = 0.
 */
public final class Pos implements PulseExtractor {

	/** Window length of the original method, seconds. */
	public static final double WINDOW_SECONDS = 1.6;

	@Override
	public double[] extract(final RgbTrace trace, final double fps) {
		Checks.notNull(trace, "colour trace");
		Checks.fps(fps);
		final double[][] c = trace.channels();
		final int n = trace.length(), l = windowFrames(fps);
		requireFrames("POS", n, l, fps);
		final double[] h = new double[n], s1 = new double[l], s2 = new double[l];
		final double[] mean = new double[3];
		for (int m = 0; m + l <= n; m++) {
			boolean usable = true;
			for (int k = 0; k < 3; k++) {
				double sum = 0;
				for (int i = 0; i < l; i++)
					sum += c[k][m + i];
				mean[k] = sum / l;
				usable &= mean[k] > 0;
			}
			if (!usable) continue;
			for (int i = 0; i < l; i++) {
				final double r = c[0][m + i] / mean[0], g = c[1][m + i] / mean[1], b = c[2][m + i] / mean[2];
				s1[i] = g - b;
				s2[i] = -2 * r + g + b;
			}
			final double sd1 = sd(s1), sd2 = sd(s2);
			final double alpha = sd2 > 0 ? sd1 / sd2 : 0;
			double hm = 0;
			for (int i = 0; i < l; i++)
				hm += s1[i] + alpha * s2[i];
			hm /= l;
			for (int i = 0; i < l; i++)
				h[m + i] -= s1[i] + alpha * s2[i] - hm;
		}
		return h;
	}

	/** ⌈1.6 s · fps⌉ frames, at least 2. */
	static int windowFrames(final double fps) {
		return Math.max(2, (int) Math.ceil(WINDOW_SECONDS * fps - 1e-9));
	}

	static void requireFrames(final String method, final int n, final int l, final double fps) {
		if (n < l) throw new PulseJException(String.format(Locale.ROOT,
			"%s needs at least %s s = %d frames at %s fps, but the colour trace has %d frames.", method, Checks.seconds(
				l / fps), l, Messages.num(fps), n), "Use a longer video.");
	}

	/** Population standard deviation. */
	static double sd(final double[] x) {
		double m = 0;
		for (final double v : x)
			m += v;
		m /= x.length;
		double s = 0;
		for (final double v : x)
			s += (v - m) * (v - m);
		return Math.sqrt(s / x.length);
	}
}

package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * The green-channel method (Verkruysse et al. 2008): {@code 1 − g(t)/mean(g)}. Dividing by the
 * mean makes the amplitude a relative change (independent of skin tone and exposure); the sign
 * flip makes the signal rise with blood volume, since blood absorbs green light. The mean is over
 * the whole trace; slow illumination drift is left to the detrending that follows. Works on grey
 * video too (the intensity then stands for green).
 */
public final class Green implements PulseExtractor {

	@Override
	public double[] extract(final RgbTrace trace, final double fps) {
		Checks.notNull(trace, "colour trace");
		Checks.fps(fps);
		final double[] g = trace.channels()[1];
		if (g.length == 0) return new double[0];
		double mean = 0;
		for (final double v : g)
			mean += v;
		mean /= g.length;
		if (!(mean > 0)) throw new PulseJException("The green channel of the skin region has mean " + mean + ".",
			"Check the region: it must cover lit skin, not a black or empty area.");
		final double[] out = new double[g.length];
		for (int t = 0; t < g.length; t++)
			out[t] = 1 - g[t] / mean;
		return out;
	}
}

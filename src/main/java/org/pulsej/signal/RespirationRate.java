package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * Breathing rate from the same colour trace as the pulse (the paper's appendix suggests the
 * 5–25 breaths/min band). Breathing changes the skin's blood volume and moves the head, so the
 * skin colour swings slowly at the breathing rate.
 * <p>
 * The signal is a chrominance: green minus the mean of red and blue, each channel first divided by
 * its mean over the video, {@code g/ḡ − (r/r̄ + b/b̄)/2}. A change of light multiplies all three
 * channels alike and cancels there, while the blood-colour change (strongest in green) remains.
 * Measured on synthetic videos (RespirationRateTest; 48 videos, 6–24 breaths/min): within 2
 * breaths/min for still, dim, drifting, flickering, compressed and noisy videos; the plain green
 * or intensity trace fails on light steps and flicker (14–16 of 48 wrong instead of 7). Head
 * motion in the breathing band (smooth random translation, sudden jumps) is what still defeats it.
 * <p>
 * Steps: chrominance → smoothness-priors detrending with a 0.05 Hz (3/min) cut-off → band-pass
 * to the band → the {@link HeartRate} spectral peak (same zero-padding and refinement) over the
 * whole signal. A grey video has no chrominance; its intensity {@code g/ḡ} is used instead.
 */
public final class RespirationRate {

	/** Cut-off of the detrending, Hz: below the slowest breathing of the band (5/min = 0.083 Hz). */
	public static final double DETREND_CUTOFF_HZ = 0.05;

	private RespirationRate() {}

	/** Breathing rate in breaths per minute within {@link BpmBand#RESPIRATION}. */
	public static double fromTrace(final RgbTrace trace, final double fps) {
		return fromTrace(trace, fps, BpmBand.RESPIRATION);
	}

	/**
	 * Breathing rate in breaths per minute; NaN when the signal has no power in the band.
	 *
	 * @throws PulseJException when the trace is shorter than {@link #minimumFrames}
	 */
	public static double fromTrace(final RgbTrace trace, final double fps, final BpmBand band) {
		return HeartRate.fromPpg(signal(trace, fps, band), fps, band);
	}

	/**
	 * Frames needed: one cycle of the slowest rate (12 s for 5/min). Longer is far better: a 30 s
	 * video holds only 7 breaths at 15/min.
	 */
	public static int minimumFrames(final double fps, final BpmBand band) {
		return (int) Math.ceil(fps / band.minHz());
	}

	/** The detrended, band-passed breathing signal, one value per frame. */
	public static double[] signal(final RgbTrace trace, final double fps, final BpmBand band) {
		Checks.notNull(trace, "colour trace");
		Checks.notNull(band, "breathing band");
		Checks.fps(fps);
		Checks.belowNyquist(band.maxHz(), fps);
		final int n = trace.length();
		final int need = minimumFrames(fps, band);
		if (n < need) throw new PulseJException(String.format(java.util.Locale.ROOT,
			"The breathing rate needs at least one breath at the slowest rate (%s s = %d frames), but the video has %d frames.",
			Checks.seconds(need / fps), need, n), "Use a longer video (30 s or more is best).");
		final double[][] c = trace.channels();
		final double mr = Stats.mean(c[0]), mg = Stats.mean(c[1]), mb = Stats.mean(c[2]);
		final boolean grey = java.util.Arrays.equals(c[0], c[1]) && java.util.Arrays.equals(c[1], c[2]);
		final double[] chroma = new double[n];
		// a grey video has no colour: its intensity is all there is
		if (grey && mg > 0) for (int t = 0; t < n; t++)
			chroma[t] = c[1][t] / mg;
		else if (mr > 0 && mg > 0 && mb > 0) for (int t = 0; t < n; t++)
			chroma[t] = c[1][t] / mg - 0.5 * (c[0][t] / mr + c[2][t] / mb);
		final double cutoff = Math.min(DETREND_CUTOFF_HZ, 0.6 * band.minHz());
		final double[] detrended = Detrend.smoothnessPriors(chroma, Detrend.lambdaForCutoff(fps, cutoff));
		return BandPass.filter(detrended, fps, band);
	}
}

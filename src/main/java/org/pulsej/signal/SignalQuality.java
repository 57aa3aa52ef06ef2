package org.pulsej.signal;

/** Quality measures of a pulse signal from its power spectrum. */
public final class SignalQuality {

	/** Half-width of the signal regions around the heart rate and its harmonic, bpm (as in the rPPG-Toolbox). */
	public static final double SIGNAL_HALF_WIDTH_BPM = 6;

	private SignalQuality() {}

	/**
	 * Signal-to-noise ratio in dB, {@code 10·log10(P_signal / P_noise)} of a POWER ratio (de Haan &amp;
	 * Jeanne 2013). P_signal is the spectral power within ±6 bpm of {@code hrBpm} and of its second
	 * harmonic 2·hrBpm; P_noise is the power of all other bins inside the band. Spectrum: the whole
	 * signal, mean removed, padded as for {@link HeartRate}. The rPPG-Toolbox applies 20·log10 to the
	 * same power ratio, which doubles the dB values; PulseJ uses the correct 10·log10.
	 *
	 * @return the SNR in dB; NaN when {@code hrBpm} is NaN; +∞ when the band has no noise power
	 */
	public static double snrDb(final double[] ppg, final double fps, final double hrBpm, final BpmBand band) {
		Checks.notNull(band, "heart-rate band");
		Checks.finite(ppg, "pulse signal");
		Checks.fps(fps);
		Checks.belowNyquist(band.maxHz(), fps);
		if (Double.isNaN(hrBpm) || ppg.length < 2) return Double.NaN;
		final PowerSpectrum s = PowerSpectrum.of(ppg, 0, ppg.length, fps, HeartRate.DEFAULT_PAD_FACTOR);
		final double hw = SIGNAL_HALF_WIDTH_BPM / 60, f1 = hrBpm / 60, f2 = 2 * f1;
		final double[] f = s.frequencyHz();
		double signal = 0, noise = 0;
		for (int k = 0; k < s.size(); k++) {
			final boolean isSignal = Math.abs(f[k] - f1) <= hw || Math.abs(f[k] - f2) <= hw;
			if (isSignal) signal += s.power(k);
			else if (f[k] >= band.minHz() && f[k] <= band.maxHz()) noise += s.power(k);
		}
		return 10 * Math.log10(signal / noise);
	}

	/**
	 * Irrelevant power ratio: power outside the band divided by total power, in [0, 1]; lower means
	 * more of the signal is plausible pulse (used for unsupervised model selection).
	 * <p>
	 * Uses POWER |X|², whereas the reference code sums magnitudes |X| despite the name. The mean
	 * is removed first (the reference counts the 0 Hz bin as out-of-band power, which penalises a
	 * mere offset that the heart-rate estimate ignores anyway); no padding. A constant signal
	 * (no power at all) gives 1, as in the reference.
	 */
	public static double irrelevantPowerRatio(final double[] ppg, final double fps, final BpmBand band) {
		Checks.notNull(band, "band");
		Checks.finite(ppg, "pulse signal");
		Checks.fps(fps);
		if (ppg.length < 2) return 1;
		final PowerSpectrum s = PowerSpectrum.of(ppg, 0, ppg.length, fps, 1);
		final double total = s.total();
		if (!(total > 0)) return 1;
		final double in = s.sum(band.minHz(), band.maxHz());
		return Math.max(0, Math.min(1, (total - in) / total));
	}
}

package org.pulsej.signal;

/**
 * Turns the mean skin colour per frame into a raw pulse signal. All PulseJ extractors share one
 * polarity: the signal rises when blood volume rises (the skin darkens, most in green).
 */
public interface PulseExtractor {

	/**
	 * @param trace per-frame mean colour of the skin region (not modified)
	 * @param fps frame rate in Hz
	 * @return the raw pulse signal, one value per frame (detrend and band-pass it before use)
	 */
	double[] extract(RgbTrace trace, double fps);
}

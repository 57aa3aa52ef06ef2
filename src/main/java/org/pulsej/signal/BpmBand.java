package org.pulsej.signal;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * A range of plausible rates in beats (or breaths) per minute. Spectral peaks are searched only
 * inside it, inclusive of both ends.
 *
 * @param minBpm lowest rate, > 0
 * @param maxBpm highest rate, > minBpm
 */
public record BpmBand(double minBpm, double maxBpm) {

	/**
	 * Heart rate 40–180 bpm, as in the paper (Sec. 2.3/2.4). The released reference code passes
	 * 40–250 bpm instead; PulseJ follows the paper.
	 */
	public static final BpmBand HEART = new BpmBand(40, 180);

	/** Breathing 5–25 breaths per minute. */
	public static final BpmBand RESPIRATION = new BpmBand(5, 25);

	public BpmBand {
		if (!(minBpm > 0) || !(maxBpm > minBpm) || Double.isInfinite(maxBpm)) throw new PulseJException(
			"The rate band " + Messages.num(minBpm) + "–" + Messages.num(maxBpm) + " bpm is not valid.",
			"Give 0 < lowest < highest, e.g. 40 and 180 bpm for heart rate.");
	}

	/** Lower edge in Hz. */
	public double minHz() {
		return minBpm / 60;
	}

	/** Upper edge in Hz. */
	public double maxHz() {
		return maxBpm / 60;
	}

	/** Whether {@code bpm} lies inside the band (ends included). */
	public boolean contains(final double bpm) {
		return bpm >= minBpm && bpm <= maxBpm;
	}

	@Override
	public String toString() {
		return Messages.num(minBpm) + "–" + Messages.num(maxBpm) + " bpm";
	}
}

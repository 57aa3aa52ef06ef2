package org.pulsej.pipeline;

import java.util.Locale;

import org.pulsej.util.PulseJException;

/** Which part of each frame the colour signal is taken from. */
public enum RoiMode {
	/** The whole frame (for videos already cropped to the face). */
	WHOLE,
	/** A rectangle the user drew, fixed for all frames. */
	MANUAL;

	public static RoiMode parse(final String s) {
		if (s == null || s.isBlank()) return WHOLE;
		try {
			return valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new PulseJException("Unknown roi '" + s + "'.", "Use roi=whole or roi=manual (draw a rectangle first).");
		}
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}

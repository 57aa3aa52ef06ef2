package org.pulsej.pipeline;

import java.util.Locale;

import org.pulsej.util.PulseJException;

/** Which part of each frame the colour signal is taken from. */
public enum RoiMode {
	/** The tracked, stabilised face box (paper section 2.1), without its 25 % buffer. */
	FACE,
	/** The whole frame (for videos already cropped to the face). */
	WHOLE,
	/** A rectangle the user drew, fixed for all frames. */
	MANUAL;

	public static RoiMode parse(final String s) {
		if (s == null || s.isBlank()) return FACE;
		try {
			return valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new PulseJException("Unknown roi '" + s + "'.", "Use roi=face, roi=whole or roi=manual (draw a rectangle first).");
		}
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}

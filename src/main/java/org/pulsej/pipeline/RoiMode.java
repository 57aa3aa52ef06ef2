package org.pulsej.pipeline;

import java.util.Locale;

import org.pulsej.util.PulseJException;

/** Which part of each frame the colour signal is taken from. */
public enum RoiMode {
	/**
	 * The face box of each frame as detected (interpolated between detections, held where the face is
	 * lost), moving-averaged over ±{@link #TRACKED_HALF_WINDOW} frames and cut to its inner
	 * {@link #TRACKED_SCALE}: a region that moves with the skin. The default for the colour methods:
	 * the paper's stabilised box is held still while the face slides inside it, so skin and background
	 * enter and leave it at the rhythm of the motion.
	 */
	TRACKED,
	/** The tracked, stabilised face box (paper section 2.1), without its 25 % buffer. */
	FACE,
	/** The whole frame (for videos already cropped to the face). */
	WHOLE,
	/** A rectangle the user drew, fixed for all frames. */
	MANUAL;

	/**
	 * Frames on each side of the moving average of {@link #TRACKED}: lighter than the pulse can see (5
	 * frames at 30 fps pass 72 bpm with 98 % of its amplitude), enough to still the detector's jitter.
	 * Chosen on generated videos (README, "Region for the colour methods"): ±0/±2/±4 frames gave 8.7/8.8/8.6
	 * bpm MAE on the hard set (differing only on its dark video) and ±2/±4 0.05/0.08 on the standard set.
	 */
	public static final int TRACKED_HALF_WINDOW = 2;

	/**
	 * Share of the detected box (brow to chin, grown to 1.3 × its width) that {@link #TRACKED} keeps; on
	 * the hard set 0.6 and 1.0 gave 11.2 and 11.9 bpm MAE against 8.8.
	 */
	public static final double TRACKED_SCALE = 0.8;

	/** Whether the region follows a detected face (and so needs the face tracker). */
	public boolean tracksFace() {
		return this == TRACKED || this == FACE;
	}

	public static RoiMode parse(final String s) {
		if (s == null || s.isBlank()) return TRACKED;
		try {
			return valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new PulseJException("Unknown roi '" + s + "'.", "Use roi=tracked, roi=face (the stabilised box), roi=whole or roi=manual (draw a rectangle first).");
		}
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}

package org.pulsej.pipeline;

import java.util.Locale;

import org.pulsej.util.PulseJException;

/** Which part of each frame the colour signal is taken from. */
public enum RoiMode {
	/**
	 * The skin of a region that moves with the face: the face box of each frame as detected
	 * (interpolated between detections, held where the face is lost), moving-averaged over
	 * ±{@link #TRACKED_HALF_WINDOW} frames ({@link #TRACKED_SCALE} of it), of which only the pixels of the
	 * person's skin colour are averaged ({@link org.pulsej.face.SkinModel}, learned per video from the
	 * face's central area; eyes, brows, mouth, hair and background are left out, the mask computed anew in
	 * every frame). Frames whose region is unreliable are bridged ({@link UnreliableFrames}). The default
	 * for the colour methods. A grey video has no skin colour: there this is {@link #BOX}.
	 */
	TRACKED,
	/**
	 * The same moving region without the skin mask: every pixel of the inner {@link #BOX_SCALE} of the
	 * moving-averaged detected box (the default before the skin mask); unreliable frames are bridged too.
	 */
	BOX,
	/** The tracked, stabilised face box (paper section 2.1), without its 25 % buffer. */
	FACE,
	/** The whole frame (for videos already cropped to the face). */
	WHOLE,
	/** A rectangle the user drew, fixed for all frames. */
	MANUAL;

	/**
	 * Frames on each side of the moving average of {@link #TRACKED} and {@link #BOX}: lighter than the
	 * pulse can see (5 frames at 30 fps pass 72 bpm with 98 % of its amplitude), enough to still the
	 * detector's jitter. Chosen on generated videos (README, "Region for the colour methods"): ±0/±2/±4
	 * frames gave 8.7/8.8/8.6 bpm MAE on the hard set (differing only on its dark video) and ±2/±4 0.05/0.08
	 * on the standard set.
	 */
	public static final int TRACKED_HALF_WINDOW = 2;

	/**
	 * Share of the detected box (brow to chin, grown to 1.3 × its width) within which {@link #TRACKED}
	 * averages the skin: the whole box, as the mask leaves out what is not skin. On 16 generated videos of
	 * big motion and the hard set, POS's SNR at the true rate averaged +0.5 dB with 1.0 against −0.1 with
	 * 0.8, +0.3 with 1.2 and −0.7 with 1.4 (skin-mask threshold 4).
	 */
	public static final double TRACKED_SCALE = 1.0;

	/**
	 * Share of the detected box that {@link #BOX} keeps; on the hard set 0.6 and 1.0 gave 11.2 and 11.9 bpm
	 * MAE against 8.8.
	 */
	public static final double BOX_SCALE = 0.8;

	/**
	 * Distance threshold of {@link #TRACKED}'s skin mask, in standard deviations of the skin colour model
	 * (Mahalanobis distance in chromaticity and relative brightness). On the same 16 videos POS's SNR at
	 * the true rate averaged +0.5 dB with 3 and 4, +0.6 with 5 and +0.3 with 6; CHROM's −0.7, −0.7, −0.7,
	 * −1.1; GREEN's −4.9, −4.9, −5.9, −6.7. The mask keeps about 64 % of the box at 4.
	 */
	public static final double SKIN_K = 3;

	/** Whether the region follows a detected face (and so needs the face tracker). */
	public boolean tracksFace() {
		return this == TRACKED || this == BOX || this == FACE;
	}

	public static RoiMode parse(final String s) {
		if (s == null || s.isBlank()) return TRACKED;
		try {
			return valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new PulseJException("Unknown roi '" + s + "'.", "Use roi=tracked (the skin of a region that moves with the face), roi=box (that region without the skin mask), roi=face (the stabilised box), roi=whole or roi=manual (draw a rectangle first).");
		}
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}

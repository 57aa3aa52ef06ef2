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
	 * for the colour methods: on 36 generated videos (bench/roi_sets.sh) it read the rate within 1 bpm in
	 * 28, 28 and 19 of them with POS, CHROM and GREEN, {@link #BOX} in 27, 24 and 10, {@link #FACE} in 12,
	 * 13 and 12; mean SNR at the true rate 1.71, 0.48, −3.78 dB against 0.57, −0.54, −6.10 dB for
	 * {@link #BOX}. A grey video has no skin colour: there this is {@link #BOX}.
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
	 * Share of the detected box (hairline to chin) within whose inscribed oval {@link #TRACKED} averages
	 * the skin: the whole box, as the oval and the mask leave out what is not skin. On 36 generated videos
	 * (bench/roi_sets.sh: the standard and hard sets and 22 more of big motion and lamp ripple) 0.8, 1.0
	 * and 1.2 gave POS a mean SNR at the true rate of 0.53, 1.71 and 1.68 dB, CHROM −0.23, 0.48 and 0.34
	 * dB, GREEN −5.12, −3.78 and −3.94 dB (skin-mask threshold 3).
	 */
	public static final double TRACKED_SCALE = 1.0;

	/**
	 * Share of the detected box that {@link #BOX} keeps; on the hard set 0.6 and 1.0 gave 11.2 and 11.9 bpm
	 * MAE against 8.8.
	 */
	public static final double BOX_SCALE = 0.8;

	/**
	 * Distance threshold of {@link #TRACKED}'s skin mask, in standard deviations of the skin colour model
	 * (Mahalanobis distance in chromaticity and relative brightness). On the same 36 videos thresholds 2,
	 * 3, 4 and 5 gave POS a mean SNR at the true rate of 0.60, 1.71, 1.45 and 1.24 dB, CHROM −0.49, 0.48,
	 * 0.20 and −0.07 dB, GREEN −5.16, −3.78, −4.35 and −5.34 dB; the rate within 1 bpm in 30, 28, 27, 27
	 * (POS), 26, 28, 26, 26 (CHROM) and 11, 19, 11, 13 (GREEN) of the 36 videos. At 3 the mask keeps about
	 * 72 % of the skin in the oval and under 1 % of hair, eyes, lips and background (SkinMaskTest).
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

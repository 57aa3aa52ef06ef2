package org.pulsej.pipeline;

import java.util.Locale;

import org.pulsej.face.FaceTracker;
import org.pulsej.util.PulseJException;

/**
 * Where training cuts the network's input from each video.
 *
 * @param mode {@link RoiMode#TRACKED}: a crop that follows the face every frame (the detected box,
 *          moving-averaged over ±{@link RoiMode#TRACKED_HALF_WINDOW} frames, with the face stage's
 *          buffer), as PhysNet measures by default, so the network learns from the input it is later
 *          given; {@link RoiMode#FACE}: the paper's stabilised box (Sec. 2.1), in which the face slides
 *          until it leaves the buffered box; {@link RoiMode#WHOLE}: the whole frame (videos already
 *          cropped to the face)
 * @param face how faces are found (null for WHOLE)
 */
public record TrainingRegion(RoiMode mode, FaceTracker.Options face) {

	public TrainingRegion {
		if (mode != RoiMode.TRACKED && mode != RoiMode.FACE && mode != RoiMode.WHOLE) throw new PulseJException(
			"Training cannot use roi=" + mode.name().toLowerCase(Locale.ROOT) + ".", "Use roi=tracked, face or whole.");
		if (mode != RoiMode.WHOLE && face == null) throw new IllegalArgumentException(mode + " needs face options");
	}

	/** The default: the crop that follows the face, with the paper's face stage. */
	public static TrainingRegion tracked() {
		return new TrainingRegion(RoiMode.TRACKED, FaceTracker.Options.defaults());
	}

	/** The paper's stabilised box. */
	public static TrainingRegion stabilised() {
		return new TrainingRegion(RoiMode.FACE, FaceTracker.Options.defaults());
	}

	public static TrainingRegion whole() {
		return new TrainingRegion(RoiMode.WHOLE, null);
	}

	/** tracked, face or whole, ignoring case; empty reads as tracked. */
	public static TrainingRegion parse(final String roi) {
		final String s = roi == null ? "" : roi.trim().toLowerCase(Locale.ROOT);
		return switch (s) {
			case "", "tracked" -> tracked();
			case "face" -> stabilised();
			case "whole" -> whole();
			default -> throw new PulseJException("Unknown training region roi=" + roi + ".",
				"Use roi=tracked (a crop that follows the face), face (the paper's stabilised box) or whole (videos " +
					"already cropped to the face).");
		};
	}

	/** Whether faces are detected (not the whole frame). */
	public boolean tracksFace() {
		return mode != RoiMode.WHOLE;
	}
}

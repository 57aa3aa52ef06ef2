package org.pulsej.face;

/**
 * The face box of every frame of a video: the detector's box ({@link #raw}, clipped to the frame,
 * {@code null} where no face was found) and the stabilised buffered box that is cropped
 * ({@link #stabilised}, clipped to the frame, never {@code null}).
 */
public final class FaceTrack {

	private final int width, height;
	private final Box[] raw;
	private final double[] score;
	private final boolean[] interpolated;
	private final Box[] stabilised;
	private final boolean fixed;
	private final int detectorRuns;

	FaceTrack(final int width, final int height, final Box[] raw, final double[] score,
		final boolean[] interpolated, final Box[] stabilised, final boolean fixed, final int detectorRuns)
	{
		this.width = width;
		this.height = height;
		this.raw = raw;
		this.score = score;
		this.interpolated = interpolated;
		this.stabilised = stabilised;
		this.fixed = fixed;
		this.detectorRuns = detectorRuns;
	}

	public int frames() {
		return stabilised.length;
	}

	/** Width of the frames the boxes refer to. */
	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The face box of frame {@code t} (0-based), or null where none was found (and for a fixed box). */
	public Box raw(final int t) {
		return raw[t];
	}

	/** The detector's confidence for frame {@code t}; NaN where {@link #raw} is null. */
	public double score(final int t) {
		return score[t];
	}

	/** Whether the box of frame {@code t} was interpolated between detections rather than detected. */
	public boolean interpolated(final int t) {
		return interpolated[t];
	}

	/** The stabilised, buffered box to crop in frame {@code t}. */
	public Box stabilised(final int t) {
		return stabilised[t];
	}

	/** Frames that have a face box (detected or interpolated). */
	public int detectedFrames() {
		int n = 0;
		for (final Box b : raw)
			if (b != null) n++;
		return n;
	}

	/** How many frames the detector ran on. */
	public int detectorRuns() {
		return detectorRuns;
	}

	/** Whether this track is a user-drawn fixed box rather than detections. */
	public boolean isFixed() {
		return fixed;
	}
}

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

	/**
	 * The longest run of frames without a face box (before the first detection, after the last, or
	 * between detections too far apart to interpolate), as {@code {first, last}}; null when every frame
	 * has one, and for a fixed box.
	 */
	public int[] longestLoss() {
		int[] best = null;
		for (final int[] run : lossRuns())
			if (best == null || run[1] - run[0] > best[1] - best[0]) best = run;
		return best;
	}

	/**
	 * The frames of every run of at least {@code minFrames} frames without a face box; null when there
	 * is none, and for a fixed box.
	 */
	public boolean[] lostFrames(final int minFrames) {
		boolean[] lost = null;
		for (final int[] run : lossRuns())
			if (run[1] - run[0] + 1 >= minFrames) {
				if (lost == null) lost = new boolean[raw.length];
				java.util.Arrays.fill(lost, run[0], run[1] + 1, true);
			}
		return lost;
	}

	/** Every run of frames without a face box, as {@code {first, last}} in order; none for a fixed box. */
	private java.util.List<int[]> lossRuns() {
		final java.util.List<int[]> runs = new java.util.ArrayList<>();
		if (fixed) return runs;
		for (int t = 0; t < raw.length; t++) {
			if (raw[t] != null) continue;
			int end = t;
			while (end + 1 < raw.length && raw[end + 1] == null)
				end++;
			runs.add(new int[] { t, end });
			t = end;
		}
		return runs;
	}

	/**
	 * The warning for a face lost for at least {@code minSeconds} on end (the box is held where the face
	 * was last seen, so the region of those frames shows whatever is there then), or null.
	 */
	public String lossWarning(final String video, final double fps, final double minSeconds) {
		final int[] run = longestLoss();
		if (run == null || run[1] - run[0] + 1 < minSeconds * fps) return null;
		final int n = run[1] - run[0] + 1;
		return String.format(java.util.Locale.ROOT, "%s — warning: no face was found in frames %d–%d (%.1f–%.1f s, " +
			"%d %% of the video); there the box stays where the face was last seen, so the pulse of those " +
			"frames is measured on whatever the box then shows (background, hair, a dark frame): their confidence " +
			"is 0 and their hr_bpm the video's median. " +
			"Cut the video to the frames that show the face, or give roi=manual rect=x,y,w,h where the face stays.",
			video, run[0], run[1], run[0] / fps, (run[1] + 1) / fps, Math.round(100.0 * n / raw.length));
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

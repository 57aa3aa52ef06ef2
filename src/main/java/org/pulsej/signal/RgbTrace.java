package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * The per-frame spatial mean colour of the skin region: one red, green and blue value per frame.
 * Immutable: the arrays are copied in and out.
 */
public final class RgbTrace {

	private final double[] r, g, b;
	/** The background's mean brightness per frame, or null (see {@link #withBackground}). */
	private final double[] background;
	/** Where the region was in each frame (centre x, centre y, width; pixels), or null (see {@link #withMotion}). */
	private final double[][] motion;

	/**
	 * @param r mean red per frame
	 * @param g mean green per frame
	 * @param b mean blue per frame; all three of equal length with finite values
	 */
	public RgbTrace(final double[] r, final double[] g, final double[] b) {
		Checks.finite(r, "red trace");
		Checks.finite(g, "green trace");
		Checks.finite(b, "blue trace");
		if (r.length != g.length || g.length != b.length) throw new PulseJException("The red, green and blue traces " +
			"have different lengths (" + r.length + ", " + g.length + ", " + b.length + " frames).",
			"Give one value per frame for each colour.");
		this.r = r.clone();
		this.g = g.clone();
		this.b = b.clone();
		this.background = null;
		this.motion = null;
	}

	private RgbTrace(final RgbTrace t, final double[] background, final double[][] motion) {
		this.r = t.r;
		this.g = t.g;
		this.b = t.b;
		this.background = background;
		this.motion = motion;
	}

	/**
	 * The same trace with the mean brightness of the video's background in each frame (where there is no
	 * face), which shows the light falling on the face; null: none measured.
	 */
	public RgbTrace withBackground(final double[] brightness) {
		if (brightness == null) return background == null ? this : new RgbTrace(this, null, motion);
		Checks.finite(brightness, "background trace");
		if (brightness.length != r.length) throw new IllegalArgumentException("background of " + brightness.length +
			" frames for a trace of " + r.length);
		return new RgbTrace(this, brightness.clone(), motion);
	}

	/** The background's brightness per frame (a copy), or null when none was measured. */
	public double[] background() {
		return background == null ? null : background.clone();
	}

	/**
	 * The same trace with where its region was in each frame (a region that follows the face: its centre x,
	 * its centre y and its width, in pixels), which tells how much of a lamp's flicker the measured colour
	 * shows as the head moves; null: a region that stood still.
	 */
	public RgbTrace withMotion(final double[][] position) {
		if (position == null) return motion == null ? this : new RgbTrace(this, background, null);
		final double[][] copy = new double[position.length][];
		for (int k = 0; k < position.length; k++) {
			Checks.finite(position[k], "region position");
			if (position[k].length != r.length) throw new IllegalArgumentException("position of " + position[k].length +
				" frames for a trace of " + r.length);
			copy[k] = position[k].clone();
		}
		return new RgbTrace(this, background, copy);
	}

	/** Where the region was in each frame (copies; see {@link #withMotion}), or null. */
	public double[][] motion() {
		if (motion == null) return null;
		final double[][] copy = new double[motion.length][];
		for (int k = 0; k < motion.length; k++)
			copy[k] = motion[k].clone();
		return copy;
	}

	/** A grey video: the intensity stands for all three colours (only {@link Green} is meaningful then). */
	public static RgbTrace grey(final double[] intensity) {
		return new RgbTrace(intensity, intensity, intensity);
	}

	public double[] r() {
		return r.clone();
	}

	public double[] g() {
		return g.clone();
	}

	public double[] b() {
		return b.clone();
	}

	public int length() {
		return r.length;
	}

	/** Package access without copying, for the extractors. */
	double[][] channels() {
		return new double[][] { r, g, b };
	}
}

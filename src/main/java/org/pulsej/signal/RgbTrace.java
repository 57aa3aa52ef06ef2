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
	}

	private RgbTrace(final RgbTrace t, final double[] background) {
		this.r = t.r;
		this.g = t.g;
		this.b = t.b;
		this.background = background;
	}

	/**
	 * The same trace with the mean brightness of the video's background in each frame (where there is no
	 * face), which shows the light falling on the face; null: none measured.
	 */
	public RgbTrace withBackground(final double[] brightness) {
		if (brightness == null) return background == null ? this : new RgbTrace(this, null);
		Checks.finite(brightness, "background trace");
		if (brightness.length != r.length) throw new IllegalArgumentException("background of " + brightness.length +
			" frames for a trace of " + r.length);
		return new RgbTrace(this, brightness.clone());
	}

	/** The background's brightness per frame (a copy), or null when none was measured. */
	public double[] background() {
		return background == null ? null : background.clone();
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

package org.pulsej.face;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/** Frames as float planes, one per channel. */
public final class Planes {

	private Planes() {}

	/** R, G, B planes of an RGB frame (0..255), or the single plane of a grey frame in its own units. */
	public static float[][] channels(final ImageProcessor ip) {
		final int n = ip.getWidth() * ip.getHeight();
		if (ip instanceof ColorProcessor) {
			final int[] px = (int[]) ip.getPixels();
			final float[] r = new float[n], g = new float[n], b = new float[n];
			for (int i = 0; i < n; i++) {
				final int c = px[i];
				r[i] = (c >> 16) & 0xff;
				g[i] = (c >> 8) & 0xff;
				b[i] = c & 0xff;
			}
			return new float[][] { r, g, b };
		}
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = ip.getf(i);
		return new float[][] { v };
	}

	/**
	 * R, G, B planes in 0..255 for a detector. 8-bit grey is used as is; 16- and 32-bit grey are mapped
	 * through the frame's display range (for a fresh frame ImageJ sets that to its data range). A grey
	 * frame yields the same plane three times.
	 */
	public static float[][] rgb255(final ImageProcessor ip) {
		final float[][] c = channels(ip);
		if (c.length == 3) return c;
		final float[] v = c[0];
		if (ip.getBitDepth() != 8) {
			final double lo = ip.getMin(), hi = ip.getMax();
			final double k = hi > lo ? 255 / (hi - lo) : 0;
			for (int i = 0; i < v.length; i++) v[i] = (float) Math.max(0, Math.min(255, (v[i] - lo) * k));
		}
		return new float[][] { v, v, v };
	}
}

package org.pulsej.synth;

/**
 * A supersampled drawing surface for one layer, addressed in face units: (u, v) = (0, 0) is the
 * centre of the face, v = −1 the top of the forehead, v = 1 the chin, u to the right. Shapes are
 * painted back to front; each says how much of a point it covers (0..1) and what colour it has
 * there. Supersampling gives smooth edges when the canvas is reduced to a {@link Layer}.
 */
final class Canvas {

	/** How a paint changes the skin mask. */
	enum Mode {
		/** Opaque skin: pulses. */
		SKIN,
		/** Opaque, not skin (hair, eyes, lips, clothes): hides the skin beneath. */
		COVER,
		/**
		 * Multiplies the colour beneath by the paint's values, read as factors (0.7 = 30 % darker):
		 * shading and make-up; what is beneath stays skin or not.
		 */
		SHADE
	}

	@FunctionalInterface
	interface Coverage {
		double at(double u, double v);
	}

	@FunctionalInterface
	interface Paint {
		/** Writes the colour (0..255 per channel; factors for {@link Mode#SHADE}) at (u, v) into {@code rgb}. */
		void at(double u, double v, double[] rgb);
	}

	@FunctionalInterface
	interface Perfusion {
		double at(double u, double v);
	}

	private final int width, height, ss;
	private final double originX, originY, centreX, centreY, unit;
	private final float[] s; // per sample: premultiplied r, g, b, alpha, skin, perfused skin

	/**
	 * @param width layer width in pixels
	 * @param originX frame x of the layer's left edge
	 * @param centreX frame x of the face centre
	 * @param unit pixels per face unit (half the face height)
	 * @param supersample samples per pixel along each axis
	 */
	Canvas(final int width, final int height, final double originX, final double originY, final double centreX,
		final double centreY, final double unit, final int supersample)
	{
		this.width = width;
		this.height = height;
		this.originX = originX;
		this.originY = originY;
		this.centreX = centreX;
		this.centreY = centreY;
		this.unit = unit;
		this.ss = supersample;
		this.s = new float[width * ss * height * ss * Layer.STRIDE];
	}

	/** Paints within the face-unit box [u0, u1] × [v0, v1] (nothing is painted outside it). */
	void paint(final double u0, final double v0, final double u1, final double v1, final Coverage coverage,
		final Paint paint, final Mode mode, final Perfusion perfusion)
	{
		final int sw = width * ss, sh = height * ss;
		final int x0 = Math.max(0, sample(u0, centreX, originX)), x1 = Math.min(sw - 1, sample(u1, centreX, originX) + 1);
		final int y0 = Math.max(0, sample(v0, centreY, originY)), y1 = Math.min(sh - 1, sample(v1, centreY, originY) + 1);
		final double[] rgb = new double[3];
		for (int y = y0; y <= y1; y++) {
			final double v = ((originY + (y + 0.5) / ss) - centreY) / unit;
			for (int x = x0; x <= x1; x++) {
				final double u = ((originX + (x + 0.5) / ss) - centreX) / unit;
				final double c = coverage.at(u, v);
				if (!(c > 0)) continue;
				final double a = Math.min(1, c);
				paint.at(u, v, rgb);
				final int i = (y * sw + x) * Layer.STRIDE;
				switch (mode) {
					case SKIN, COVER -> {
						s[i] = (float) (rgb[0] * a + s[i] * (1 - a));
						s[i + 1] = (float) (rgb[1] * a + s[i + 1] * (1 - a));
						s[i + 2] = (float) (rgb[2] * a + s[i + 2] * (1 - a));
						s[i + 3] = (float) (a + s[i + 3] * (1 - a));
						final boolean skin = mode == Mode.SKIN;
						s[i + 4] = (float) ((skin ? a : 0) + s[i + 4] * (1 - a));
						s[i + 5] = (float) ((skin ? a * perfusion.at(u, v) : 0) + s[i + 5] * (1 - a));
					}
					case SHADE -> {
						s[i] *= (float) (1 - a + a * rgb[0]);
						s[i + 1] *= (float) (1 - a + a * rgb[1]);
						s[i + 2] *= (float) (1 - a + a * rgb[2]);
					}
				}
			}
		}
	}

	/** Colour-preserving paint for shapes that are not skin or whose perfusion does not matter. */
	void paint(final double u0, final double v0, final double u1, final double v1, final Coverage coverage,
		final Paint paint, final Mode mode)
	{
		paint(u0, v0, u1, v1, coverage, paint, mode, (u, v) -> 1);
	}

	private int sample(final double faceUnits, final double centre, final double origin) {
		return (int) Math.floor(((centre + faceUnits * unit) - origin) * ss);
	}

	/** Averages the samples of each pixel into a layer. */
	Layer toLayer() {
		final float[] data = new float[width * height * Layer.STRIDE];
		final int sw = width * ss;
		final float norm = 1f / (ss * ss);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int o = (y * width + x) * Layer.STRIDE;
				for (int dy = 0; dy < ss; dy++)
					for (int dx = 0; dx < ss; dx++) {
						final int i = ((y * ss + dy) * sw + x * ss + dx) * Layer.STRIDE;
						for (int k = 0; k < Layer.STRIDE; k++)
							data[o + k] += s[i + k];
					}
				for (int k = 0; k < Layer.STRIDE; k++)
					data[o + k] *= norm;
			}
		return new Layer(width, height, originX, originY, data);
	}
}

package org.pulsej.synth;

/**
 * A still image of one part of the scene (head, body) that motion moves as a whole. Per pixel,
 * {@link #STRIDE} floats: red, green, blue premultiplied by coverage (0..255), coverage (alpha,
 * 0..1), skin coverage (0..alpha: the part of the pixel that is skin and pulses) and skin coverage
 * weighted by perfusion (how strongly that skin pulses; mean 1 over the skin). Premultiplied values
 * interpolate correctly at edges when the layer is warped.
 */
public final class Layer {

	/** Floats per pixel: r, g, b, alpha, skin, perfused skin. */
	public static final int STRIDE = 6;
	public static final int R = 0, G = 1, B = 2, ALPHA = 3, SKIN = 4, PERFUSION = 5;

	private final int width, height;
	private final double originX, originY;
	private final float[] data;

	/**
	 * @param originX frame x of the layer's left edge when the head is at rest (pixel i covers
	 *          frame x in [originX + i, originX + i + 1))
	 * @param originY frame y of the layer's top edge at rest
	 */
	public Layer(final int width, final int height, final double originX, final double originY, final float[] data) {
		if (data.length != width * height * STRIDE) throw new IllegalArgumentException("layer data length " +
			data.length + " != " + width + "x" + height + "x" + STRIDE);
		this.width = width;
		this.height = height;
		this.originX = originX;
		this.originY = originY;
		this.data = data;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public double originX() {
		return originX;
	}

	public double originY() {
		return originY;
	}

	/** The pixels, {@link #STRIDE} floats each, row by row (shared, not copied). */
	public float[] data() {
		return data;
	}
}

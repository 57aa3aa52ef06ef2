package org.pulsej.synth;

/**
 * The still parts of a synthetic video, drawn once: a background, a body layer (neck, shoulders;
 * moves a little) and a head layer (face, hair, ears; moves, tilts and turns). Motion then warps
 * the layers frame by frame.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param background red, green, blue per pixel (0..255), row by row; it never pulses
 * @param pivotX frame x of the point the head turns about (below the chin, at rest)
 * @param pivotY frame y of that point
 * @param faceOutline x0, y0, x1, y1, ... points on the outline of the face (forehead to chin, cheek
 *          to cheek) at rest: the true face box is the bounding box of these points once moved
 */
public record Scene(int width, int height, float[] background, Layer body, Layer head, double pivotX,
	double pivotY, double[] faceOutline)
{

	public Scene {
		if (background.length != width * height * 3) throw new IllegalArgumentException("background is not " +
			width + "x" + height + " RGB");
		if (faceOutline.length < 6 || faceOutline.length % 2 != 0) throw new IllegalArgumentException(
			"face outline needs at least 3 points");
	}
}

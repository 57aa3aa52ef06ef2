package org.pulsej.synth;

import java.util.SplittableRandom;

/**
 * Draws the still scene of a synthetic face video. The generator animates what it returns
 * (pulse on the skin, motion, light, noise), so another look — a photograph, a 3D render — only
 * needs another implementation of this.
 */
public interface FaceRenderer {

	/**
	 * @param width frame width in pixels
	 * @param height frame height in pixels
	 * @param faceHeightPx height of the face, hairline to chin (the height of its box), in pixels
	 * @param marginPx how far the head and body may move; layers reach this far beyond the frame
	 *          so that no edge of them comes into view
	 * @param random the only source of randomness (skin tone, hair, clothes, background), so that a
	 *          seed gives the same scene
	 */
	Scene render(int width, int height, double faceHeightPx, double marginPx, SplittableRandom random);
}

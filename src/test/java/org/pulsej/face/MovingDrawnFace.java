package org.pulsej.face;

import ij.ImageStack;
import ij.process.ColorProcessor;
import org.pulsej.video.Video;

import java.awt.Color;
import java.util.Random;

/**
 * A 640×480, 30 fps test video of a {@link DrawnFace} with a known box track: 1 s of jitter (±3 px),
 * a sudden move of 160 px right and 20 px down at frame {@value #STEP}, 1 s of jitter, then 1 s of
 * steady drift left (3 px per frame) while the face grows slowly.
 */
final class MovingDrawnFace {

	static final int FRAMES = 90, STEP = 30;
	static final double FPS = 30;

	final Video video;
	final Box[] truth = new Box[FRAMES];

	MovingDrawnFace() {
		final ImageStack s = new ImageStack(640, 480);
		final Random rnd = new Random(11);
		for (int t = 0; t < FRAMES; t++) {
			double cx = t < STEP ? 220 : 380, cy = t < STEP ? 230 : 250, fw = 150;
			if (t < 60) {
				cx += 3 * (2 * rnd.nextDouble() - 1);
				cy += 3 * (2 * rnd.nextDouble() - 1);
			}
			else {
				cx -= 3 * (t - 59);
				fw += 0.5 * (t - 59);
			}
			final ColorProcessor cp = new ColorProcessor(640, 480);
			cp.setColor(new Color(90, 110, 130));
			cp.fill();
			DrawnFace.draw(cp, cx, cy, fw);
			s.addSlice(cp);
			truth[t] = DrawnFace.expectedBox(cx, cy, fw);
		}
		video = new Video(s, 24, FPS, "moving-drawn-face", null);
	}
}

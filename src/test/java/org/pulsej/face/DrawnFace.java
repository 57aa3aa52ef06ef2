package org.pulsej.face;

import ij.process.ImageProcessor;

import java.awt.Color;
import java.awt.Polygon;

/**
 * A simple drawn face for detector tests: hair, skin ellipse, eyes, brows, nose and mouth. The face is
 * {@code fw} wide and {@code 1.3 fw} high, centred on ({@code cx}, {@code cy}).
 */
final class DrawnFace {

	private DrawnFace() {}

	static void draw(final ImageProcessor ip, final double cx, final double cy, final double fw) {
		final double fh = 1.3 * fw, u = fw / 160; // drawing units: the layout was designed for fw = 160
		ip.setColor(new Color(60, 40, 25));
		oval(ip, cx - fw / 2 - 10 * u, cy - fh / 2 - 25 * u, fw + 20 * u, fh / 2 + 40 * u);
		ip.setColor(new Color(225, 180, 150));
		oval(ip, cx - fw / 2, cy - fh / 2, fw, fh);
		ip.setColor(Color.white);
		oval(ip, cx - 55 * u, cy - 30 * u, 40 * u, 20 * u);
		oval(ip, cx + 15 * u, cy - 30 * u, 40 * u, 20 * u);
		ip.setColor(new Color(60, 40, 30));
		oval(ip, cx - 43 * u, cy - 28 * u, 16 * u, 16 * u);
		oval(ip, cx + 27 * u, cy - 28 * u, 16 * u, 16 * u);
		ip.setColor(new Color(70, 45, 30));
		rect(ip, cx - 58 * u, cy - 45 * u, 45 * u, 7 * u);
		rect(ip, cx + 13 * u, cy - 45 * u, 45 * u, 7 * u);
		ip.setColor(new Color(200, 150, 125));
		ip.fillPolygon(new Polygon(new int[] { (int) cx, (int) (cx - 14 * u), (int) (cx + 14 * u) },
			new int[] { (int) (cy - 15 * u), (int) (cy + 25 * u), (int) (cy + 25 * u) }, 3));
		ip.setColor(new Color(170, 70, 70));
		oval(ip, cx - 30 * u, cy + 45 * u, 60 * u, 16 * u);
	}

	/** The true face box: the bounding box of the skin ellipse (forehead to chin, cheek to cheek). */
	static Box expectedBox(final double cx, final double cy, final double fw) {
		return Box.centred(cx, cy, fw, 1.3 * fw);
	}

	/** Centre of the drawn right (image-left) eye. */
	static double[] eye(final double cx, final double cy, final double fw) {
		final double u = fw / 160;
		return new double[] { cx - 35 * u, cy - 20 * u };
	}

	private static void oval(final ImageProcessor ip, final double x, final double y, final double w, final double h) {
		ip.fillOval((int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h));
	}

	private static void rect(final ImageProcessor ip, final double x, final double y, final double w, final double h) {
		ip.setRoi((int) Math.round(x), (int) Math.round(y), (int) Math.round(w), (int) Math.round(h));
		ip.fill();
		ip.resetRoi();
	}
}

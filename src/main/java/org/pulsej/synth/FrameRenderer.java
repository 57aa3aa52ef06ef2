package org.pulsej.synth;

import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * Makes frame t of a synthetic video from the still scene: warps the body and head layers to
 * where the motion puts them (bilinear interpolation), lets the skin pulse, lights the frame and
 * adds sensor noise. Every frame is a pure function of t, so frames can be rendered in any order,
 * in parallel, or again on demand, and always come out the same.
 */
final class FrameRenderer {

	/**
	 * Direction of the pulse in RGB, normalised to green: blood absorbs green most, then blue, then
	 * red (skin-tone-normalised pulsatile strengths ≈ 0.33 : 0.77 : 0.53).
	 */
	static final double[] PULSE_RGB = { 0.33 / 0.77, 1.0, 0.53 / 0.77 };

	private final Scene scene;
	private final HeadMotion motion;
	private final double[] skinChange, light;
	private final double noiseSigma, sideLight, gloss;
	private final long noiseSeed;
	/** Per thread, the frame being composed (floats, RGB): reused so that rendering makes little garbage. */
	private final ThreadLocal<float[]> buffer;

	/**
	 * @param skinChange per frame, the relative change of skin green intensity (pulse and breathing)
	 * @param light per frame, the light level that multiplies the whole frame
	 */
	FrameRenderer(final Scene scene, final HeadMotion motion, final double[] skinChange, final double[] light,
		final double noiseSigma, final double sideLight, final double gloss, final long noiseSeed)
	{
		this.sideLight = sideLight;
		this.gloss = gloss;
		this.scene = scene;
		this.motion = motion;
		this.skinChange = skinChange;
		this.light = light;
		this.noiseSigma = noiseSigma;
		this.noiseSeed = noiseSeed;
		this.buffer = ThreadLocal.withInitial(() -> new float[scene.width() * scene.height() * 3]);
	}

	int frames() {
		return light.length;
	}

	/** Frame t as packed RGB pixels. */
	int[] render(final int t) {
		final int w = scene.width(), h = scene.height();
		final float[] rgb = buffer.get();
		System.arraycopy(scene.background(), 0, rgb, 0, rgb.length);
		final double[] k = new double[3];
		for (int c = 0; c < 3; c++)
			k[c] = PULSE_RGB[c] * skinChange[t];
		composite(rgb, scene.body(), bodyWarp(t), null, k, null);
		composite(rgb, scene.head(), headWarp(t), turn(t), k, null);
		final int[] out = new int[w * h];
		final float l = (float) light[t];
		final SplittableRandom noise = new SplittableRandom(noiseSeed ^ (0x9E3779B97F4A7C15L * (t + 1)));
		final boolean noisy = noiseSigma > 0;
		final float sigma = (float) noiseSigma;
		for (int p = 0, i = 0; p < out.length; p++, i += 3) {
			float r = rgb[i] * l, g = rgb[i + 1] * l, b = rgb[i + 2] * l;
			if (noisy) {
				r += sigma * gaussian(noise.nextLong());
				g += sigma * gaussian(noise.nextLong());
				b += sigma * gaussian(noise.nextLong());
			}
			out[p] = quantise(r) << 16 | quantise(g) << 8 | quantise(b);
		}
		return out;
	}

	/** How much of each pixel of frame t is skin (0..1), before light and noise: for tests and masks. */
	float[] skinCoverage(final int t) {
		return skinCoverage(t, false);
	}

	/** As {@link #skinCoverage(int)}; with {@code headOnly}, the skin of the head layer alone (no neck). */
	float[] skinCoverage(final int t, final boolean headOnly) {
		final int w = scene.width(), h = scene.height();
		final float[] rgb = new float[w * h * 3];
		final float[] skin = new float[w * h];
		if (!headOnly) composite(rgb, scene.body(), bodyWarp(t), null, new double[3], skin);
		composite(rgb, scene.head(), headWarp(t), turn(t), new double[3], skin);
		return skin;
	}

	/** The true face box in frame t: the bounding box of the moved face outline. */
	Rectangle2D.Double faceBox(final int t) {
		final double[] m = headWarp(t).forward;
		final double[] o = scene.faceOutline();
		final Turn turn = turn(t);
		double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
		for (int i = 0; i < o.length; i += 2) {
			double ox = o[i];
			if (turn != null) { // where the turn takes the outline point; points turned out of sight do not count
				final double rest = Math.asin(Math.max(-1, Math.min(1, (ox - scene.pivotX()) / turn.radius)));
				if (Math.abs(rest + turn.yaw) >= Math.PI / 2) continue;
				ox = scene.pivotX() + turn.radius * Math.sin(rest + turn.yaw);
			}
			final double x = m[0] * ox + m[1] * o[i + 1] + m[2];
			final double y = m[3] * ox + m[4] * o[i + 1] + m[5];
			x0 = Math.min(x0, x);
			y0 = Math.min(y0, y);
			x1 = Math.max(x1, x);
			y1 = Math.max(y1, y);
		}
		return new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0);
	}

	// -- warps --

	/** An affine map rest → frame ({@code forward}, 2×3 row-major) and its inverse. */
	private static final class Warp {
		final double[] forward, inverse;

		/** Moves points about (px, py) by: scale (sx, sy), then rotate by angle, then translate by (dx, dy). */
		Warp(final double px, final double py, final double dx, final double dy, final double angle, final double sx,
			final double sy)
		{
			final double c = Math.cos(angle), s = Math.sin(angle);
			final double a = c * sx, b = -s * sy, d = s * sx, e = c * sy;
			forward = new double[] { a, b, px + dx - a * px - b * py, d, e, py + dy - d * px - e * py };
			final double det = a * e - b * d;
			final double ia = e / det, ib = -b / det, id = -d / det, ie = a / det;
			final double tx = forward[2], ty = forward[5];
			inverse = new double[] { ia, ib, -(ia * tx + ib * ty), id, ie, -(id * tx + ie * ty) };
		}
	}

	/** Direction of {@link SyntheticVideoSpec#sideLight}'s light from the camera's axis, to the frame's right. */
	private static final double SIDE_LIGHT_ANGLE = Math.toRadians(50);

	/**
	 * The head's turn in frame t, or null when it neither turns nor has a side light: the head is drawn on a
	 * vertical cylinder through the pivot that reaches the layer's sides, so a point at angle φ on it
	 * (0 facing the camera) appears at pivotX + radius·sin(φ + yaw), lit by 1 − sideLight + 2·sideLight·max(0, cos(φ + yaw − 50°)):
	 * sideLight of the frontal light is replaced by a light from 50° to the right, twice as strong.
	 *
	 * @param centre the cylinder's axis in the layer's pixel coordinates (pixel i's centre at i)
	 */
	private record Turn(double centre, double radius, double yaw, double sideLight, double gloss) {}

	/** Where the side light's mirror reflection lies (halfway to the light) and its width, rad. */
	private static final double SHINE_ANGLE = SIDE_LIGHT_ANGLE / 2, SHINE_WIDTH = Math.toRadians(10);

	/** How glossy the skin is at layer pixel (i, j), 0..1: uneven patches, fixed to the skin. */
	private static double glossiness(final double i, final double j) {
		final double g = 0.5 + 0.5 * Math.sin(0.21 * i + 1.3 * Math.sin(0.17 * j)) * Math.cos(0.13 * j - 0.4 * Math.sin(
			0.11 * i));
		return g * g;
	}

	private Turn turn(final int t) {
		if (motion.yaw[t] == 0 && sideLight == 0) return null; // the shine needs the side light
		final Layer head = scene.head();
		final double centre = scene.pivotX() - head.originX() - 0.5;
		final double radius = Math.max(centre + 0.5, head.width() - centre - 0.5);
		return new Turn(centre, radius, motion.yaw[t], sideLight, sideLight > 0 ? gloss : 0);
	}

	private Warp headWarp(final int t) {
		final double s = motion.scale[t];
		return new Warp(scene.pivotX(), scene.pivotY(), motion.dx[t], motion.dy[t], motion.angle[t], s * motion.squash[t],
			s);
	}

	private Warp bodyWarp(final int t) {
		final double s = motion.scale[t];
		return new Warp(scene.pivotX(), scene.pivotY(), motion.bodyDx[t], motion.bodyDy[t], 0, s, s);
	}

	/**
	 * Lays a warped layer over {@code rgb}: each frame pixel samples the layer where the inverse
	 * warp takes it. Skin is multiplied by (1 + k·perfusion). With {@code skinOut}, records skin
	 * coverage instead of caring about colour.
	 */
	private void composite(final float[] rgb, final Layer layer, final Warp warp, final Turn turn, final double[] k,
		final float[] skinOut)
	{
		final int w = scene.width(), h = scene.height();
		final int lw = layer.width(), lh = layer.height();
		final float[] d = layer.data();
		final double[] inv = warp.inverse;
		// frame pixels the layer can reach: its warped corners' bounding box
		final double[] f = warp.forward;
		double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
		for (int corner = 0; corner < 4; corner++) {
			final double cx = layer.originX() + ((corner & 1) == 0 ? 0 : lw);
			final double cy = layer.originY() + ((corner & 2) == 0 ? 0 : lh);
			final double x = f[0] * cx + f[1] * cy + f[2], y = f[3] * cx + f[4] * cy + f[5];
			minX = Math.min(minX, x);
			minY = Math.min(minY, y);
			maxX = Math.max(maxX, x);
			maxY = Math.max(maxY, y);
		}
		final int x0 = Math.max(0, (int) Math.floor(minX) - 1), x1 = Math.min(w - 1, (int) Math.ceil(maxX) + 1);
		final int y0 = Math.max(0, (int) Math.floor(minY) - 1), y1 = Math.min(h - 1, (int) Math.ceil(maxY) + 1);
		final double ox = layer.originX() + 0.5, oy = layer.originY() + 0.5;
		final float kr = (float) k[0], kg = (float) k[1], kb = (float) k[2];
		for (int y = y0; y <= y1; y++) {
			final double cy = y + 0.5;
			// layer coordinates of the centre of pixel (x0, y), and their change per pixel to the right
			double fi = inv[0] * (x0 + 0.5) + inv[1] * cy + inv[2] - ox;
			double fj = inv[3] * (x0 + 0.5) + inv[4] * cy + inv[5] - oy;
			for (int x = x0; x <= x1; x++, fi += inv[0], fj += inv[3]) {
				double si = fi;
				float shade = 1, shine = 0;
				if (turn != null) {
					final double u = (fi - turn.centre) / turn.radius;
					if (u <= -1 || u >= 1) continue;
					final double facing = Math.asin(u), rest = facing - turn.yaw;
					if (Math.abs(rest) >= Math.PI / 2) continue; // turned away from the camera
					si = turn.centre + turn.radius * Math.sin(rest);
					shade = (float) (1 - turn.sideLight + 2 * turn.sideLight * Math.max(0, Math.cos(facing - SIDE_LIGHT_ANGLE)));
					if (turn.gloss > 0) {
						final double off = (facing - SHINE_ANGLE) / SHINE_WIDTH;
						shine = (float) (255 * turn.gloss * Math.exp(-off * off) * glossiness(si, fj));
					}
				}
				if (si <= -1 || fj <= -1 || si >= lw || fj >= lh) continue;
				final int i0 = (int) Math.floor(si), j0 = (int) Math.floor(fj);
				final float wx = (float) (si - i0), wy = (float) (fj - j0);
				float pr = 0, pg = 0, pb = 0, a = 0, skin = 0, perf = 0;
				for (int q = 0; q < 4; q++) {
					final int i = i0 + (q & 1), j = j0 + (q >> 1);
					if (i < 0 || j < 0 || i >= lw || j >= lh) continue;
					final float wt = ((q & 1) == 0 ? 1 - wx : wx) * ((q >> 1) == 0 ? 1 - wy : wy);
					if (wt == 0) continue;
					final int o = (j * lw + i) * Layer.STRIDE;
					pr += wt * d[o];
					pg += wt * d[o + 1];
					pb += wt * d[o + 2];
					a += wt * d[o + 3];
					skin += wt * d[o + 4];
					perf += wt * d[o + 5];
				}
				if (a <= 1e-6f) continue;
				final int p = y * w + x;
				if (skinOut != null) {
					skinOut[p] = skin + skinOut[p] * (1 - a);
					continue;
				}
				final float pulse = perf / a;
				final int i = 3 * p;
				final float white = shine * skin; // the shine of the skin in the pixel (skin is premultiplied, as colour)
				rgb[i] = shade * pr * (1 + kr * pulse) + white + rgb[i] * (1 - a);
				rgb[i + 1] = shade * pg * (1 + kg * pulse) + white + rgb[i + 1] * (1 - a);
				rgb[i + 2] = shade * pb * (1 + kb * pulse) + white + rgb[i + 2] * (1 - a);
			}
		}
	}

	// -- camera --

	/** A standard normal sample from 64 random bits: the sum of four 16-bit uniforms (Irwin–Hall), fast and smooth enough for sensor noise. */
	private static float gaussian(final long bits) {
		final long sum = (bits & 0xffff) + (bits >>> 16 & 0xffff) + (bits >>> 32 & 0xffff) + (bits >>> 48 & 0xffff);
		return (sum - 131070f) / 37837.2f;
	}

	private static int quantise(final float v) {
		if (v <= 0) return 0;
		if (v >= 255) return 255;
		return (int) (v + 0.5f);
	}
}

package org.pulsej.synth;

import java.util.SplittableRandom;

import org.pulsej.synth.Canvas.Mode;

/**
 * Paints a frontal head and shoulders in front of a room wall, procedurally: a shaded skin oval
 * (light from the upper left, a relief for nose, brows, cheekbones, lips and chin), hair, ears,
 * eyes with white, iris, pupil and catch light, eyebrows, nostrils, lips, neck and a shirt. Skin
 * tone, hair, eye and shirt colours and the wall come from the random source. Everything is
 * drawn in face units (half the face height) so it scales with the face size.
 */
public final class PaintedFaceRenderer implements FaceRenderer {

	private static final int SUPERSAMPLE = 3;

	/**
	 * Face units: the skull oval runs from v = −1 to the chin at v = 1; the hairline, where the
	 * visible face (and its box) begins, is at {@code FOREHEAD_TOP}. Half width at the cheekbones:
	 * {@code FACE_HALF_WIDTH}.
	 */
	static final double FACE_HALF_WIDTH = 0.74, FOREHEAD_TOP = -0.8;
	/** Heights of the features in face units: eye centres, brows, base of the nose, mouth. */
	private static final double EYE_Y = -0.05, BROW_Y = -0.25, NOSE_Y = 0.33, MOUTH_Y = 0.6;
	private static final double EYE_X = 0.31;

	private static final double[][] SKIN_TONES = { { 236, 190, 162 }, { 226, 174, 142 }, { 204, 150, 114 },
		{ 172, 120, 88 }, { 130, 88, 64 }, { 98, 66, 48 } };
	private static final double[][] HAIR = { { 42, 30, 22 }, { 22, 19, 18 }, { 92, 62, 38 }, { 168, 128, 78 },
		{ 112, 52, 30 } };
	private static final double[][] IRIS = { { 86, 54, 34 }, { 64, 98, 130 }, { 84, 100, 62 }, { 58, 40, 28 } };
	private static final double[][] SHIRT = { { 42, 62, 112 }, { 140, 42, 44 }, { 58, 100, 72 }, { 72, 72, 78 },
		{ 196, 196, 190 }, { 120, 90, 140 } };
	private static final double[][] WALL = { { 196, 188, 170 }, { 168, 182, 192 }, { 204, 198, 186 },
		{ 160, 170, 146 }, { 210, 196, 170 } };

	/** Light directions (towards the light), normalised: key light upper left, fill from the right. */
	private static final double[] KEY = normalise(-0.42, -0.5, 0.76), FILL = normalise(0.65, -0.15, 0.74);

	/** Colours of one person and room. */
	private record Look(double[] skin, double[] hair, double[] iris, double[] shirt, double[] wall, boolean doorLeft,
		ValueNoise noise)
	{}

	@Override
	public Scene render(final int width, final int height, final double faceHeightPx, final double marginPx,
		final SplittableRandom random)
	{
		final Look look = new Look(pick(SKIN_TONES, random), pick(HAIR, random), pick(IRIS, random), pick(SHIRT, random),
			pick(WALL, random), random.nextBoolean(), new ValueNoise(random.split()));
		final double unit = faceHeightPx / (1 - FOREHEAD_TOP);
		final double cx = width / 2.0;
		final double cy = Math.max(0.45 * height, 1.26 * unit);

		// head: hair, ears, face; reaches a little beyond the hair on every side
		final int hx0 = (int) Math.floor(cx - 1.12 * unit) - 2, hy0 = (int) Math.floor(cy - 1.3 * unit) - 2;
		final int hw = (int) Math.ceil(2.24 * unit) + 4, hh = (int) Math.ceil(2.4 * unit) + 4;
		final Canvas head = new Canvas(hw, hh, hx0, hy0, cx, cy, unit, SUPERSAMPLE);
		paintHead(head, look, 1 / unit);

		// body: from under the chin to beyond the bottom and sides of the frame
		final int m = (int) Math.ceil(marginPx) + 2;
		final int by0 = (int) Math.floor(cy + 0.3 * unit);
		final Canvas body = new Canvas(width + 2 * m, height + m - by0, -m, by0, cx, cy, unit, SUPERSAMPLE);
		paintBody(body, look, 1 / unit);

		final Layer headLayer = head.toLayer(), bodyLayer = body.toLayer();
		normalisePerfusion(headLayer, bodyLayer);

		// the face box spans the visible face: hairline to chin, cheek to cheek
		final int n = 48;
		final double[] outline = new double[4 * (n + 1)];
		for (int k = 0; k <= n; k++) {
			final double v = FOREHEAD_TOP + (1 - FOREHEAD_TOP) * (1 - Math.cos(Math.PI * k / n)) / 2;
			final double u = faceHalfWidthAt(v);
			outline[4 * k] = cx - u * unit;
			outline[4 * k + 1] = cy + v * unit;
			outline[4 * k + 2] = cx + u * unit;
			outline[4 * k + 3] = cy + v * unit;
		}
		return new Scene(width, height, background(width, height, look), bodyLayer, headLayer, cx, cy + 0.9 * unit,
			outline);
	}

	// -- head --

	private static void paintHead(final Canvas c, final Look look, final double px) {
		final ValueNoise n = look.noise;
		final double[] skin = look.skin, hair = look.hair;

		// hair behind the head, ending at the jaw
		c.paint(-1.1, -1.3, 1.1, 0.6, (u, v) -> ellipse(u, v, 0, -0.16, 1.0, 1.08, px) * edge(v - 0.42 - 0.08 * Math.cos(
			u * 3), 0.06), (u, v, rgb) -> hairColour(hair, n, u, v, 0.8, rgb), Mode.COVER);

		// ears, half behind the face
		for (final int s : new int[] { -1, 1 }) {
			c.paint(s * 0.74 - 0.14, -0.25, s * 0.74 + 0.14, 0.22, (u, v) -> ellipse(u, v, s * 0.74, -0.02, 0.1, 0.19,
				px), (u, v, rgb) -> shaded(skin, 0.88 - 0.1 * s, rgb), Mode.SKIN, PaintedFaceRenderer::perfusion);
			c.paint(s * 0.74 - 0.1, -0.2, s * 0.74 + 0.1, 0.2, (u, v) -> 0.6 * ellipse(u, v, s * 0.755, 0, 0.045, 0.12,
				px * 3), (u, v, rgb) -> set(rgb, 0.7, 0.66, 0.66), Mode.SHADE);
		}

		// the face: a shaded oval with relief
		c.paint(-0.8, -1.02, 0.8, 1.02, (u, v) -> edge((faceR(u, v) - 1) * 0.7, px), (u, v,
			rgb) -> skinColour(look, u, v, rgb), Mode.SKIN, PaintedFaceRenderer::perfusion);
		// rosy cheeks
		for (final int s : new int[] { -1, 1 })
			c.paint(s * 0.42 - 0.35, -0.15, s * 0.42 + 0.35, 0.6, (u, v) -> 0.3 * gauss(u - s * 0.42, v - 0.28, 0.13,
				0.11), (u, v, rgb) -> set(rgb, 1.02, 0.8, 0.78), Mode.SHADE);

		for (final int s : new int[] { -1, 1 })
			paintEye(c, look, s, px);
		for (final int s : new int[] { -1, 1 })
			paintBrow(c, look, s, px);
		paintNostrils(c, look, px);
		paintMouth(c, look, px);

		// hair on top of the head, down to the hairline, with a side parting
		c.paint(-1.05, -1.3, 1.05, 0.1, (u, v) -> ellipse(u, v, 0, -0.18, 0.95, 1.04, px) * edge(v - hairline(u),
			0.035), (u, v, rgb) -> hairColour(hair, n, u, v, 1.0, rgb), Mode.COVER);
	}

	/** Half width of the face at height v (0 beyond the forehead and the chin). */
	static double faceHalfWidthAt(final double v) {
		if (Math.abs(v) >= 1) return 0;
		final double p = jawExponent(v);
		return widthScale(v) * Math.pow(1 - Math.pow(Math.abs(v), p), 1 / p);
	}

	/**
	 * Distance measure of the face outline: 1 on it, less inside. An ellipse above the cheekbones;
	 * below, a squarer curve (a larger exponent) for the jaw and a rounded chin.
	 */
	private static double faceR(final double u, final double v) {
		final double p = jawExponent(v);
		return Math.pow(Math.pow(Math.abs(u) / widthScale(v), p) + Math.pow(Math.abs(v), p), 1 / p);
	}

	private static double jawExponent(final double v) {
		return 2 + 0.6 * smooth(0, 0.8, v);
	}

	private static double widthScale(final double v) {
		final double c = Math.max(0, Math.min(1, v));
		return FACE_HALF_WIDTH * (1 - 0.12 * c * c);
	}

	private static double hairline(final double u) {
		final double a = Math.min(1.2, Math.abs(u) / FACE_HALF_WIDTH);
		return FOREHEAD_TOP + 0.55 * Math.pow(a, 2.2) + 0.04 * Math.sin(u * 7 + 1) + 0.06 * Math.exp(-sq((u - 0.25) / 0.12));
	}

	/** Height of the face surface (an ellipsoid plus features), for shading. */
	private static double relief(final double u, final double v) {
		final double r = faceR(u, v), r2 = r * r;
		double z = 0.85 * Math.sqrt(Math.max(0, 1 - r2));
		final double nv = v - NOSE_Y; // nose: a ridge widening and rising to the tip, then a sharp underside
		final double noseWidth = 0.045 + 0.05 * smooth(-0.4, 0.0, nv);
		final double noseHeight = 0.17 * smooth(-0.55, -0.06, nv) * (1 - smooth(-0.05, 0.04, nv));
		z += noseHeight * Math.exp(-u * u / (2 * noseWidth * noseWidth));
		z += 0.045 * (gauss(u - 0.085, nv + 0.05, 0.045, 0.035) + gauss(u + 0.085, nv + 0.05, 0.045, 0.035));
		z -= 0.07 * (gauss(u - EYE_X, v - EYE_Y + 0.02, 0.14, 0.09) + gauss(u + EYE_X, v - EYE_Y + 0.02, 0.14, 0.09));
		z += 0.035 * gauss(u, v - BROW_Y + 0.03, 0.5, 0.07);
		z += 0.04 * (gauss(Math.abs(u) - 0.46, v - 0.12, 0.14, 0.11));
		z += 0.035 * gauss(u, v - MOUTH_Y, 0.2, 0.055);
		z += 0.04 * gauss(u, v - 0.87, 0.16, 0.08);
		z -= 0.012 * gauss(u, v - (NOSE_Y + MOUTH_Y) / 2, 0.03, 0.05); // philtrum
		return z;
	}

	/** Lambert shading of the relief with a key and a fill light, plus a faint sheen: {shade, key, sheen}. */
	private static double[] lightAt(final double u, final double v) {
		return LightMap.INSTANCE.at(u, v);
	}

	/**
	 * The face's lighting does not depend on the person, so it is computed once, on a fine grid in
	 * face units, and interpolated: evaluating the relief's gradient at every supersample was most
	 * of the time spent drawing a face.
	 */
	private static final class LightMap {
		static final LightMap INSTANCE = new LightMap();
		private static final double U0 = -0.9, V0 = -1.05, STEP = 0.004;
		private static final int NU = 451, NV = 526;
		private final float[] shade = new float[NU * NV * 3];

		private LightMap() {
			// the relief on the grid plus a border, then its gradient by central differences
			final double[] z = new double[(NU + 2) * (NV + 2)];
			for (int j = 0; j < NV + 2; j++)
				for (int i = 0; i < NU + 2; i++)
					z[j * (NU + 2) + i] = relief(U0 + (i - 1) * STEP, V0 + (j - 1) * STEP);
			final double[] half = normalise(KEY[0], KEY[1], KEY[2] + 1);
			for (int j = 0; j < NV; j++)
				for (int i = 0; i < NU; i++) {
					final int c = (j + 1) * (NU + 2) + i + 1;
					double gx = (z[c + 1] - z[c - 1]) / (2 * STEP);
					double gy = (z[c + NU + 2] - z[c - NU - 2]) / (2 * STEP);
					final double g = Math.hypot(gx, gy);
					if (g > 6) { // the rim of the oval: steep, but keep some light
						gx *= 6 / g;
						gy *= 6 / g;
					}
					final double[] nrm = normalise(-gx, -gy, 1);
					final double key = Math.max(0, dot(nrm, KEY)), fill = Math.max(0, dot(nrm, FILL));
					final double sheen = Math.pow(Math.max(0, dot(nrm, half)), 24);
					final int o = 3 * (j * NU + i);
					shade[o] = (float) (0.32 + 0.62 * key + 0.16 * fill);
					shade[o + 1] = (float) key;
					shade[o + 2] = (float) sheen;
				}
		}

		double[] at(final double u, final double v) {
			final double x = Math.max(0, Math.min(NU - 1.001, (u - U0) / STEP));
			final double y = Math.max(0, Math.min(NV - 1.001, (v - V0) / STEP));
			final int i = (int) x, j = (int) y;
			final double fx = x - i, fy = y - j;
			final double[] r = new double[3];
			for (int k = 0; k < 3; k++) {
				final int o = 3 * (j * NU + i) + k;
				r[k] = (shade[o] * (1 - fx) + shade[o + 3] * fx) * (1 - fy) + (shade[o + 3 * NU] * (1 - fx) + shade[o + 3 *
					NU + 3] * fx) * fy;
			}
			return r;
		}
	}

	private static void skinColour(final Look look, final double u, final double v, final double[] rgb) {
		final double[] l = lightAt(u, v);
		final double shade = l[0] * (1 + 0.025 * look.noise.at(u * 40, v * 40) + 0.015 * look.noise.at(u * 9, v * 9));
		final double warm = 1 - Math.min(1, l[1]); // shadows in skin look warmer
		rgb[0] = look.skin[0] * shade + 40 * l[2];
		rgb[1] = look.skin[1] * shade * (1 - 0.1 * warm) + 38 * l[2];
		rgb[2] = look.skin[2] * shade * (1 - 0.14 * warm) + 36 * l[2];
	}

	/** How strongly the skin pulses here (before normalising to mean 1): cheeks and forehead most. */
	private static double perfusion(final double u, final double v) {
		return 0.75 + 0.5 * gauss(Math.abs(u) - 0.4, v - 0.25, 0.16, 0.16) + 0.35 * gauss(u, v + 0.55, 0.3, 0.18) -
			0.2 * gauss(u, v - NOSE_Y + 0.15, 0.08, 0.1) - 0.15 * smooth(1.0, 1.4, v);
	}

	private static void paintEye(final Canvas c, final Look look, final int s, final double px) {
		final double ex = s * EYE_X, ey = EYE_Y, a = 0.15, b = 0.068;
		final double[] skin = look.skin;
		// crease of the upper lid
		c.paint(ex - a, ey - 0.15, ex + a, ey, (u, v) -> {
			final double t = (u - ex) / a;
			if (Math.abs(t) >= 1) return 0;
			final double crease = ey - b * Math.pow(1 - t * t, 0.75) - 0.04 * Math.sqrt(1 - t * t) - 0.006;
			return 0.45 * edge(Math.abs(v - crease) - 0.007, 2 * px) * (1 - t * t);
		}, (u, v, rgb) -> set(rgb, 0.72, 0.68, 0.68), Mode.SHADE);
		// eye white, almond shaped, shadowed under the upper lid
		c.paint(ex - a, ey - b, ex + a, ey + b, (u, v) -> almond(u, v, ex, ey, a, b, s, px), (u, v, rgb) -> {
			final double t = (u - ex) / a;
			final double top = upperLid(t, ey, b, s);
			final double depth = Math.min(1, (v - top) / (1.6 * b));
			final double shade = (0.72 + 0.26 * depth) * (1 - 0.25 * t * t);
			set(rgb, 236 * shade, 228 * shade, 224 * shade);
		}, Mode.COVER);
		// iris with a dark rim, pupil, catch light
		final double ir = 0.062, icx = ex, icy = ey + 0.004;
		final double[] iris = look.iris;
		c.paint(ex - a, ey - b, ex + a, ey + b, (u, v) -> Math.min(almond(u, v, ex, ey, a, b, s, px), edge(Math.hypot(
			u - icx, v - icy) - ir, px)), (u, v, rgb) -> {
				final double r = Math.hypot(u - icx, v - icy) / ir;
				final double streak = 1 + 0.18 * Math.sin(Math.atan2(v - icy, u - icx) * 23) * (1 - r);
				final double rim = r > 0.8 ? 0.55 : 1;
				final double shade = rim * streak * (0.8 + 0.3 * Math.max(0, (v - icy) / ir));
				set(rgb, iris[0] * shade, iris[1] * shade, iris[2] * shade);
			}, Mode.COVER);
		c.paint(icx - 0.03, icy - 0.03, icx + 0.03, icy + 0.03, (u, v) -> Math.min(almond(u, v, ex, ey, a, b, s, px),
			edge(Math.hypot(u - icx, v - icy) - 0.026, px)), (u, v, rgb) -> set(rgb, 14, 12, 12), Mode.COVER);
		c.paint(icx - 0.04, icy - 0.04, icx + 0.01, icy + 0.01, (u, v) -> edge(Math.hypot(u - icx + 0.018, v - icy +
			0.019) - 0.011, px), (u, v, rgb) -> set(rgb, 250, 250, 250), Mode.COVER);
		// lash line along the upper lid, heavier towards the outer corner
		c.paint(ex - a - 0.02, ey - b - 0.02, ex + a + 0.02, ey + 0.02, (u, v) -> {
			final double t = (u - ex) / a;
			if (Math.abs(t) > 1.08) return 0;
			final double top = upperLid(Math.max(-1, Math.min(1, t)), ey, b, s);
			final double w = 0.008 + 0.008 * Math.max(0, s * t);
			return 0.95 * edge(Math.abs(v - top + 0.002) - w, px) * edge(Math.abs(t) - 1.02, 0.05);
		}, (u, v, rgb) -> set(rgb, 34, 24, 22), Mode.COVER);
		// lower lid line
		c.paint(ex - a, ey, ex + a, ey + b + 0.02, (u, v) -> {
			final double t = (u - ex) / a;
			if (Math.abs(t) >= 1) return 0;
			return 0.4 * edge(Math.abs(v - lowerLid(t, ey, b)) - 0.004, px);
		}, (u, v, rgb) -> set(rgb, 0.78, 0.74, 0.74), Mode.SHADE);
	}

	private static double upperLid(final double t, final double ey, final double b, final int s) {
		return ey - b * Math.pow(1 - t * t, 0.75) * (1 + 0.15 * s * t) + 0.01 * s * t;
	}

	private static double lowerLid(final double t, final double ey, final double b) {
		return ey + 0.72 * b * Math.pow(1 - t * t, 0.9);
	}

	private static double almond(final double u, final double v, final double ex, final double ey, final double a,
		final double b, final int s, final double px)
	{
		final double t = (u - ex) / a;
		if (Math.abs(t) >= 1) return 0;
		final double top = upperLid(t, ey, b, s), bottom = lowerLid(t, ey, b);
		return Math.min(edge(top - v, px), edge(v - bottom, px));
	}

	private static void paintBrow(final Canvas c, final Look look, final int s, final double px) {
		final double bx = s * (EYE_X + 0.01), half = 0.19;
		c.paint(bx - half - 0.02, BROW_Y - 0.16, bx + half + 0.02, BROW_Y + 0.09, (u, v) -> {
			final double t = s * (u - bx) / half; // −1 at the nose end, 1 at the outer end
			if (Math.abs(t) > 1.1) return 0;
			final double centre = BROW_Y - 0.05 * (1 - t * t) + 0.03 * Math.max(0, t) * t;
			final double thick = 0.034 * (1 - 0.4 * (t + 1) / 2);
			return 0.92 * edge(Math.abs(v - centre) - thick, 1.5 * px) * edge(Math.abs(t) - 0.95, 0.1);
		}, (u, v, rgb) -> {
			final double k = 0.75 + 0.25 * look.noise.at(u * 90, v * 12);
			final double[] h = look.hair;
			set(rgb, h[0] * 0.85 * k, h[1] * 0.85 * k, h[2] * 0.85 * k);
		}, Mode.COVER);
	}

	private static void paintNostrils(final Canvas c, final Look look, final double px) {
		for (final int s : new int[] { -1, 1 })
			c.paint(s * 0.065 - 0.05, NOSE_Y - 0.07, s * 0.065 + 0.05, NOSE_Y + 0.03, (u, v) -> 0.85 * ellipse(u, v, s *
				0.062, NOSE_Y - 0.03, 0.034,
				0.017, px * 1.5), (u, v, rgb) -> set(rgb, look.skin[0] * 0.32, look.skin[1] * 0.22, look.skin[2] * 0.2),
				Mode.COVER);
	}

	private static void paintMouth(final Canvas c, final Look look, final double px) {
		final double m = MOUTH_Y, half = 0.2;
		final double[] lip = { look.skin[0] * 0.35 + 200 * 0.65, look.skin[1] * 0.35 + 86 * 0.65, look.skin[2] * 0.35 +
			92 * 0.65 };
		c.paint(-half, m - 0.08, half, m + 0.09, (u, v) -> {
			final double t = u / half;
			if (Math.abs(t) >= 1) return 0;
			final double line = m - 0.012 * t * t;
			final double top = line - Math.pow(1 - t * t, 0.8) * (0.042 + 0.012 * Math.exp(-sq((Math.abs(t) - 0.3) /
				0.15))) + 0.008 * Math.exp(-sq(t / 0.1));
			final double bottom = line + 0.07 * Math.pow(1 - t * t, 0.7);
			return Math.min(edge(top - v, px), edge(v - bottom, px));
		}, (u, v, rgb) -> {
			final double t = u / half;
			final double line = m - 0.012 * t * t;
			final double k = v < line ? 0.82 : 0.98 + 0.16 * Math.exp(-sq((v - line - 0.028) / 0.015)) * (1 - t * t);
			final double l = lightAt(u, v)[0];
			set(rgb, lip[0] * k * l, lip[1] * k * l, lip[2] * k * l);
		}, Mode.COVER);
		c.paint(-half, m - 0.03, half, m + 0.02, (u, v) -> {
			final double t = u / half;
			if (Math.abs(t) >= 1) return 0;
			return 0.9 * edge(Math.abs(v - (m - 0.012 * t * t)) - 0.006 * (1 - 0.6 * t * t), px);
		}, (u, v, rgb) -> set(rgb, lip[0] * 0.42, lip[1] * 0.35, lip[2] * 0.35), Mode.COVER);
	}

	private static void hairColour(final double[] hair, final ValueNoise n, final double u, final double v,
		final double light, final double[] rgb)
	{
		// strands run down from the crown: fast variation across, slow along
		final double angle = Math.atan2(u - 0.25, v + 2.2);
		final double strands = 0.5 + 0.5 * n.at(angle * 160, Math.hypot(u - 0.25, v + 2.2) * 6);
		final double sheen = 0.35 * Math.exp(-sq((Math.hypot(u + 0.25, v + 0.35) - 0.72) / 0.08));
		final double shade = light * (0.72 + 0.28 * strands) * (1 - 0.25 * smooth(0.6, 1.05, Math.abs(u))) *
			(1 + sheen);
		set(rgb, hair[0] * shade + 12 * sheen, hair[1] * shade + 10 * sheen, hair[2] * shade + 8 * sheen);
	}

	// -- body --

	private static void paintBody(final Canvas c, final Look look, final double px) {
		final double[] skin = look.skin, shirt = look.shirt;
		final ValueNoise n = look.noise;
		// neck, shaded as a cylinder, in the shadow of the chin at the top
		c.paint(-0.6, 0.45, 0.6, 2.0, (u, v) -> edge(Math.abs(u) - neckHalfWidth(v), px) * edge(0.45 - v, px), (u, v,
			rgb) -> {
			final double x = Math.max(-1, Math.min(1, u / neckHalfWidth(v)));
			final double cyl = 0.55 + 0.4 * Math.sqrt(1 - x * x) - 0.12 * x;
			final double chin = 1 - 0.42 * (1 - smooth(0.95, 1.4, v));
			shaded(skin, 0.9 * cyl * chin, rgb);
		}, Mode.SKIN, PaintedFaceRenderer::perfusion);
		// shirt with a round collar and soft folds
		c.paint(-4, 1.1, 4, 6, (u, v) -> {
			final double a = Math.abs(u);
			if (a > 1.98) return 0;
			// trapezius sloping from the neck, then the round of the shoulder, then the arm straight down
			final double top = a <= 1.5 ? 1.42 + 0.14 * Math.max(0, a - 0.35) : 2.05 - Math.sqrt(Math.max(0, 0.48 * 0.48 -
				sq(a - 1.5)));
			final double collar = ellipse(u, v, 0, 1.36, 0.44, 0.22, px);
			return edge(top - v, px) * (1 - collar) * edge(a - 1.97, px);
		}, (u, v, rgb) -> {
			final double folds = 0.88 + 0.1 * n.at(u * 2.5 + 40, v * 5) + 0.04 * n.at(u * 12, v * 12);
			final double side = 1 - 0.18 * Math.max(0, u) / 2 + 0.06 * Math.max(0, -u) / 2;
			final double rim = 1 - 0.25 * ellipse(u, v, 0, 1.36, 0.5, 0.28, 0.02) * (1 - ellipse(u, v, 0, 1.36, 0.44,
				0.22, 0.02));
			final double k = folds * side * rim;
			set(rgb, shirt[0] * k, shirt[1] * k, shirt[2] * k);
		}, Mode.COVER);
	}

	private static double neckHalfWidth(final double v) {
		return 0.36 + 0.22 * smooth(1.2, 1.62, v);
	}

	// -- background --

	private static float[] background(final int w, final int h, final Look look) {
		final float[] bg = new float[w * h * 3];
		final ValueNoise n = look.noise;
		final double[] wall = look.wall;
		final double s = 240.0 / h; // texture scale follows the frame size
		final double doorX0 = look.doorLeft ? 0.02 * w : 0.8 * w, doorX1 = doorX0 + 0.18 * w;
		final double picX0 = look.doorLeft ? 0.76 * w : 0.06 * w, picX1 = picX0 + 0.18 * w;
		final double picY0 = 0.12 * h, picY1 = 0.36 * h;
		final double trimY = 0.72 * h;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r, g, b;
				final double light = 1.06 - 0.16 * y / h - 0.1 * (look.doorLeft ? 1 - (double) x / w : (double) x / w);
				final double tex = 1 + 0.05 * n.fractal(x * s / 70.0 + 100, y * s / 70.0, 3) + 0.02 * n.at(x * s / 1.7,
					y * s / 1.7);
				r = wall[0];
				g = wall[1];
				b = wall[2];
				if (x >= doorX0 && x < doorX1 && y > 0.05 * h) {
					final boolean frame = x < doorX0 + 0.02 * w || x >= doorX1 - 0.02 * w || y < 0.05 * h + 0.02 * w;
					final double grain = 1 + 0.08 * n.at(x * s / 3.0 + 7, y * s / 40.0);
					final double k = (frame ? 0.7 : 0.95) * grain;
					r = 150 * k;
					g = 108 * k;
					b = 72 * k;
				}
				else if (x >= picX0 && x < picX1 && y >= picY0 && y < picY1) {
					final double bx = Math.min(x - picX0, picX1 - 1 - x), by = Math.min(y - picY0, picY1 - 1 - y);
					if (Math.min(bx, by) < 0.012 * w + 1) {
						r = 52;
						g = 42;
						b = 36;
					}
					else { // a small landscape: sky above green hills
						final double fx = (x - picX0) / (picX1 - picX0), fy = (y - picY0) / (picY1 - picY0);
						final double hill = 0.55 + 0.12 * Math.sin(fx * 7) + 0.05 * n.at(fx * 20, 3);
						if (fy < hill) {
							r = 150 + 60 * fy;
							g = 185 + 40 * fy;
							b = 225;
						}
						else {
							final double k = 0.8 + 0.2 * n.at(fx * 30, fy * 30);
							r = 70 * k;
							g = 120 * k;
							b = 60 * k;
						}
					}
				}
				else if (y >= trimY && y < trimY + 0.015 * h + 1) {
					r = Math.min(255, wall[0] * 1.12);
					g = Math.min(255, wall[1] * 1.12);
					b = Math.min(255, wall[2] * 1.12);
				}
				else if (y >= trimY) {
					r *= 0.86;
					g *= 0.86;
					b *= 0.86;
				}
				final int i = (y * w + x) * 3;
				bg[i] = (float) (r * light * tex);
				bg[i + 1] = (float) (g * light * tex);
				bg[i + 2] = (float) (b * light * tex);
			}
		return bg;
	}

	// -- perfusion --

	/** Scales the perfused-skin channel so that its mean over all skin is 1 (pulseAmplitude is then the mean swing). */
	private static void normalisePerfusion(final Layer... layers) {
		double skin = 0, perfused = 0;
		for (final Layer l : layers) {
			final float[] d = l.data();
			for (int i = 0; i < d.length; i += Layer.STRIDE) {
				skin += d[i + Layer.SKIN];
				perfused += d[i + Layer.PERFUSION];
			}
		}
		if (perfused <= 0) return;
		final float k = (float) (skin / perfused);
		for (final Layer l : layers) {
			final float[] d = l.data();
			for (int i = Layer.PERFUSION; i < d.length; i += Layer.STRIDE)
				d[i] *= k;
		}
	}

	// -- small helpers --

	/** Coverage of a pixel by the region where {@code d} < 0, blurred over {@code w} face units. */
	private static double edge(final double d, final double w) {
		return Math.max(0, Math.min(1, 0.5 - d / w));
	}

	/** Coverage of an ellipse with soft edge of about {@code w}. */
	private static double ellipse(final double u, final double v, final double cu, final double cv, final double ru,
		final double rv, final double w)
	{
		final double r = Math.hypot((u - cu) / ru, (v - cv) / rv);
		return edge((r - 1) * Math.min(ru, rv), w);
	}

	private static double gauss(final double du, final double dv, final double su, final double sv) {
		return Math.exp(-0.5 * (du * du / (su * su) + dv * dv / (sv * sv)));
	}

	private static double smooth(final double e0, final double e1, final double x) {
		final double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
		return t * t * (3 - 2 * t);
	}

	private static double sq(final double x) {
		return x * x;
	}

	private static void shaded(final double[] colour, final double k, final double[] rgb) {
		set(rgb, colour[0] * k, colour[1] * k, colour[2] * k);
	}

	private static void set(final double[] rgb, final double r, final double g, final double b) {
		rgb[0] = r;
		rgb[1] = g;
		rgb[2] = b;
	}

	private static double dot(final double[] a, final double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static double[] normalise(final double x, final double y, final double z) {
		final double l = Math.sqrt(x * x + y * y + z * z);
		return new double[] { x / l, y / l, z / l };
	}

	private static double[] pick(final double[][] options, final SplittableRandom random) {
		return options[random.nextInt(options.length)].clone();
	}
}

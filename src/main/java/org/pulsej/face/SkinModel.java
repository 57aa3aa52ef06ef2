package org.pulsej.face;

import java.awt.Rectangle;
import java.util.Arrays;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

/**
 * The colour of one person's skin in one video, and which pixels of a frame match it. Each pixel is
 * described by its chromaticity {@code r = R / S}, {@code g = G / S} (with {@code S = R + G + B}: the
 * colour without its brightness) and its relative brightness {@code l = ln S − ln S_ref}, where
 * {@code S_ref} is the mean {@code S} of the face's central area in the same frame, so that a change of
 * the light level moves every pixel alike and no pixel in or out of the mask. The model is a Gaussian in
 * these three numbers learned from the central area of the face (cheeks, nose, the skin around them);
 * a pixel is skin when its Mahalanobis distance to it is at most {@code k}. Background and clothes
 * differ in chromaticity; hair, brows, pupils and nostrils in brightness (dark brown hair has nearly
 * the chromaticity of skin); lips, irises and the whites of the eyes in both. Overexposed pixels
 * ({@link #CLIPPED}) are left out whatever their colour.
 * <p>
 * Instances are immutable and may be shared between threads.
 */
public final class SkinModel {

	/** Share of the face box (each side) whose pixels teach the model and give {@code S_ref}. */
	public static final double CENTRAL_SCALE = 0.5;

	/** Rounds of refitting on the pixels within {@link #TRIM_K} of the previous fit. */
	private static final int TRIM_ROUNDS = 3;
	/** The learning sample keeps pixels within this Mahalanobis distance of the previous fit. */
	private static final double TRIM_K = 2.5;
	/**
	 * Variance added to each feature so that a flat, noiseless picture still gives a usable model:
	 * 0.004 in chromaticity (a hue step of about one grey level in 250) and 0.02 in log brightness.
	 */
	private static final double[] FLOOR_VARIANCE = { 0.004 * 0.004, 0.004 * 0.004, 0.02 * 0.02 };

	/**
	 * A pixel with a channel at or above this value is overexposed and never counts as skin: a clipped
	 * channel no longer follows the light, so its colour changes with the brightness, and a face turning
	 * under a bright light made POS read the head's motion (generated videos of a photographed face whose
	 * red reached 255 as the head turned: 8.0 bpm MAE, 0.35 without the clipped pixels). 250, not 255,
	 * because JPEG compression spreads a clipped area's edge over the values just below.
	 */
	public static final int CLIPPED = 250;

	private static boolean clipped(final int r, final int g, final int b) {
		return r >= CLIPPED || g >= CLIPPED || b >= CLIPPED;
	}

	/** Whether a packed RGB pixel is overexposed: a channel at {@link #CLIPPED} or more. */
	public static boolean clipped(final int rgb) {
		return clipped(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
	}

	/** Per sum S = R + G + B (0..765): 1 / S and ln S (0 and -infinity at S = 0). */
	private static final float[] INV_S = new float[766], LN_S = new float[766];

	static {
		for (int s = 1; s < INV_S.length; s++) {
			INV_S[s] = 1f / s;
			LN_S[s] = (float) Math.log(s);
		}
		LN_S[0] = Float.NEGATIVE_INFINITY;
	}

	private final double[] mean;
	/** The inverse covariance, symmetric: {@code a b c / b d e / c e f}. */
	private final double a, b, c, d, e, f;
	private final double k;

	private SkinModel(final double[] mean, final double[] cov, final double k) {
		this.mean = mean.clone();
		this.k = k;
		final double[] inv = invert(cov);
		a = inv[0];
		b = inv[1];
		c = inv[2];
		d = inv[4];
		e = inv[5];
		f = inv[8];
	}

	/** The same colour model with another distance threshold. */
	public SkinModel withK(final double newK) {
		if (!(newK > 0)) throw new IllegalArgumentException("k must be positive: " + newK);
		return new SkinModel(mean, covariance(), newK);
	}

	/** The distance threshold: pixels at most this many standard deviations (Mahalanobis) away are skin. */
	public double k() {
		return k;
	}

	/** Mean chromaticity r, g and mean log relative brightness of the skin. */
	public double[] mean() {
		return mean.clone();
	}

	/** The learned covariance (3×3, row by row), floor included. */
	public double[] covariance() {
		return invert(new double[] { a, b, c, b, d, e, c, e, f });
	}

	/**
	 * {@code S_ref} of a frame: the mean {@code R + G + B} of {@code central} (the face's central area,
	 * clipped to the frame; the pixels whose centres it holds), or NaN when the area holds no pixel.
	 */
	public static double reference(final ColorProcessor frame, final Box central) {
		final Rectangle r = pixels(central, frame);
		if (r.isEmpty()) return Double.NaN;
		final int[] px = (int[]) frame.getPixels();
		final int w = frame.getWidth();
		long sum = 0;
		for (int y = r.y; y < r.y + r.height; y++) {
			final int row = y * w;
			for (int x = r.x; x < r.x + r.width; x++) {
				final int p = px[row + x];
				sum += ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
			}
		}
		return sum / (double) ((long) r.width * r.height);
	}

	/**
	 * Mean R, G, B of the skin pixels of the oval inscribed in {@code region} (clipped to the frame) into
	 * {@code rgb}; NaN in all three when none is skin. The oval (the face's outline within its box) leaves
	 * out the box's corners, where hair and background are, whatever their colour; the colour model then
	 * leaves out eyes, brows, lips and nostrils. Pixels the oval's edge cuts count with the share of them
	 * it covers, so that a region moving by a fraction of a pixel changes the mean smoothly, not in
	 * whole-pixel steps.
	 *
	 * @param ref the frame's {@link #reference}
	 * @return how many pixels of the region were skin
	 */
	public int mean(final ColorProcessor frame, final Box region, final double ref, final double[] rgb) {
		return mean(this, frame, region, true, ref, rgb, null);
	}

	/**
	 * Mean R, G, B of the rectangle {@code region} (clipped to the frame), every pixel weighted by the share
	 * of it the region covers, without a mask.
	 *
	 * @return how many pixels the region touches; 0 (and NaN means) when it lies outside the frame
	 */
	public static int boxMean(final ColorProcessor frame, final Box region, final double[] rgb) {
		return mean(null, frame, region, false, 1, rgb, null);
	}

	/**
	 * The mask {@link #mean} averages over in one frame, for display: 255 where a pixel (its centre in the
	 * oval inscribed in {@code region}) is skin, else 0.
	 *
	 * @param ref the frame's {@link #reference}
	 */
	public ByteProcessor mask(final ColorProcessor frame, final Box region, final double ref) {
		final ByteProcessor m = new ByteProcessor(frame.getWidth(), frame.getHeight());
		mean(this, frame, region, true, ref, new double[3], (byte[]) m.getPixels());
		return m;
	}

	/**
	 * The mean of {@code region}'s pixels (of the oval inscribed in it when {@code oval}); only of those
	 * {@code m} takes for skin unless it is null. Marks the pixels used in {@code maskOut} unless null.
	 */
	private static int mean(final SkinModel m, final ColorProcessor frame, final Box region, final boolean oval,
		final double ref, final double[] rgb, final byte[] maskOut)
	{
		final boolean masked = m != null;
		final int w = frame.getWidth(), h = frame.getHeight();
		final Box r = region.clippedTo(w, h);
		final int y0 = (int) Math.floor(r.y()), y1 = (int) Math.ceil(r.y2());
		rgb[0] = rgb[1] = rgb[2] = Double.NaN;
		if (r.isEmpty() || y1 <= y0) return 0;
		final int[] px = (int[]) frame.getPixels();
		final float lnRef = (float) Math.log(ref);
		final float mr = masked ? (float) m.mean[0] : 0, mg = masked ? (float) m.mean[1] : 0, ml = masked
			? (float) m.mean[2] : 0;
		final float fa = masked ? (float) m.a : 0, fb = masked ? (float) (2 * m.b) : 0, fc = masked ? (float) (2 * m.c)
			: 0, fd = masked ? (float) m.d : 0, fe = masked ? (float) (2 * m.e) : 0, ff = masked ? (float) m.f : 0,
			k2 = masked ? (float) (m.k * m.k) : 0;
		final double cx = region.centreX(), cy = region.centreY(), ax = region.w() / 2, ay = region.h() / 2;
		double sr = 0, sg = 0, sb = 0, sw = 0;
		int n = 0;
		for (int y = y0; y < y1; y++) {
			final int row = y * w;
			final float wy = (float) (Math.min(y + 1, r.y2()) - Math.max(y, r.y()));
			double lo = r.x(), hi = r.x2();
			if (oval) { // the oval's chord through the row's centre
				final double q = (y + 0.5 - cy) / ay, half = q * q < 1 ? ax * Math.sqrt(1 - q * q) : 0;
				lo = Math.max(lo, cx - half);
				hi = Math.min(hi, cx + half);
			}
			if (!(hi > lo) || !(wy > 0)) continue;
			final int x0 = (int) Math.floor(lo), x1 = (int) Math.ceil(hi);
			float rr = 0, rg = 0, rb = 0, rw = 0;
			for (int x = x0; x < x1; x++) {
				final int p = px[row + x];
				final int R = (p >> 16) & 0xff, G = (p >> 8) & 0xff, B = p & 0xff;
				if (masked) {
					if (clipped(R, G, B)) continue;
					final int s = R + G + B;
					if (s == 0) continue;
					final float inv = INV_S[s];
					final float u = R * inv - mr, v = G * inv - mg, l = LN_S[s] - lnRef - ml;
					if (fa * u * u + fb * u * v + fc * u * l + fd * v * v + fe * v * l + ff * l * l > k2) continue;
				}
				final float wt = x > x0 && x < x1 - 1 ? 1f : (float) (Math.min(x + 1, hi) - Math.max(x, lo));
				rr += wt * R;
				rg += wt * G;
				rb += wt * B;
				rw += wt;
				n++;
				if (maskOut != null && x + 0.5 >= lo && x + 0.5 < hi) maskOut[row + x] = (byte) 255;
			}
			sr += wy * rr;
			sg += wy * rg;
			sb += wy * rb;
			sw += wy * rw;
		}
		if (!(sw > 0)) return 0;
		rgb[0] = sr / sw;
		rgb[1] = sg / sw;
		rgb[2] = sb / sw;
		return n;
	}

	/**
	 * The share of the pixels of the oval inscribed in {@code region} (their centres; clipped to the frame)
	 * that are overexposed ({@link #CLIPPED}); 0 when the oval holds no pixel.
	 */
	public static double clippedShare(final ColorProcessor frame, final Box region) {
		final int w = frame.getWidth(), h = frame.getHeight();
		final int[] px = (int[]) frame.getPixels();
		final double cx = region.centreX(), cy = region.centreY(), ax = region.w() / 2, ay = region.h() / 2;
		long all = 0, clipped = 0;
		for (int y = Math.max(0, (int) Math.floor(region.y())); y < Math.min(h, (int) Math.ceil(region.y2())); y++)
			for (int x = Math.max(0, (int) Math.floor(region.x())); x < Math.min(w, (int) Math.ceil(region.x2())); x++) {
				final double u = (x + 0.5 - cx) / ax, v = (y + 0.5 - cy) / ay;
				if (u * u + v * v > 1) continue;
				all++;
				if (clipped(px[y * w + x])) clipped++;
			}
		return all == 0 ? 0 : clipped / (double) all;
	}

	/** The pixels whose centres lie in {@code b}, within the frame. */
	private static Rectangle pixels(final Box b, final ColorProcessor frame) {
		final int x0 = Math.max(0, (int) Math.round(b.x())), y0 = Math.max(0, (int) Math.round(b.y()));
		final int x1 = Math.min(frame.getWidth(), (int) Math.round(b.x2())), y1 = Math.min(frame.getHeight(), (int) Math
			.round(b.y2()));
		return x1 > x0 && y1 > y0 ? new Rectangle(x0, y0, x1 - x0, y1 - y0) : new Rectangle();
	}


	/**
	 * The skin colour mask of a whole frame (255 = skin), no oval: every pixel of the person's skin colour.
	 *
	 * @param ref the frame's {@link #reference}
	 */
	public ByteProcessor mask(final ColorProcessor frame, final double ref) {
		final int w = frame.getWidth(), h = frame.getHeight();
		final ByteProcessor m = new ByteProcessor(w, h);
		final byte[] out = (byte[]) m.getPixels();
		final int[] px = (int[]) frame.getPixels();
		final double lnRef = Math.log(ref);
		for (int i = 0; i < px.length; i++)
			if (isSkin(px[i], lnRef)) out[i] = (byte) 255;
		return m;
	}

	/** Whether one packed RGB pixel is skin in a frame whose {@code ln S_ref} is {@code lnRef}. */
	public boolean isSkin(final int rgb, final double lnRef) {
		final int R = (rgb >> 16) & 0xff, G = (rgb >> 8) & 0xff, B = rgb & 0xff, s = R + G + B;
		if (s == 0 || clipped(R, G, B)) return false;
		final double u = R / (double) s - mean[0], v = G / (double) s - mean[1], l = Math.log(s) - lnRef - mean[2];
		return a * u * u + 2 * b * u * v + 2 * c * u * l + d * v * v + 2 * e * v * l + f * l * l <= k * k;
	}

	/**
	 * Collects pixels of the face's central area from a few frames and fits the model to them. The
	 * fit is trimmed: it is repeated on the pixels within 2.5 standard deviations of the previous fit,
	 * so that eyes, nostrils and brows in the central area do not widen it.
	 */
	public static final class Learner {

		private float[] r = new float[4096], g = new float[4096], l = new float[4096];
		private int n;

		/** Adds the pixels of {@code central} (clipped to the frame) of one frame. */
		public Learner add(final ColorProcessor frame, final Box central) {
			final Rectangle rc = SkinModel.pixels(central, frame);
			if (rc.isEmpty()) return this;
			final double lnRef = Math.log(reference(frame, central));
			if (!Double.isFinite(lnRef)) return this;
			final int[] px = (int[]) frame.getPixels();
			final int w = frame.getWidth();
			for (int y = rc.y; y < rc.y + rc.height; y++)
				for (int x = rc.x; x < rc.x + rc.width; x++) {
					final int p = px[y * w + x];
					final int R = (p >> 16) & 0xff, G = (p >> 8) & 0xff, B = p & 0xff, s = R + G + B;
					if (s == 0) continue;
					if (n == r.length) {
						r = Arrays.copyOf(r, 2 * n);
						g = Arrays.copyOf(g, 2 * n);
						l = Arrays.copyOf(l, 2 * n);
					}
					r[n] = R * INV_S[s];
					g[n] = G * INV_S[s];
					l[n] = (float) (LN_S[s] - lnRef);
					n++;
				}
			return this;
		}

		/** Pixels collected so far. */
		public int pixels() {
			return n;
		}

		/**
		 * The model, or null when no pixel was collected.
		 *
		 * @param k the distance threshold of the model's mask
		 */
		public SkinModel fit(final double k) {
			if (n == 0) return null;
			SkinModel m = null;
			for (int round = 0; round <= TRIM_ROUNDS; round++) {
				final double[] mu = new double[3], cov = new double[9];
				int used = 0;
				for (int i = 0; i < n; i++) {
					if (m != null && !m.near(r[i], g[i], l[i], TRIM_K)) continue;
					mu[0] += r[i];
					mu[1] += g[i];
					mu[2] += l[i];
					used++;
				}
				if (used < 3) break; // keep the previous fit
				for (int j = 0; j < 3; j++)
					mu[j] /= used;
				for (int i = 0; i < n; i++) {
					if (m != null && !m.near(r[i], g[i], l[i], TRIM_K)) continue;
					final double[] x = { r[i] - mu[0], g[i] - mu[1], l[i] - mu[2] };
					for (int p = 0; p < 3; p++)
						for (int q = 0; q < 3; q++)
							cov[3 * p + q] += x[p] * x[q];
				}
				for (int j = 0; j < 9; j++)
					cov[j] /= used;
				for (int j = 0; j < 3; j++)
					cov[4 * j] += FLOOR_VARIANCE[j];
				m = new SkinModel(mu, cov, k);
			}
			return m;
		}
	}

	private boolean near(final double r, final double g, final double l, final double kk) {
		final double u = r - mean[0], v = g - mean[1], w = l - mean[2];
		return a * u * u + 2 * b * u * v + 2 * c * u * w + d * v * v + 2 * e * v * w + f * w * w <= kk * kk;
	}

	/** Inverse of a symmetric positive definite 3×3 matrix (row by row). */
	private static double[] invert(final double[] m) {
		final double c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6];
		final double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
		if (!(Math.abs(det) > 0) || !Double.isFinite(det)) throw new IllegalArgumentException("singular covariance");
		final double[] inv = new double[9];
		inv[0] = c00 / det;
		inv[1] = (m[2] * m[7] - m[1] * m[8]) / det;
		inv[2] = (m[1] * m[5] - m[2] * m[4]) / det;
		inv[3] = c01 / det;
		inv[4] = (m[0] * m[8] - m[2] * m[6]) / det;
		inv[5] = (m[2] * m[3] - m[0] * m[5]) / det;
		inv[6] = c02 / det;
		inv[7] = (m[1] * m[6] - m[0] * m[7]) / det;
		inv[8] = (m[0] * m[4] - m[1] * m[3]) / det;
		return inv;
	}

	@Override
	public String toString() {
		final double[] cv = covariance();
		return String.format(java.util.Locale.ROOT, "SkinModel[r=%.4f±%.4f, g=%.4f±%.4f, l=%.3f±%.3f, k=%.1f]", mean[0],
			Math.sqrt(cv[0]), mean[1], Math.sqrt(cv[4]), mean[2], Math.sqrt(cv[8]), k);
	}
}

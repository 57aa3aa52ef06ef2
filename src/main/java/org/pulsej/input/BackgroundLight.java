package org.pulsej.input;

import java.util.ArrayList;
import java.util.List;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;

/**
 * The light that falls on the face, measured where there is no face: a lamp that ripples, a
 * monitor's glow or a camera's exposure steps change the background's brightness and the face's
 * alike, while the pulse is in the face only. A colour method cancels a change of brightness only as
 * far as it scales red, green and blue alike, which a real camera (black level, gamma, clipping,
 * compression) never quite does: a 2 % ripple at 1.9 Hz leaves enough in POS's signal to outweigh a
 * weak pulse. The part of the pulse signal that follows the background's brightness is therefore taken
 * out by least squares ({@link #regressOut}), where the background's brightness changes in the heart-rate
 * band about as much as the face's (a change of light, not the face's own pulse in skin just outside its
 * box: {@link #MIN_RELATIVE_CHANGE}) and explains enough of the pulse signal ({@link #MIN_EXPLAINED}).
 * <p>
 * The background is a fixed set of pixels, the same in every frame, so that a moving head does not
 * change what is averaged: on a grid of about 96 × 96 points, those outside every frame's buffered face
 * box (with a further margin for hair and ears) and above the highest position of its lower edge (the
 * neck, shoulders and body below the face carry a pulse and move with breathing). A video whose face
 * fills the frame, or sways over most of it, leaves too few such points: it has no background
 * ({@link #of} gives null) and nothing is taken out.
 */
public final class BackgroundLight {

	/** Grid points across the shorter side of the frame. */
	static final int GRID = 96;

	/** The face's buffered box is grown by this factor about its centre before it is left out (hair, ears). */
	static final double MARGIN = 1.2;

	/** Fewest background points (of the grid's about 96 × 96 × aspect) for a background to count. */
	static final int MIN_POINTS = 200;

	private final int[] xs, ys;

	private BackgroundLight(final int[] xs, final int[] ys) {
		this.xs = xs;
		this.ys = ys;
	}

	/**
	 * The background of a {@code width} × {@code height} video along the face track; null when fewer
	 * than {@link #MIN_POINTS} grid points lie outside the face (see the class comment).
	 */
	public static BackgroundLight of(final FaceTrack face, final int width, final int height) {
		final int n = face.frames();
		if (n == 0) return null;
		final Box[] boxes = new Box[n];
		double highestBottom = Double.POSITIVE_INFINITY;
		for (int t = 0; t < n; t++) {
			boxes[t] = face.stabilised(t).scaled(MARGIN);
			highestBottom = Math.min(highestBottom, face.stabilised(t).y2());
		}
		return of(boxes, highestBottom, width, height);
	}

	/**
	 * The background of a {@code width} × {@code height} video around a region drawn by hand
	 * ({@code roi=manual}): the points outside the region (grown by {@link #MARGIN}) and above its lower edge.
	 * Where the face lies around it is not known, so skin may be among them; {@link #MIN_RELATIVE_CHANGE}
	 * keeps the face's own pulse seen there from being taken out. Null as {@link #of(FaceTrack, int, int)}.
	 */
	public static BackgroundLight around(final Box region, final int width, final int height) {
		return of(new Box[] { region.scaled(MARGIN) }, region.y2(), width, height);
	}

	private static BackgroundLight of(final Box[] boxes, final double highestBottom, final int width,
		final int height)
	{
		final int step = Math.max(1, Math.min(width, height) / GRID);
		final java.util.List<int[]> points = new java.util.ArrayList<>();
		for (int y = step / 2; y < height && y + 0.5 < highestBottom; y += step)
			for (int x = step / 2; x < width; x += step) {
				boolean outside = true;
				for (final Box b : boxes)
					if (x + 0.5 >= b.x() && x + 0.5 <= b.x2() && y + 0.5 >= b.y() && y + 0.5 <= b.y2()) {
						outside = false;
						break;
					}
				if (outside) points.add(new int[] { x, y });
			}
		if (points.size() < MIN_POINTS) return null;
		final int[] xs = new int[points.size()], ys = new int[points.size()];
		for (int i = 0; i < xs.length; i++) {
			xs[i] = points.get(i)[0];
			ys[i] = points.get(i)[1];
		}
		return new BackgroundLight(xs, ys);
	}

	/** Points averaged per frame. */
	public int points() {
		return xs.length;
	}

	/** Mean intensity ((R+G+B)/3 for colour) of the background points in one frame. */
	public double mean(final ImageProcessor frame) {
		double s = 0;
		if (frame instanceof ColorProcessor cp) {
			for (int i = 0; i < xs.length; i++) {
				final int c = cp.get(xs[i], ys[i]);
				s += (((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff)) / 3.0;
			}
		}
		else for (int i = 0; i < xs.length; i++)
			s += frame.getf(xs[i], ys[i]);
		return s / xs.length;
	}

	/**
	 * Change of the background's brightness in the heart-rate band, relative to its mean, below which it is
	 * not taken for a change of light, as a share of the same change of the face's brightness. A lamp or
	 * screen lights both alike: on the 8 generated videos with a lamp ripple the share was 0.92-1.35. The
	 * face's own pulse, seen in skin just outside a tight face box, changes the background's mean far less
	 * than the face's, and must stay in the pulse signal; on 32 videos without a lamp the share was at most
	 * 0.24 (a light step 1.24, an out-of-band flicker 0.69; neither came near {@link #MIN_EXPLAINED}).
	 */
	public static final double MIN_RELATIVE_CHANGE = 0.5;

	/**
	 * Least squares fit below which the background's light is left in: a share of the pulse signal's
	 * variance (the squared correlation). On 32 generated videos without a lamp in the band (still,
	 * moving, dark, drifting light) the background explained at most 6 % of POS's signal, and taking even
	 * that out moved the heart rate of dark moving faces by several bpm (noise fitted to noise); a lamp's
	 * 2 % ripple explained 26-49 % (docs/measuring.md, "Flickering light").
	 */
	public static final double MIN_EXPLAINED = 0.16;

	/**
	 * {@code ppg} without its least-squares projection on {@code light} (both already cleaned the same
	 * way, e.g. detrended and band-passed), where that projection explains at least
	 * {@link #MIN_EXPLAINED} of its variance: what in the pulse signal rises and falls with the
	 * background's brightness. The pulse itself is not in the background, so it is uncorrelated with it
	 * and stays.
	 *
	 * @return the corrected signal and the share of variance taken out, or {@code ppg} unchanged (a copy)
	 *         and the share found, when it is below the threshold or {@code light} is constant
	 */
	public static Fit regressOut(final double[] ppg, final double[] light) {
		if (ppg.length != light.length) throw new IllegalArgumentException(ppg.length + " vs " + light.length);
		double pl = 0, ll = 0, pp = 0;
		for (int i = 0; i < ppg.length; i++) {
			pl += ppg[i] * light[i];
			ll += light[i] * light[i];
			pp += ppg[i] * ppg[i];
		}
		final double beta = pl / ll, explained = ll > 0 && pp > 0 ? beta * pl / pp : 0;
		if (!(explained >= MIN_EXPLAINED) || !Double.isFinite(beta)) return new Fit(ppg.clone(), Double.isFinite(
			explained) ? explained : 0, false);
		return new Fit(minus(ppg, beta, light), explained, true);
	}

	/** {@code x} without its least-squares projection on {@code light}; unchanged (a copy) where light is constant. */
	public static double[] project(final double[] x, final double[] light) {
		if (x.length != light.length) throw new IllegalArgumentException(x.length + " vs " + light.length);
		double xl = 0, ll = 0;
		for (int i = 0; i < x.length; i++) {
			xl += x[i] * light[i];
			ll += light[i] * light[i];
		}
		final double beta = xl / ll;
		return ll > 0 && Double.isFinite(beta) ? minus(x, beta, light) : x.clone();
	}

	/**
	 * The rate of change of {@code x} per sample: central differences, one-sided at the two ends. For a
	 * ripple it is the same ripple a quarter-turn later, so a fit on {@code x} and this fits the ripple at
	 * any delay ({@link #regressOutDelayed}).
	 */
	public static double[] rateOfChange(final double[] x) {
		final int n = x.length;
		final double[] d = new double[n];
		if (n < 2) return d;
		d[0] = x[1] - x[0];
		d[n - 1] = x[n - 1] - x[n - 2];
		for (int i = 1; i < n - 1; i++)
			d[i] = (x[i + 1] - x[i - 1]) / 2;
		return d;
	}

	/**
	 * As {@link #regressOut}, fitted on the light and its rate of change together ({@link #rateOfChange},
	 * then cleaned as the light was): a least-squares fit of the light at any delay, for a pulse signal that
	 * follows it late (PhysNet's time convolutions shift a ripple's phase). The share taken out is
	 * 1 − residual power / power.
	 */
	public static Fit regressOutDelayed(final double[] ppg, final double[] light, final double[] lightRate) {
		if (ppg.length != light.length || ppg.length != lightRate.length) throw new IllegalArgumentException(ppg.length +
			" vs " + light.length + " vs " + lightRate.length);
		final Fit fit = residual(ppg, fitDelayed(ppg, light, lightRate));
		return fit.removed() && !(fit.explained() >= MIN_EXPLAINED) ? new Fit(ppg.clone(), fit.explained(), false) : fit;
	}

	/**
	 * {@code ppg} without {@code fitted}, and the share of its power that goes (1 − residual power / power);
	 * {@code ppg} unchanged (a copy), share 0, where nothing was fitted or it has no power.
	 */
	private static Fit residual(final double[] ppg, final double[] fitted) {
		double pp = 0;
		for (final double v : ppg)
			pp += v * v;
		if (fitted == null || !(pp > 0)) return new Fit(ppg.clone(), 0, false);
		final double[] out = minus(ppg, 1, fitted);
		double rr = 0;
		for (final double v : out)
			rr += v * v;
		return new Fit(out, Math.max(0, 1 - rr / pp), true);
	}

	/** {@code x} without its least-squares fit on {@code light} and {@code lightRate}; a copy where that fails. */
	public static double[] projectDelayed(final double[] x, final double[] light, final double[] lightRate) {
		if (x.length != light.length || x.length != lightRate.length) throw new IllegalArgumentException(x.length +
			" vs " + light.length + " vs " + lightRate.length);
		final double[] fitted = fitDelayed(x, light, lightRate);
		return fitted == null ? x.clone() : minus(x, 1, fitted);
	}

	/** The least-squares fit a·u + b·v of {@code x}, or null where u and v do not span a plane. */
	private static double[] fitDelayed(final double[] x, final double[] u, final double[] v) {
		if (x.length < 3) return null; // two values fit any two: nothing would be left to tell pulse from light
		double uu = 0, vv = 0, uv = 0, xu = 0, xv = 0;
		for (int i = 0; i < x.length; i++) {
			uu += u[i] * u[i];
			vv += v[i] * v[i];
			uv += u[i] * v[i];
			xu += x[i] * u[i];
			xv += x[i] * v[i];
		}
		final double det = uu * vv - uv * uv;
		// a light without change, or too short to have a rate of change apart from itself: no plane to fit in
		if (!(det > 1e-12 * uu * vv) || !Double.isFinite(det)) return null;
		final double a = (xu * vv - xv * uv) / det, b = (xv * uu - xu * uv) / det;
		if (!Double.isFinite(a) || !Double.isFinite(b)) return null;
		final double[] f = new double[x.length];
		for (int i = 0; i < f.length; i++)
			f[i] = a * u[i] + b * v[i];
		return f;
	}

	/**
	 * As {@link #regressOut}, with a strength of the light that may follow where the region is: a
	 * least-squares fit of {@code ppg} on the light and on the light times each of the region's coordinates
	 * (centred and scaled). As the head moves, the skin region shows more or less of a lamp's flicker (the
	 * face turns toward or away from it, the region's edge takes in more or less background), so the flicker
	 * in the pulse signal is the light with a changing gain, which one fixed gain fits badly: its sidebands
	 * (flicker ± head movement) stay. Taken out whatever share it explains: the caller decides that it
	 * is to go ({@code explained} is 1 − residual power / power).
	 *
	 * @param position the region's coordinates per frame (e.g. centre x, centre y, width); a coordinate that
	 *          does not change is left out
	 */
	public static Fit regressOutWithMotion(final double[] ppg, final double[] light, final double[][] position) {
		return residual(ppg, fit(ppg, motionColumns(light, position)));
	}

	/** {@code x} without its least-squares fit of {@link #regressOutWithMotion}; a copy where that fails. */
	public static double[] projectWithMotion(final double[] x, final double[] light, final double[][] position) {
		final double[] fitted = fit(x, motionColumns(light, position));
		return fitted == null ? x.clone() : minus(x, 1, fitted);
	}

	/** The light, then the light times each coordinate that changes, centred and scaled to unit spread. */
	private static double[][] motionColumns(final double[] light, final double[][] position) {
		final List<double[]> cols = new ArrayList<>();
		cols.add(light);
		if (position != null) for (final double[] p : position) {
			if (p.length != light.length) throw new IllegalArgumentException(p.length + " vs " + light.length);
			double mean = 0, var = 0;
			for (final double v : p)
				mean += v;
			mean /= p.length;
			for (final double v : p)
				var += (v - mean) * (v - mean);
			final double sd = Math.sqrt(var / p.length);
			// a coordinate that stands still (to well under a pixel) adds nothing but the light again
			if (!(sd > 1e-3) || !Double.isFinite(sd)) continue;
			final double[] c = new double[light.length];
			for (int i = 0; i < c.length; i++)
				c[i] = light[i] * (p[i] - mean) / sd;
			cols.add(c);
		}
		return cols.toArray(new double[0][]);
	}

	/**
	 * The least-squares fit of {@code x} on {@code columns} (normal equations, Gaussian elimination with
	 * partial pivoting), or null where the columns do not span as many dimensions as there are, or x is too
	 * short to tell them apart.
	 */
	private static double[] fit(final double[] x, final double[][] columns) {
		final int k = columns.length, n = x.length;
		if (n <= 2 * k) return null;
		final double[][] a = new double[k][k + 1];
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) {
				double s = 0;
				for (int t = 0; t < n; t++)
					s += columns[i][t] * columns[j][t];
				a[i][j] = s;
			}
			double s = 0;
			for (int t = 0; t < n; t++)
				s += columns[i][t] * x[t];
			a[i][k] = s;
		}
		double scale = 0;
		for (int i = 0; i < k; i++)
			scale = Math.max(scale, a[i][i]);
		if (!(scale > 0) || !Double.isFinite(scale)) return null;
		for (int c = 0; c < k; c++) {
			int pivot = c;
			for (int i = c + 1; i < k; i++)
				if (Math.abs(a[i][c]) > Math.abs(a[pivot][c])) pivot = i;
			// columns that (nearly) repeat each other: no unique fit
			if (!(Math.abs(a[pivot][c]) > 1e-10 * scale)) return null;
			final double[] tmp = a[c];
			a[c] = a[pivot];
			a[pivot] = tmp;
			for (int i = 0; i < k; i++) {
				if (i == c) continue;
				final double f = a[i][c] / a[c][c];
				for (int j = c; j <= k; j++)
					a[i][j] -= f * a[c][j];
			}
		}
		final double[] f = new double[n];
		for (int c = 0; c < k; c++) {
			final double beta = a[c][k] / a[c][c];
			if (!Double.isFinite(beta)) return null;
			for (int t = 0; t < n; t++)
				f[t] += beta * columns[c][t];
		}
		return f;
	}

	/** x − beta · light, a new array. */
	private static double[] minus(final double[] x, final double beta, final double[] light) {
		final double[] out = x.clone();
		for (int i = 0; i < out.length; i++)
			out[i] -= beta * light[i];
		return out;
	}

	/**
	 * @param signal the pulse signal, corrected where {@code removed}
	 * @param explained share of its variance the background's light explained (0..1)
	 * @param removed whether that part was taken out
	 */
	public record Fit(double[] signal, double explained, boolean removed) {}
}

package org.pulsej.signal;

/**
 * The chrominance method (CHROM, de Haan &amp; Jeanne 2013). Windows of ⌈1.6 s · fps⌉ frames
 * (made even) with 50 % overlap: divide each colour by its window mean, form
 * {@code X = 3R − 2G} and {@code Y = 1.5R + G − 1.5B}, band-pass both, combine
 * {@code S = X − (σ(X)/σ(Y))·Y}, taper with a Hann window and overlap-add. Illumination changes
 * are common to X and Y and cancel in S; the pulse, which has a different colour direction, stays.
 * <p>
 * Choices: the band-pass is PulseJ's zero-phase order-2 Butterworth over the given band
 * (default the paper's 40–180 bpm; the rPPG-Toolbox uses order 3 over 0.7–2.5 Hz). The taper is
 * the periodic Hann window, whose 50 %-shifted copies add to exactly 1, so the amplitude is
 * uniform. To return one value per frame the trace is extended at both ends by mirroring, so
 * that every real frame is covered by two windows (the original method leaves the tail out and
 * fades in the first half-window).
 */
public final class Chrom implements PulseExtractor {

	private final BpmBand band;

	/** CHROM with the paper's heart-rate band for the in-window band-pass. */
	public Chrom() {
		this(BpmBand.HEART);
	}

	/** CHROM with the given band for the in-window band-pass. */
	public Chrom(final BpmBand band) {
		Checks.notNull(band, "band");
		this.band = band;
	}

	public BpmBand band() {
		return band;
	}

	@Override
	public double[] extract(final RgbTrace trace, final double fps) {
		Checks.notNull(trace, "colour trace");
		Checks.fps(fps);
		Checks.belowNyquist(band.maxHz(), fps);
		final int n = trace.length();
		// the paper's 1.6 s hold a beat at 40 bpm; a lower band's slowest beat needs a longer window
		int l = Math.max(Pos.windowFrames(fps), (int) Math.ceil(Pos.WINDOW_SECONDS * Math.max(1, BpmBand.HEART.minBpm() / band.minBpm()) * fps - 1e-9));
		if (l % 2 == 1) l++;
		Pos.requireFrames("CHROM", n, l, fps);
		final int hop = l / 2;
		// real frames sit at [hop, hop + n) of the padded trace; windows start at k·hop
		final int windows = 1 + (n + hop - 1) / hop;
		final int padded = (windows + 1) * hop;
		final double[][] c = mirrorPad(trace.channels(), hop, padded);
		final double[] out = new double[padded], taper = Stats.hannPeriodic(l);
		final double[] xs = new double[l], ys = new double[l];
		for (int k = 0; k < windows; k++) {
			final int m = k * hop;
			final double mr = mean(c[0], m, l), mg = mean(c[1], m, l), mb = mean(c[2], m, l);
			if (!(mr > 0 && mg > 0 && mb > 0)) continue; // black region: contribute nothing rather than NaN
			for (int i = 0; i < l; i++) {
				final double r = c[0][m + i] / mr, g = c[1][m + i] / mg, b = c[2][m + i] / mb;
				xs[i] = 3 * r - 2 * g;
				ys[i] = 1.5 * r + g - 1.5 * b;
			}
			final double[] xf = BandPass.filter(xs, fps, band), yf = BandPass.filter(ys, fps, band);
			final double sy = Pos.sd(yf);
			final double alpha = sy > 0 ? Pos.sd(xf) / sy : 0;
			for (int i = 0; i < l; i++)
				out[m + i] += (xf[i] - alpha * yf[i]) * taper[i];
		}
		final double[] s = new double[n];
		System.arraycopy(out, hop, s, 0, n);
		return s;
	}

	/** Each channel with {@code front} mirrored frames before it and mirrored frames after it up to {@code length}. */
	private static double[][] mirrorPad(final double[][] c, final int front, final int length) {
		final int n = c[0].length;
		final double[][] p = new double[3][length];
		for (int k = 0; k < 3; k++) {
			for (int j = 0; j < length; j++) {
				int t = j - front;
				if (t < 0) t = -t;
				if (t > n - 1) t = 2 * (n - 1) - t;
				p[k][j] = c[k][Math.max(0, Math.min(n - 1, t))];
			}
		}
		return p;
	}

	private static double mean(final double[] x, final int from, final int len) {
		double s = 0;
		for (int i = from; i < from + len; i++)
			s += x[i];
		return s / len;
	}
}

package org.pulsej.signal;

import org.pulsej.util.PulseJException;

/**
 * Zero-phase Butterworth band-pass. The design is an order-2 Butterworth low-pass prototype
 * turned into a band-pass (4 poles, as {@code butter(2, [low, high], 'bandpass')} elsewhere),
 * made digital by the bilinear transform with pre-warped edges and run as two cascaded biquads
 * (second-order sections), which stay accurate for any signal length and any narrow band.
 * <p>
 * It runs forward and then backward (order 2 per direction), so the phase is zero and the
 * magnitude response is the square of the single pass: 0.5 (−6 dB) at the two band edges, 1 in the
 * middle of the band. The rPPG-Toolbox uses order 1–3 depending on the method; PulseJ uses 2.
 * <p>
 * Edges: the signal is extended at both ends by its point reflection (odd extension, which keeps
 * value and slope continuous) over about three periods of the lower edge frequency, or the whole
 * signal when it is shorter, and every section starts in the steady state for the first value. So
 * short signals (e.g. the 1.6 s windows of {@link Chrom}) filter without start-up transients.
 * Drift and offsets then leave no trace at the ends (a 3-unit ramp through a 48-frame window leaks
 * below 0.003). As with any reflected extension, in-band content can deviate in the first and
 * last second, where the reflection bends the waveform; the middle is exact.
 */
public final class BandPass {

	private BandPass() {}

	/** Band-pass to a rate band. */
	public static double[] filter(final double[] x, final double fps, final BpmBand band) {
		Checks.notNull(band, "band");
		return filter(x, fps, band.minHz(), band.maxHz());
	}

	/**
	 * @param x signal, not modified
	 * @param fps sampling rate in Hz
	 * @param lowHz lower edge, > 0
	 * @param highHz upper edge, > lowHz and below fps/2
	 * @return the filtered signal, same length
	 */
	public static double[] filter(final double[] x, final double fps, final double lowHz, final double highHz) {
		Checks.finite(x, "signal");
		Checks.fps(fps);
		if (!(lowHz > 0) || !(highHz > lowHz)) throw new PulseJException("The band-pass edges " + lowHz + "–" + highHz +
			" Hz are not valid.", "Give 0 < low < high, e.g. 0.67–3 Hz for 40–180 bpm.");
		Checks.belowNyquist(highHz, fps);
		final int n = x.length;
		if (n == 0) return new double[0];
		final double[][] sos = design(fps, lowHz, highHz);
		final int pad = Math.min(n - 1, 3 * (int) Math.ceil(fps / lowHz));
		final double[] y = new double[n + 2 * pad];
		for (int i = 0; i < pad; i++)
			y[i] = 2 * x[0] - x[pad - i];
		System.arraycopy(x, 0, y, pad, n);
		for (int i = 0; i < pad; i++)
			y[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
		run(sos, y);
		reverse(y);
		run(sos, y);
		reverse(y);
		final double[] out = new double[n];
		System.arraycopy(y, pad, out, 0, n);
		return out;
	}

	/**
	 * Second-order sections {b0, b1, b2, a1, a2} (a0 = 1) of the single-pass filter, with unit
	 * gain at the band centre.
	 */
	static double[][] design(final double fps, final double lowHz, final double highHz) {
		// pre-warped analog edges for the bilinear map s = (z − 1)/(z + 1)
		final double wl = Math.tan(Math.PI * lowHz / fps), wh = Math.tan(Math.PI * highHz / fps);
		final double bw = wh - wl, w0sq = wl * wh;
		// the order-2 low-pass prototype pole in the upper half plane, e^{i3π/4}; its conjugate gives
		// the conjugates of the band-pass poles below
		final double pr = -Math.sqrt(0.5), pi = Math.sqrt(0.5);
		// band-pass poles s = (p·bw ± sqrt((p·bw)² − 4·w0²)) / 2
		final double ar = pr * bw, ai = pi * bw;
		final double dr = ar * ar - ai * ai - 4 * w0sq, di = 2 * ar * ai;
		final double[] root = csqrt(dr, di);
		final double[][] poles = { { (ar + root[0]) / 2, (ai + root[1]) / 2 }, { (ar - root[0]) / 2, (ai - root[1])
			/ 2 } };
		final double[][] sos = new double[2][];
		for (int k = 0; k < 2; k++) {
			final double sr = poles[k][0], si = poles[k][1];
			// section bw·s / ((s − p)(s − p*)) → g·(1 − z⁻²) / (1 − 2Re(z_p)z⁻¹ + |z_p|²z⁻²)
			final double omr = 1 - sr, omi = -si, opr = 1 + sr, opi = si;
			final double m2 = omr * omr + omi * omi;
			final double zr = (opr * omr + opi * omi) / m2, zi = (opi * omr - opr * omi) / m2;
			final double g = bw / m2;
			sos[k] = new double[] { g, 0, -g, -2 * zr, zr * zr + zi * zi };
		}
		// normalise to exactly 1 at the digital centre frequency (analog centre w0 maps there)
		final double wc = 2 * Math.atan(Math.sqrt(w0sq));
		final double gain = magnitude(sos, wc);
		for (final double[] s : sos) {
			final double c = 1 / Math.sqrt(gain);
			s[0] *= c;
			s[1] *= c;
			s[2] *= c;
		}
		return sos;
	}

	/** |H(e^{iω})| of the cascade (single pass). */
	static double magnitude(final double[][] sos, final double omega) {
		double mag = 1;
		final double c1 = Math.cos(omega), s1 = -Math.sin(omega), c2 = Math.cos(2 * omega), s2 = -Math.sin(2 *
			omega);
		for (final double[] s : sos) {
			final double nr = s[0] + s[1] * c1 + s[2] * c2, ni = s[1] * s1 + s[2] * s2;
			final double dr = 1 + s[3] * c1 + s[4] * c2, di = s[3] * s1 + s[4] * s2;
			mag *= Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
		}
		return mag;
	}

	/** Filters y in place through the cascade, each section starting in the steady state for y[0]. */
	private static void run(final double[][] sos, final double[] y) {
		double in0 = y[0];
		for (final double[] s : sos) {
			final double b0 = s[0], b1 = s[1], b2 = s[2], a1 = s[3], a2 = s[4];
			final double dc = (b0 + b1 + b2) / (1 + a1 + a2);
			final double out0 = dc * in0;
			// transposed direct form II state for a constant input in0 with output out0
			double z1 = out0 - b0 * in0, z2 = b2 * in0 - a2 * out0;
			for (int i = 0; i < y.length; i++) {
				final double xi = y[i];
				final double yi = b0 * xi + z1;
				z1 = b1 * xi - a1 * yi + z2;
				z2 = b2 * xi - a2 * yi;
				y[i] = yi;
			}
			in0 = out0;
		}
	}

	private static void reverse(final double[] y) {
		for (int i = 0, j = y.length - 1; i < j; i++, j--) {
			final double t = y[i];
			y[i] = y[j];
			y[j] = t;
		}
	}

	/** Principal square root of a complex number. */
	private static double[] csqrt(final double re, final double im) {
		final double m = Math.hypot(re, im);
		final double r = Math.sqrt((m + re) / 2);
		final double i = Math.copySign(Math.sqrt((m - re) / 2), im);
		return new double[] { r, i };
	}
}

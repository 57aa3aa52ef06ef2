package org.pulsej.signal;

/**
 * How far one pulse signal runs behind another of the same frames, and the signal moved by it.
 * <p>
 * Why: a network trained without labels (PhysNet with a spectral loss: SiNC's or the paper's) is rewarded
 * for its PPG's spectrum only, which no delay changes, so its PPG may follow the skin colour by a fixed
 * time that it learnt. The heart rate, read over 10 s windows, hardly moves; the beats do: models trained
 * on PulseJ's generated sets ran 2–8 frames (0.07–0.27 s) behind the true pulse, and at 0.2 s almost no
 * beat fell within Evaluate's tolerance of the reference. A colour method's PPG (POS's) is a per-frame
 * combination of the colours with zero-phase filters: it keeps the skin's timing, and measured against it
 * the network's delay came out within 1–2 frames of the delay measured against the true pulse.
 */
public final class PulseAlignment {

	/**
	 * The correlation at the best delay below which no delay is read: the two signals share too little
	 * (PhysNet and POS read different rhythms there). Measured pairs that shared the pulse: 0.62–0.87.
	 */
	public static final double MIN_CORRELATION = 0.3;

	private PulseAlignment() {}

	/**
	 * Frames by which {@code x} runs behind {@code reference} (positive: {@code x} is late; fractional,
	 * refined around the best whole frame): the lag of their largest in-band cross-correlation
	 * ({@link Metrics#crossCorrelations}), searched within less than half a period of {@code hrBpm} on
	 * either side, so that the neighbouring beat is never taken for the same one. NaN when the two do not
	 * share enough at any such delay ({@link #MIN_CORRELATION}), when a signal is silent or too short, or
	 * when {@code hrBpm} is not a rate.
	 *
	 * @param x a pulse signal, finite
	 * @param reference a pulse signal of the same frames, finite
	 * @param band the heart-rate band both are compared in
	 */
	public static double lagFrames(final double[] x, final double[] reference, final double fps, final double hrBpm,
		final BpmBand band)
	{
		Checks.notNull(x, "pulse signal");
		Checks.notNull(reference, "reference pulse signal");
		Checks.fps(fps);
		if (x.length != reference.length) throw new IllegalArgumentException("signals of " + x.length + " and " +
			reference.length + " frames");
		if (!(hrBpm > 0) || Double.isInfinite(hrBpm)) return Double.NaN;
		// strictly less than half a period: at half, the next beat of an inverted signal ties with this one
		final int reach = Math.min(x.length / 4, (int) Math.ceil(0.5 * fps * 60 / hrBpm) - 1);
		if (reach < 1) return Double.NaN;
		final double[] r = Metrics.crossCorrelations(x, reference, fps, band, reach);
		if (r == null) return Double.NaN;
		int best = 0;
		for (int i = 1; i < r.length; i++)
			if (r[i] > r[best]) best = i;
		if (!(r[best] >= MIN_CORRELATION)) return Double.NaN;
		double lag = best - reach;
		if (best > 0 && best < r.length - 1) {
			// the parabola through the peak and its neighbours: the delay between two frames
			final double a = r[best - 1], b = r[best], c = r[best + 1], d = a - 2 * b + c;
			if (d < 0) lag += Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d));
		}
		return lag;
	}

	/**
	 * {@code x} moved earlier by {@code lag} frames: {@code out[t] = x(t + lag)}, linear between frames,
	 * the first or last value held where {@code t + lag} falls outside.
	 */
	public static double[] shifted(final double[] x, final double lag) {
		Checks.notNull(x, "signal");
		if (!Double.isFinite(lag)) throw new IllegalArgumentException("lag " + lag);
		final double[] out = new double[x.length];
		for (int t = 0; t < out.length; t++) {
			final double s = Math.max(0, Math.min(x.length - 1, t + lag));
			final int i = (int) Math.floor(s);
			final double f = s - i;
			out[t] = i + 1 < x.length ? (1 - f) * x[i] + f * x[i + 1] : x[i];
		}
		return out;
	}
}

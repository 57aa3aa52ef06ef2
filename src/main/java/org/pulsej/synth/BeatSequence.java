package org.pulsej.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The heartbeats of a synthetic video when its heart rate varies from beat to beat: each beat
 * lasts 60 / hr seconds, where hr is the linear ramp of the spec plus a respiratory sinus
 * arrhythmia (hr swings by ± {@code rsaBpm} with the breathing, faster on inspiration), and each
 * interval is then lengthened or shortened by Gaussian jitter of standard deviation
 * {@code rmssdMs}/√2 (independent jitter of that size alone gives successive differences whose RMS
 * is {@code rmssdMs}). Within a beat the systole keeps its length ({@link #SYSTOLE}) and the diastole
 * takes up the change, so the intervals between systolic peaks are the generated ones.
 * <p>
 * The true beat times are those of the systolic peaks ({@link PulseWaveform#PEAK_PHASE}), as
 * {@link #peakTimes} gives them for any phase function, this one or the smooth ramp's.
 */
public final class BeatSequence implements DoubleUnaryOperator {

	/** Share of the cardiac cycle (from the onset, past the systolic peak) that is not stretched. */
	public static final double SYSTOLE = 0.3;

	/** Onset of each beat (phase k there), s; the systole of beat k lasts systole[k] s. */
	private final double[] onset, systole;

	/**
	 * @param spec heart-rate ramp, breathing rate, {@link SyntheticVideoSpec#rsaBpm()} and
	 *          {@link SyntheticVideoSpec#rmssdMs()}
	 * @param duration time from the first to the last frame, s (the ramp's length)
	 * @param startPhase the cardiac phase at time 0, cycles in [0, 1)
	 * @param respPhase phase of the breathing at time 0, radians
	 * @param random source of the jitter
	 */
	public BeatSequence(final SyntheticVideoSpec spec, final double duration, final double startPhase,
		final double respPhase, final SplittableRandom random)
	{
		final double sigma = spec.rmssdMs() / Math.sqrt(2) / 1000;
		final List<double[]> beats = new ArrayList<>();
		double ibi = interval(spec, duration, 0, respPhase, sigma, random);
		double sys = systole(spec, duration, 0, ibi);
		// the beat running at 0 started where its phase reaches startPhase at 0
		double at = -(startPhase < SYSTOLE ? startPhase / SYSTOLE * sys : sys + (startPhase - SYSTOLE) / (1 - SYSTOLE) *
			(ibi - sys));
		final double end = duration + 10;
		while (at <= end) {
			beats.add(new double[] { at, sys });
			at += ibi;
			ibi = interval(spec, duration, at, respPhase, sigma, random);
			sys = systole(spec, duration, at, ibi);
		}
		beats.add(new double[] { at, sys });
		onset = beats.stream().mapToDouble(v -> v[0]).toArray();
		systole = beats.stream().mapToDouble(v -> v[1]).toArray();
	}

	/**
	 * How long the systole (upstroke and peak) of a beat lasts: the share {@link #SYSTOLE} of the
	 * ramp's interval, not of the beat's own, so the variability lengthens and shortens the diastole
	 * as in a real heart and the peak-to-peak intervals equal the onset-to-onset ones.
	 */
	private static double systole(final SyntheticVideoSpec spec, final double duration, final double at,
		final double ibi)
	{
		final double ramp = spec.hrStartBpm() + (spec.hrEndBpm() - spec.hrStartBpm()) * Math.max(0, Math.min(1, at /
			Math.max(duration, 1e-9)));
		return Math.min(SYSTOLE * 60 / ramp, 0.6 * ibi);
	}

	private static double interval(final SyntheticVideoSpec spec, final double duration, final double at,
		final double respPhase, final double sigma, final SplittableRandom random)
	{
		final double ramp = spec.hrStartBpm() + (spec.hrEndBpm() - spec.hrStartBpm()) * Math.max(0, Math.min(1, at /
			Math.max(duration, 1e-9)));
		final double rsa = spec.respirationBpm() > 0 ? spec.rsaBpm() * Math.sin(2 * Math.PI * spec.respirationBpm() /
			60 * at + respPhase) : 0;
		final double hr = Math.max(20, ramp + rsa);
		final double jitter = sigma > 0 ? sigma * gaussian(random) : 0;
		return Math.max(0.2, 60 / hr + jitter);
	}

	private static double gaussian(final SplittableRandom r) {
		// Box–Muller, so that the stream is the same on every JVM
		final double u = 1 - r.nextDouble(), v = r.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** The cardiac phase at time t, cycles (the start phase at 0; +1 per beat). */
	@Override
	public double applyAsDouble(final double t) {
		final int k = segment(t);
		final double tau = t - onset[k], ibi = onset[k + 1] - onset[k];
		return k + (tau < systole[k] ? SYSTOLE * tau / systole[k] : SYSTOLE + (1 - SYSTOLE) * (tau - systole[k]) / (ibi -
			systole[k]));
	}

	/** The heart rate of the beat running at time t, bpm (60 / its interval). */
	public double hrAt(final double t) {
		final int k = segment(t);
		return 60 / (onset[k + 1] - onset[k]);
	}

	private int segment(final double t) {
		int k = Arrays.binarySearch(onset, t);
		if (k < 0) k = -k - 2;
		return Math.max(0, Math.min(onset.length - 2, k));
	}

	/**
	 * Times in [0, duration] where a monotonic phase function reaches k + {@link PulseWaveform#PEAK_PHASE}
	 * for a whole k: the systolic peaks. Found by bisection to 1 µs.
	 */
	public static double[] peakTimes(final DoubleUnaryOperator phase, final double duration) {
		final List<Double> out = new ArrayList<>();
		final double p0 = phase.applyAsDouble(0), p1 = phase.applyAsDouble(duration);
		for (long k = (long) Math.ceil(p0 - PulseWaveform.PEAK_PHASE); k + PulseWaveform.PEAK_PHASE <= p1; k++) {
			final double target = k + PulseWaveform.PEAK_PHASE;
			double lo = 0, hi = duration;
			while (hi - lo > 1e-6) {
				final double mid = 0.5 * (lo + hi);
				if (phase.applyAsDouble(mid) < target) lo = mid;
				else hi = mid;
			}
			out.add(0.5 * (lo + hi));
		}
		return out.stream().mapToDouble(Double::doubleValue).toArray();
	}
}

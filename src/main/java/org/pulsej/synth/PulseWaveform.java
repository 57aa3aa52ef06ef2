package org.pulsej.synth;

/**
 * One heartbeat of a blood volume pulse as a function of the cardiac phase: a fast systolic rise,
 * a dicrotic notch and a smaller diastolic peak, then a slow decay — not a sine, so a method
 * that assumes one is tested against its harmonics. Normalised to zero mean and a peak-to-peak
 * swing of 2 (roughly −1..1). Higher values mean more blood in the skin (which then looks darker).
 */
public final class PulseWaveform {

	private static final int TABLE = 4096;
	private static final double[] SHAPE = table();
	/** Phase (cycles, 0..1) of the systolic peak, the waveform's maximum: where a beat is timed. */
	public static final double PEAK_PHASE = peakPhase();

	private PulseWaveform() {}

	/** The pulse at a phase given in cycles (any real number; the integer part is the beat count). */
	public static double at(final double phaseCycles) {
		final double x = (phaseCycles - Math.floor(phaseCycles)) * TABLE;
		final int i = (int) x;
		final double f = x - i;
		return SHAPE[i % TABLE] * (1 - f) + SHAPE[(i + 1) % TABLE] * f;
	}

	/**
	 * Phase in cycles at time {@code t} of a heart rate going linearly from {@code startBpm} at 0 to
	 * {@code endBpm} at {@code duration}: the integral of the instantaneous frequency, so each beat
	 * lasts 60 / hr(t) seconds even while the rate changes.
	 */
	public static double phase(final double t, final double startBpm, final double endBpm, final double duration) {
		return (startBpm * t + (endBpm - startBpm) * t * t / (2 * duration)) / 60.0;
	}

	private static double[] table() {
		// three bumps per beat: systolic peak, diastolic (reflected) peak, and a broad decay between them
		final double[] w = new double[TABLE];
		double mean = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (int i = 0; i < TABLE; i++) {
			final double p = (double) i / TABLE;
			w[i] = bump(p, 0.18, 0.07) + 0.38 * bump(p, 0.44, 0.075) + 0.3 * bump(p, 0.32, 0.2);
			mean += w[i] / TABLE;
		}
		for (int i = 0; i < TABLE; i++) {
			w[i] -= mean;
			min = Math.min(min, w[i]);
			max = Math.max(max, w[i]);
		}
		final double half = (max - min) / 2;
		for (int i = 0; i < TABLE; i++)
			w[i] /= half;
		return w;
	}

	private static double peakPhase() {
		int best = 0;
		for (int i = 1; i < TABLE; i++)
			if (SHAPE[i] > SHAPE[best]) best = i;
		return (double) best / TABLE;
	}

	/** A Gaussian bump on the circle of phases. */
	private static double bump(final double p, final double centre, final double width) {
		double d = Math.abs(p - centre);
		d = Math.min(d, 1 - d);
		return Math.exp(-d * d / (2 * width * width));
	}
}

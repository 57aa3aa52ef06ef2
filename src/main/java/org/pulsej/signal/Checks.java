package org.pulsej.signal;

import java.util.Locale;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/** Input checks shared by the signal classes; each failure names the problem and the fix. */
final class Checks {

	private Checks() {}

	static void fps(final double fps) {
		if (!(fps > 0) || Double.isInfinite(fps)) throw new PulseJException("The frame rate is " + fps + " fps.",
			"Give a positive frame rate (frames per second), e.g. fps=30.");
	}

	static void notNull(final Object o, final String what) {
		if (o == null) throw new PulseJException("No " + what + " was given.", "Pass the " + what + " to analyse.");
	}

	/** Rejects null and non-finite samples: one NaN would silently turn every spectrum into NaN. */
	static void finite(final double[] x, final String what) {
		notNull(x, what);
		for (int i = 0; i < x.length; i++)
			if (!Double.isFinite(x[i])) throw new PulseJException("The " + what + " has the value " + x[i] +
				" at frame " + i + ".", "Remove or interpolate missing frames before this step.");
	}

	static void range(final double[] x, final int from, final int to, final String what) {
		notNull(x, what);
		if (from < 0 || to > x.length || from >= to) throw new PulseJException("The frame range [" + from + ", " + to +
			") is not inside the " + what + " of " + x.length + " frames.", "Choose 0 <= from < to <= " + x.length + ".");
	}

	/** The band must lie below the Nyquist frequency, otherwise its upper part cannot be seen at this frame rate. */
	static void belowNyquist(final double highHz, final double fps) {
		if (highHz >= fps / 2) throw new PulseJException(String.format(Locale.ROOT,
			"The upper frequency %s Hz (%s bpm) is not below half the frame rate (%s Hz at %s fps).", Messages.num(
				highHz), Messages.num(highHz * 60), Messages.num(fps / 2), Messages.num(fps)),
			"Lower the highest bpm or use a video with a higher frame rate.");
	}

	/** Seconds for messages: one decimal when that is exact (10.0), else two (3.33). */
	static String seconds(final double s) {
		final boolean oneDecimal = Math.abs(s * 10 - Math.rint(s * 10)) < 1e-9;
		return String.format(Locale.ROOT, oneDecimal ? "%.1f" : "%.2f", s);
	}
}

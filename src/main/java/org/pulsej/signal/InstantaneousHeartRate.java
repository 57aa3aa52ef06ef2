package org.pulsej.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jtransforms.fft.DoubleFFT_1D;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * Per-frame heart rate as in the paper, Sec. 2.4/5.3: the {@link HeartRate} spectral peak over a
 * sliding window (10 s, step 1 s), each window's rate spread over its frames with Hamming weights,
 * and per frame the weighted mean: {@code hr[t] = Σ w_i(t)·hr_i / Σ w_i(t)}.
 * <p>
 * Windows start at 0, step, 2·step, … while they fit; when the last one ends before the last
 * frame, one more window ending exactly at the last frame is added, so every frame is covered.
 * The Hamming window is symmetric with ends 0.08, so every frame has a positive weight. A window
 * without in-band power (NaN rate) is left out; a frame covered only by such windows is NaN.
 * Window and step are rounded to whole frames (step at least 1).
 */
public final class InstantaneousHeartRate {

	/** The paper's window length, seconds. */
	public static final double DEFAULT_WINDOW_SECONDS = 10;

	/** The paper's step, seconds. */
	public static final double DEFAULT_STEP_SECONDS = 1;

	/** One analysis window: frames [from, to) and its heart rate in bpm (NaN if it had no in-band power). */
	public record Window(int from, int to, double bpm) {}

	private InstantaneousHeartRate() {}

	/** Per-frame heart rate with the paper's 10 s window and 1 s step. */
	public static double[] compute(final double[] ppg, final double fps, final BpmBand band) {
		return compute(ppg, fps, DEFAULT_WINDOW_SECONDS, DEFAULT_STEP_SECONDS, band);
	}

	/**
	 * Per-frame heart rate in bpm, one value per sample of {@code ppg}.
	 *
	 * @throws PulseJException when the signal is shorter than one window; the message gives the
	 *           minimum in seconds and frames
	 */
	public static double[] compute(final double[] ppg, final double fps, final double windowSeconds,
		final double stepSeconds, final BpmBand band)
	{
		final List<Window> windows = windows(ppg, fps, windowSeconds, stepSeconds, band);
		final int n = ppg.length, w = windows.get(0).to() - windows.get(0).from();
		final double[] hamming = Stats.hamming(w);
		final double[] sum = new double[n], weight = new double[n];
		for (final Window win : windows) {
			if (Double.isNaN(win.bpm())) continue;
			for (int i = 0; i < w; i++) {
				sum[win.from() + i] += hamming[i] * win.bpm();
				weight[win.from() + i] += hamming[i];
			}
		}
		final double[] hr = new double[n];
		for (int t = 0; t < n; t++)
			hr[t] = weight[t] > 0 ? sum[t] / weight[t] : Double.NaN;
		return hr;
	}

	/** The analysis windows and their heart rates, in order of start frame (see the class comment). */
	public static List<Window> windows(final double[] ppg, final double fps, final double windowSeconds,
		final double stepSeconds, final BpmBand band)
	{
		Checks.notNull(ppg, "pulse signal");
		Checks.notNull(band, "heart-rate band");
		Checks.fps(fps);
		if (!(windowSeconds > 0) || !(stepSeconds > 0) || Double.isInfinite(windowSeconds) || Double.isInfinite(
			stepSeconds)) throw new PulseJException("Window " + windowSeconds + " s and step " + stepSeconds +
				" s are not both positive.", "Use e.g. a 10 s window with a 1 s step (the paper's values).");
		Checks.belowNyquist(band.maxHz(), fps);
		Checks.finite(ppg, "pulse signal");
		final int w = Math.max(2, (int) Math.round(windowSeconds * fps));
		final int step = Math.max(1, (int) Math.round(stepSeconds * fps));
		final int n = ppg.length;
		if (n < w) throw new PulseJException(String.format(Locale.ROOT,
			"The pulse signal is %s s (%d frames) long, but instantaneous heart rate needs at least " +
				"%s s = %d frames at %s fps.",
			Checks.seconds(n / fps), n, Checks.seconds(w / fps), w, Messages.num(fps)),
			"Use a longer video, or a shorter window (the paper uses 10 s).");
		// one FFT plan and buffer for all windows: they all have the same length
		final int nfft = PowerSpectrum.nfft(w, HeartRate.DEFAULT_PAD_FACTOR);
		final DoubleFFT_1D fft = new DoubleFFT_1D(nfft);
		final double[] buffer = new double[nfft];
		final List<Window> out = new ArrayList<>();
		int start = 0;
		for (; start + w <= n; start += step)
			out.add(window(ppg, start, w, fps, band, fft, buffer));
		final int last = out.get(out.size() - 1).to();
		if (last < n) out.add(window(ppg, n - w, w, fps, band, fft, buffer));
		return out;
	}

	private static Window window(final double[] ppg, final int from, final int w, final double fps,
		final BpmBand band, final DoubleFFT_1D fft, final double[] buffer)
	{
		final PowerSpectrum s = PowerSpectrum.compute(ppg, from, from + w, fps, fft, buffer);
		return new Window(from, from + w, HeartRate.fromSpectrum(s, band));
	}
}

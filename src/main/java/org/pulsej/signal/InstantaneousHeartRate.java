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
 * and per frame the weighted mean: {@code hr[t] = Σ w_i(t)·hr_i / Σ w_i(t)}. {@link #tracked} reads each
 * window's rate on one path through all windows' spectra instead ({@link HeartRateTracker}: PulseJ's
 * default, {@code window_hr=track}), so that noise winning a few windows is not taken for the pulse.
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
		return perFrame(windows(ppg, fps, windowSeconds, stepSeconds, band), ppg.length);
	}

	/**
	 * Per-frame heart rate of {@code n} frames from their windows (as {@link #windows} or
	 * {@link #tracked} give them, all of one length): each window's rate spread over its frames with
	 * Hamming weights (see the class comment).
	 */
	public static double[] perFrame(final List<Window> windows, final int n) {
		final int w = windows.get(0).to() - windows.get(0).from();
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

	/**
	 * The analysis windows and their heart rates, each its own spectral peak (the paper's rule), in
	 * order of start frame (see the class comment).
	 */
	public static List<Window> windows(final double[] ppg, final double fps, final double windowSeconds,
		final double stepSeconds, final BpmBand band)
	{
		return windows(ppg, fps, windowSeconds, stepSeconds, band, false);
	}

	/**
	 * As {@link #windows}, with each window's rate on the path {@link HeartRateTracker} finds through all
	 * windows' spectra: a window's own peak unless a path that changes less from window to window has
	 * more power. The rate is the top of the peak the path lies on, refined as the window's own peak is.
	 */
	public static List<Window> tracked(final double[] ppg, final double fps, final double windowSeconds,
		final double stepSeconds, final BpmBand band)
	{
		return windows(ppg, fps, windowSeconds, stepSeconds, band, true);
	}

	private static List<Window> windows(final double[] ppg, final double fps, final double windowSeconds,
		final double stepSeconds, final BpmBand band, final boolean track)
	{
		return windows(ppg, null, 0, fps, windowSeconds, stepSeconds, band, track);
	}

	/**
	 * As {@link #tracked} ({@code track}) or {@link #windows}, each window's rate read from the mix of the two
	 * signals' spectra: {@code (1 − otherWeight)·ppg's + otherWeight·other's}, each as shares of its own
	 * in-band power, so that neither counts more for being louder. A window where one signal has no in-band
	 * power is read from the other alone, whatever the weight.
	 * <p>
	 * Why: two signals made in different ways (PhysNet's PPG and POS's from the same video) are rarely wrong
	 * in the same window in the same way; where one follows a nuisance, its peak is halved and the other's
	 * pulse peak, which both share, wins (docs/measuring.md, "PhysNet and POS together").
	 *
	 * @param other a second pulse signal of the same frames (same length, finite), or null for {@code ppg} alone
	 * @param otherWeight in [0, 1]; 0 reads {@code ppg} alone, 1 {@code other} alone
	 */
	public static List<Window> mixed(final double[] ppg, final double[] other, final double otherWeight,
		final double fps, final double windowSeconds, final double stepSeconds, final BpmBand band, final boolean track)
	{
		if (!(otherWeight >= 0 && otherWeight <= 1)) throw new PulseJException("The second signal's weight " +
			otherWeight + " is not between 0 and 1.", "Give a weight from 0 (the first signal alone) to 1.");
		return windows(ppg, other, otherWeight, fps, windowSeconds, stepSeconds, band, track);
	}

	private static List<Window> windows(final double[] ppg, final double[] other, final double otherWeight,
		final double fps, final double windowSeconds, final double stepSeconds, final BpmBand band, final boolean track)
	{
		Checks.notNull(ppg, "pulse signal");
		Checks.notNull(band, "heart-rate band");
		Checks.fps(fps);
		if (!(windowSeconds > 0) || !(stepSeconds > 0) || Double.isInfinite(windowSeconds) || Double.isInfinite(
			stepSeconds)) throw new PulseJException("Window " + windowSeconds + " s and step " + stepSeconds +
				" s are not both positive.", "Use e.g. a 10 s window with a 1 s step (the paper's values).");
		Checks.belowNyquist(band.maxHz(), fps);
		Checks.finite(ppg, "pulse signal");
		if (other != null) {
			if (other.length != ppg.length) throw new PulseJException("The two pulse signals to read together have " +
				ppg.length + " and " + other.length + " frames.", "Give two signals of the same frames.");
			Checks.finite(other, "second pulse signal");
		}
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
		final List<Integer> starts = new ArrayList<>();
		for (int start = 0; start + w <= n; start += step)
			starts.add(start);
		if (starts.get(starts.size() - 1) + w < n) starts.add(n - w);
		final List<Window> out = new ArrayList<>();
		final Spectra spectra = new Spectra(ppg, other, otherWeight, w, fps, band, fft, buffer);
		if (!track) {
			for (final int start : starts)
				out.add(new Window(start, start + w, HeartRate.fromSpectrum(spectra.at(start), band)));
			return out;
		}
		// the spectra's in-band log power for the path; then each window's spectrum again (one FFT, cheaper
		// than keeping every spectrum of a long video) to refine the rate at the path's bin
		final PowerSpectrum first = spectra.at(starts.get(0));
		final int lo = first.firstBinAtOrAbove(band.minHz()), bins = first.lastBinAtOrBelow(band.maxHz()) - lo + 1;
		if (bins < 1) HeartRate.peakBin(first, band); // says why: no bin inside the band
		final double[][] logPower = new double[starts.size()][];
		logPower[0] = inBandLogPower(first, lo, bins);
		for (int i = 1; i < starts.size(); i++)
			logPower[i] = inBandLogPower(spectra.at(starts.get(i)), lo, bins);
		final double binBpm = first.binHz() * 60, stepBpm = HeartRateTracker.FREE_BPM_PER_SECOND * step / fps;
		final int[] path = HeartRateTracker.path(logPower, bins, (int) Math.floor(stepBpm / binBpm + 1e-9),
			HeartRateTracker.NATS_PER_BPM * binBpm);
		for (int i = 0; i < starts.size(); i++) {
			final int from = starts.get(i);
			if (logPower[i] == null) {
				out.add(new Window(from, from + w, Double.NaN));
				continue;
			}
			final PowerSpectrum s = spectra.at(from);
			out.add(new Window(from, from + w, HeartRate.refined(s, band, HeartRate.climb(s, band, lo + path[i]))));
		}
		return out;
	}

	/** Each in-band bin's log share of the in-band power, or null when the band holds no power. */
	private static double[] inBandLogPower(final PowerSpectrum s, final int lo, final int bins) {
		double sum = 0;
		for (int k = 0; k < bins; k++)
			sum += s.power(lo + k);
		if (!(sum > 0) || Double.isInfinite(sum)) return null;
		final double[] out = new double[bins];
		for (int k = 0; k < bins; k++)
			out[k] = Math.log(Math.max(s.power(lo + k) / sum, HeartRateTracker.POWER_FLOOR));
		return out;
	}

	/** The spectrum of the window starting at a frame: of one signal, or the mix of two ({@link #mixed}). */
	private record Spectra(double[] ppg, double[] other, double otherWeight, int w, double fps, BpmBand band,
		DoubleFFT_1D fft, double[] buffer)
	{
		PowerSpectrum at(final int from) {
			final PowerSpectrum a = PowerSpectrum.compute(ppg, from, from + w, fps, fft, buffer);
			if (other == null || otherWeight == 0) return a;
			final PowerSpectrum b = PowerSpectrum.compute(other, from, from + w, fps, fft, buffer);
			return PowerSpectrum.mix(a, b, otherWeight, band.minHz(), band.maxHz());
		}
	}
}

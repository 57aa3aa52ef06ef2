package org.pulsej.signal;

/**
 * The window heart rates as one path through the windows' spectra: the path of in-band frequencies
 * that has the most log power summed over all windows, less a cost for every bpm the rate changes
 * between neighbouring windows beyond what a heart changes in that time (Viterbi's algorithm).
 * <p>
 * Why: each window's own spectral peak (the paper's rule, {@link HeartRate#fromSpectrum}) takes the
 * highest peak even when it is a burst of noise, a head movement or a lamp in that one window. In a
 * weak or moving video a single window's peak then leaves the pulse for a few seconds and comes back
 * (a dark video with a weak pulse read 109 → 61 bpm for a steady 96). The heart does not jump like
 * that, so a path that must pay for jumps stays on the pulse, and keeps to the peak where the peak is
 * clear: the path takes a window's own peak whenever no smoother path has more power.
 * <p>
 * Cost: a change of up to {@link #FREE_BPM_PER_SECOND} bpm per second between windows is free; each
 * further bpm costs {@link #NATS_PER_BPM} of log power. A jump of 30 bpm between 1 s steps costs 12,
 * so the path makes it only when the new rate has more power in window after window (a real change of
 * rate); a rate that changes in the last few seconds of a video, where few windows hold it, is followed
 * late or not at all (use the per-window peak, {@code window_hr=peak}, to follow sudden changes).
 * <p>
 * Work: O(windows × bins), a distance transform over the bins per window.
 */
public final class HeartRateTracker {

	/** Change of heart rate between windows that costs nothing, bpm per second of step. */
	public static final double FREE_BPM_PER_SECOND = 6;

	/** Cost of each bpm of change beyond the free one, in natural-log units of power. */
	public static final double NATS_PER_BPM = 0.5;

	/** Share of a window's in-band power that a bin of no power counts as, so that its log stays finite. */
	static final double POWER_FLOOR = 1e-12;

	private HeartRateTracker() {}

	/**
	 * The best path, one in-band bin index per window.
	 *
	 * @param logPower per window, the log of each in-band bin's share of the window's in-band power;
	 *          null for a window without in-band power (it adds nothing to any path)
	 * @param bins the length of every row of {@code logPower}
	 * @param freeBins change in bins between neighbouring windows that costs nothing (≥ 0)
	 * @param costPerBin cost of each further bin of change (≥ 0)
	 * @return per window, the index into its row of {@code logPower} (every row has the same length)
	 */
	static int[] path(final double[][] logPower, final int bins, final int freeBins, final double costPerBin) {
		final int windows = logPower.length;
		final int[] path = new int[windows];
		if (windows == 0 || bins == 0) return path;
		final int[][] from = new int[windows][];
		double[] score = new double[bins];
		add(score, logPower[0]);
		final double[] near = new double[bins], best = new double[bins];
		final int[] nearFrom = new int[bins], bestFrom = new int[bins];
		for (int t = 1; t < windows; t++) {
			// the best previous score within freeBins of each bin (free), then a linear cost beyond it
			slidingMax(score, freeBins, near, nearFrom);
			System.arraycopy(near, 0, best, 0, bins);
			System.arraycopy(nearFrom, 0, bestFrom, 0, bins);
			for (int k = 1; k < bins; k++)
				if (best[k - 1] - costPerBin > best[k]) {
					best[k] = best[k - 1] - costPerBin;
					bestFrom[k] = bestFrom[k - 1];
				}
			for (int k = bins - 2; k >= 0; k--)
				if (best[k + 1] - costPerBin > best[k]) {
					best[k] = best[k + 1] - costPerBin;
					bestFrom[k] = bestFrom[k + 1];
				}
			from[t] = bestFrom.clone();
			score = best.clone();
			add(score, logPower[t]);
		}
		int k = 0;
		for (int i = 1; i < bins; i++)
			if (score[i] > score[k]) k = i;
		for (int t = windows - 1; t >= 0; t--) {
			path[t] = k;
			if (t > 0) k = from[t][k];
		}
		return path;
	}

	private static void add(final double[] score, final double[] logPower) {
		if (logPower == null) return;
		for (int k = 0; k < score.length; k++)
			score[k] += logPower[k];
	}

	/**
	 * {@code out[k]} = the largest {@code x[j]} with |j − k| ≤ r, {@code at[k]} its index (the lowest
	 * on ties); a monotone queue, O(n).
	 */
	static void slidingMax(final double[] x, final int r, final double[] out, final int[] at) {
		final int n = x.length;
		final int[] queue = new int[n];
		int head = 0, tail = 0, next = 0;
		for (int k = 0; k < n; k++) {
			final int end = Math.min(n - 1, k + r);
			for (; next <= end; next++) {
				while (tail > head && x[queue[tail - 1]] < x[next])
					tail--;
				queue[tail++] = next;
			}
			while (queue[head] < k - r)
				head++;
			out[k] = x[queue[head]];
			at[k] = queue[head];
		}
	}
}

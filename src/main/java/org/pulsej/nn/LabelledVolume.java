package org.pulsej.nn;

import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

/**
 * A face volume with its ground-truth PPG, for choosing the training epoch by MCC (paper 5.4).
 *
 * @param name the video, for messages
 * @param volume the network input, prepared like the training videos
 * @param ppg ground-truth PPG, one value per volume frame; NaN where the ground truth does not reach
 */
public record LabelledVolume(String name, FaceVolume volume, double[] ppg) {

	public LabelledVolume {
		if (ppg == null || ppg.length != volume.frames()) throw new PulseJException("The ground truth of " + name +
			" has " + (ppg == null ? 0 : ppg.length) + " samples for " + volume.frames() + " frames.",
			"Resample the ground truth to the video's frames before training (PulseJ's loader does).");
	}

	/** First and last frame (inclusive) of the longest run of frames with a ground-truth value; null if none. */
	public int[] covered() {
		int bestA = -1, bestB = -2;
		for (int t = 0; t < ppg.length;) {
			if (!Double.isFinite(ppg[t])) {
				t++;
				continue;
			}
			final int a = t;
			while (t < ppg.length && Double.isFinite(ppg[t]))
				t++;
			if (t - 1 - a > bestB - bestA) {
				bestA = a;
				bestB = t - 1;
			}
		}
		return bestA < 0 ? null : new int[] { bestA, bestB };
	}
}

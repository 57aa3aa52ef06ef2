package org.pulsej.pipeline;

import java.util.Arrays;

/**
 * Per-frame confidence c in [0,1] of the instantaneous heart rate; the pipeline reports
 * {@code c·h_instant + (1−c)·h_median} (paper, Eq. 1). Until a trained model supplies it, c = 1.
 */
@FunctionalInterface
public interface ConfidenceEstimator {

	double[] confidence(double[] ppg, double[] hrInstant, double fps);

	/** Trusts every instantaneous estimate. */
	ConfidenceEstimator FULL = (ppg, hr, fps) -> {
		final double[] c = new double[hr.length];
		Arrays.fill(c, 1);
		return c;
	};
}

package org.pulsej.pipeline;

import java.nio.file.Path;
import java.util.Arrays;

import org.pulsej.nn.ConfidenceModel;

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

	/**
	 * The confidence of a model folder, opened until {@link Opened#close()}; FULL when {@code dir} is
	 * null.
	 */
	static Opened open(final Path dir) {
		if (dir == null) return new Opened(FULL, null);
		final ConfidenceModel model = ConfidenceModel.load(dir);
		return new Opened(model::confidence, model);
	}

	/** A confidence estimator and the model it holds open (none for FULL). */
	record Opened(ConfidenceEstimator estimator, ConfidenceModel model) implements AutoCloseable {

		@Override
		public void close() {
			if (model != null) model.close();
		}
	}
}

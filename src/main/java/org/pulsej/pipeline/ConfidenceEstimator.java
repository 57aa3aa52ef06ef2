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
		if (dir == null) return new Opened(FULL, null, false);
		final ConfidenceModel model = ConfidenceModel.load(dir);
		return new Opened(model::confidence, model, false);
	}

	/**
	 * As {@link #open(Path)}, with a warning to {@code log} when the model was trained on another
	 * method, band, window, step or window_hr than {@code options} measure with: its confidence then judges PPGs
	 * and rates unlike those it learnt from (allowed, as a user may mean it, but said).
	 */
	static Opened open(final EstimateOptions options, final java.util.function.Consumer<String> log) {
		return open(options, java.util.List.of(options.methodName()), log);
	}

	/**
	 * As {@link #open(EstimateOptions, java.util.function.Consumer)} for a run of several methods (Evaluate's
	 * rows): the method it was trained on should be one of {@code methods}.
	 */
	public static Opened open(final EstimateOptions options, final java.util.List<String> methods,
		final java.util.function.Consumer<String> log)
	{
		final Opened o = open(options.confidenceModel());
		if (o.model() == null) return o;
		final com.google.gson.JsonObject d = o.model().description();
		final java.util.List<String> diff = new java.util.ArrayList<>();
		if (d.has("method") && d.get("method").isJsonPrimitive() && !methods.contains(d.get("method").getAsString()))
			diff.add("method " + d.get("method").getAsString() + " (now " + String.join(",", methods) + ")");
		differs(d, "band", options.band().toString(), diff);
		differsNum(d, "windowSeconds", options.windowSeconds(), diff);
		differsNum(d, "stepSeconds", options.stepSeconds(), diff);
		differs(d, "windowHr", options.windowHr(), diff); // recorded since window_hr
		if (!diff.isEmpty()) log.accept("PulseJ: warning — the confidence model in " + options.confidenceModel() +
			" was trained with " + String.join(", ", diff) + "; its confidence fits the settings it was trained with " +
			"(train one with these settings, or measure with those).");
		return diff.isEmpty() ? o : new Opened(o.estimator(), o.model(), true);
	}

	private static void differs(final com.google.gson.JsonObject d, final String key, final String now,
		final java.util.List<String> diff)
	{
		if (d.has(key) && d.get(key).isJsonPrimitive() && !d.get(key).getAsString().equals(now)) diff.add(key + " " + d
			.get(key).getAsString() + " (now " + now + ")");
	}

	private static void differsNum(final com.google.gson.JsonObject d, final String key, final double now,
		final java.util.List<String> diff)
	{
		if (d.has(key) && d.get(key).isJsonPrimitive() && d.get(key).getAsJsonPrimitive().isNumber() && Math.abs(d.get(
			key).getAsDouble() - now) > 1e-9) diff.add(key + " " + d.get(key).getAsDouble() + " (now " + now + ")");
	}

	/**
	 * A confidence estimator and the model it holds open (none for FULL).
	 *
	 * @param otherSettings the model was trained with other settings than it is applied with (warned in the log;
	 *          each video's summary row names it too, {@link org.pulsej.results.VideoWarnings#CONFIDENCE_SETTINGS})
	 */
	public record Opened(ConfidenceEstimator estimator, ConfidenceModel model, boolean otherSettings)
		implements AutoCloseable
	{

		@Override
		public void close() {
			if (model != null) model.close();
		}
	}
}

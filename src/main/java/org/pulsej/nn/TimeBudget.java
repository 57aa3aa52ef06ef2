package org.pulsej.nn;

/**
 * A training run's time budget ({@code minutes=} of Train PhysNet and Train Confidence Model): no epoch is
 * started that would end after it, judged by the slowest epoch so far, and progress shows the epochs done
 * or the budget used, whichever is further. Counted from when it is made.
 */
final class TimeBudget {

	private final long start = System.nanoTime();
	private final double seconds;

	/** @param minutes the budget; 0 (or less) = none */
	TimeBudget(final double minutes) {
		seconds = minutes > 0 ? minutes * 60 : Double.POSITIVE_INFINITY;
	}

	/** Whether there is a budget at all. */
	boolean limited() {
		return !Double.isInfinite(seconds);
	}

	/** Seconds since the run began. */
	double spent() {
		return (System.nanoTime() - start) / 1e9;
	}

	/** Whether an epoch as long as {@code slowest} seconds, started now, would end after the budget. */
	boolean wouldOverrun(final double slowest) {
		return spent() + slowest > seconds;
	}

	/** The run's progress (0..1): {@code epochsDone} (a fraction of all epochs) or the budget used, the larger. */
	double progress(final double epochsDone) {
		return Math.min(1, Math.max(epochsDone, spent() / seconds));
	}

	/** Seconds of the budget left, at least 0. */
	double left() {
		return Math.max(0, seconds - spent());
	}
}

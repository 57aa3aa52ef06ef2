package org.pulsej.util;

import java.util.concurrent.CancellationException;

/**
 * How long-running core work reports progress and learns that the user cancelled.
 * The core knows only this interface; Fiji, the console and tests adapt it.
 */
public interface Progress {

	/** A short human-readable description of the current step. */
	void status(String message);

	/** Fraction done of the current step, 0..1. */
	void fraction(double done);

	/** Whether the user asked to stop. Core loops check this once per frame, window or epoch. */
	default boolean isCancelled() {
		return false;
	}

	/** Throws {@link CancellationException} when the user asked to stop. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancellationException(stoppedBy() + "; nothing was written for the unfinished step.");
	}

	/**
	 * Who stopped the work, to begin the message of a cancelled run: the user (Esc, a cancel), or a signal
	 * from outside ({@link StopFromOutside}: bin/pulsej ended by kill, a cluster's time limit), whose run's
	 * last line had blamed the user, after the line saying it was stopped from outside.
	 */
	static String stoppedBy() {
		return StopFromOutside.requested() ? "Stopped from outside (a signal such as kill or the cluster's time limit)"
			: "Cancelled by the user";
	}

	/**
	 * Reports nothing, cancelled when {@code cancelled} says so: for a step inside a longer job whose own
	 * status should stay on screen while the user can still stop it.
	 */
	static Progress silent(final java.util.function.BooleanSupplier cancelled) {
		return new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void fraction(final double done) {}

			@Override
			public boolean isCancelled() {
				return cancelled.getAsBoolean();
			}
		};
	}

	/** Reports nothing, never cancels. */
	Progress NONE = new Progress() {
		@Override
		public void status(final String message) {}

		@Override
		public void fraction(final double done) {}
	};
}

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
		if (isCancelled()) throw new CancellationException("Cancelled by the user; nothing was written for the unfinished step.");
	}

	/** Reports nothing, never cancels. */
	Progress NONE = new Progress() {
		@Override
		public void status(final String message) {}

		@Override
		public void fraction(final double done) {}
	};
}

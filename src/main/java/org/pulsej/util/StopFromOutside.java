package org.pulsej.util;

/**
 * A stop asked from outside the run: {@code kill -TERM}, a cluster's time limit. The JVM then runs its
 * shutdown hooks and exits, while the run's own thread would go on working; a thread still inside PyTorch
 * when the process exits can crash it (seen once in training). So the hook asks for the stop here, long
 * work ends at its next cancellation point as on Esc ({@link Progress#isCancelled} of the commands'
 * progress), and the hook waits for that before the process exits.
 */
public final class StopFromOutside {

	private static volatile boolean requested;

	private StopFromOutside() {}

	/** Asks every running command to stop at its next cancellation point; cannot be taken back. */
	public static void request() {
		requested = true;
	}

	/** Whether a stop was asked from outside. */
	public static boolean requested() {
		return requested;
	}
}

package org.pulsej.util;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop asked from outside the run: {@code kill -TERM}, a cluster's time limit. The JVM then runs its
 * shutdown hooks and exits, while the run's own thread would go on working; a thread still inside PyTorch
 * when the process exits can crash it (seen once in training). So the hook asks for the stop here, long
 * work ends at its next cancellation point as on Esc ({@link Progress#isCancelled} of the commands'
 * progress), and the hook waits for that before the process exits ({@link #awaitRunEnd}). Other hooks that
 * remove what the run still uses (the scratch files training reads) wait for the same end.
 */
public final class StopFromOutside {

	/**
	 * How long a stop from outside waits for the run to reach a point where it can stop: less than a
	 * cluster's grace before kill -KILL (SLURM: 30 s).
	 */
	public static final int WAIT_SECONDS = 20;

	private static volatile boolean requested;

	/** bin/pulsej's run, counted down when it ends; none (count 0) in Fiji and in tests. */
	private static volatile CountDownLatch run = new CountDownLatch(0);

	private StopFromOutside() {}

	/** Asks every running command to stop at its next cancellation point; cannot be taken back. */
	public static void request() {
		requested = true;
	}

	/** Whether a stop was asked from outside. */
	public static boolean requested() {
		return requested;
	}

	/** A run starts that a stop from outside waits for (bin/pulsej's command or macro) until {@link #runEnded}. */
	public static void runStarted() {
		run = new CountDownLatch(1);
	}

	/** The run of {@link #runStarted} has ended (finished, failed or stopped). */
	public static void runEnded() {
		run.countDown();
	}

	/** Whether a run of {@link #runStarted} is under way. */
	public static boolean running() {
		return run.getCount() > 0;
	}

	/**
	 * Waits until the run of {@link #runStarted} has ended, at most {@link #WAIT_SECONDS}; returns at once
	 * when none is under way.
	 *
	 * @return whether it has ended (false: still running after the wait, or interrupted)
	 */
	public static boolean awaitRunEnd() {
		try {
			return run.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The code that called {@code System.exit} in another thread while a run is under way, or null: an exit
	 * from inside the run (ImageJ's {@code IJ.getImage()} ends the JVM with status 0 when no image is open and
	 * there is no ImageJ window, as in a headless macro) rather than a signal, whose thread calls the JVM's
	 * shutdown without {@code System.exit}.
	 */
	public static StackTraceElement exitCaller() {
		for (final java.util.Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
			if (t.getKey() == Thread.currentThread()) continue;
			final StackTraceElement[] st = t.getValue();
			for (int i = 0; i + 1 < st.length; i++)
				if (isExit(st[i]) && !isExit(st[i + 1])) return st[i + 1];
		}
		return null;
	}

	private static boolean isExit(final StackTraceElement e) {
		final String c = e.getClassName();
		return e.getMethodName().equals("exit") && (c.equals("java.lang.System") || c.equals("java.lang.Runtime"));
	}

	/**
	 * Waits, at most {@code seconds}, for the live threads named {@code names} (other shutdown hooks that
	 * remove files) to end.
	 */
	public static void awaitThreads(final double seconds, final String... names) {
		final long end = System.nanoTime() + (long) (seconds * 1e9);
		final java.util.Set<String> wanted = java.util.Set.of(names);
		for (final Thread t : Thread.getAllStackTraces().keySet())
			if (wanted.contains(t.getName())) try {
				t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
	}
}

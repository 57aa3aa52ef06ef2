package org.pulsej.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How an unexpected error is put into words. */
class PulseJExceptionTest {

	/**
	 * Train PhysNet stopped by kill -TERM (a cluster's time limit) went on to the end of its epoch while the
	 * JVM ran its shutdown hooks, then failed with "unexpected IllegalStateException: Shutdown in progress"
	 * and a fix to convert the video, after bin/pulsej had said it was stopped from outside.
	 */
	@Test
	void anErrorOfTheJvmShuttingDownIsNamedAsAStopFromOutside() {
		final PulseJException e = PulseJException.unexpected("this Train Phys Net run", new RuntimeException("write",
			new IllegalStateException("Shutdown in progress")));
		assertTrue(e.problem().equals("The run of this Train Phys Net run was stopped from outside (a signal such as " +
			"kill or the cluster's time limit) before it finished."), e.problem());
		assertTrue(e.fix().contains("run the same command again") && !e.fix().contains("ffmpeg"), e.fix());
		// other unexpected errors are named as before
		final PulseJException other = PulseJException.unexpected("x.avi", new IllegalStateException("other"));
		assertTrue(other.problem().contains("unexpected IllegalStateException: other"), other.problem());
		assertFalse(other.problem().contains("stopped from outside"), other.problem());
	}

	/** A command that knows its own keys gives the same problem with its own fix, in the message's one form. */
	@Test
	void anotherFixKeepsTheProblemAndItsCause() {
		final PulseJException e = new PulseJException("No face was found.", "Draw a rectangle.");
		final PulseJException batch = e.withFix("Measure it on its own.");
		assertTrue(batch.problem().equals(e.problem()) && batch.fix().equals("Measure it on its own."), batch.fix());
		assertTrue(batch.getMessage().equals("No face was found. — Measure it on its own."), batch.getMessage());
		assertTrue(batch.getCause() == e, "the tracker's own exception is its cause");
	}
}

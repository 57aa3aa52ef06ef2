package org.pulsej.fiji;

import ij.IJ;

import java.util.function.BooleanSupplier;

import org.pulsej.util.Progress;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/**
 * Core progress reported through SciJava's status bar (Fiji) and the log. The user cancels with
 * Esc in Fiji, by cancelling the command (SciJava's {@code Cancelable}), or by interrupting the
 * command's thread (a cancelled Future, a killed job); headless, {@code kill -TERM} stops it alike
 * ({@link org.pulsej.util.StopFromOutside}).
 */
public final class StatusProgress implements Progress {

	private static final int STEPS = 1000;

	private final StatusService status;
	private final LogService log;
	private final BooleanSupplier commandCancelled;

	/**
	 * @param commandCancelled whether the command itself was cancelled ({@code isCanceled()})
	 */
	public StatusProgress(final StatusService status, final LogService log, final BooleanSupplier commandCancelled) {
		this.status = status;
		this.log = log;
		this.commandCancelled = commandCancelled;
	}

	@Override
	public void status(final String message) {
		if (status != null) status.showStatus(message);
		if (log != null) log.info(message);
	}

	@Override
	public void fraction(final double done) {
		if (status != null) status.showProgress((int) Math.round(Math.max(0, Math.min(1, done)) * STEPS), STEPS);
	}

	@Override
	public boolean isCancelled() {
		return Thread.currentThread().isInterrupted() || IJ.escapePressed() || commandCancelled.getAsBoolean() ||
			org.pulsej.util.StopFromOutside.requested();
	}
}

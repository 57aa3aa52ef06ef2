package org.pulsej.fiji;

import ij.macro.Interpreter;

import org.pulsej.PulseJ;
import org.pulsej.cli.MacroBridge;
import org.scijava.Context;
import org.scijava.service.Service;
import org.scijava.thread.ThreadService;

/**
 * A PulseJ command that fails inside an ImageJ macro stops that macro, as ImageJ's own commands do:
 * the next lines would work on results that were never made. In Fiji a SciJava command runs on its
 * own thread while the macro waits, so ImageJ's {@code Macro.abort()} would only end the command;
 * the macro's interpreter is told to stop instead. Headless Fiji ends the macro's JVM with exit
 * status 1 after the message, because Fiji's {@code -batch} and {@code -macro} exit with 0 whatever
 * happened and a cluster job must see the failure ({@code -Dpulsej.exitOnMacroFailure=false} keeps
 * ImageJ's behaviour).
 */
final class MacroStop {

	/** The exit status of a headless Fiji macro stopped by a PulseJ failure. */
	static final int EXIT_STATUS = 1;

	static final String EXIT_PROPERTY = MacroBridge.EXIT_PROPERTY;

	private MacroStop() {}

	/**
	 * Stops the ImageJ macro running now, if any (bin/pulsej's macros stop themselves), and exits
	 * headless Fiji.
	 *
	 * @return whether a macro was stopped
	 */
	static boolean stop(final Context context, final String message, final boolean headless) {
		final Interpreter macro;
		try {
			if (MacroBridge.running()) return false;
			macro = Interpreter.getInstance();
		}
		catch (final LinkageError noImageJ) {
			return false;
		}
		if (macro == null || !invokedByMacro(context)) return false;
		// no macro error dialog of its own: Fiji shows the cancelled command's reason once
		macro.setIgnoreErrors(true);
		macro.abort(message);
		if (exits(headless, fiji(context), System.getProperty(EXIT_PROPERTY))) {
			System.err.println(PulseJ.title() + ": the macro stopped: " + message);
			System.err.flush();
			System.exit(EXIT_STATUS);
		}
		return true;
	}

	/**
	 * Whether this command was started by an ImageJ macro: ImageJ names a thread that runs a macro
	 * line {@code Run$_...}, and SciJava knows the thread that started each of its own. A command
	 * started from the menu while some other macro runs must not stop that macro.
	 */
	static boolean invokedByMacro(final Context context) {
		final ThreadService threads = context == null ? null : context.getService(ThreadService.class);
		Thread t = Thread.currentThread();
		for (int depth = 0; t != null && depth < 32; depth++) {
			if (t.getName().startsWith("Run$_")) return true;
			final Thread parent = threads == null ? null : threads.getParent(t);
			if (parent == t) break;
			t = parent;
		}
		return false;
	}

	/** Whether a stopped macro ends the JVM: headless Fiji only, unless the property says false. */
	static boolean exits(final boolean headless, final boolean fiji, final String property) {
		return MacroBridge.exitsOnFailure(headless, fiji, property);
	}

	/** Whether the context is Fiji's: ImageJ's legacy layer runs in it (it is not a PulseJ dependency). */
	static boolean fiji(final Context context) {
		if (context == null) return false;
		for (final Service s : context.getServiceIndex().getAll())
			if (s.getClass().getName().startsWith("net.imagej.legacy.")) return true;
		return false;
	}
}

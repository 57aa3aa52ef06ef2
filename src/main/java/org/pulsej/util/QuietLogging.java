package org.pulsej.util;

/**
 * DJL and ONNX Runtime log through SLF4J, which Fiji ships without a provider: SLF4J then prints
 * "No SLF4J providers were found" to the console, and Fiji opens its console window for it on the
 * first Estimate or Track Face run. SLF4J 2 reports its own warnings only up to the level in
 * {@code slf4j.internal.verbosity}, read once when it loads; set before that (unless the user set
 * it), only its errors are printed. No logging of PulseJ's goes through SLF4J.
 */
public final class QuietLogging {

	private QuietLogging() {}

	/** Call before DJL or ONNX Runtime load (the commands' and the launcher's first step). */
	public static void apply() {
		if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity",
			"ERROR");
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Fiji opens its console window for anything printed there (issue 18): SLF4J's "No SLF4J
 * providers" lines, printed when DJL or ONNX Runtime first log, must not appear once a PulseJ
 * command class is loaded. Checked in a fresh JVM, as SLF4J reports this once per JVM.
 */
class ConsoleNoiseTest {

	/** The child JVM: loads a PulseJ command unless told not to, then logs through SLF4J as DJL does. */
	public static void main(final String[] args) throws Exception {
		if (!(args.length > 0 && args[0].equals("without"))) Class.forName(EstimateHeartRateCommand.class.getName());
		org.slf4j.LoggerFactory.getLogger("ai.djl.Probe").info("probe");
	}

	static String stderr(final String arg) throws Exception {
		final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), ConsoleNoiseTest.class.getName(), arg)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), err);
		return err;
	}

	@Test
	void slf4jSaysNothingOnceAPulseJCommandIsLoaded() throws Exception {
		assertTrue(stderr("without").contains("No SLF4J providers"), "the check would see the lines");
		final String err = stderr("with");
		assertFalse(err.contains("SLF4J"), err);
	}
}

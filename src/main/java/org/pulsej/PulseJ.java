package org.pulsej;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of PulseJ, used in error titles, model files and output provenance. */
public final class PulseJ {

	public static final String NAME = "PulseJ";

	/**
	 * Version from the jar manifest, else from the build's {@code pulsej.properties} (runs from classes:
	 * bin/pulsej, tests, an IDE); "dev" only when neither is there.
	 */
	public static final String VERSION = version();

	/** Menu root of every PulseJ command. */
	public static final String MENU_ROOT = "Plugins>PulseJ";

	private PulseJ() {}

	public static String title() {
		return NAME + " v" + VERSION;
	}

	private static String version() {
		final String v = PulseJ.class.getPackage().getImplementationVersion();
		if (v != null) return v;
		try (InputStream in = PulseJ.class.getResourceAsStream("pulsej.properties")) {
			if (in != null) {
				final Properties p = new Properties();
				p.load(in);
				final String built = p.getProperty("version", "");
				// Unfiltered (an IDE copying resources itself) reads "${project.version}".
				if (!built.isBlank() && !built.startsWith("$")) return built;
			}
		} catch (final IOException e) {
			// fall through: the version is only provenance
		}
		return "dev";
	}
}

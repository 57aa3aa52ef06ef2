package org.pulsej;

/** Name and version of PulseJ, used in error titles, model files and output provenance. */
public final class PulseJ {

	public static final String NAME = "PulseJ";

	/** Version from the jar manifest; "dev" when running from classes (tests, IDE). */
	public static final String VERSION = versionFromManifest();

	/** Menu root of every PulseJ command. */
	public static final String MENU_ROOT = "Plugins>PulseJ";

	private PulseJ() {}

	public static String title() {
		return NAME + " v" + VERSION;
	}

	private static String versionFromManifest() {
		final String v = PulseJ.class.getPackage().getImplementationVersion();
		return v == null ? "dev" : v;
	}
}

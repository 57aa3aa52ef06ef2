package org.pulsej.nn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.pulsej.util.PulseJException;

/**
 * The PhysNet model that ships inside PulseJ (trained by {@code models/train-default.sh} on PulseJ's
 * own synthetic videos; see {@code models/README.md}), so {@code method=PhysNet} works out of the box.
 */
public final class BundledModels {

	/** Folder name of the default model, in {@code models/} and inside the jar. */
	public static final String DEFAULT = "physnet-default";

	private static final String RESOURCE_ROOT = "/org/pulsej/models/";

	private static Path extracted;

	private BundledModels() {}

	/** Whether this build contains the default model. */
	public static boolean hasDefault() {
		return BundledModels.class.getResource(RESOURCE_ROOT + DEFAULT + "/" + ModelDescription.FILE) != null;
	}

	/**
	 * The default model as a folder PhysNetModel can load: copied once per run from the jar into a
	 * temporary folder (removed when the JVM exits).
	 */
	public static synchronized Path defaultModel() {
		if (extracted != null && Files.exists(extracted.resolve(ModelDescription.FILE))) return extracted;
		if (!hasDefault()) throw new PulseJException("This PulseJ build has no bundled PhysNet model.",
			"Give a model folder with model=/path/to/model (train one with Train PhysNet), or rebuild PulseJ with its models/ folder.");
		try {
			// named like the model, so results say model=physnet-default
			// deleted on exit in the reverse order of registration: the files, then their folders
			final Path parent = Files.createTempDirectory("pulsej-models");
			parent.toFile().deleteOnExit();
			final Path dir = Files.createDirectory(parent.resolve(DEFAULT));
			dir.toFile().deleteOnExit();
			for (final String name : new String[] { ModelDescription.FILE, ModelDescription.WEIGHTS }) {
				try (InputStream in = BundledModels.class.getResourceAsStream(RESOURCE_ROOT + DEFAULT + "/" + name)) {
					if (in == null) throw new IOException(name + " missing from the jar");
					Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
				}
				dir.resolve(name).toFile().deleteOnExit();
			}
			extracted = dir;
			return dir;
		}
		catch (final IOException e) {
			throw new PulseJException("The bundled PhysNet model could not be unpacked (" + e.getMessage() + ").",
				"Check that the temporary folder (" + System.getProperty("java.io.tmpdir") +
					") is writable, or give model=/path/to/model.", e);
		}
	}
}

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

	/** Name prefix of the temporary folders the default model is unpacked into. */
	static final String PREFIX = "pulsej-models";

	/** A copy untouched this long belongs to no run that still needs its files (a run reads them at its start). */
	static final long ABANDONED_AFTER_MS = 12 * 3600_000L;

	/**
	 * Removes this user's copies of the default model that a killed run (kill -9, a node failure) left
	 * in {@code tmp}: {@code deleteOnExit} runs only when the JVM ends normally.
	 *
	 * @return how many folders were removed
	 */
	static int removeAbandoned(final Path tmp, final long ageMs) {
		return org.pulsej.util.TempFolder.removeAbandoned(tmp, n -> n.startsWith(PREFIX), ageMs, true);
	}

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
			removeAbandoned(Path.of(System.getProperty("java.io.tmpdir")), ABANDONED_AFTER_MS);
			final Path parent = Files.createTempDirectory(PREFIX);
			parent.toFile().deleteOnExit();
			final Path dir = Files.createDirectory(parent.resolve(DEFAULT));
			dir.toFile().deleteOnExit();
			final String[] names = { ModelDescription.FILE, ModelDescription.WEIGHTS };
			try {
				for (final String name : names) {
					// registered before it is written: a copy cut short by a full disk was left behind for 12 h
					dir.resolve(name).toFile().deleteOnExit();
					try (InputStream in = BundledModels.class.getResourceAsStream(RESOURCE_ROOT + DEFAULT + "/" + name)) {
						if (in == null) throw new IOException(name + " missing from the jar");
						Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
					}
				}
			}
			catch (final IOException e) {
				for (final String name : names)
					Files.deleteIfExists(dir.resolve(name));
				Files.deleteIfExists(dir);
				Files.deleteIfExists(parent);
				throw e;
			}
			extracted = dir;
			return dir;
		}
		catch (final IOException e) {
			throw new PulseJException("The bundled PhysNet model could not be unpacked (" + org.pulsej.util.AtomicFiles.ioProblem(e) + ").",
				"Check that the temporary folder (" + System.getProperty("java.io.tmpdir") +
					") is writable and has room (about 1 MB), give Java another one (-Djava.io.tmpdir=A_FOLDER; " +
					"bin/pulsej: PULSEJ_JAVA_OPTS), or give model=/path/to/model.", e);
		}
	}
}

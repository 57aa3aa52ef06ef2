package org.pulsej.face;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Loads ONNX Runtime's native libraries from a per-user cache folder instead of a new temporary folder.
 * <p>
 * Left alone, ONNX Runtime unpacks its libraries into a fresh {@code onnxruntime-java*} folder of the
 * temporary directory on every start and leaves that folder behind: a cluster batch of a thousand
 * jobs leaves a thousand folders in {@code /tmp}. Unpacked once into
 * {@code ~/.cache/pulsej/native/<jar>-<platform>} and named by the {@code onnxruntime.native.path}
 * property, nothing is left behind. Whenever that is not possible (no writable home, a platform whose
 * libraries are not in the jar, the property already set by the user) ONNX Runtime keeps its own way.
 */
final class OnnxRuntimeNatives {

	static final String PROPERTY = "onnxruntime.native.path";

	private OnnxRuntimeNatives() {}

	/** Points ONNX Runtime at the cached libraries, unpacking them first if needed; once per JVM. */
	static synchronized void useCache() {
		removeAbandonedTempFolders(Paths.get(System.getProperty("java.io.tmpdir")), ABANDONED_AFTER_MS);
		if (System.getProperty(PROPERTY) != null) return;
		final Path dir = cacheDir();
		if (dir != null && unpack(dir)) System.setProperty(PROPERTY, dir.toString());
	}

	/** An empty ONNX Runtime folder untouched this long belongs to no starting run (they fill theirs at once). */
	static final long ABANDONED_AFTER_MS = 10 * 60_000L;

	/**
	 * Removes the empty {@code onnxruntime-java*} and {@code ort-model*} folders that ONNX Runtime makes
	 * in the temporary folder and deletes only when its JVM ends normally: a run killed outright
	 * (SIGKILL, a cluster's hard limit) leaves them. Only empty folders of this user untouched for
	 * {@code ageMs} are removed; deleting a non-empty one fails by itself, so nothing in use is touched.
	 *
	 * @return how many were removed
	 */
	static int removeAbandonedTempFolders(final Path tmp, final long ageMs) {
		return org.pulsej.util.TempFolder.removeAbandoned(tmp, n -> n.startsWith("onnxruntime-java") || n.startsWith(
			"ort-model"), ageMs, false);
	}

	/** The folder for this jar and platform, or null when it cannot be named. */
	static Path cacheDir() {
		final String platform = platform();
		if (platform == null || resource(platform, "onnxruntime") == null) return null;
		final String jar = jarName();
		final String home = System.getProperty("user.home");
		if (jar == null || home == null || home.isEmpty()) return null;
		return Paths.get(home, ".cache", "pulsej", "native", jar + "-" + platform);
	}

	/**
	 * Makes sure {@code dir} holds the jar's libraries for this platform, each the same size as in the
	 * jar; a library is written to a temporary name and renamed, so jobs starting together on a shared
	 * home never load a half-written file.
	 */
	static boolean unpack(final Path dir) {
		final String platform = platform();
		try {
			Files.createDirectories(dir);
			for (final String lib : List.of("onnxruntime", "onnxruntime4j_jni")) {
				final String name = System.mapLibraryName(lib);
				final String res = resource(platform, lib);
				if (res == null) return false;
				final Path target = dir.resolve(name);
				final long size = size(res);
				if (Files.isRegularFile(target) && Files.size(target) == size) continue;
				final Path tmp = Files.createTempFile(dir, name, ".part");
				try (InputStream in = ai.onnxruntime.OrtEnvironment.class.getResourceAsStream(res)) {
					Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
					if (Files.size(tmp) != size) return false;
					try {
						Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
					}
					catch (final AtomicMoveNotSupportedException e) {
						Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
				finally {
					Files.deleteIfExists(tmp);
				}
			}
			return true;
		}
		catch (final IOException | RuntimeException e) {
			return false; // ONNX Runtime unpacks into the temporary folder as usual
		}
	}

	/** ONNX Runtime's name for this platform's folder in its jar, e.g. linux-x64; null if unknown. */
	static String platform() {
		final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		final String o = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx" : os
			.contains("win") ? "win" : null;
		final String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") || arch
			.equals("arm64") ? "aarch64" : null;
		return o == null || a == null ? null : o + "-" + a;
	}

	private static String resource(final String platform, final String lib) {
		final String res = "/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(lib);
		return ai.onnxruntime.OrtEnvironment.class.getResource(res) != null ? res : null;
	}

	/** The library's size in the jar, from the jar's directory (no decompression) where possible. */
	static long size(final String res) throws IOException {
		final long listed = ai.onnxruntime.OrtEnvironment.class.getResource(res).openConnection().getContentLengthLong();
		if (listed >= 0) return listed;
		try (InputStream in = ai.onnxruntime.OrtEnvironment.class.getResourceAsStream(res)) {
			return in.transferTo(java.io.OutputStream.nullOutputStream());
		}
	}

	/** The ONNX Runtime jar's file name without .jar (it carries the version), or null. */
	private static String jarName() {
		try {
			final var src = ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource();
			if (src == null) return null;
			final Path p = Paths.get(src.getLocation().toURI()).getFileName();
			if (p == null) return null;
			final String name = p.toString();
			return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : null;
		}
		catch (final URISyntaxException | RuntimeException e) {
			return null;
		}
	}
}

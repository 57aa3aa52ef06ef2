package org.pulsej.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.util.PulseJException;

/**
 * Loads DJL's PyTorch engine without network access and chooses the device PulseJ computes on.
 * <p>
 * <b>Offline.</b> PulseJ ships the CPU libtorch 2.7.1 in the {@code pytorch-native-cpu} jar from Maven
 * Central. DJL unpacks it once to {@code ~/.djl.ai/pytorch/} (move it with {@code DJL_CACHE_DIR}; where
 * that folder cannot be written, PulseJ uses {@code pulsej-djl-USER} in the temporary folder).
 * {@link #engine()} sets {@code ai.djl.offline=true} unless the user set it, so DJL never tries to
 * download anything at run time.
 * <p>
 * <b>GPU.</b> There is no CUDA build of libtorch 2.7.1 on Maven Central, so a GPU needs a libtorch
 * 2.7.1 built for CUDA 12.8 that the user unpacks himself and names before Fiji starts:
 * {@code PYTORCH_LIBRARY_PATH=/path/to/libtorch/lib}, {@code PYTORCH_VERSION=2.7.1},
 * {@code PYTORCH_FLAVOR=cu128} (DJL's {@code pytorch-jni} 2.7.1 already contains the matching JNI
 * library). Without it PulseJ runs on the CPU.
 * <p>
 * <b>Sharing the JVM with other DJL plugins.</b> One JVM can load only one DJL version and one
 * libtorch. Keep a single {@code ai.djl} api/pytorch-engine version in {@code Fiji.app/jars} (PulseJ's,
 * 0.36.0) and make sure no other plugin sets {@code PYTORCH_VERSION} to another version; otherwise
 * whichever plugin loads libtorch first wins and the other fails with an UnsatisfiedLinkError.
 * <p>
 * <b>Device choice.</b> {@code auto}: the first GPU when libtorch sees one, else the CPU (with a
 * message saying why). {@code cpu}: always the CPU. {@code gpu}: a GPU or a {@link PulseJException}
 * — an explicit request for a GPU is not silently turned into a run that may be a hundred times
 * slower.
 */
public final class Devices {

	/** DJL's name of the engine PulseJ uses. */
	public static final String ENGINE = "PyTorch";

	private Devices() {}

	/**
	 * The PyTorch engine, loaded offline; a {@link PulseJException} explains a failure. Where DJL's cache
	 * folder cannot be written (a cluster node's home that is read-only or over its quota: libtorch takes
	 * about 430 MB unpacked) and the user named none, libtorch is unpacked into a folder of this user in
	 * the temporary folder instead ({@link #fallbackCache}).
	 */
	public static synchronized Engine engine() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		passiveOpenMp();
		try {
			return load();
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			final java.nio.file.Path fallback = cacheNamedByUser() ? null : fallbackCache();
			if (fallback != null && !writable(ai.djl.util.Utils.getEngineCacheDir())) {
				System.setProperty(ENGINE_CACHE_DIR, fallback.toString());
				try {
					return load();
				}
				catch (final RuntimeException | UnsatisfiedLinkError again) {
					e.addSuppressed(again);
				}
			}
			throw new PulseJException("The deep-learning engine (DJL " + djlVersion() + ", PyTorch) could not be loaded: " +
				e.getMessage(), "Check that Fiji.app/jars holds PulseJ's ai.djl pytorch-engine, pytorch-jni and " +
					"pytorch-native-cpu jars and no other DJL version, that ~/.djl.ai (or DJL_CACHE_DIR) is writable, " +
					"and that PYTORCH_LIBRARY_PATH/PYTORCH_VERSION/PYTORCH_FLAVOR, if set, name a libtorch 2.7.1.", e);
		}
	}

	private static Engine load() {
		final Engine engine = Engine.getEngine(ENGINE);
		if (engine == null) throw new EngineException("no PyTorch engine on the class path");
		return engine;
	}

	/** DJL's property (or environment variable) for the folder it unpacks engines into. */
	static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

	/** Whether the user chose where DJL unpacks libtorch (then PulseJ does not move it). */
	private static boolean cacheNamedByUser() {
		for (final String key : new String[] { ENGINE_CACHE_DIR, "DJL_CACHE_DIR", "PYTORCH_LIBRARY_PATH" })
			if (ai.djl.util.Utils.getEnvOrSystemProperty(key) != null) return true;
		return false;
	}

	/** {@code pulsej-djl-USER} in the temporary folder, where it can be written; else null. */
	static java.nio.file.Path fallbackCache() {
		final String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
		final java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "pulsej-djl-" + user);
		return writable(dir) ? dir : null;
	}

	/** Whether {@code dir} exists or can be made, and a file can be written in it. */
	static boolean writable(final java.nio.file.Path dir) {
		try {
			java.nio.file.Files.createDirectories(dir);
			java.nio.file.Files.delete(java.nio.file.Files.createTempFile(dir, ".pulsej-probe", ""));
			return true;
		}
		catch (final java.io.IOException | RuntimeException e) {
			return false;
		}
	}

	/** What {@link #passiveOpenMp} did, for logs and benchmarks. */
	private static volatile String openMp;

	/**
	 * Makes PyTorch's OpenMP threads sleep instead of spin while they wait ({@code OMP_WAIT_POLICY=PASSIVE})
	 * unless the user set {@code OMP_WAIT_POLICY} or {@code -Dpulsej.omp.passive=false}. Spinning threads
	 * burn the cores that the other threads of a parallel region need as soon as anything else runs on
	 * the machine (other programs, PulseJ's own decoding): on a busy 2-core machine the small CPU network
	 * took twice the CPU time per frame and a training step three times the CPU time with spinning. Takes
	 * effect only if set before libtorch (and its OpenMP runtime) loads, so it is set on the first call
	 * to {@link #engine()}; no effect on Windows.
	 */
	static synchronized void passiveOpenMp() {
		if (openMp != null) return;
		final String set = System.getenv("OMP_WAIT_POLICY");
		if (set != null) openMp = "OMP_WAIT_POLICY=" + set + " (set by the user)";
		else if (!Boolean.parseBoolean(System.getProperty("pulsej.omp.passive", "true"))) openMp = "OpenMP default (spinning)";
		else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) openMp = "OpenMP default (Windows)";
		else {
			try {
				final LibC c = com.sun.jna.Native.load("c", LibC.class);
				openMp = c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0 ? "OMP_WAIT_POLICY=PASSIVE (set by PulseJ)"
					: "OpenMP default (setenv failed)";
			}
			catch (final RuntimeException | LinkageError e) {
				openMp = "OpenMP default (" + e.getClass().getSimpleName() + ")";
			}
		}
	}

	/** How PyTorch's OpenMP threads wait (see {@link #passiveOpenMp}). */
	public static String openMpPolicy() {
		passiveOpenMp();
		return openMp;
	}

	/** The C library's setenv, through JNA (on the class path with DJL). */
	private interface LibC extends com.sun.jna.Library {
		int setenv(String name, String value, int overwrite);
	}

	/**
	 * The device for {@code requested} = {@code auto}, {@code cpu} or {@code gpu} (case-insensitive;
	 * null or empty = auto). Messages about the choice go to {@code log}.
	 */
	public static Device choose(final String requested, final Consumer<String> log) {
		final String r = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
		if (!r.equals("auto") && !r.equals("cpu") && !r.equals("gpu")) throw new PulseJException("Unknown device '" +
			requested + "'.", "Use device=auto, device=cpu or device=gpu.");
		final Engine engine = engine();
		if (r.equals("cpu")) {
			log.accept("Using the CPU (PyTorch " + engine.getVersion() + ").");
			return Device.cpu();
		}
		final int gpus = gpuCount(engine);
		if (gpus > 0) {
			log.accept("Using GPU 0 of " + gpus + " (PyTorch " + engine.getVersion() + ").");
			return Device.gpu(0);
		}
		if (r.equals("gpu")) throw new PulseJException("device=gpu was requested but PyTorch " + engine.getVersion() +
			" sees no usable GPU.", gpuAdvice() + " Or use device=auto (falls back to the CPU) or device=cpu.");
		log.accept("No usable GPU found, using the CPU (a GPU trains faster). " + gpuAdvice());
		return Device.cpu();
	}

	/** How to make a GPU usable. */
	static String gpuAdvice() {
		return "A GPU needs an NVIDIA driver for CUDA 12.8 and a libtorch 2.7.1+cu128 named before Fiji starts: " +
			"PYTORCH_LIBRARY_PATH=<libtorch>/lib, PYTORCH_VERSION=2.7.1, PYTORCH_FLAVOR=cu128.";
	}

	private static int gpuCount(final Engine engine) {
		try {
			return engine.getGpuCount();
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			return 0; // CPU-only libtorch: no CUDA runtime to ask
		}
	}

	static String djlVersion() {
		try {
			return Engine.getDjlVersion();
		}
		catch (final RuntimeException e) {
			return "?";
		}
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.EncodedVideos;

/**
 * The update site as Fiji would load it: a class loader over update-site/plugins and
 * update-site/jars (what PulseJ ships) plus the jars Fiji ships itself (taken from the build's
 * class path), and nothing else: no target/classes, no test classes. A fresh SciJava context in it
 * must find the PulseJ commands under Plugins › PulseJ and run them. Run by
 * {@code mvn -Pupdate-site verify} (after {@code package} filled update-site/); skipped otherwise.
 */
class UpdateSiteIT {

	@TempDir
	Path dir;

	@Test
	void theUpdateSiteJarsAloneGiveAWorkingPulseJInAFreshContext() throws Exception {
		final String site = System.getProperty("pulsej.updateSite");
		assumeTrue(site != null, "run with mvn -Pupdate-site verify");
		final Path root = Path.of(site);
		final List<Path> shipped = jars(root.resolve("plugins"));
		shipped.addAll(jars(root.resolve("jars")));
		final Set<String> names = new TreeSet<>();
		for (final Path p : shipped)
			names.add(root.relativize(p).toString());
		assertEquals(1, names.stream().filter(n -> n.matches("plugins/pulsej-.*\\.jar")).count(), names.toString());
		for (final String expected : List.of("jars/JTransforms-", "jars/api-", "jars/pytorch-engine-",
			"jars/pytorch-jni-", "jars/onnxruntime-engine-", "jars/linux64/pytorch-native-cpu-", "jars/javacv-",
			"jars/javacpp-", "jars/ffmpeg-", "jars/linux64/ffmpeg-", "jars/linux64/javacpp-"))
			assertTrue(names.stream().anyMatch(n -> n.startsWith(expected)), expected + " missing from " + names);

		// what Fiji ships: never in the update site, and here from the build's class path
		final List<String> fijiShips = Arrays.asList(System.getProperty("pulsej.fijiShips").split(","));
		final List<URL> urls = new ArrayList<>();
		for (final Path p : shipped)
			urls.add(p.toUri().toURL());
		final Set<String> found = new TreeSet<>();
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final String artifact = artifactId(Path.of(entry).getFileName().toString());
			if (artifact == null || !fijiShips.contains(artifact)) continue;
			assertFalse(names.stream().anyMatch(n -> artifact.equals(artifactId(Path.of(n).getFileName().toString()))),
				artifact + " is shipped by Fiji and must not be in the update site");
			urls.add(Path.of(entry).toUri().toURL());
			found.add(artifact);
		}
		assertEquals(new TreeSet<>(fijiShips), found, "every jar Fiji ships is on the build's class path");

		final ClassLoader before = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader fiji = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
			Thread.currentThread().setContextClassLoader(fiji);
			final Class<?> commandClass = fiji.loadClass("org.pulsej.fiji.EstimateHeartRateCommand");
			assertTrue(commandClass.getProtectionDomain().getCodeSource().getLocation().getPath().contains(
				"update-site/plugins/"), "PulseJ comes from the update site");
			assertFalse(commandClass == EstimateHeartRateCommand.class);

			final Object context = fiji.loadClass("org.scijava.Context").getConstructor().newInstance();
			try {
				final Object commands = call(context, "service", fiji.loadClass("org.scijava.command.CommandService"));
				final Map<String, Object> pulsej = new HashMap<>();
				for (final Object info : (List<?>) call(commands, "getCommands")) {
					if (!((String) call(info, "getClassName")).startsWith("org.pulsej.")) continue;
					final String menu = call(call(info, "getMenuPath"), "getMenuString").toString();
					pulsej.put(menu, info);
				}
				for (final String menu : pulsej.keySet())
					assertTrue(menu.startsWith("Plugins > PulseJ > "), menu);
				assertTrue(pulsej.keySet().containsAll(Set.of("Plugins > PulseJ > Batch Estimate",
					"Plugins > PulseJ > Estimate Heart Rate", "Plugins > PulseJ > Generate Synthetic Video",
					"Plugins > PulseJ > Merge Results", "Plugins > PulseJ > Track Face")), pulsej.keySet().toString());

				// run two commands: a synthetic video (ImageJ's AVI writer), then POS on the tracked face (BlazeFace
				// on ONNX Runtime, from the jar's model) with plots (JTransforms, JFreeChart)
				final Object generate = pulsej.get("Plugins > PulseJ > Generate Synthetic Video");
				assertNull(cancelReason(run(commands, generate, Map.of("output", dir.toFile(), "name", "site", "hr", 78.0,
					"seconds", 11.0, "width", 96, "height", 72))));
				final Object estimate = pulsej.get("Plugins > PulseJ > Estimate Heart Rate");
				assertNull(cancelReason(run(commands, estimate, Map.of("input", dir.resolve("site.avi").toFile(), "output",
					dir.resolve("out").toFile(), "plots", true))));
				final List<String> summary = Files.readAllLines(dir.resolve("out/summary.csv"));
				assertEquals(78, Double.parseDouble(summary.get(1).split(",")[3]), 1.5, summary.toString());
				assertTrue(Files.size(dir.resolve("out/site_heart_rate.png")) > 0);

				// an MKV (FFmpeg through JavaCV, natives from jars/linux64; lossless FFV1, as a 96x72 H.264 would lose
				// the pulse), written by a test helper that runs on the update site's JavaCV too, so that FFmpeg's
				// natives are loaded by one class loader only
				try (URLClassLoader helper = new URLClassLoader(new URL[] { EncodedVideos.class.getProtectionDomain()
					.getCodeSource().getLocation() }, fiji) {

					@Override
					protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
						// the helper itself from the test classes; all else (JavaCV, ImageJ) from the update site
						if (!name.equals(EncodedVideos.class.getName())) return super.loadClass(name, resolve);
						synchronized (getClassLoadingLock(name)) {
							final Class<?> c = findLoadedClass(name);
							return c != null ? c : findClass(name);
						}
					}
				}) {
					helper.loadClass(EncodedVideos.class.getName()).getMethod("transcodeLossless", File.class, File.class).invoke(null,
						dir.resolve("site.avi").toFile(), dir.resolve("site.mkv").toFile());
				}
				assertNull(cancelReason(run(commands, estimate, Map.of("input", dir.resolve("site.mkv").toFile(), "output",
					dir.resolve("mkv").toFile(), "plots", false))));
				final List<String> mkv = Files.readAllLines(dir.resolve("mkv/summary.csv"));
				assertEquals(78, Double.parseDouble(mkv.get(1).split(",")[3]), 1.5, mkv.toString());

				// PhysNet: a tiny training and inference run on DJL's PyTorch engine, with libtorch from jars/linux64
				final Object train = pulsej.get("Plugins > PulseJ > Train PhysNet");
				assertNotNull(train, "Train PhysNet");
				final Path model = dir.resolve("model");
				assertNull(cancelReason(run(commands, train, Map.of("input", dir.resolve("site.avi").toFile(), "output", model
					.toFile(), "epochs", 1, "clip", 4.0, "size", "32x32", "width", 4, "batch", 2, "samples", 2, "device", "cpu",
					"roi", "whole"))));
				assertNull(cancelReason(run(commands, estimate, Map.of("input", dir.resolve("site.avi").toFile(), "output",
					dir.resolve("physnet").toFile(), "method", "PhysNet", "model", model.toFile(), "device", "cpu", "roi",
					"whole", "plots", false))));
				final List<String> physnet = Files.readAllLines(dir.resolve("physnet/summary.csv"));
				assertEquals("PhysNet", physnet.get(1).split(",")[6], physnet.toString());

				// both deep-learning engines are there to be found
				final Object engines = fiji.loadClass("ai.djl.engine.Engine").getMethod("getAllEngines").invoke(null);
				assertTrue(((Collection<?>) engines).containsAll(List.of("PyTorch", "OnnxRuntime")), engines.toString());
				assertNotNull(fiji.getResource("native/lib/pytorch.properties"), "libtorch for Linux in jars/linux64");
			}
			finally {
				call(context, "dispose");
			}
		}
		finally {
			Thread.currentThread().setContextClassLoader(before);
		}
	}

	static void assertNull(final Object o) {
		org.junit.jupiter.api.Assertions.assertNull(o);
	}

	/** Runs a command with its defaults for what {@code inputs} leaves out (not values remembered from other runs). */
	static Object run(final Object commands, final Object info, final Map<String, Object> inputs) throws Exception {
		final Object context = call(commands, "getContext");
		final ClassLoader loader = commands.getClass().getClassLoader();
		final Object prefs = call(context, "service", loader.loadClass("org.scijava.prefs.PrefService"));
		prefs.getClass().getMethod("clear", Class.class).invoke(prefs, call(info, "loadClass"));
		for (final Method m : commands.getClass().getMethods())
			if (m.getName().equals("run") && m.getParameterCount() == 3 && m.getParameterTypes()[2] == Map.class && m
				.getParameterTypes()[0].isInstance(info)) return ((Future<?>) m.invoke(commands, info, true, inputs)).get();
		throw new AssertionError("CommandService.run(CommandInfo, boolean, Map) not found");
	}

	static String cancelReason(final Object module) throws Exception {
		final Object command = call(module, "getDelegateObject");
		return (Boolean) call(command, "isCanceled") ? (String) call(command, "getCancelReason") : null;
	}

	static Object call(final Object target, final String name, final Object... args) throws Exception {
		for (final Method m : target.getClass().getMethods())
			if (m.getName().equals(name) && m.getParameterCount() == args.length) {
				m.setAccessible(true);
				return m.invoke(target, args);
			}
		throw new AssertionError(target.getClass() + " has no " + name);
	}

	static List<Path> jars(final Path folder) throws Exception {
		if (!Files.isDirectory(folder)) return new ArrayList<>();
		try (Stream<Path> s = Files.walk(folder)) {
			return new ArrayList<>(s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
		}
	}

	/** "scijava-common-2.100.1.jar" → "scijava-common"; null for what is not a versioned jar. */
	static String artifactId(final String fileName) {
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+?)-\\d[^/]*\\.jar").matcher(fileName);
		return m.matches() ? m.group(1) : null;
	}
}

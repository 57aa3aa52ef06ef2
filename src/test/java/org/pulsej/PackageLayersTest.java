package org.pulsej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages of src/main/java form layers, and code refers only to its own package and to lower
 * layers: an upward reference (by import or by a qualified name) fails here, and with it any cycle
 * between packages. The headless launcher ({@code cli}) runs the Fiji commands by name, so it sits
 * below {@code fiji}; the charts of {@code plot} know no PulseJ types.
 */
class PackageLayersTest {

	/** Low to high; packages in one layer may not refer to each other. {@code ""} is org.pulsej itself. */
	static final List<Set<String>> LAYERS = List.of( //
		Set.of("", "util"), //
		Set.of("signal", "video", "plot"), //
		Set.of("synth", "face"), //
		Set.of("input", "results"), //
		Set.of("nn"), //
		Set.of("pipeline"), //
		Set.of("eval"), //
		Set.of("cli"), //
		Set.of("fiji"));

	static final Path MAIN = Path.of("src", "main", "java", "org", "pulsej");

	private static final Pattern REFERENCE = Pattern.compile("\\borg\\.pulsej\\.([A-Za-z_]\\w*)");
	private static final Pattern COMMENTS_AND_TEXT = Pattern.compile(
		"//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'", Pattern.DOTALL);

	static int layer(final String pkg) {
		for (int i = 0; i < LAYERS.size(); i++)
			if (LAYERS.get(i).contains(pkg)) return i;
		return -1;
	}

	/** The package below org.pulsej that a source file is in ({@code ""} for org.pulsej itself). */
	static String packageOf(final Path file) {
		final Path dir = MAIN.relativize(file).getParent();
		return dir == null ? "" : dir.toString().replace(file.getFileSystem().getSeparator(), ".");
	}

	/** The packages below org.pulsej that the code of {@code source} names, comments and strings left out. */
	static Set<String> references(final String source) {
		final String code = COMMENTS_AND_TEXT.matcher(source).replaceAll(" ");
		final Set<String> out = new TreeSet<>();
		final Matcher m = REFERENCE.matcher(code);
		while (m.find())
			out.add(Character.isUpperCase(m.group(1).charAt(0)) ? "" : m.group(1));
		return out;
	}

	static List<Path> sources() {
		try (Stream<Path> s = Files.walk(MAIN)) {
			return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void everyPackageHasALayer() {
		final Set<String> packages = sources().stream().map(PackageLayersTest::packageOf).collect(Collectors.toCollection(
			TreeSet::new));
		assertTrue(packages.size() > 5, "found the sources: " + packages);
		for (final String p : packages)
			assertTrue(layer(p) >= 0, "org.pulsej." + p + " has no place in PackageLayersTest.LAYERS");
	}

	@Test
	void noPackageRefersToAHigherOrEqualLayer() throws IOException {
		final List<String> upward = new ArrayList<>();
		for (final Path f : sources()) {
			final String from = packageOf(f);
			for (final String to : references(Files.readString(f, StandardCharsets.UTF_8)))
				if (!to.equals(from) && layer(to) >= layer(from)) upward.add(MAIN.relativize(f) + " refers to org.pulsej" +
					(to.isEmpty() ? "" : "." + to) + " (layer " + layer(to) + ", its own is " + layer(from) + ")");
		}
		assertEquals(List.of(), upward);
	}

	@Test
	void theScanFindsImportsAndQualifiedNamesButNotComments() {
		assertEquals(Set.of("", "fiji", "nn", "pipeline"), references("package org.pulsej.fiji;\nimport org.pulsej.PulseJ;\n" +
			"import org.pulsej.nn.PhysNet;\n/** {@link org.pulsej.eval.X} */\nclass A { Object o = org.pulsej.pipeline.B" +
			".C; String s = \"org.pulsej.cli\"; // org.pulsej.video\n}"));
	}
}

package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * Every number and true/false key of every PulseJ command, given a malformed value (empty, text, a
 * fraction for a whole-number key, NaN, infinity, too large, twice), is refused before anything runs,
 * with a message that names the key and the value; none becomes 0 or the last of two.
 */
class StrictKeysTest {

	static Context context;
	static CommandRunner runner;

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		context = new Context();
		runner = new CommandRunner(context);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** Values for the required keys, so that only the key under test can be wrong. */
	static String required(final CommandInfo info, final String except) {
		final StringBuilder sb = new StringBuilder();
		for (final ModuleItem<?> item : CommandRunner.parameters(info)) {
			final String key = item.getName().toLowerCase(Locale.ROOT);
			if (key.equals(except) || !item.isRequired() || StrictValues.handles(item.getType())) continue;
			if (File.class.isAssignableFrom(item.getType())) sb.append(' ').append(key).append("=[").append(dir.resolve(
				key)).append(']');
			else if (item.getChoices() != null && !item.getChoices().isEmpty()) sb.append(' ').append(key).append("=[")
				.append(item.getChoices().get(0)).append(']');
		}
		return sb.toString();
	}

	@Test
	void everyMalformedValueOfEveryNumericKeyIsRefusedNamingKeyAndValue() {
		int cases = 0;
		final List<String> keys = new ArrayList<>();
		for (final CommandInfo info : runner.commands()) {
			final String title = info.getMenuPath().getLeaf().getName();
			for (final ModuleItem<?> item : CommandRunner.parameters(info)) {
				final Class<?> type = item.getType();
				if (!StrictValues.handles(type)) continue;
				final String key = item.getName().toLowerCase(Locale.ROOT);
				keys.add(title + ":" + key);
				final boolean bool = type == boolean.class || type == Boolean.class;
				final boolean whole = type == int.class || type == Integer.class || type == long.class || type == Long.class;
				final List<String> bad = new ArrayList<>(List.of("", "abc", "NaN", "Infinity", "1e999", "0x10", "--3"));
				if (whole || bool) bad.addAll(List.of("1.5", "2.5", "99999999999999999999"));
				if (bool) bad.addAll(List.of("1", "yes"));
				for (final String v : bad) {
					final String options = key + "=[" + v + "]" + required(info, key);
					final PulseJException e = assertThrows(PulseJException.class, () -> runner.run(title, options, null),
						title + " " + options);
					assertTrue(e.getMessage().startsWith(key + "=" + v + " "), title + " " + options + " → " + e
						.getMessage());
					cases++;
				}
				final PulseJException twice = assertThrows(PulseJException.class, () -> runner.run(title, key + "=1 " +
					key + "=2" + required(info, key), null));
				assertTrue(twice.getMessage().startsWith(key + " is given twice (" + key + "=1 and " + key + "=2)"), twice
					.getMessage());
				cases++;
			}
		}
		assertTrue(keys.contains("Estimate Heart Rate:detect_every") && keys.contains("Train PhysNet:clusters") &&
			keys.contains("Train PhysNet:samples") && keys.contains("Batch Estimate:fps"), keys.toString());
		assertTrue(cases > 200, "cases: " + cases);
	}

	/** A required key given empty (a macro's empty variable, input=[]) got SciJava's "'input' is required but unset.". */
	@Test
	void aRequiredKeyGivenEmptyIsNamedWithItsFix() {
		final PulseJException e = assertThrows(PulseJException.class, () -> runner.run("Merge Results", "input=[] output=[" +
			dir.resolve("m") + "]", null));
		assertEquals("Merge Results needs input= (Folder holding the shard output folders); it was given empty.", e
			.problem());
		assertTrue(e.fix().startsWith("Give input=... a value"), e.fix());
	}

	@Test
	void choicesAreTakenWhateverTheirCase() {
		// method=pos names POS: the run goes on to the missing video instead of refusing the choice
		final PulseJException e = assertThrows(PulseJException.class, () -> runner.run("Estimate Heart Rate",
			"input=[/no/such/video.avi] output=[/tmp] method=pos roi=TRACKED device=CPU", null));
		assertTrue(!e.getMessage().contains("not one of the choices") && e.getMessage().contains("video.avi"), e
			.getMessage());
		final PulseJException wrong = assertThrows(PulseJException.class, () -> runner.run("Estimate Heart Rate",
			"input=[/no/such/video.avi] output=[/tmp] method=posx", null));
		assertTrue(wrong.getMessage().startsWith("method=posx is not one of the choices"), wrong.getMessage());
	}

	/**
	 * A key given without '=' ({@code "input=" + v + " output"}, a macro's {@code "output " + dir}): ImageJ
	 * reads it as a ticked checkbox, and output alone wrote the results into a folder named "true" in the
	 * working folder, exit 0. Refused for every key but a yes/no, headless and in Fiji.
	 */
	@Test
	void aKeyWithoutAValueIsRefusedUnlessItIsAYesNo() throws Exception {
		final java.io.File video = java.nio.file.Files.writeString(dir.resolve("bare.avi"), "x").toFile();
		final java.io.File trueFolder = new java.io.File("true");
		final boolean existed = trueFolder.exists();
		PulseJException e = assertThrows(PulseJException.class, () -> runner.run("Estimate Heart Rate", "input=[" +
			video + "] output", null));
		assertEquals("output is given without a value (no '=' after it), so ImageJ reads it as a ticked checkbox, " +
			"'true', and would use a folder named 'true' in the working folder.", e.problem());
		assertTrue(e.fix().contains("\"output=[\" + dir + \"]\""), e.fix());
		assertEquals(existed, trueFolder.exists(), "no folder named true made");
		e = assertThrows(PulseJException.class, () -> runner.run("Estimate Heart Rate", "input=[" + video +
			"] output /data/out", null));
		assertTrue(e.problem().startsWith("output is given without a value"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> runner.run("Batch Estimate", "input output=[" + dir + "]", null));
		assertTrue(e.problem().startsWith("input is given without a value") && e.problem().contains("a file named " +
			"'true'"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> runner.run("Estimate Heart Rate", "input=[" + video + "] output=[" +
			dir + "] method", null));
		assertEquals("method is given without a value (no '=' after it), so ImageJ reads it as a ticked checkbox, " +
			"'true'.", e.problem());
		// in Fiji, where the macro's options reach the fields through ImageJ
		e = assertThrows(PulseJException.class, () -> StrictValues.checkOptions("input=[" + video + "] output",
			org.pulsej.fiji.EstimateHeartRateCommand.class));
		assertTrue(e.problem().startsWith("output is given without a value"), e.getMessage());
		// a yes/no alone is ticked, as in ImageJ
		StrictValues.checkOptions("input=[" + video + "] output=[" + dir + "] plots", org.pulsej.fiji
			.EstimateHeartRateCommand.class);
	}

	@Test
	void theParserKeepsWhatIsRightAndNamesWhatIsNot() {
		assertEquals(2, StrictValues.parse("detect_every", " 2 ", int.class));
		assertEquals(-3L, StrictValues.parse("seed", "-3", long.class));
		assertEquals(29.97, StrictValues.parse("fps", "29.97", double.class));
		assertEquals(0.002, StrictValues.parse("lr", "2e-3", double.class));
		assertEquals(true, StrictValues.parse("plots", "TRUE", boolean.class));
		assertEquals("samples=1.5 is not a whole number, but samples counts things. — Give a whole number, e.g. " +
			"samples=2.", assertThrows(PulseJException.class, () -> StrictValues.parse("samples", "1.5", int.class))
				.getMessage());
		assertTrue(assertThrows(PulseJException.class, () -> StrictValues.parse("fps", "", double.class)).getMessage()
			.startsWith("fps= is empty"));
		assertTrue(assertThrows(PulseJException.class, () -> StrictValues.parse("clusters", "abc", int.class))
			.getMessage().startsWith("clusters=abc is not a number"));
		// a decimal comma is named, with the number as PulseJ reads it
		assertEquals("fps=29,97 has a comma for decimals, which PulseJ does not read. — Give fps=29.97 (a dot for " +
			"decimals).", assertThrows(PulseJException.class, () -> StrictValues.parse("fps", "29,97", double.class))
				.getMessage());
		assertTrue(assertThrows(PulseJException.class, () -> StrictValues.parse("fps", "1,2,3", double.class))
			.getMessage().startsWith("fps=1,2,3 is not a number"));
	}

	@Test
	void headlessTheLastLineIsAPulseJMessageNeverAStackTrace() {
		for (final String options : List.of("input=[" + dir + "] output=[" + dir.resolve("o") + "] fps=",
			"input=[" + dir + "] output=[" + dir.resolve("o") + "] method=GREEN method=POS",
			"input=[" + dir + "] output=[" + dir.resolve("o") + "] detect_every=2.5"))
		{
			final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
			final int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
				StandardCharsets.UTF_8)).run("--run", "Estimate Heart Rate", options);
			final String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
			assertEquals(1, status, options);
			assertTrue(lines[lines.length - 1].startsWith("PulseJ error: "), String.join("\n", lines));
			assertTrue(!err.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace: " + err);
		}
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.Macro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pulsej.PulseJ;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.MenuEntry;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * What makes a PulseJ command recordable in Fiji's macro recorder and callable from a macro: a
 * menu path under Plugins › PulseJ, and parameter names that are ImageJ macro keys. imagej-legacy
 * records every input as {@code name=value}, and ImageJ reads it back with {@code Macro.getValue},
 * which lower-cases names, cuts them at a space, and finds a key anywhere it is not preceded by a
 * letter (so {@code step} would also match inside {@code light_step=}).
 */
class CommandConventionsTest {

	static Context context;

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

	@BeforeAll
	static void start() {
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** Every SciJava command in PulseJ's packages, whether it has a menu or not. */
	static List<CommandInfo> pulseJCommands() {
		final List<CommandInfo> out = new ArrayList<>();
		for (final CommandInfo info : context.service(CommandService.class).getCommands())
			if (info.getClassName().startsWith("org.pulsej.")) out.add(info);
		return out;
	}

	static List<ModuleItem<?>> keys(final CommandInfo info) {
		final List<ModuleItem<?>> out = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()) && item
				.getVisibility() != ItemVisibility.MESSAGE) out.add(item);
		return out;
	}

	@Test
	void everyCommandIsUnderPluginsPulseJAndRunsHeadless() {
		final Set<String> titles = new TreeSet<>();
		for (final CommandInfo info : pulseJCommands()) {
			assertTrue(info.getMenuPath() != null && info.getMenuPath().size() == 3, info.getClassName() +
				" has no menu path of its own");
			final List<String> path = new ArrayList<>();
			for (final MenuEntry e : info.getMenuPath())
				path.add(e.getName());
			assertEquals(PulseJ.MENU_ROOT, path.get(0) + ">" + path.get(1), info.getClassName());
			assertEquals(info.getTitle(), path.get(2), "the menu leaf is the command's name in run(\"...\")");
			assertTrue(info.canRunHeadless(), info.getTitle() + " must run headless (cluster, --headless)");
			titles.add(path.get(2));
		}
		assertTrue(titles.containsAll(List.of("Batch Estimate", "Estimate Heart Rate", "Generate Synthetic Video",
			"Merge Results")), titles.toString());
	}

	@Test
	void parameterNamesAreMacroKeysThatImageJReadsBackExactly() {
		for (final CommandInfo info : pulseJCommands()) {
			final Map<String, String> values = new LinkedHashMap<>();
			int i = 0;
			for (final ModuleItem<?> item : keys(info)) {
				final String name = item.getName();
				assertTrue(KEY.matcher(name).matches(), info.getTitle() + ": '" + name +
					"' is not a macro key (lower case, digits, _)");
				assertFalse(item.getLabel() == null || item.getLabel().isBlank(), info.getTitle() + ": " + name +
					" has no label for the dialog");
				if (!ImagePlus.class.isAssignableFrom(item.getType())) values.put(name, "v" + i++ + " with space");
			}
			// one option string with every key, as the recorder writes it; each key must find its own value
			final StringBuilder options = new StringBuilder();
			values.forEach((k, v) -> options.append(k).append("=[").append(v).append("] "));
			for (final Map.Entry<String, String> e : values.entrySet())
				assertEquals(e.getValue(), Macro.getValue(options.toString(), e.getKey(), null), info.getTitle() +
					": ImageJ reads key " + e.getKey() + " from " + options);
			// and in reverse order, so a key that ends another one is caught whichever comes first
			final List<String> names = new ArrayList<>(values.keySet());
			for (final String a : names)
				for (final String b : names)
					if (!a.equals(b)) assertFalse(b.endsWith(a) && !Character.isLetter(b.charAt(b.length() - a.length() - 1)),
						info.getTitle() + ": key " + a + " is the end of key " + b + "; ImageJ would read one for the other");
		}
	}

	/**
	 * Fiji, bin/pulsej and the tests share the Java preferences node of the commands, and a macro that
	 * leaves a key out gets the remembered value in Fiji: only where results go and on which device
	 * are remembered, never a key that changes what is measured or how (issue 18: a leftover
	 * roi=whole skipped face tracking without a word).
	 */
	@Test
	void onlyTheOutputFolderAndTheDeviceAreRemembered() {
		final Set<String> remembered = Set.of("output", "device");
		for (final CommandInfo info : pulseJCommands())
			for (final ModuleItem<?> item : keys(info))
				assertEquals(remembered.contains(item.getName()), item.isPersisted(), info.getTitle() + ": " + item
					.getName() + (item.isPersisted() ? " must not be remembered (persist = false)" : " may be remembered"));
	}

	/** Fiji cannot display an ImageJ 1 table given as a SciJava output and warns in its console. */
	@Test
	void noCommandDeclaresAResultsTableOutput() {
		for (final CommandInfo info : pulseJCommands())
			for (final ModuleItem<?> item : info.outputs())
				assertFalse(ij.measure.ResultsTable.class.isAssignableFrom(item.getType()), info.getTitle() + ": output " +
					item.getName() + " is a ResultsTable; show it from the command and list it in tables()");
	}

	@Test
	void testsNeverWriteTheUsersPreferences() {
		// pom.xml gives the test JVM an in-memory preferences factory
		assertEquals("org.pulsej.util.MemoryPreferencesFactory", System.getProperty(
			"java.util.prefs.PreferencesFactory"));
		assertTrue(java.util.prefs.Preferences.userRoot().getClass().getName().startsWith(
			"org.pulsej.util.MemoryPreferencesFactory"), java.util.prefs.Preferences.userRoot().getClass().getName());
	}

	@Test
	void batchEstimateHasTheParametersOfEstimateHeartRatePlusShard() throws Exception {
		final CommandService commands = context.service(CommandService.class);
		final CommandInfo estimate = commands.getCommand(EstimateHeartRateCommand.class);
		final CommandInfo batch = commands.getCommand(BatchEstimateCommand.class);
		final Module e = estimate.createModule(), b = batch.createModule();
		final Map<String, Object> fromEstimate = new LinkedHashMap<>(), fromBatch = new LinkedHashMap<>();
		for (final ModuleItem<?> item : keys(estimate))
			if (!item.getName().equals("image")) fromEstimate.put(item.getName() + ":" + item.getType().getSimpleName(), e
				.getInput(item.getName()));
		for (final ModuleItem<?> item : keys(batch))
			if (!item.getName().equals("shard")) fromBatch.put(item.getName() + ":" + item.getType().getSimpleName(), b
				.getInput(item.getName()));
		assertEquals(fromEstimate, fromBatch, "same keys, types and defaults");
		assertEquals("1/1", b.getInput("shard"), "by default the whole folder");
		assertFalse(batch.getInput("shard").isPersisted(), "a macro without shard= must not get the last dialog's shard");
		for (final String key : List.of("method", "roi"))
			assertEquals(estimate.getInput(key).getChoices(), batch.getInput(key).getChoices(), key);
	}
}

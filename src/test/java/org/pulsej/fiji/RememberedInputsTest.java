package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.CommandRunner;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/**
 * What SciJava remembers between runs (issue 18): Fiji's dialogs and macros read remembered inputs
 * back, so a headless run must store none, and an empty optional folder must never be stored (Fiji
 * stored it as its working directory). The test JVM's preferences are in memory (pom.xml).
 */
class RememberedInputsTest {

	static Context context;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	static Object remembered(final Class<? extends Command> command, final String key) {
		final CommandInfo info = context.service(CommandService.class).getCommand(command);
		return context.service(ModuleService.class).load(info.getInput(key));
	}

	@Test
	void aHeadlessRunRemembersNothing() throws Exception {
		context.service(PrefService.class).clear(GenerateSyntheticVideoCommand.class);
		new CommandRunner(context).run("Generate Synthetic Video", "output=[" + dir + "] name=clip seconds=1 " +
			"width=48 height=40", null);
		assertTrue(Files.isRegularFile(dir.resolve("clip.avi")));
		assertNull(remembered(GenerateSyntheticVideoCommand.class, "output"), "bin/pulsej stored output=");
		assertEquals(0, Preferences.userNodeForPackage(GenerateSyntheticVideoCommand.class).keys().length);
	}

	@Test
	void anEmptyFolderIsNeverRemembered() throws Exception {
		final PrefService prefs = context.service(PrefService.class);
		prefs.clear(EstimateHeartRateCommand.class);
		// as Fiji runs a command: with the preprocessors that remember inputs
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", new File(dir.toFile(), "missing.avi"));
		inputs.put("output", new File(""));
		context.service(CommandService.class).run(EstimateHeartRateCommand.class, true, inputs).get();
		assertNull(prefs.get(EstimateHeartRateCommand.class, "output"), "an empty output= was stored");
		assertNull(remembered(EstimateHeartRateCommand.class, "output"));
		// a folder that was given is still remembered for the next dialog
		inputs.put("output", dir.toFile());
		context.service(CommandService.class).run(EstimateHeartRateCommand.class, true, inputs).get();
		assertEquals(dir.toFile(), remembered(EstimateHeartRateCommand.class, "output"));
		prefs.clear(EstimateHeartRateCommand.class);
	}
}

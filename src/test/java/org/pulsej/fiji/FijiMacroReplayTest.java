package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.cli.CommandRunner;
import org.pulsej.cli.MacroBridge;
import org.pulsej.testing.RecordedLine;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;
import org.scijava.prefs.PrefService;

/**
 * Issue 18: a line of Fiji's macro recorder, or a short hand-written one, runs unattended, with the
 * defaults of the keys it leaves out and never with a value remembered from an earlier dialog; a
 * failing line stops the macro. Fiji's legacy layer is not a dependency of PulseJ, so {@link Bridge}
 * runs each {@code run("...", "...")} of ImageJ's macro interpreter as that layer does: the macro's
 * keys and the open image set first, then SciJava's preprocessors (remembered values included), and
 * the point where Fiji would open a dialog for every input still unresolved.
 */
class FijiMacroReplayTest {

	static Context context;
	static CommandRunner runner;

	/** The inputs a dialog would have asked for, per command run (empty: no dialog). */
	static final List<String> dialogs = new ArrayList<>();
	/** The cancel reason of each command run, or "" when it finished. */
	static final List<String> endings = new ArrayList<>();
	static final List<Module> modules = new ArrayList<>();

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		context = new Context();
		runner = new CommandRunner(context);
		install();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@AfterEach
	void forget() {
		for (final CommandInfo info : runner.commands())
			context.service(PrefService.class).clear(info.getDelegateClassName());
		dialogs.clear();
		endings.clear();
		modules.clear();
		WindowManager.setTempCurrentImage(null);
	}

	/** A macro line that reaches a PulseJ command, run as Fiji's legacy layer runs it. */
	public static final class Bridge implements PlugIn {

		@Override
		public void run(final String title) {
			final CommandInfo info = runner.find(title);
			final Module module = context.service(ModuleService.class).createModule(info);
			final List<PreprocessorPlugin> pre = new ArrayList<>();
			pre.add(new MacroKeys());
			for (final PreprocessorPlugin p : context.service(PluginService.class).createInstancesOfType(
				PreprocessorPlugin.class)) {
				pre.add(p);
				if (p instanceof LoadInputsPreprocessor) pre.add(new DialogProbe());
			}
			final List<PostprocessorPlugin> post = context.service(PluginService.class).createInstancesOfType(
				PostprocessorPlugin.class);
			new ModuleRunner(context, module, pre, post).run();
			modules.add(module);
			final String reason = module.getDelegateObject() instanceof PulseJCommand c && c.isCanceled() ? c
				.getCancelReason() : pre.stream().filter(PreprocessorPlugin::isCanceled).map(
					PreprocessorPlugin::getCancelReason).findFirst().orElse("");
			endings.add(reason == null ? "cancelled" : reason);
		}
	}

	/**
	 * The macro's keys set and resolved, and an image input given the open image, as the legacy
	 * layer's macro and active-image steps do before any other.
	 */
	static final class MacroKeys extends AbstractPreprocessorPlugin {

		@Override
		public void process(final Module module) {
			final String options = Macro.getOptions();
			for (final ModuleItem<?> item : module.getInfo().inputs()) {
				final String text = options == null ? null : Macro.getValue(options, item.getName(), null);
				if (ImagePlus.class.equals(item.getType())) {
					final ImagePlus image = text != null ? WindowManager.getImage(text) : WindowManager.getCurrentImage();
					if (image != null) {
						module.setInput(item.getName(), image);
						module.resolveInput(item.getName());
					}
					continue;
				}
				if (text == null) continue;
				module.setInput(item.getName(), context.service(ConvertService.class).convert(text, item.getType()));
				module.resolveInput(item.getName());
			}
		}
	}

	/** Where Fiji's input harvester would show a dialog: every input not resolved by now. */
	static final class DialogProbe extends AbstractPreprocessorPlugin {

		@Override
		public void process(final Module module) {
			final List<String> open = new ArrayList<>();
			for (final ModuleItem<?> item : module.getInfo().inputs())
				if (!module.isInputResolved(item.getName())) open.add(item.getName());
			dialogs.add(String.join(",", open));
			// headless there is no dialog; the inputs keep the values they have now
			for (final String name : open)
				module.resolveInput(name);
		}
	}

	/** Enters PulseJ's commands into ImageJ's command table, pointing at the bridge. */
	static void install() {
		final Map<String, String> table = MacroBridge.commandTable();
		for (final CommandInfo info : runner.commands()) {
			final String name = info.getMenuPath().getLeaf().getName();
			table.put(name, Bridge.class.getName() + "(\"" + name + "\")");
		}
	}

	/** Runs the macro text with ImageJ's interpreter; true when it ran to its end. */
	static boolean macro(final String text) {
		final Interpreter interpreter = new Interpreter();
		try {
			interpreter.run(text);
		}
		catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			return false;
		}
		return !interpreter.wasError() && interpreter.getErrorMessage() == null;
	}

	/** Stores a value as a dialog would have left it for the next run. */
	@SuppressWarnings("unchecked")
	static void remember(final ModuleItem<?> item, final Object value) {
		context.service(ModuleService.class).save((ModuleItem<Object>) item, value);
	}

	static String q(final Path p) {
		return "[" + p + "]";
	}

	static String slash(final Path p) {
		return p.toString().replace("\\", "/");
	}

	@Test
	void recordedLinesReplayWithoutADialogOrARememberedValue() throws Exception {
		final Path videos = dir.resolve("vid eos"), est = dir.resolve("est"), decoy = Files.createDirectories(dir
			.resolve("remembered"));
		// the runs the recorder saw, each line given in full as a dialog would fill it
		assertTrue(macro("run(\"Generate Synthetic Video\", \"output=" + q(videos) + " name=clip hr=78 seconds=11 " +
			"width=96 height=72 noise=2 seed=3\");\n" + "run(\"Estimate Heart Rate\", \"input=" + q(videos.resolve(
				"clip.avi")) + " output=" + q(est) + " method=CHROM window=8 step=0.5 plots=false\");\n"), endings
					.toString());
		assertEquals(List.of("", ""), endings);
		final List<String> lines = modules.stream().map(RecordedLine::of).toList();
		assertFalse(lines.get(1).contains("model="), "an empty folder is not recorded: " + lines.get(1));
		final Path first = Files.move(est, dir.resolve("first"));
		Files.move(videos, dir.resolve("first videos"));
		forget();
		// remembered values that must not leak into the replay (an earlier dialog's folder and device)
		for (final CommandInfo info : runner.commands())
			for (final String key : new String[] { "output", "device" })
				if (info.getInput(key) != null && info.getInput(key).isPersisted()) remember(info.getInput(key), key
					.equals("output") ? decoy.toFile() : "gpu");
		assertTrue(macro(String.join("\n", lines) + "\n"), String.join("\n", lines) + " -> " + endings);
		assertEquals(List.of("", ""), dialogs, "inputs a dialog would ask for, per line");
		assertEquals(List.of("", ""), endings);
		assertEquals("auto", modules.get(1).getInput("device"), "the remembered device was used");
		assertSameFiles(first, est);
		assertEquals(List.of(), names(decoy), "files written to a remembered folder");
	}

	@Test
	void aShortLineTakesTheDefaultsOfTheKeysItLeavesOut() throws Exception {
		final Path videos = dir.resolve("videos"), out = dir.resolve("out");
		remember(runner.find("Estimate Heart Rate").getInput("output"), dir.resolve("remembered").toFile());
		assertTrue(macro("run(\"Generate Synthetic Video\", \"output=" + q(videos) + " seconds=11 width=96 height=72\");" +
			"\nopen(\"" + slash(videos.resolve("synthetic.avi")) + "\");\n" +
			"run(\"Estimate Heart Rate\", \"output=" + q(out) + " method=POS plots=false\");\n"), endings.toString());
		assertEquals(List.of("", ""), dialogs);
		assertEquals(List.of("", ""), endings);
		assertTrue(modules.get(1).getInput("image") instanceof ImagePlus, "the open image is measured");
		assertEquals("auto", modules.get(1).getInput("roi"), "a key left out keeps its default");
		assertEquals("auto", modules.get(1).getInput("device"), "a key left out keeps its default");
		assertTrue(names(out).contains("synthetic_heart_rate.csv"), "results of the open image: " + names(out));
		assertFalse(Files.exists(dir.resolve("remembered")), "the remembered output folder was used");
	}

	@Test
	void aBareKeyTicksItsCheckboxAsInImageJ() throws Exception {
		final String line = "run(\"Generate Synthetic Video\", \"output=" + q(dir.resolve("v")) +
			" seconds=2 width=48 height=40";
		// the second line writes over the first's video only because its bare "overwrite" ticks the box
		assertTrue(macro(line + "\");\n" + line + " overwrite\");\n"), endings.toString());
		assertEquals(List.of("", ""), endings);
		assertEquals(Boolean.FALSE, modules.get(0).getInput("overwrite"));
		assertEquals(Boolean.TRUE, modules.get(1).getInput("overwrite"));
	}

	@Test
	void aFailingLineStopsTheMacroWithItsMessage() throws Exception {
		final Path after = dir.resolve("after.txt");
		final String goOn = "\nFile.saveString(\"went on\", \"" + slash(after) + "\");\n";
		// bad input: the command ends with PulseJ's message and the next line never runs
		assertFalse(macro("run(\"Estimate Heart Rate\", \"input=" + q(dir.resolve("missing.avi")) + " output=" + q(dir
			.resolve("out")) + "\");" + goOn));
		assertFalse(Files.exists(after), "the macro went on after a failed line");
		assertTrue(endings.get(0).contains("missing.avi"), endings.toString());
		// a required key left out: named, no dialog, the macro stops
		assertFalse(macro("run(\"Merge Results\", \"output=" + q(dir.resolve("merged")) + "\");" + goOn));
		assertFalse(Files.exists(after), "the macro went on after a line without its required key");
		assertEquals("Merge Results needs input= (Folder holding the shard output folders). — Add input=... to the " +
			"options, e.g. input=[/path/to/folder].", endings.get(1));
		assertEquals(List.of(""), dialogs, "a dialog was asked for");
		// a line that works still lets the macro go on
		assertTrue(macro("run(\"Generate Synthetic Video\", \"output=" + q(dir.resolve("v")) + " seconds=2 width=48 " +
			"height=40\");" + goOn));
		assertTrue(Files.exists(after));
	}

	@Test
	void aCommandStartedFromTheMenuNeverStopsAnotherMacro() throws Exception {
		final Path after = dir.resolve("after.txt");
		final Thread other = new Thread(() -> macro("wait(1500);\nFile.saveString(\"went on\", \"" + slash(after) +
			"\");\n"), "some other macro");
		other.start();
		final long t0 = System.nanoTime();
		while (Interpreter.getInstance() == null && System.nanoTime() - t0 < 5_000_000_000L)
			Thread.sleep(10);
		// as from Fiji's menu: a thread that no macro started runs the command, which fails
		final Object[] ending = new Object[1];
		final Thread menu = new Thread(() -> {
			try {
				ending[0] = context.service(org.scijava.command.CommandService.class).run(EstimateHeartRateCommand.class,
					true, "input", dir.resolve("missing.avi").toFile(), "output", dir.resolve("out").toFile()).get()
					.getDelegateObject();
			}
			catch (final Exception e) {
				ending[0] = e;
			}
		}, "AWT-EventQueue-like");
		menu.start();
		menu.join();
		other.join();
		assertTrue(ending[0] instanceof PulseJCommand c && c.isCanceled(), String.valueOf(ending[0]));
		assertTrue(Files.exists(after), "the other macro was stopped");
	}

	@Test
	void onlyHeadlessFijiEndsTheJvmWhenAMacroStops() {
		assertTrue(MacroStop.exits(true, true, null));
		assertTrue(MacroStop.exits(true, true, "true"));
		assertFalse(MacroStop.exits(true, true, " FALSE "), "the property keeps ImageJ's behaviour");
		assertFalse(MacroStop.exits(false, true, null), "Fiji with a display stays open");
		assertFalse(MacroStop.exits(true, false, null), "bin/pulsej and tests exit by themselves");
		assertFalse(MacroStop.fiji(context), "this test context has no legacy layer");
	}

	static void assertSameFiles(final Path a, final Path b) throws IOException {
		assertEquals(names(a), names(b));
		for (final String n : names(a))
			assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
	}

	static List<String> names(final Path d) throws IOException {
		if (!Files.isDirectory(d)) return List.of();
		try (Stream<Path> s = Files.list(d)) {
			return s.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)).sorted().toList();
		}
	}
}

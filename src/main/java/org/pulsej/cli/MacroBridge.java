package org.pulsej.cli;

import ij.IJ;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import java.awt.HeadlessException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.pulsej.util.PulseJException;
import org.scijava.command.CommandInfo;

/**
 * Lets an ImageJ macro run headless reach PulseJ's SciJava commands with {@code run("Estimate Heart
 * Rate", "...")}, as imagej-legacy does inside Fiji: each command's menu name is entered in ImageJ's
 * command table and points here, and this plug-in hands the macro options to {@link CommandRunner}.
 */
public final class MacroBridge implements PlugIn {

	private static CommandRunner runner;
	private static volatile Interpreter interpreter;
	private static final List<String> errors = new ArrayList<>();

	/** Whether bin/pulsej is running a macro now (it stops the macro itself when a command fails). */
	public static boolean running() {
		return interpreter != null;
	}

	/** ImageJ calls this with the command's menu name as argument. */
	@Override
	public void run(final String title) {
		final String options = Macro.getOptions();
		try {
			runner.run(title, options, WindowManager.getCurrentImage());
		}
		catch (final PulseJException e) {
			synchronized (errors) {
				errors.add(title + ": " + e.getMessage());
			}
			IJ.log("PulseJ error in " + title + ": " + e.getMessage());
			// Stop the macro: the remaining lines would work on missing results. Headless, ImageJ's own
			// abort (Macro.MACRO_CANCELED) only ends this command, so the interpreter is told to stop.
			final Interpreter macro = interpreter;
			if (macro != null) {
				macro.setIgnoreErrors(true);
				macro.abort(e.getMessage());
			}
			throw new RuntimeException(Macro.MACRO_CANCELED);
		}
	}

	/**
	 * Runs a macro file headless with PulseJ's commands available.
	 *
	 * @return the errors of PulseJ commands and of the macro itself; empty when all went well
	 */
	public static synchronized List<String> runMacro(final CommandRunner commandRunner, final Path file,
		final String arg)
	{
		runner = commandRunner;
		errors.clear();
		install(commandRunner);
		final String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (final java.io.IOException e) {
			throw new PulseJException("Cannot read the macro " + file + " (" + e.getMessage() + ").",
				"Check the path given to --macro.", e);
		}
		final Interpreter macro = new Interpreter();
		interpreter = macro;
		try {
			macro.run(text, arg == null ? "" : arg);
		}
		catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) errors.add("Macro " + file.getFileName() + ": " + e);
		}
		finally {
			interpreter = null;
		}
		final List<String> out = new ArrayList<>(errors);
		if (macro.wasError() && out.isEmpty()) out.add("Macro " + file.getFileName() + " stopped with an error (line " +
			macro.getLineNumber() + ").");
		return out;
	}

	/** Enters PulseJ's commands into ImageJ's command table (which is empty when headless). */
	static void install(final CommandRunner commandRunner) {
		final Hashtable<String, String> table = commandTable();
		for (final CommandInfo info : commandRunner.commands()) {
			final String name = info.getMenuPath().getLeaf().getName();
			table.put(name, MacroBridge.class.getName() + "(\"" + name + "\")");
		}
	}

	/** ImageJ's command table (menu name → plug-in class), created as far as a headless JVM allows. */
	@SuppressWarnings("unchecked")
	public static Hashtable<String, String> commandTable() {
		if (Menus.getCommands() == null) {
			try {
				// Fills the table; building the menu bar then fails headless.
				IJ.run("Close All", "");
			}
			catch (final HeadlessException | NullPointerException expected) {
				// the table now exists
			}
		}
		final Hashtable<String, String> table = Menus.getCommands();
		if (table == null) throw new IllegalStateException("ImageJ's command table could not be created");
		return table;
	}
}

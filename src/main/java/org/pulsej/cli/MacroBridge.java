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
	/** The macro being run: its file name and lines, for messages that name the failing line. */
	private static volatile String macroName;
	private static volatile String[] macroLines;
	private static boolean listening;

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
	 * For PulseJ's macros: {@code call("org.pulsej.cli.MacroBridge.fail", message)} stops the macro as a failed
	 * PulseJ command does. With bin/pulsej the run ends with the message and exit status 1 (the macro
	 * language's {@code exit(message)} prints it and ends with 0, which a cluster job reads as success); in
	 * Fiji, ImageJ shows the message and stops the macro, and headless Fiji exits with status 1 unless
	 * {@code -Dpulsej.exitOnMacroFailure=false} ({@link #exitsOnFailure}, as for a failed command).
	 *
	 * @return "" (the macro stops after the statement that called it)
	 */
	public static String fail(final String message) {
		final Interpreter macro = interpreter;
		if (macro != null) {
			synchronized (errors) {
				errors.add(message);
			}
			// the interpreter stops after this statement; an exception here would be printed with its stack trace
			// by ImageJ's call()
			macro.setIgnoreErrors(true);
			macro.abort(message);
			return "";
		}
		final Interpreter fiji = Interpreter.getInstance();
		final boolean headless = java.awt.GraphicsEnvironment.isHeadless();
		if (headless) {
			System.err.println("PulseJ error: " + message);
			System.err.flush();
			// as a failed PulseJ command in a Fiji macro (fiji.MacroStop): Fiji's -batch and -macro exit with 0
			if (exitsOnFailure(true, inFiji(), System.getProperty(EXIT_PROPERTY))) System.exit(1);
		}
		else IJ.error("PulseJ", message);
		if (fiji != null) {
			fiji.setIgnoreErrors(true);
			fiji.abort(message);
		}
		return "";
	}

	/** The system property that, set to false, keeps headless Fiji's exit status 0 after a stopped macro. */
	public static final String EXIT_PROPERTY = "pulsej.exitOnMacroFailure";

	/**
	 * Whether a macro stopped by a PulseJ failure ends the JVM with status 1: headless Fiji only (bin/pulsej
	 * and tests end by themselves; Fiji with a display stays open), unless {@link #EXIT_PROPERTY} says false.
	 */
	public static boolean exitsOnFailure(final boolean headless, final boolean fiji, final String property) {
		return headless && fiji && !"false".equalsIgnoreCase(property == null ? "" : property.trim());
	}

	/** Whether this JVM is Fiji's: its ImageJ legacy layer (no PulseJ dependency) is on the class path. */
	private static boolean inFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, MacroBridge.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/**
	 * For PulseJ's macros: {@code call("org.pulsej.cli.MacroBridge.checkKeys", getArgument(), "input,output,…",
	 * "name.ijm")} stops the macro ({@link #fail}) when its argument gives a key the macro does not read (a
	 * mistyped key was ignored, and the macro ran with its default: method=GREEN to a macro reading methods=
	 * evaluated POS, CHROM and GREEN), or no input= or output= where no dialog can ask for them (headless).
	 *
	 * @return "" when all is well
	 */
	public static String checkKeys(final String argument, final String keys, final String macroName) {
		final java.util.List<String> known = java.util.Arrays.stream(keys.split(",")).map(String::trim).toList();
		final java.util.Map<String, String> given;
		try {
			given = MacroOptions.parse(argument == null ? "" : argument);
		}
		catch (final PulseJException e) {
			return fail(macroName + ": its argument cannot be read (" + e.problem() + ") — " + e.fix());
		}
		for (final String key : given.keySet())
			if (!known.contains(key)) return fail(macroName + " does not read the key \"" + key + "\" — its keys " +
				"are: " + String.join(", ", known) + "; check the spelling.");
		if (java.awt.GraphicsEnvironment.isHeadless()) for (final String needed : new String[] { "input", "output" })
			if (known.contains(needed) && (given.get(needed) == null || given.get(needed).isBlank())) return fail(
				macroName + " needs " + needed + "= (headless, no folder dialog can ask for it) — Give e.g. \"input=" +
					"/data/videos output=/data/results\".");
		return "";
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
		macroName = String.valueOf(file.getFileName());
		macroLines = text.split("\\R", -1);
		listen();
		try {
			macro.run(text, arg == null ? "" : arg);
		}
		catch (final HeadlessException e) {
			// the interpreter's own error (a typo, an undefined variable): it shows it in a dialog, which a
			// JVM without a display cannot open; its message and line are kept
			errors.add(macroError(macro, e));
		}
		catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) errors.add(macroError(macro, e));
		}
		finally {
			interpreter = null;
		}
		final List<String> out = new ArrayList<>(errors);
		if (macro.wasError() && out.isEmpty()) out.add(macroError(macro, null));
		return out;
	}

	/**
	 * What bin/pulsej says when ImageJ ended the JVM from inside the run ({@code caller} called
	 * {@code System.exit}): ImageJ's last error and, in a macro, the line it was running.
	 */
	static String endedInside(final StackTraceElement caller) {
		final Interpreter macro = interpreter;
		String why = IJ.getErrorMessage();
		why = why == null || why.isBlank() ? "ImageJ stopped" : why.strip().replaceAll("[.\\s]+$", "");
		final String by = caller.getClassName() + "." + caller.getMethodName();
		if (macro == null) return new PulseJException(why + "; ImageJ ended the run there (" + by + ").",
			"Please report it, with the command line.").getMessage();
		return new PulseJException("Macro " + where(macro, macro.getLineNumber()) + ": " + why + "; ImageJ ended the " +
			"macro there (" + by + ").", "Open or select the image that line works on before it (e.g. open(path)); " +
				"PulseJ's commands need no open image: they read the file given as input=.").getMessage();
	}

	/** An error of the macro language itself, named with its line: "Macro m.ijm, line 3 (foo(1);): Undefined identifier". */
	private static String macroError(final Interpreter macro, final RuntimeException e) {
		final String why = macro.getErrorMessage() != null ? macro.getErrorMessage() : e == null || e
			instanceof HeadlessException ? "an error of the macro language" : org.pulsej.util.Messages.fileProblem(e);
		return new PulseJException("Macro " + where(macro, errorLine(macro)) + ": " + why + ".", "Correct that line of the macro (the " +
			"ImageJ macro language: https://imagej.net/ij/developer/macro/macros.html).").getMessage();
	}

	/**
	 * The line of the interpreter's error: ImageJ notes it when the error happens, then reads on through
	 * that line to show it, so {@link Interpreter#getLineNumber()} is a line later by then.
	 */
	private static int errorLine(final Interpreter macro) {
		try {
			final java.lang.reflect.Field f = Interpreter.class.getDeclaredField("lineNumber");
			f.setAccessible(true);
			final int line = f.getInt(macro);
			if (line >= 1) return line;
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			// another ImageJ: its current line
		}
		return macro.getLineNumber();
	}

	/** "m.ijm, line 3 (foo(1);)": the macro's name, the line and that line's text. */
	private static String where(final Interpreter macro, final int line) {
		final String[] lines = macroLines;
		String code = lines != null && line >= 1 && line <= lines.length ? lines[line - 1].trim() : "";
		if (code.length() > 80) code = code.substring(0, 77) + "...";
		return macroName + ", line " + line + (code.isEmpty() ? "" : " (" + code + ")");
	}

	/**
	 * Catches {@code run("NAME", ...)} of a name that is no command here before ImageJ does: ImageJ says
	 * "Unrecognized command" in a dialog, which headless printed a HeadlessException's stack trace and
	 * left only "stopped with an error" with another line number. A PulseJ command named in other case
	 * ({@code run("estimate heart rate")}) runs, as with --run.
	 */
	private static synchronized void listen() {
		if (listening) return;
		listening = true;
		ij.Executer.addCommandListener(command -> {
			final Interpreter macro = interpreter;
			if (macro == null || command == null || Menus.getCommands() == null || Menus.getCommands().containsKey(
				command) || IMAGEJ_OWN.contains(command)) return command;
			final List<String> names = new ArrayList<>();
			for (final CommandInfo info : runner.commands()) {
				final String name = info.getMenuPath().getLeaf().getName();
				if (name.equalsIgnoreCase(command.trim())) return name;
				names.add(name);
			}
			final String message = new PulseJException("Macro " + where(macro, macro.getLineNumber()) + ": \"" + command + "\" is not a " +
				"command that bin/pulsej knows.", "PulseJ's commands are: " + String.join(", ", names) + ". ImageJ's " +
					"macro functions (open, print, ...) work here, but ImageJ's and Fiji's menu commands (run(\"8-bit\") " +
					"and the like) need Fiji: fiji --headless -macro " + macroName + ".").getMessage();
			synchronized (errors) {
				errors.add(message);
			}
			macro.setIgnoreErrors(true);
			macro.abort(message);
			return null;
		});
	}

	/** Commands ImageJ runs without its command table. */
	private static final List<String> IMAGEJ_OWN = List.of("Duplicate...", "Duplicate Image...");

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

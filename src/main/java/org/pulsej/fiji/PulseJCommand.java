package org.pulsej.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.pulsej.PulseJ;
import org.pulsej.cli.StrictValues;
import org.pulsej.cli.TableOutputs;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.util.QuietLogging;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.plugin.Parameter;
import org.scijava.ui.UIService;

/**
 * What every PulseJ command shares: a problem the user can fix ends the command as cancelled with
 * that message (shown in one dialog by Fiji, printed and turned into a non-zero exit headless), so
 * macros and cluster jobs never mistake a failure for success.
 */
public abstract class PulseJCommand extends ContextCommand implements TableOutputs {

	static {
		QuietLogging.apply();
	}

	@Parameter
	protected LogService log;

	@Parameter
	protected StatusService statusService;

	@Parameter(required = false)
	protected UIService ui;

	/** The command's work; throw {@link PulseJException} for anything the user can fix. */
	protected abstract void execute();

	@Override
	public final void run() {
		try {
			checkMacroOptions();
			expandHome();
			// an Esc pressed before this run is forgotten, as ImageJ plugins do before long work
			IJ.resetEscape();
			execute();
		}
		catch (final PulseJException e) {
			fail(e.getMessage());
		}
		catch (final CancellationException e) {
			// an interrupt (a script's Future.cancel(true)) has been answered here: left set, SciJava's clean-up on
			// this thread printed "AWT blocker activation interrupted" and a stack trace, which opens Fiji's Console
			Thread.interrupted();
			fail(e.getMessage() == null ? "Cancelled." : e.getMessage());
		}
		catch (final RuntimeException e) {
			// never a stack trace as the last word: name what failed and what to do
			fail(PulseJException.unexpected("this " + commandName() + " run", e).getMessage());
		}
		catch (final OutOfMemoryError e) {
			// where no video's measuring caught it (Generate Synthetic Video of 4096x3072 frames in a small heap): a
			// stack trace, then "unexpected RuntimeException: Module threw error" with a fix about converting a video
			fail(String.format(java.util.Locale.ROOT, "Java ran out of memory during this %s run (it may use at most " +
				"%s).", commandName(), org.pulsej.video.MemoryBudget.size(Runtime.getRuntime().maxMemory())) + " — " +
				"Give Java more memory (Fiji: Edit > Options > Memory & Threads; bin/pulsej: PULSEJ_JAVA_OPTS=-Xmx8g), " +
				"or ask for less at once: smaller frames, fewer or shorter videos.");
		}
		finally {
			if (statusService != null) statusService.clearStatus();
		}
	}

	/** The command's menu name, e.g. "Generate Synthetic Video". */
	private String commandName() {
		return commandName(getClass());
	}

	/** The menu name of a command class: "Train PhysNet", which the class name spelt "Train Phys Net". */
	static String commandName(final Class<?> c) {
		final org.scijava.plugin.Plugin p = c.getAnnotation(org.scijava.plugin.Plugin.class);
		if (p != null && !p.label().isBlank()) return p.label();
		if (p != null && !p.menuPath().isBlank()) return p.menuPath().substring(p.menuPath().lastIndexOf('>') + 1).trim();
		return c.getSimpleName().replaceAll("Command$", "").replaceAll("([a-z])([A-Z])", "$1 $2");
	}

	/**
	 * In Fiji a macro's options reach the fields through ImageJ's converters, which take the first of
	 * a key given twice and turn text into 0: the option string is checked here as strictly as
	 * headless ({@link StrictValues}). Headless, the launcher has checked it already and
	 * there are no ImageJ macro options on this thread.
	 */
	private void checkMacroOptions() {
		final String options = macroOptions();
		if (options != null) StrictValues.checkOptions(options, getClass());
	}

	/**
	 * A path given as {@code ~/...} means the home folder, as in a shell; in a macro or in the quoted
	 * options of bin/pulsej no shell expands it, and {@code output=~/results} made a folder named "~"
	 * in the working folder ({@code input=~/video.avi} did not exist). Spaces around a path that does not
	 * exist with them are dropped.
	 */
	private void expandHome() {
		for (final Field f : getClass().getDeclaredFields())
			if (f.getType() == File.class) try {
				f.setAccessible(true);
				final File given = (File) f.get(this);
				String p = given == null ? "" : given.getPath();
				// spaces around a path (input=[ /data/v.avi ], a macro's "[ " + dir + "]"): the input "did not exist",
				// and output=[ /data/out] became a folder " " in the working folder; a path that is there as given stays
				if (!p.equals(p.strip()) && !new File(p).exists()) f.set(this, new File(p = p.strip()));
				windowsPathHere(f.getName(), p);
				if (p.equals("~") || p.startsWith("~/") || p.startsWith("~" + File.separator)) f.set(this, new File(System
					.getProperty("user.home") + p.substring(1)));
			}
			catch (final IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
	}

	/**
	 * Refuses a Windows path (C:\data\out, \\server\share) on a machine whose paths use '/' (a macro
	 * written on a Windows PC, run on a cluster or a Mac): output= became a folder named "C:\data\out" in
	 * the working folder, with exit status 0. A path that exists as given is kept.
	 */
	static void windowsPathHere(final String key, final String p) {
		if (File.separatorChar != '/' || p.isEmpty() || new File(p).exists()) return;
		if (!p.matches("(?s)[A-Za-z]:[\\\\/].*") && !p.startsWith("\\\\")) return;
		throw new org.pulsej.util.PulseJException(key + "=" + p + " is a Windows path, but this machine writes " +
			"paths with '/' and has no drives: it would be read as one file name in the working folder.", "Give the " +
				"path as this machine sees it, e.g. " + key + "=/data/" + p.replaceAll("^.*[\\\\/]", "") + " (in a " +
				"macro run on several systems, build it with File.separator or getDirectory).");
	}

	/**
	 * The options of the ImageJ macro line running this command, or null outside a macro (and for a
	 * line without options). Fiji's ImageJ answers on the command's own thread too (it looks at the
	 * thread that started it).
	 */
	static String macroOptions() {
		try {
			final String options = ij.Macro.getOptions();
			return options == null || options.trim().isEmpty() ? null : options;
		}
		catch (final LinkageError noImageJ) {
			return null;
		}
	}

	/** Whether a module is one of PulseJ's commands (the SciJava plug-ins in this package act on those only). */
	static boolean isPulseJ(final Module module) {
		return module.getInfo().getDelegateClassName().startsWith("org.pulsej.");
	}

	/**
	 * The command's results tables, by field name, once it has run (null where it ended before
	 * making one). They are not SciJava outputs: Fiji cannot display an ImageJ 1 table as one and
	 * printed a warning to its console on every run; the commands show them in Fiji themselves, and
	 * bin/pulsej prints them.
	 */
	@Override
	public Map<String, ResultsTable> tables() {
		final Map<String, ResultsTable> out = new LinkedHashMap<>();
		for (final Field f : getClass().getDeclaredFields())
			if (f.getType() == ResultsTable.class) {
				try {
					f.setAccessible(true);
					out.put(f.getName(), (ResultsTable) f.get(this));
				}
				catch (final IllegalAccessException e) {
					throw new IllegalStateException(e);
				}
			}
		return out;
	}

	/** Whether a file or folder was given: an empty one ({@code input=[]}, a cleared field) was not. */
	static boolean given(final File f) {
		return f != null && !f.getPath().isEmpty();
	}

	/** The file or folder given, or null. */
	static Path path(final File f) {
		return given(f) ? f.toPath() : null;
	}

	/** The file or folder that must be given; else the problem and its fix (which name the key). */
	static File required(final File f, final String problem, final String fix) {
		if (!given(f)) throw new PulseJException(problem, fix);
		return f;
	}

	/**
	 * Says which open image the command works on (Fiji gives the active one when several are open),
	 * in the log and the status bar.
	 */
	protected void announceOpenImage(final ImagePlus image) {
		final String line = "PulseJ: measuring the open image \"" + image.getTitle() + "\" (" + image.getStackSize() +
			(image.getStackSize() == 1 ? " frame)" : " frames)");
		log.info(line);
		if (statusService != null) statusService.showStatus(line.substring("PulseJ: ".length()));
	}

	protected Progress progress() {
		return new StatusProgress(statusService, log, this::isCanceled);
	}

	/**
	 * Ends the command as cancelled with this message, and the ImageJ macro that ran it ({@link
	 * MacroStop}). No dialog of its own: Fiji shows a cancelled command's reason in a dialog already
	 * (a second one with the same text was the result).
	 */
	protected void fail(final String message) {
		final boolean headless = headless();
		// in Fiji's window the dialog shows the message: a line on stderr would open the Console as well
		if (headless) log.error(PulseJ.title() + ": " + message);
		else log.info(PulseJ.title() + " error: " + message);
		cancel(headless ? message : org.pulsej.util.Messages.wrap(message, DIALOG_WIDTH));
		MacroStop.stop(getContext(), message, headless);
	}

	/** Characters per line of a failure's dialog (it is as wide as its longest line). */
	static final int DIALOG_WIDTH = 90;

	protected boolean headless() {
		return GraphicsEnvironment.isHeadless() || (ui != null && ui.isHeadless());
	}
}

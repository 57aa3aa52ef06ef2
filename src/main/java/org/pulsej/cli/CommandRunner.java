package org.pulsej.cli;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.pulsej.util.PulseJException;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

/**
 * Runs PulseJ's SciJava commands by their menu name with an ImageJ-style option string, as Fiji
 * does for {@code run("Estimate Heart Rate", "input=... output=...")}. Unlike a dialog, it uses
 * each parameter's default when a key is absent (never a value remembered from an earlier run),
 * so a headless run is reproducible, and it refuses unknown keys. It neither reads nor writes the
 * remembered inputs of Fiji's dialogs.
 */
public final class CommandRunner {

	private final Context context;

	public CommandRunner(final Context context) {
		this.context = context;
	}

	public Context context() {
		return context;
	}

	/** PulseJ's commands (menu under Plugins › PulseJ). */
	public List<CommandInfo> commands() {
		final List<CommandInfo> out = new ArrayList<>();
		for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
			if (info.getClassName().startsWith("org.pulsej.") && info.getMenuPath() != null && info.getMenuPath()
				.size() > 0) out.add(info);
		}
		return out;
	}

	/** The command whose menu leaf (or title) is {@code title}, ignoring case. */
	public CommandInfo find(final String title) {
		final TreeSet<String> names = new TreeSet<>();
		for (final CommandInfo info : commands()) {
			final String leaf = info.getMenuPath().getLeaf().getName();
			if (leaf.equalsIgnoreCase(title.trim()) || info.getTitle().equalsIgnoreCase(title.trim())) return info;
			names.add(leaf);
		}
		throw new PulseJException("Unknown command \"" + title + "\".", "PulseJ's commands are: " + String.join(", ",
			names) + ".");
	}

	/** The open image titled {@code title}; else the problem and its fix. */
	private static ImagePlus byTitle(final String key, final String title) {
		final ImagePlus imp = ij.WindowManager.getImage(title.trim());
		if (imp != null) return imp;
		final String[] open = ij.WindowManager.getImageTitles();
		throw new PulseJException(key + "=" + title + " names no open image" + (open.length == 0 ? " (none is open)." :
			"; the open ones are: " + String.join(", ", open) + "."), "Give the title of an open image (Image > Rename " +
				"shows it), or leave " + key + "= out to use the active image.");
	}

	/** The choice that {@code text} names, ignoring case ({@code method=pos} is POS); else {@code text}. */
	private static String choice(final List<?> choices, final String text) {
		if (choices != null) for (final Object c : choices)
			if (c instanceof String k && k.equalsIgnoreCase(text.trim())) return k;
		return text;
	}

	/** A required key left out of a command's options: which, and how to give it. */
	public static PulseJException missingKey(final String title, final ModuleItem<?> item) {
		final String key = item.getName().toLowerCase(Locale.ROOT);
		return new PulseJException(title + " needs " + key + "= (" + item.getLabel() + ").", "Add " + key +
			"=... to the options, e.g. " + key + "=[/path/to/folder].");
	}

	/** The macro keys a command takes (its non-service inputs, lower-cased; a dialog's section headings are none). */
	public static List<ModuleItem<?>> parameters(final CommandInfo info) {
		final List<ModuleItem<?>> out = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()) && item
				.getVisibility() != ItemVisibility.MESSAGE) out.add(item);
		return out;
	}

	/**
	 * SciJava's usual preprocessors (services, initializers, validation) without the two that load
	 * and save remembered inputs: a headless run takes only the keys it is given, and leaves nothing
	 * in the preferences that Fiji's dialogs and macros read back (they share the Java preferences
	 * node of the commands).
	 */
	List<PreprocessorPlugin> preprocessors() {
		final List<PreprocessorPlugin> out = new ArrayList<>();
		for (final PreprocessorPlugin p : context.service(PluginService.class).createInstancesOfType(
			PreprocessorPlugin.class))
			if (!(p instanceof LoadInputsPreprocessor) && !(p instanceof SaveInputsPreprocessor)) out.add(p);
		return out;
	}

	List<PostprocessorPlugin> postprocessors() {
		return context.service(PluginService.class).createInstancesOfType(PostprocessorPlugin.class);
	}

	/**
	 * Runs the command and waits for it.
	 *
	 * @param image the image for an {@code ImagePlus} input, or null
	 * @return the finished module (outputs readable)
	 * @throws PulseJException when the options are wrong or the command ended with an error
	 */
	public Module run(final String title, final String options, final ImagePlus image) {
		final CommandInfo info = find(title);
		final java.util.Set<String> bare = new java.util.HashSet<>();
		final Map<String, String> given = MacroOptions.parse(options, bare);
		final ModuleService modules = context.service(ModuleService.class);
		final ConvertService convert = context.service(ConvertService.class);
		final Module module = modules.createModule(info);
		final List<String> keys = new ArrayList<>();
		for (final ModuleItem<?> item : parameters(info)) {
			final String key = item.getName().toLowerCase(Locale.ROOT);
			keys.add(key);
			if (ImagePlus.class.isAssignableFrom(item.getType())) {
				// image=TITLE (as Fiji records it) names the image; it was ignored, and the active image measured
				module.setInput(item.getName(), given.containsKey(key) && !given.get(key).isBlank() ? byTitle(key, given.get(
					key)) : image);
			}
			else if (given.containsKey(key)) {
				if (bare.contains(key)) StrictValues.checkNotBare(key, item.getType());
				final String text = given.get(key);
				// input=[] (a macro's empty variable) reached SciJava's "'input' is required but unset.", with no fix
				if (text.isBlank() && item.isRequired() && !StrictValues.handles(item.getType())) throw new PulseJException(
					title + " needs " + key + "= (" + item.getLabel() + "); it was given empty.", "Give " + key + "=... a " +
						"value, e.g. " + key + "=[/path/to/folder].");
				// numbers and yes/no strictly (nothing silently 0); other types by SciJava's converters
				final Object value = StrictValues.handles(item.getType()) ? StrictValues.parse(key, text, item.getType())
					: convert.convert(choice(item.getChoices(), text), item.getType());
				if (value == null && !text.isEmpty()) throw new PulseJException(key + "=" + text + " is not a valid " +
					item.getType().getSimpleName().toLowerCase(Locale.ROOT) + ".", "Check the value given for " + key + ".");
				if (item.getChoices() != null && !item.getChoices().isEmpty() && !item.getChoices().contains(value))
					throw new PulseJException(key + "=" + text + " is not one of the choices.", "Use one of " + item
						.getChoices() + ".");
				module.setInput(item.getName(), value);
			}
			else if (item.isRequired() && module.getInput(item.getName()) == null) throw missingKey(title, item);
			// Absent keys keep the field's default; resolving stops remembered values from leaking in.
			module.resolveInput(item.getName());
		}
		// The launcher prints outputs itself; resolved outputs are not sent to (absent) displays.
		for (final ModuleItem<?> item : info.outputs())
			module.resolveOutput(item.getName());
		for (final String key : given.keySet())
			if (!keys.contains(key)) throw new PulseJException("Unknown parameter \"" + key + "\" for " + title + ".",
				"Its parameters are: " + String.join(", ", keys) + ".");
		try {
			modules.run(module, preprocessors(), postprocessors(), (java.util.Map<String, Object>) null).get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PulseJException(title + " was interrupted.", "Run it again.");
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			if (cause instanceof PulseJException) throw (PulseJException) cause;
			throw PulseJException.unexpected(title, cause);
		}
		final Object delegate = module.getDelegateObject();
		if (delegate instanceof Cancelable && ((Cancelable) delegate).isCanceled()) throw new PulseJException(
			((Cancelable) delegate).getCancelReason(), "");
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) throw new PulseJException(
			((Cancelable) module).getCancelReason(), "");
		return module;
	}
}

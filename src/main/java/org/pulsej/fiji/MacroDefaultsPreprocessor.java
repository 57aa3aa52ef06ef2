package org.pulsej.fiji;

import org.pulsej.cli.CommandRunner;
import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.LoadInputsPreprocessor;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.widget.InputHarvester;

/**
 * In an ImageJ macro, a key left out of {@code run("...", "key=value ...")} means its default, as for
 * ImageJ's own commands, so a recorded line or a short hand-written one runs unattended. In Fiji the
 * macro's keys are set by the legacy layer first (and the open image by its active-image step); this
 * resolves every other input of a PulseJ command with the value it has now, its declared default,
 * before {@link LoadInputsPreprocessor} could fill it with a value remembered from an earlier
 * dialog and before {@link InputHarvester} would open a dialog for it. A required key that is still
 * missing ends the command with a message naming it. {@code run("Estimate Heart Rate")} with no
 * options still opens the dialog, as ImageJ does.
 */
@Plugin(type = PreprocessorPlugin.class, priority = Priority.HIGH - 1)
public class MacroDefaultsPreprocessor extends AbstractPreprocessorPlugin {

	@Override
	public void process(final Module module) {
		final String options = PulseJCommand.macroOptions();
		if (!PulseJCommand.isPulseJ(module) || options == null) return;
		final java.util.Map<String, String> given = parse(options);
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (module.isInputResolved(item.getName())) continue;
			if (ticked(given, item)) module.setInput(item.getName(), Boolean.TRUE);
			if (item.isRequired() && item.getValue(module) == null) {
				final String message = CommandRunner.missingKey(module.getInfo().getTitle(), item).getMessage();
				cancel(message);
				MacroStop.stop(getContext(), message, java.awt.GraphicsEnvironment.isHeadless());
				return;
			}
			module.resolveInput(item.getName());
		}
	}

	/**
	 * Whether the macro ticks this checkbox with its bare key ({@code run("...", "... overwrite")}), as
	 * ImageJ's own dialogs read it; the legacy layer resolves only {@code key=value} pairs, so the bare
	 * key was taken for false.
	 */
	static boolean ticked(final java.util.Map<String, String> given, final ModuleItem<?> item) {
		return (item.getType() == boolean.class || item.getType() == Boolean.class) && "true".equals(given.get(item
			.getName().toLowerCase(java.util.Locale.ROOT)));
	}

	/** The macro line's keys and values ({@link org.pulsej.cli.MacroOptions}); none for a malformed line. */
	private static java.util.Map<String, String> parse(final String options) {
		try {
			return org.pulsej.cli.MacroOptions.parse(options);
		}
		catch (final RuntimeException e) {
			return java.util.Map.of(); // a malformed line is named by the command's own option check
		}
	}
}

package org.pulsej.testing;

import ij.ImagePlus;

import java.util.Locale;

import org.pulsej.cli.CommandRunner;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The line Fiji's macro recorder writes for a finished command: imagej-legacy records each input
 * that has a value as {@code name=value} (an image by its title), bracketing a value with a space.
 */
public final class RecordedLine {

	private RecordedLine() {}

	public static String of(final Module module) {
		final StringBuilder options = new StringBuilder();
		for (final ModuleItem<?> item : CommandRunner.parameters((CommandInfo) module.getInfo())) {
			final Object v = module.getInput(item.getName());
			if (v == null) continue;
			String value = v instanceof ImagePlus ? ((ImagePlus) v).getTitle() : v.toString();
			if (value.contains(" ")) value = "[" + value + "]";
			options.append(' ').append(item.getName().toLowerCase(Locale.US)).append('=').append(value);
		}
		return "run(\"" + module.getInfo().getTitle() + "\", \"" + options.toString().trim() + "\");";
	}
}

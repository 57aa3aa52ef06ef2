package org.pulsej.fiji;

import java.io.File;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.module.process.SaveInputsPreprocessor;
import org.scijava.plugin.Plugin;

/**
 * An optional folder given empty ({@code output=[]}, {@code model=[]}, a cleared field) means "not
 * given" to PulseJ; this turns it into no value before SciJava remembers the inputs, so that an
 * empty folder is never stored (Fiji stored it as its working directory, which the next run then
 * used and the next dialog showed). Runs after the dialog or the macro options have filled the
 * inputs, just before {@link SaveInputsPreprocessor}.
 */
@Plugin(type = PreprocessorPlugin.class, priority = SaveInputsPreprocessor.PRIORITY + 0.5)
public class EmptyFoldersPreprocessor extends AbstractPreprocessorPlugin {


	@Override
	public void process(final Module module) {
		if (!PulseJCommand.isPulseJ(module)) return;
		for (final ModuleItem<?> item : module.getInfo().inputs()) {
			if (item.getType() != File.class) continue;
			final Object v = module.getInput(item.getName());
			if (v instanceof File && ((File) v).getPath().trim().isEmpty()) module.setInput(item.getName(), null);
		}
	}
}

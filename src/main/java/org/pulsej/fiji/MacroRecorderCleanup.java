package org.pulsej.fiji;

import org.scijava.event.EventHandler;
import org.scijava.module.event.ModuleCanceledEvent;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * A PulseJ command that failed or was cancelled leaves no line in ImageJ's macro recorder. Fiji
 * starts recording a command before it runs and adds its keys only when it finishes, so a cancelled
 * run left a bare {@code run("Estimate Heart Rate");}, which opens the dialog when played back.
 */
@Plugin(type = Service.class)
public class MacroRecorderCleanup extends AbstractService implements SciJavaService {

	@EventHandler
	private void onEvent(final ModuleCanceledEvent event) {
		if (PulseJCommand.isPulseJ(event.getModule())) forget();
	}

	/** Drops the command the recorder is recording, if it records. */
	static void forget() {
		try {
			if (ij.plugin.frame.Recorder.record) ij.plugin.frame.Recorder.setCommand(null);
		}
		catch (final LinkageError noImageJ) {
			// nothing records
		}
	}
}

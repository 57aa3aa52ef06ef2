package org.pulsej.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.PulseJException;

/** Reading and writing network weights (DJL .params), atomically, with user-facing errors. */
final class ModelFiles {

	private ModelFiles() {}

	static void saveWeights(final Block block, final Path file) {
		AtomicFiles.write(file, out -> {
			final DataOutputStream d = new DataOutputStream(out);
			block.saveParameters(d);
			d.flush();
		});
	}

	/** Loads weights into a network built with the same configuration. */
	static void loadWeights(final Block block, final NDManager manager, final Path file) {
		if (!Files.isRegularFile(file)) throw new PulseJException("The weights file " + file + " is missing.",
			"Choose a complete PulseJ model folder (it holds model.json and " + file.getFileName() +
				"), or train the model again.");
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			final DataInputStream d = new DataInputStream(in);
			block.loadParameters(manager, d);
			if (d.read() != -1) throw new MalformedModelException("unexpected data after the last parameter");
		}
		catch (IOException | MalformedModelException | RuntimeException e) {
			throw new PulseJException("The weights file " + file + " is damaged or does not belong to this model (" +
				org.pulsej.util.Messages.fileProblem(e) + ").", "Copy the model folder again from its source, or train " +
					"the model again.", e);
		}
	}
}

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
		refuseDamaged(block, file, "Copy the model folder again from its source, or train the model again.");
	}

	/**
	 * Refuses weights that are not all numbers: bytes damaged inside a weights file (not at its end) still
	 * load, as NaN or 3e38, and made every signal NaN, refused as "The signal has the value NaN at frame 0"
	 * (PhysNet) or as a flat pulse signal (the confidence model), with fixes about the video.
	 */
	static void refuseDamaged(final Block block, final Path weights, final String fix) {
		for (final ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
			final float[] v = p.getValue().getArray().toFloatArray();
			for (int i = 0; i < v.length; i++)
				if (!Float.isFinite(v[i]) || Math.abs(v[i]) > MAX_WEIGHT) throw new PulseJException("The weights in " +
					weights + " are damaged: " + p.getKey() + " holds " + v[i] + " (element " + i + ").", fix);
		}
	}

	/**
	 * No weight of a trained network comes near this (the bundled PhysNet's largest is 3.2; AdamW's weight
	 * decay keeps them small): a larger one is damage, and would overflow the activations.
	 */
	static final float MAX_WEIGHT = 1e6f;
}

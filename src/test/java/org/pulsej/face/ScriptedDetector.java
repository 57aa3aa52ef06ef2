package org.pulsej.face;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.pulsej.video.Video;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A detector that answers from a script: frame t's faces; frames carry t in their first pixel. */
final class ScriptedDetector implements FaceDetector {

	private final IntFunction<List<Detection>> script;
	final List<Integer> calls = new ArrayList<>();

	ScriptedDetector(final IntFunction<List<Detection>> script) {
		this.script = script;
	}

	@Override
	public List<Detection> detect(final ImageProcessor frame) {
		final int t = (int) frame.getf(0);
		calls.add(t);
		return script.apply(t);
	}

	@Override
	public void close() {}

	static Detection face(final Box b, final double score) {
		return new Detection(b, score, new float[0]);
	}

	/** {@code n} frames of {@code w × h} whose first pixel is the frame index. */
	static Video video(final int n, final int w, final int h, final double fps) {
		final ImageStack s = new ImageStack(w, h);
		for (int t = 0; t < n; t++) {
			final FloatProcessor fp = new FloatProcessor(w, h);
			fp.setf(0, t);
			s.addSlice(fp);
		}
		return new Video(s, 32, fps, "scripted", null);
	}
}

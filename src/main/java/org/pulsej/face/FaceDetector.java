package org.pulsej.face;

import ij.process.ImageProcessor;

import java.util.List;

/** Finds faces in single frames. Implementations hold native resources: close them. */
public interface FaceDetector extends AutoCloseable {

	/**
	 * The faces in {@code frame}, most confident first. Any bit depth: RGB is used as is, grey frames are
	 * mapped to 0..255 through their display range and replicated to R, G and B. Boxes may reach outside
	 * the frame when a face is cut by its edge. The frame is not modified.
	 */
	List<Detection> detect(ImageProcessor frame);

	@Override
	void close();
}

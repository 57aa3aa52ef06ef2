package org.pulsej.video;

import ij.VirtualStack;
import ij.process.ImageProcessor;

/**
 * A video's frames as an ImageJ stack that decodes each frame when asked and cannot be changed: what
 * PulseJ's readers (JPEG AVI, FFmpeg, dropped frames) share. A subclass gives the frame count and
 * {@link #getProcessor}; a frame written to is not kept (as with ImageJ's virtual AVI stack), and
 * deleting a frame is refused, since the file's frames are the measurement.
 */
abstract class ReadOnlyFrames extends VirtualStack {

	ReadOnlyFrames(final int width, final int height) {
		super(width, height);
	}

	/** The number of frames of the video. */
	abstract int frameCount();

	@Override
	public abstract ImageProcessor getProcessor(int n);

	@Override
	public final Object getPixels(final int n) {
		final ImageProcessor ip = getProcessor(n);
		return ip == null ? null : ip.getPixels();
	}

	@Override
	public final int getSize() {
		return frameCount();
	}

	@Override
	public final int size() {
		return frameCount();
	}

	@Override
	public final void setPixels(final Object pixels, final int n) {
		// read-only
	}

	@Override
	public final void deleteSlice(final int n) {
		throw new UnsupportedOperationException("PulseJ's video frames are read-only");
	}
}

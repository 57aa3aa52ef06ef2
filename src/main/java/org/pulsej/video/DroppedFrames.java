package org.pulsej.video;

import ij.ImageStack;
import ij.process.ImageProcessor;

/**
 * An AVI whose recorder dropped frames, read with each dropped frame in its place. AVI marks a dropped
 * frame by an empty chunk (capture programs write one when the camera delivers a frame late): the
 * frame before it stays on screen for that frame's time. ImageJ's reader lists only the frames with
 * data, so 10 % dropped frames made the video 10 % shorter than it lasted and every heart rate 10 %
 * too high. Here each empty chunk shows the frame before it (the first frames, where the file starts
 * with empty chunks, show the first frame with data).
 */
final class DroppedFrames extends ReadOnlyFrames {

	private final ImageStack frames;
	/** The frame of {@link #frames} (0-based) each frame of the video shows. */
	private final int[] slots;

	DroppedFrames(final ImageStack frames, final int[] slots) {
		super(frames.getWidth(), frames.getHeight());
		this.frames = frames;
		this.slots = slots;
	}

	/**
	 * The frame with data each chunk shows, for chunks of the given sizes (0 = dropped), or null where
	 * they do not describe {@code withData} frames with some dropped ones (sizes unknown, none dropped,
	 * or another number of frames with data than ImageJ listed: then the file is read as ImageJ lists it).
	 */
	static int[] slots(final long[] sizes, final int withData) {
		if (sizes == null || sizes.length <= withData) return null;
		int data = 0;
		for (final long size : sizes)
			if (size > 0) data++;
		if (data != withData || data == 0) return null;
		final int[] slots = new int[sizes.length];
		int last = -1;
		for (int i = 0; i < sizes.length; i++) {
			if (sizes[i] > 0) last++;
			slots[i] = Math.max(last, 0);
		}
		return slots;
	}

	/** What the log says of it. */
	static String note(final String fileName, final int[] slots) {
		final int dropped = slots.length - (slots[slots.length - 1] + 1);
		return fileName + " marks " + dropped + " of its " + slots.length + " frames as dropped by the recorder " +
			"(empty): each shows the frame before it, so that the video keeps the duration it was recorded in.";
	}

	@Override
	public ImageProcessor getProcessor(final int n) {
		if (n < 1 || n > slots.length) throw new IllegalArgumentException("Argument out of range: " + n);
		final ImageProcessor ip = frames.getProcessor(slots[n - 1] + 1);
		if (ip != null) ip.setSliceNumber(n);
		return ip;
	}

	@Override
	int frameCount() {
		return slots.length;
	}

	@Override
	public int getBitDepth() {
		return frames.getBitDepth();
	}

	@Override
	public String getSliceLabel(final int n) {
		return frames.getSliceLabel(slots[n - 1] + 1);
	}
}

package org.pulsej.video;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.pulsej.util.PulseJException;

/**
 * A video as PulseJ sees it: a stack of frames (possibly virtual, read on demand), its frame rate
 * and a name used to name output files. Frames are 0-based here (ImageJ slices are 1-based).
 */
public final class Video {

	/** Above this no face video is plausible: the rate is a broken header or a typo. */
	public static final double MAX_FPS = 1000;

	private final ImageStack stack;
	private final double fps;
	private final String name;
	private final File source;
	private final int bitDepth;
	private final List<String> warnings;
	/** Shared by the copies {@link #withFps} and {@link #withName} make: the same frames. */
	private final DamagedFrames damaged;

	public Video(final ImageStack stack, final int bitDepth, final double fps, final String name, final File source) {
		this(stack, bitDepth, fps, name, source, List.of());
	}

	/** As above, with warnings the reader wants the user to see (e.g. a truncated file). */
	public Video(final ImageStack stack, final int bitDepth, final double fps, final String name, final File source,
		final List<String> warnings)
	{
		this(stack, bitDepth, fps, name, source, warnings, new DamagedFrames());
	}

	private Video(final ImageStack stack, final int bitDepth, final double fps, final String name, final File source,
		final List<String> warnings, final DamagedFrames damaged)
	{
		if (stack == null || stack.getSize() == 0) throw new IllegalArgumentException("empty stack");
		if (!(fps > 0) || Double.isInfinite(fps)) throw new IllegalArgumentException("fps must be positive: " + fps);
		this.stack = stack;
		this.bitDepth = bitDepth;
		this.fps = fps;
		this.name = name;
		this.source = source;
		this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
		this.damaged = damaged;
	}

	public static Video of(final ImagePlus imp, final double fps, final String name, final File source) {
		return new Video(imp.getStack(), imp.getBitDepth(), fps, name, source);
	}

	/** The frames; may be a virtual stack that reads each frame when asked. */
	public ImageStack stack() {
		return stack;
	}

	/**
	 * Frame {@code t} (0-based). For virtual stacks this reads from disk. A frame that does not decode (a
	 * damaged file) is the nearest one that does, and is counted in {@link #damaged()}.
	 */
	public ImageProcessor frame(final int t) {
		final ImageProcessor ip = decoded(t);
		return ip != null ? ip : damaged.standIn(this, t);
	}

	/** Frame {@code t} as the stack decodes it, or null where it does not (no frame, or one of another size). */
	ImageProcessor decoded(final int t) {
		final ImageProcessor ip = stack.getProcessor(t + 1);
		return ip != null && ip.getWidth() == width() && ip.getHeight() == height() ? ip : null;
	}

	/** The frames read so far that did not decode. */
	public DamagedFrames damaged() {
		return damaged;
	}

	public int frames() {
		return stack.getSize();
	}

	public int width() {
		return stack.getWidth();
	}

	public int height() {
		return stack.getHeight();
	}

	public double fps() {
		return fps;
	}

	public double seconds() {
		return frames() / fps;
	}

	/** 8, 16, 24 (RGB) or 32. */
	public int bitDepth() {
		return bitDepth;
	}

	public boolean isColor() {
		return bitDepth == 24;
	}

	public boolean isVirtual() {
		return stack.isVirtual();
	}

	/** Stem used to name output files ({@code NAME_ppg.csv}, ...). */
	public String name() {
		return name;
	}

	/** The file or folder the video was read from, or null for an image that was already open. */
	public File source() {
		return source;
	}

	/** Problems met while reading that did not stop it (e.g. frames lost at the end of a truncated file); empty if none. */
	public List<String> warnings() {
		return warnings;
	}

	/** Says each of the {@link #warnings()} in {@code log}, as {@code PulseJ: NAME — warning}. */
	public void logWarnings(final String name, final java.util.function.Consumer<String> log) {
		for (final String w : warnings)
			log.accept("PulseJ: " + name + " — " + w);
	}

	/** The same frames at another frame rate (the user's {@code fps=} overrides the file's). */
	public Video withFps(final double newFps) {
		return new Video(stack, bitDepth, newFps, name, source, warnings, damaged);
	}

	/** The same video under another name (the result files are named after it); this one when it is the same. */
	public Video withName(final String newName) {
		return newName.equals(name) ? this : new Video(stack, bitDepth, fps, newName, source, warnings, damaged);
	}

	@Override
	public String toString() {
		return name + " (" + width() + "x" + height() + ", " + frames() + " frames, " + fps + " fps)";
	}

	/**
	 * The refusal of a video whose measured region never changes (a still picture, a frozen or
	 * repeated frame): a pulse is a change over time, and the spectrum of rounding noise would still
	 * show a "peak" (a frozen video read 44 bpm with full confidence).
	 */
	public static PulseJException still(final String name) {
		return new PulseJException("No heart rate can be measured in " + name + ": the measured region is the same " +
			"in every frame (a still picture, a frozen or repeated frame), and a pulse is a change over time.",
			"Check that this is the video you meant (a recording of a face, not a picture saved as frames); if the " +
				"face moved out of a fixed region, use roi=face or draw the region around the face.");
	}
}

package org.pulsej.video;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.ImageProcessor;

import java.io.File;

import org.pulsej.util.PulseJException;

/**
 * The frames of a folder, read one at a time when asked for. ImageJ's own {@link VirtualStack}
 * quietly pads or crops a frame of another size and draws "Error opening" into a frame it cannot
 * read; either would distort the colour signal without a word, so this stack refuses them, naming
 * the frame.
 */
final class FrameFolderStack extends VirtualStack {

	private final int bitDepth;
	private final String firstName;

	FrameFolderStack(final int width, final int height, final int bitDepth, final String directory,
		final String firstName)
	{
		super(width, height, null, directory);
		this.bitDepth = bitDepth;
		this.firstName = firstName;
		setBitDepth(bitDepth);
	}

	@Override
	public ImageProcessor getProcessor(final int n) {
		final String name = getFileName(n);
		final File file = new File(getDirectory(), name);
		final ImagePlus imp = VideoReader.openQuietly(file);
		if (imp == null || imp.getProcessor() == null) throw new PulseJException("The frame " + name + " in " +
			getDirectory() + " cannot be read (" + (file.isFile() ? "damaged, or not an image" : "it is gone") + ").",
			"Replace it with an intact frame, or export all frames again (e.g. ffmpeg -i VIDEO frames/%05d.png).");
		if (imp.getWidth() != getWidth() || imp.getHeight() != getHeight()) throw new PulseJException("The frame " +
			name + " is " + imp.getWidth() + "x" + imp.getHeight() + " pixels, but the first frame " + firstName + " is " +
			getWidth() + "x" + getHeight() + ".", strayFirst(name) + "Give a folder whose frames all have one size, e.g. " +
				"export them again with ffmpeg -i VIDEO -vf scale=" + getWidth() + ":" + getHeight() + " frames/%05d.png.");
		if (imp.getBitDepth() != bitDepth) throw new PulseJException("The frame " + name + " is " + kind(imp
			.getBitDepth()) + ", but the first frame " + firstName + " is " + kind(bitDepth) + ".", strayFirst(name) +
				"Give a folder whose frames are all colour or all grey (export them again in one format).");
		final ImageProcessor ip = imp.getProcessor();
		ip.setSliceNumber(n);
		return ip;
	}

	/**
	 * The first step of the fix when the first file is named unlike the frame that differs from it (cover.png
	 * before frame_0001.png …): that file is likely no frame at all, and rescaling every frame to its size,
	 * which the fix alone suggested, would be wrong. Empty when both follow one pattern.
	 */
	private String strayFirst(final String name) {
		if (series(firstName).equals(series(name))) return "";
		return "If " + firstName + " is not a frame (it is named unlike " + name + "), move it out of the folder. ";
	}

	/** A file name with its digits left out: the frames of one sequence share it. */
	static String series(final String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[0-9]+", "#");
	}

	private static String kind(final int bitDepth) {
		return bitDepth == 24 ? "RGB colour" : bitDepth + "-bit grey";
	}
}

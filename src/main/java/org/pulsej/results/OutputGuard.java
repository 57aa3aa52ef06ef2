package org.pulsej.results;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;

/**
 * Checks, before any video is measured, that the outputs of a run can never overwrite its inputs
 * or each other.
 */
public final class OutputGuard {

	private OutputGuard() {}

	/**
	 * @param input what the user gave as {@code input=}
	 * @param videos the videos found there ({@link VideoReader#videosIn})
	 * @param output the output folder
	 */
	public static void check(final File input, final List<File> videos, final Path output) {
		for (final File v : videos)
			// a folder of frames as output folder would gain the PNG plots as frames of the video
			refuseFrameFolder(v, output, "measured; the plots written there would become frames of the video");
		final Map<String, File> stems = new LinkedHashMap<>();
		for (final File v : videos) {
			final File other = stems.putIfAbsent(VideoReader.nameOf(v), v);
			if (other != null) throw new PulseJException(other.getName() + " and " + v.getName() + " in " + input +
				" would both write their results as " + VideoReader.nameOf(v) + "_*.csv, one over the other.",
				"Rename one of them (the name without extension must differ), then run again.");
		}
	}

	/**
	 * Refuses an output folder that is the folder of frames {@code source} itself.
	 *
	 * @param what how the frames are used and what writing there would do, after "being "
	 */
	public static void refuseFrameFolder(final File source, final Path output, final String what) {
		if (source == null || !source.isDirectory()) return;
		final Path out = output.toAbsolutePath().normalize();
		if (source.toPath().toAbsolutePath().normalize().equals(out)) throw new PulseJException("The output folder " +
			output + " is the folder of frames being " + what + ".", "Choose another output folder, e.g. output=" + out
				.resolveSibling(out.getFileName() + "_pulsej") + ".");
	}
}

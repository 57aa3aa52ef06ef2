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
	 * Refuses a model folder that holds the videos a training reads: {@code input} itself when it is a
	 * folder, a folder of frames among {@code videos}, or the folder of a video file among them. The
	 * model's files and its loss chart, a PNG image, were written among the videos, and the image was
	 * then read as a frame: it became a frame of a folder of frames, and made a dataset folder
	 * (UBFC-rPPG's subject folders) a folder of frames, whose subject folders Evaluate and Train
	 * Confidence Model then no longer looked into.
	 *
	 * @param input what the user gave as {@code input=}; null when only the videos are known
	 * @param model what is written, e.g. "PhysNet model"
	 */
	public static void refuseInputFolder(final File input, final List<File> videos, final Path output,
		final String model)
	{
		final Path out = output.toAbsolutePath().normalize();
		String holds = null;
		if (input != null && input.isDirectory() && ResultMerger.same(input.toPath(), out)) holds = "is the input folder, which " +
			"holds the videos being trained on";
		for (final File v : videos) {
			if (holds != null) break;
			if (v.isDirectory() && ResultMerger.same(v.toPath(), out)) holds = "is the folder of frames " + v.getName() +
				" being trained on";
			else if (!v.isDirectory() && v.getAbsoluteFile().getParentFile() != null && ResultMerger.same(v.getAbsoluteFile()
				.getParentFile().toPath(), out)) holds = "holds " + v.getName() + ", a video being trained on";
		}
		if (holds != null) throw new PulseJException("The output folder " + output + " " + holds + "; the " + model +
			"'s files and its loss chart, a PNG image, would be mixed with the videos (an image there is read as a " +
			"frame).",
			"Give the model a folder of its own, e.g. output=" + out.resolveSibling(out.getFileName() + "_" + model
				.toLowerCase(java.util.Locale.ROOT).replace(' ', '_')) + ".");
	}

	/**
	 * Refuses a model folder that holds a model of the other kind: Train PhysNet into a confidence model's
	 * folder, or Train Confidence Model into a PhysNet model's (or its specialists'), mixed the two
	 * models' files (training-loss.png beside training_loss.png), and the folder then opened as whichever
	 * model was asked for. One check for both trainings, so that their messages stay alike.
	 *
	 * @param model what is written, e.g. "PhysNet model"; the folder suggested ends in its first word
	 *          ({@code -physnet})
	 * @param other the kind of model that {@code markers} show, e.g. "confidence model"
	 * @param markers the files of which any shows that a model of that kind is there
	 */
	public static void refuseOtherModel(final Path output, final String model, final String other,
		final String... markers)
	{
		for (final String m : markers)
			if (java.nio.file.Files.exists(output.resolve(m))) throw new PulseJException("The folder " + output +
				" holds a " + other + " (" + m + "); a " + model + " written there would mix the two models' files.",
				"Give the " + model + " a folder of its own, e.g. output=" + output.resolveSibling(output.getFileName() +
					"-" + model.split(" ")[0].toLowerCase(java.util.Locale.ROOT)) + ".");
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

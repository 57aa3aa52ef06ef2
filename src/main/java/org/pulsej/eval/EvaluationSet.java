package org.pulsej.eval;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;

/**
 * The videos of an evaluation and where their ground truth is. {@code input} may be a video, a
 * folder of videos, a folder of frames, or a dataset folder whose sub-folders hold one recording
 * each (UBFC-rPPG: {@code subject1/vid.avi} + {@code ground_truth.txt}; PURE: {@code 01-01/01-01/}
 * frames + {@code 01-01/01-01.json}), searched two levels deep.
 */
public final class EvaluationSet {

	/** Sub-folder levels searched below {@code input}. */
	static final int DEPTH = 2;

	/**
	 * One video of the set.
	 *
	 * @param name stem of its output files (the folder name when several videos share a file name,
	 *          as UBFC-rPPG's {@code vid.avi})
	 * @param video the video file or frame folder
	 * @param groundTruth its ground-truth file, or null when none was found
	 */
	public record Item(String name, File video, Path groundTruth) {

		public boolean hasGroundTruth() {
			return groundTruth != null;
		}

		/**
		 * Opens the video, named after this item, and its ground truth (call only with {@link #hasGroundTruth}).
		 * A PURE session's frame stamps give the rate of its frame folder where {@code fps} is 0; the
		 * reader's warnings (an AVI cut short, fps= against the file's rate) are logged before the ground truth
		 * is read, which may be refused for the very rate warned of; then which ground-truth file was chosen,
		 * where there was a choice ({@link GroundTruthLoader#choiceNote}).
		 */
		public Recording open(final double fps, final org.pulsej.util.Progress progress,
			final java.util.function.Consumer<String> log)
		{
			final boolean pure = groundTruth.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
			final Reference stamped = pure ? GroundTruthLoader.load(groundTruth, fps > 0 ? fps : 30) : null;
			final org.pulsej.video.Video video = VideoReader.open(video(), pure && !(fps > 0) ? stamped.stampedFps() : fps,
				progress).withName(name);
			video.logWarnings(name, log);
			final Reference ref = pure ? stamped : GroundTruthLoader.load(groundTruth, video.fps());
			final String choice = GroundTruthLoader.choiceNote(video());
			if (choice != null) log.accept("PulseJ: " + name + " — " + choice);
			return new Recording(video, ref);
		}
	}

	/** A video with its ground truth ({@link Item#open}). */
	public record Recording(org.pulsej.video.Video video, Reference reference) {}

	private EvaluationSet() {}

	/** Finds the videos at {@code input} and their ground truth. */
	public static List<Item> scan(final File input) {
		final List<File> videos = new ArrayList<>();
		collect(input, 0, videos);
		if (videos.isEmpty()) throw new PulseJException(input + " holds no videos (.avi, .tif stacks, folders of " +
			"frames), nor sub-folders with videos.", "Give a video, a folder of videos, or a dataset folder (e.g. " +
				"UBFC-rPPG's subject folders).");
		final Map<String, Integer> stems = new HashMap<>();
		final Map<String, File> here = new HashMap<>();
		for (final File v : videos) {
			stems.merge(stem(v), 1, Integer::sum);
			// b.avi and b.mp4 side by side were both scored against b_gt.csv, as "same" and "same_2" (after their
			// folder), and both counted in the metrics; Estimate Heart Rate refuses such a folder
			final File parent = v.getAbsoluteFile().getParentFile();
			final File other = here.putIfAbsent(new File(parent, stem(v)).getPath(), v);
			if (other != null) throw new PulseJException(other.getName() + " and " + v.getName() + " in " + parent +
				" are two videos of one name: both would be scored against the same ground truth and counted twice.",
				"Keep one of them in that folder (move the other away), then run again.");
		}
		final List<Item> items = new ArrayList<>();
		final Map<String, Integer> used = new HashMap<>();
		for (final File v : videos) {
			String name = stem(v);
			if (stems.get(name) > 1) name = v.getAbsoluteFile().getParentFile().getName();
			if (used.merge(name, 1, Integer::sum) > 1) name = name + "_" + used.get(name);
			final Optional<Path> gt = GroundTruthLoader.find(v);
			items.add(new Item(name, v, gt.orElse(null)));
		}
		return items;
	}

	private static void collect(final File f, final int depth, final List<File> out) {
		try {
			final List<File> here = VideoReader.videosIn(f);
			if (depth < DEPTH && here.equals(List.of(f)) && GroundTruthLoader.find(f).isEmpty()) {
				// a dataset folder with an image beside its recordings' folders (a figure, the plots of an Evaluate
				// given it as output=) was read as one folder of frames without ground truth, its recordings left
				// out: its sub-folders' videos with ground truth are what it holds
				final List<File> below = new ArrayList<>();
				collectSubfolders(f, depth, below);
				if (below.stream().anyMatch(v -> GroundTruthLoader.find(v).isPresent())) {
					out.addAll(below);
					return;
				}
			}
			// PulseJ's own output folder inside a dataset folder (Evaluate with output=ds/eval): its plots made it a
			// folder of frames, so a second evaluation of ds was refused as "The output folder ds/eval is the folder
			// of frames being evaluated", and Train Confidence Model listed it as a video without ground truth
			if (depth > 0 && here.equals(List.of(f)) && VideoReader.isResultsFolder(f)) return;
			out.addAll(here);
			return;
		}
		catch (final PulseJException e) {
			if (!f.isDirectory() || depth >= DEPTH) {
				if (depth == 0) throw e;
				return;
			}
		}
		collectSubfolders(f, depth, out);
	}

	private static void collectSubfolders(final File f, final int depth, final List<File> out) {
		final File[] subs = f.listFiles(s -> s.isDirectory() && !s.isHidden() && !s.getName().startsWith("."));
		if (subs == null) return;
		Arrays.sort(subs, Comparator.comparing(File::getName, org.pulsej.eval.EvaluationSet::naturalCompare));
		for (final File s : subs)
			collect(s, depth + 1, out);
	}

	static String stem(final File video) {
		return video.isDirectory() ? video.getName() : GroundTruthLoader.stripExtension(video.getName());
	}

	/** Names with numbers in numeric order (subject2 before subject10). */
	static int naturalCompare(final String a, final String b) {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			final char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				int ei = i, ej = j;
				while (ei < a.length() && Character.isDigit(a.charAt(ei)))
					ei++;
				while (ej < b.length() && Character.isDigit(b.charAt(ej)))
					ej++;
				final String na = a.substring(i, ei).replaceFirst("^0+(?=.)", ""), nb = b.substring(j, ej).replaceFirst(
					"^0+(?=.)", "");
				if (na.length() != nb.length()) return na.length() - nb.length();
				final int c = na.compareTo(nb);
				if (c != 0) return c;
				i = ei;
				j = ej;
			}
			else {
				if (ca != cb) return Character.compare(ca, cb);
				i++;
				j++;
			}
		}
		return (a.length() - i) - (b.length() - j);
	}
}

package org.pulsej.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.FolderLock;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;

/**
 * Joins the output folders of the shards of a batch run into one: one {@code summary.csv} and every
 * video's files, hard-linked where the file system allows (no extra space; PulseJ never edits a
 * file in place, so a linked file cannot change behind the merged folder's back), copied
 * otherwise. Nothing is overwritten: a file that exists with other content, in the output or in two
 * shards, is a conflict, and conflicts stop the merge before anything is written.
 */
public final class ResultMerger {

	/**
	 * @param shards the shard folders merged
	 * @param videos videos in the merged summary
	 * @param linked files hard-linked; {@code copied} files copied; {@code unchanged} already there
	 * @param missing what is not there to merge (missing shards, videos without complete results)
	 */
	public record Outcome(List<Path> shards, int videos, int linked, int copied, int unchanged, List<String> missing) {

		/** At most this many missing items are listed in a message; the rest are counted. */
		public static final int LISTED = 10;

		/**
		 * The missing items, one a line, the first {@value #LISTED} of them and then how many more (shard=i/1000
		 * over a few shards listed 998 of them in an 88 kB message).
		 */
		public String missingListing() {
			final List<String> shown = missing.size() <= LISTED ? missing : missing.subList(0, LISTED);
			return String.join("\n  ", shown) + (missing.size() > shown.size() ? "\n  … and " + (missing.size() - shown
				.size()) + " more" : "");
		}

		public String report(final Path output) {
			return "Merged " + videos + " video" + (videos == 1 ? "" : "s") + " from " + shards.size() + " folder" + (shards
				.size() == 1 ? "" : "s") + " into " + output + " (" + linked + " files linked, " + copied + " copied, " +
				unchanged + " already there).";
		}
	}

	private ResultMerger() {}

	private static final String[] SUFFIXES = { "_ppg.csv", "_heart_rate.csv", "_ppg.png", "_heart_rate.png",
		"_beats.csv", "_hrv.csv", "_tachogram.png" };

	/**
	 * @param input a folder holding the shards' output folders (each a subfolder with a
	 *          {@code summary.csv})
	 * @param output the merged folder; may lie inside {@code input}, and may already hold an earlier
	 *          merge of the same run (identical files are left as they are)
	 */
	public static Outcome merge(final Path input, final Path output, final Progress progress,
		final Consumer<String> log)
	{
		// a mistyped path was called "not a folder", as if something else were there
		if (!Files.exists(input)) throw new PulseJException(input + (Files.isSymbolicLink(input) ? " is a symbolic " +
			"link that leads nowhere." : " does not exist."), "Check the path given as input= (spelling, folder, " +
				"drive): the folder that holds the shards' output folders, e.g. input=results.");
		if (!Files.isDirectory(input)) throw new PulseJException(input + " is not a folder.",
			"Give the folder that holds the shards' output folders as input=, e.g. input=results.");
		final Path out = output.toAbsolutePath().normalize();
		if (out.equals(input.toAbsolutePath().normalize())) throw new PulseJException(
			"The output folder is the input folder " + input + ".", "Give a new folder for the merged results, e.g. " +
				"output=" + input.resolve("merged") + ".");
		final List<Path> shards = shardFolders(input, out);
		// one shard's own folder given as input= (results/shard_1): say so, and name its parent
		final Path parent = input.toAbsolutePath().normalize().getParent();
		if (shards.isEmpty() && Files.isRegularFile(input.resolve(ResultWriter.SUMMARY)) && parent != null)
			throw new PulseJException(input + " is itself an output folder (it holds a " + ResultWriter.SUMMARY + (Files
				.isRegularFile(input.resolve(ShardRecord.FILE)) ? " and a shard's record " + ShardRecord.FILE : "") +
				"), not the folder that holds the shards' output folders.", "Give the folder above it, input=" + parent +
					", which holds " + input.getFileName() + " and the other shards' folders.");
		if (shards.isEmpty()) throw new PulseJException(input + " holds no shard output folders (subfolders with a " +
			ResultWriter.SUMMARY + ").", "Give the folder that holds the shards' output folders, e.g. input=results " +
				"when the shards wrote to results/shard_1, results/shard_2, ...");
		for (final Path shard : shards)
			if (within(out, shard)) throw new PulseJException("The output folder " + output + (same(out, shard) ? " is"
				: " lies inside") + " the shard folder " + shard + ", which is merged: the merge would rewrite that " +
					"shard's results with the others'.", "Give the merge a folder of its own, e.g. output=" + input
						.resolve("merged") + ".");
		final List<String> missing = new ArrayList<>();
		final String empty = checkRecords(shards, missing);
		if (empty != null) log.accept("PulseJ: " + empty);
		// merges and runs writing into the same output at once take turns: each reads the output's
		// summary, plans and writes under the output folder's lock, so no row is lost
		final boolean created = !Files.exists(out);
		AtomicFiles.ensureWritableDirectory(out);
		try {
			return FolderLock.with(out, () -> mergeLocked(input, output, out, shards, missing, progress, log));
		}
		catch (final PulseJException | java.util.concurrent.CancellationException e) {
			if (created) FolderLock.removeIfUnused(out); // a refused merge leaves nothing behind
			throw e;
		}
	}

	/** Whether {@code p} is {@code folder} or lies inside it (links resolved where the paths exist). */
	static boolean within(final Path p, final Path folder) {
		return real(p).startsWith(real(folder));
	}

	/** Whether two paths are one folder, also through a link (where the paths exist). */
	public static boolean same(final Path a, final Path b) {
		return real(a).equals(real(b));
	}

	/** The real path of {@code p}, or of its nearest existing parent with the rest appended. */
	public static Path real(final Path p) {
		final Path abs = p.toAbsolutePath().normalize();
		for (Path q = abs; q != null; q = q.getParent()) {
			try {
				return q.toRealPath().resolve(q.relativize(abs));
			}
			catch (final IOException e) {
				// not there (yet): try its parent
			}
		}
		return abs;
	}

	private static Outcome mergeLocked(final Path input, final Path output, final Path out, final List<Path> shards,
		final List<String> missing, final Progress progress, final Consumer<String> log)
	{
		// plan everything first, so that a conflict leaves the output untouched
		final Map<String, String> rows = ResultWriter.readSummaryRows(out.resolve(ResultWriter.SUMMARY));
		final Map<String, Path> rowSource = new LinkedHashMap<>();
		final Map<String, Path> files = new TreeMap<>(); // target name → source
		final List<String> conflicts = new ArrayList<>();
		for (final Path shard : shards) {
			progress.checkCancelled();
			final Map<String, String> shardRows = shardRows(shard);
			for (final Map.Entry<String, String> e : shardRows.entrySet()) {
				final String stem = e.getKey();
				if (!CompletedVideos.isComplete(shard, stem, shardRows, false)) {
					missing.add(input.relativize(shard) + ": " + stem + " (its files are incomplete)");
					continue;
				}
				final String before = rows.get(stem);
				if (before != null && !before.equals(e.getValue())) conflicts.add("the summary row of " + stem + " in " +
					shard + " differs from the one in " + (rowSource.containsKey(stem) ? rowSource.get(stem) : output));
				else {
					rows.put(stem, e.getValue());
					rowSource.putIfAbsent(stem, shard);
				}
				for (final String suffix : SUFFIXES) {
					final Path source = shard.resolve(stem + suffix);
					if (!Files.isRegularFile(source)) continue;
					final String name = stem + suffix;
					final Path planned = files.get(name);
					if (planned != null && !sameContent(planned, source)) conflicts.add(name + " differs between " +
						planned.getParent() + " and " + shard);
					else if (planned == null) {
						final Path target = out.resolve(name);
						if (Files.exists(target) && !sameContent(target, source)) conflicts.add(name + " in " + output +
							" differs from the one in " + shard);
						files.put(name, source);
					}
				}
			}
		}
		// which specialist measured each video (a PhysNet specialists run): the merge left them out, and the
		// merged folder lost each video's background and cluster
		final Map<String, String> routes = routes(out, conflicts);
		for (final Path shard : shards)
			for (final Map.Entry<String, String> e : routes(shard, conflicts).entrySet()) {
				if (!rowSource.containsKey(e.getKey()) && !rows.containsKey(e.getKey())) continue;
				final String before = routes.putIfAbsent(e.getKey(), e.getValue());
				if (before != null && !before.equals(e.getValue())) conflicts.add("the " + SPECIALISTS + " row of " + e
					.getKey() + " in " + shard + " differs from the one merged before it");
			}
		if (!conflicts.isEmpty()) throw new PulseJException(conflicts.size() + " result" + (conflicts.size() == 1 ? ""
			: "s") + " would overwrite different ones; nothing was merged:\n  " + String.join("\n  ", conflicts.subList(
				0, Math.min(10, conflicts.size()))) + (conflicts.size() > 10 ? "\n  ..." : ""),
			"Keep one result per video: delete the unwanted files (or the shard folder holding them), or merge into " +
				"a new output folder, then merge again.");

		AtomicFiles.ensureWritableDirectory(out);
		int linked = 0, copied = 0, unchanged = 0;
		for (final Map.Entry<String, Path> e : files.entrySet()) {
			progress.checkCancelled();
			final Path target = out.resolve(e.getKey());
			if (Files.exists(target)) unchanged++;
			else if (link(target, e.getValue())) linked++;
			else {
				AtomicFiles.write(target, o -> Files.copy(e.getValue(), o));
				copied++;
			}
		}
		// where each merged result came from, so that a later run into the merged folder is checked as in a shard
		for (final Map.Entry<String, Path> e : files.entrySet())
			ResultSources.copyEntry(e.getValue().getParent(), out, e.getKey());
		final List<String> sorted = new ArrayList<>(rows.keySet());
		sorted.sort(VideoReader.nameOrder());
		final List<String> ordered = new ArrayList<>();
		for (final String stem : sorted)
			ordered.add(rows.get(stem));
		if (!routes.isEmpty()) {
			final List<String> names = new ArrayList<>(routes.keySet());
			names.sort(VideoReader.nameOrder());
			final StringBuilder csv = new StringBuilder(SPECIALISTS_HEADER).append('\n');
			for (final String v : names)
				csv.append(routes.get(v)).append('\n');
			AtomicFiles.writeString(out.resolve(SPECIALISTS), csv.toString());
		}
		// the summary last: each of its rows points to files that are already in place
		ResultWriter.writeSummaryRows(out, ordered);
		final Outcome outcome = new Outcome(shards, rows.size(), linked, copied, unchanged, missing);
		log.accept("PulseJ: " + outcome.report(output));
		final String mixed = mixedMethods(ordered);
		if (mixed != null) log.accept("PulseJ: " + output + "/" + ResultWriter.SUMMARY + " now holds " + mixed + "; if " +
			"they are not meant to be one set, merge each run into a folder of its own");
		return outcome;
	}

	/** Estimate's record of the specialist that measured each video ({@code EstimateJob.SPECIALISTS_CSV}). */
	public static final String SPECIALISTS = "specialists.csv", SPECIALISTS_HEADER = "video,background,cluster,specialist";

	/** The rows of a folder's specialists.csv by video (none when it has none); unreadable: a conflict. */
	private static Map<String, String> routes(final Path folder, final List<String> conflicts) {
		final Map<String, String> out = new LinkedHashMap<>();
		final Path f = folder.resolve(SPECIALISTS);
		if (!Files.isRegularFile(f)) return out;
		try {
			final List<String> lines = Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
			for (final String l : lines.subList(Math.min(1, lines.size()), lines.size()))
				if (!l.isBlank()) out.put(ResultWriter.splitCsv(l).get(0), l);
		}
		catch (final IOException | RuntimeException e) {
			conflicts.add(f + " cannot be read (" + e.getMessage() + ")");
		}
		return out;
	}

	/** The columns of method and model in the summary rows, which are all of {@link ResultWriter#SUMMARY_HEADER}. */
	private static final int METHOD = List.of(ResultWriter.SUMMARY_HEADER.split(",")).indexOf("method"), MODEL = List
		.of(ResultWriter.SUMMARY_HEADER.split(",")).indexOf("model");

	/**
	 * The methods (with their models) of summary rows when they are more than one, counted ("GREEN (3
	 * videos), POS (1 video)"); null for one. Shards of one batch share their method, but an Estimate
	 * Heart Rate's folder beside them, or an earlier merge of another run in the output, was merged in
	 * without a word.
	 */
	static String mixedMethods(final List<String> summaryRows) {
		final Map<String, Integer> count = new TreeMap<>();
		for (final String row : summaryRows) {
			final List<String> f = ResultWriter.splitCsv(row);
			final String method = f.size() > MODEL ? f.get(METHOD) + (f.get(MODEL).isEmpty() ? "" : " (" + f.get(MODEL) +
				")") : "";
			count.merge(method, 1, Integer::sum);
		}
		if (count.size() < 2) return null;
		final List<String> parts = new ArrayList<>();
		for (final Map.Entry<String, Integer> e : count.entrySet())
			parts.add((e.getKey().isEmpty() ? "no method" : e.getKey()) + " (" + e.getValue() + " video" + (e
				.getValue() == 1 ? "" : "s") + ")");
		return "results of " + count.size() + " methods: " + String.join(", ", parts);
	}

	/** Subfolders of {@code input} with a summary or a batch record, in name order, without the output. */
	static List<Path> shardFolders(final Path input, final Path output) {
		final TreeSet<Path> out = new TreeSet<>(Comparator.comparing(p -> p.getFileName().toString(),
			VideoReader.nameOrder()));
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(input, Files::isDirectory)) {
			for (final Path d : dirs)
				// the output inside the input is an earlier merge, not a shard, unless a batch record says it is one
				// (then the check in merge() refuses it rather than rewriting that shard)
				if ((!d.toAbsolutePath().normalize().equals(output) || Files.isRegularFile(d.resolve(ShardRecord.FILE))) &&
					(Files.isRegularFile(d.resolve(ResultWriter.SUMMARY)) || Files.isRegularFile(d.resolve(
						ShardRecord.FILE)))) out.add(d);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot list the folder " + input + " (" + e.getMessage() + ").",
				"Check that it exists and that you may read it.", e);
		}
		return new ArrayList<>(out);
	}

	/**
	 * The shards' records must describe one run; shards and videos not there are listed in {@code missing}.
	 * Shards numbered beyond the run's videos own none (video k belongs to shard k mod n), so they are not
	 * missing when absent.
	 *
	 * @return a note naming those empty shards, or null when there are none
	 */
	private static String checkRecords(final List<Path> shards, final List<String> missing) {
		ShardRecord first = null;
		Path firstDir = null;
		final Map<Integer, Path> seen = new TreeMap<>();
		final List<String> unrecorded = new ArrayList<>();
		for (final Path dir : shards) {
			final ShardRecord r = ShardRecord.read(dir);
			if (r == null) {
				unrecorded.add(dir.getFileName().toString());
				continue;
			}
			if (first == null) {
				first = r;
				firstDir = dir;
			}
			else if (r.shard().count() != first.shard().count() || !r.settings().equals(first.settings()) || r
				.total() != first.total()) throw new PulseJException(dir + " and " + firstDir +
					" hold shards of different batch runs (shard " + r.shard() + " of " + r.total() + " videos vs shard " +
						first.shard() + " of " + first.total() + " videos" + (r.settings().equals(first.settings()) ? "" :
							"; " + ShardRecord.differences(r.settings(), first.settings(), "in the first",
								"in the second")) + ").", "Merge the shards of one run only: move the others out of the input folder.");
			final Path twin = seen.putIfAbsent(r.shard().index(), dir);
			if (twin != null) throw new PulseJException(dir + " and " + twin + " both hold shard " + r.shard() + ".",
				"Keep one of them (move the other out of the input folder), then merge again.");
			final Map<String, String> rows = shardRows(dir);
			for (final String stem : r.videos())
				if (!rows.containsKey(stem)) missing.add(dir.getFileName() + ": " + stem + " (failed or not run yet)");
		}
		if (first == null) return null;
		final int count = first.shard().count(), owning = Math.min(count, first.total());
		// a shard folder copied without its hidden record (cp DIR/*, a file manager) is merged, but which
		// shard it holds cannot be told: say so where the missing shard is named, or it is run again for nothing
		final String why = unrecorded.isEmpty() ? "" : "; " + String.join(", ", unrecorded.subList(0, Math.min(3,
			unrecorded.size()))) + (unrecorded.size() > 3 ? ", …" : "") + (unrecorded.size() == 1 ? " holds" : " hold") +
			" results without the shard's record " + ShardRecord.FILE + ", a hidden file that cp DIR/* and file managers " +
			"leave out: copy " + (unrecorded.size() == 1 ? "that folder" : "those folders") + " again whole (cp -r, " +
			"rsync -a) before running anything again";
		for (int i = 0; i < owning; i++)
			if (!seen.containsKey(i)) missing.add("shard " + new Shard(i, count) + " (no output folder with it" + why +
				")");
		if (owning >= count) return null;
		return (owning + 1 == count ? "shard " + new Shard(owning, count) + " holds" : "shards " + new Shard(owning,
			count) + " to " + new Shard(count - 1, count) + " hold") + " no videos: the run had " + first.total() +
			" video" + (first.total() == 1 ? "" : "s") + ", one per shard from the first, so there is nothing to merge " +
			"from " + (owning + 1 == count ? "it" : "them") + " and " + (owning + 1 == count ? "it need" : "they need") +
			" not run.";
	}

	/**
	 * The summary rows of a shard's output folder; a summary.csv there that PulseJ did not write is
	 * named as an input (the shared reader speaks of the output folder, which is left untouched here).
	 */
	private static Map<String, String> shardRows(final Path shard) {
		final Path file = shard.resolve(ResultWriter.SUMMARY);
		try {
			return ResultWriter.readSummaryRows(file);
		}
		catch (final PulseJException e) {
			throw new PulseJException(file + " is not a summary that PulseJ wrote, so " + shard.getFileName() +
				" is not the output folder of a shard.", "Move that folder out of the input folder, or run its shard " +
					"again with Batch Estimate; nothing was merged. A summary.csv opened and saved again in a " +
					"spreadsheet is no longer PulseJ's: copy the shard's folder again from where it ran.", e);
		}
	}

	private static boolean sameContent(final Path a, final Path b) {
		try {
			return Files.isSameFile(a, b) || Files.mismatch(a, b) == -1L;
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** A hard link; false where the file system cannot make one (another disk, no support). */
	private static boolean link(final Path target, final Path source) {
		try {
			Files.createLink(target, source);
			return true;
		}
		catch (final FileAlreadyExistsException e) {
			throw new PulseJException(target + " appeared while merging.", "Make sure only one merge writes to " + target
				.getParent() + ", then merge again.", e);
		}
		catch (final IOException | UnsupportedOperationException | SecurityException e) {
			return false;
		}
	}
}

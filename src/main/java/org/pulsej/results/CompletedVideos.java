package org.pulsej.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pulsej.util.AtomicFiles;

/**
 * Which videos of an output folder are finished, so that a restarted run skips exactly those.
 * <p>
 * A video {@code STEM} is <b>complete</b> when
 * <ol>
 * <li>{@code summary.csv} has a row for it (PulseJ writes that row last, after every other file of
 * the video), and</li>
 * <li>{@code STEM_ppg.csv} and {@code STEM_heart_rate.csv} exist, start with PulseJ's headers, and
 * each holds exactly the row's {@code frames} data rows, numbered 0, 1, … in order, each with the
 * header's number of fields, the last one ending in a newline, and</li>
 * <li>{@code STEM_beats.csv} and {@code STEM_hrv.csv} exist, start with PulseJ's headers and end in a
 * newline (a video that was skipped as complete without them never got them back), and</li>
 * <li>when plots are asked for, {@code STEM_ppg.png}, {@code STEM_heart_rate.png} and
 * {@code STEM_tachogram.png} exist and are not empty.</li>
 * </ol>
 * Every file is written through a temporary {@code .NAME…part} file renamed into place, so a
 * killed run leaves either a whole file or a stray {@code .part} file, never half a CSV; the checks
 * above also catch files edited or cut by hand.
 */
public final class CompletedVideos {

	private CompletedVideos() {}

	/**
	 * @param summary rows of the folder's {@code summary.csv}, keyed by video (see
	 *          {@link ResultWriter#readSummaryRows})
	 */
	public static boolean isComplete(final Path dir, final String stem, final Map<String, String> summary,
		final boolean plots)
	{
		final String row = summary.get(stem);
		if (row == null) return false;
		final int frames;
		try {
			frames = Integer.parseInt(ResultWriter.splitCsv(row).get(1).trim());
		}
		catch (final RuntimeException e) {
			return false;
		}
		if (frames < 1) return false;
		if (!csvHasRows(ResultWriter.ppgFile(dir, stem), ResultWriter.PPG_HEADER, frames)) return false;
		if (!csvHasRows(ResultWriter.heartRateFile(dir, stem), ResultWriter.HR_HEADER, frames)) return false;
		if (!startsWithHeader(ResultWriter.beatsFile(dir, stem), ResultWriter.BEATS_HEADER) || !startsWithHeader(
			ResultWriter.hrvFile(dir, stem), ResultWriter.HRV_HEADER)) return false;
		return !plots || nonEmpty(dir.resolve(stem + "_ppg.png")) && nonEmpty(dir.resolve(stem +
			"_heart_rate.png")) && nonEmpty(dir.resolve(stem + "_tachogram.png"));
	}

	/** Whether {@code file} is PulseJ's (its first line is {@code header}) and whole (it ends in a newline). */
	static boolean startsWithHeader(final Path file, final String header) {
		if (!Files.isRegularFile(file)) return false;
		try {
			if (!endsWithNewline(file)) return false;
			try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				return header.equals(in.readLine());
			}
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/**
	 * Whether the video changed after its results were written (a newer file copied over it): its
	 * results are then not those of the video now there. A video or results that cannot be dated count
	 * as unchanged.
	 */
	public static boolean changedSince(final java.io.File video, final Path dir, final String stem) {
		try {
			return Files.getLastModifiedTime(video.toPath()).compareTo(Files.getLastModifiedTime(ResultWriter.ppgFile(dir,
				stem))) > 0;
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** Whether {@code file} has {@code header} and rows 0..frames−1 with as many fields as the header. */
	static boolean csvHasRows(final Path file, final String header, final int frames) {
		if (!Files.isRegularFile(file)) return false;
		final int fields = header.split(",").length;
		try {
			if (!endsWithNewline(file)) return false;
			try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				if (!header.equals(in.readLine())) return false;
				int expected = 0;
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					if (expected >= frames) return false;
					final String[] f = line.split(",", -1);
					if (f.length != fields || !f[0].equals(Integer.toString(expected))) return false;
					expected++;
				}
				return expected == frames;
			}
		}
		catch (final IOException e) {
			return false;
		}
	}

	private static boolean endsWithNewline(final Path file) throws IOException {
		try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
			if (ch.size() == 0) return false;
			ch.position(ch.size() - 1);
			final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
			ch.read(b);
			return b.get(0) == '\n';
		}
	}

	private static boolean nonEmpty(final Path file) {
		try {
			return Files.isRegularFile(file) && Files.size(file) > 0;
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Whether {@code name} is a temporary file that {@code AtomicFiles} writes before renaming it. */
	public static boolean isTemporary(final String name) {
		return name.startsWith(".") && name.endsWith(".part");
	}

	/**
	 * Deletes the temporary files that a killed run left in {@code dir} (an interrupted write never
	 * reaches its rename). Only PulseJ's own {@code .NAME…part} files are touched, and only those whose
	 * writer is gone ({@link AtomicFiles#isAbandoned}): a run writing into the same folder at the same
	 * time keeps its live temporary files.
	 *
	 * @return the names of the files deleted
	 */
	public static List<String> removeLeftoverTemporaries(final Path dir) {
		final List<String> removed = new ArrayList<>();
		if (!Files.isDirectory(dir)) return removed;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isTemporary(p.getFileName()
			.toString()) && Files.isRegularFile(p)))
		{
			for (final Path p : files) {
				if (!AtomicFiles.isAbandoned(p)) continue;
				Files.deleteIfExists(p);
				removed.add(p.getFileName().toString());
			}
		}
		catch (final IOException e) {
			// a leftover that cannot be deleted does no harm: it is never read
		}
		return removed;
	}
}

package org.pulsej.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pulsej.plot.Charts;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.PulseJException;
import org.pulsej.util.Csv;

/**
 * Writes an evaluation: {@code metrics.csv} (a row per method; first columns
 * {@code method,videos,mae_bpm,rmse_bpm,mape_pct,pearson_r,snr_db,mcc}, errors per frame, then
 * the per-video {@code video_*} columns), {@code evaluation.csv} (a row per video and method) and,
 * with plots, {@code bland_altman_ROW.png} and {@code estimate_vs_reference_ROW.png} per row. Files
 * are replaced atomically; a file of the same name that PulseJ did not write is refused.
 */
public final class EvaluationWriter {

	public static final String METRICS = "metrics.csv", EVALUATION = "evaluation.csv";

	/** Columns of {@code evaluation.csv}. */
	public static final String EVALUATION_HEADER = "video,method,hr_ref_bpm,hr_est_bpm,mae_bpm,rmse_bpm,mape_pct," +
		"pearson_r,snr_db,mcc,frames,frames_evaluated,video_error_bpm,confidence_mean,resp_ref_bpm,resp_est_bpm," +
		"beats_ref,beats_matched,beat_timing_error_ms,sdnn_ref_ms,sdnn_est_ms,rmssd_ref_ms,rmssd_est_ms";
	/** The columns before the beat comparison was appended: such a file is replaced, not refused. */
	static final String EVALUATION_HEADER_V1 = EVALUATION_HEADER.substring(0, EVALUATION_HEADER.indexOf(",beats_ref"));

	private EvaluationWriter() {}

	/** Refuses, before anything is measured or written, a metrics.csv or evaluation.csv PulseJ did not write. */
	public static void checkOutput(final Path dir) {
		checkOutput(dir, null);
	}

	/**
	 * As {@link #checkOutput(Path)}, and refuses a folder that holds the evaluation of other videos than
	 * {@code source} (as {@link #SOURCE} records it): their metrics.csv and evaluation.csv would be
	 * replaced by this one's, and the per-video files of both sets mixed. The same videos evaluated again
	 * (other methods or settings) replace it, as before; a null source (videos in memory) checks nothing more.
	 */
	public static void checkOutput(final Path dir, final Path source) {
		final Path metrics = dir.resolve(METRICS), evaluation = dir.resolve(EVALUATION);
		refuseForeign(metrics, MethodScore.HEADER);
		if (!hasHeader(evaluation, EVALUATION_HEADER_V1)) refuseForeign(evaluation, EVALUATION_HEADER);
		// an unfinished evaluation's per-video files count too: a second one of other videos would mix with them
		if (source == null || !Files.exists(metrics) && !Files.exists(evaluation) && !Files.exists(dir.resolve(
			INCOMPLETE))) return;
		final Path earlier = recordedSource(dir);
		if (earlier == null || org.pulsej.results.ResultMerger.same(earlier, source)) return;
		throw new PulseJException(dir + " already holds the evaluation of " + earlier + " (" + METRICS + ", " +
			EVALUATION + " and its per-video files); evaluating " + source + " there would replace that evaluation " +
			"and mix the two sets' files.", "Give another output folder (e.g. output=" + dir.resolveSibling(dir
				.getFileName() + "-" + source.getFileName()) + "), or move the earlier evaluation's files away first.");
	}

	/**
	 * The file recording which videos (the input folder or video, as a real path) the evaluation in a
	 * folder is of, so that a second evaluation of other videos is not written over it.
	 */
	public static final String SOURCE = ".pulsej-evaluated";

	/**
	 * The note that the evaluation in a folder did not finish: written before the first video is measured,
	 * removed once {@link #METRICS} and {@link #EVALUATION} are written (or the run ends with nothing to
	 * score). A run cancelled, killed or stopped by a crash left the finished videos' per-video files
	 * without metrics.csv and evaluation.csv (or beside an earlier evaluation's), and nothing said so.
	 */
	public static final String INCOMPLETE = "evaluation-incomplete.txt";

	/**
	 * Writes {@link #INCOMPLETE} into {@code dir} for an evaluation of {@code source} (null: videos in memory),
	 * and records the source in {@link #SOURCE}.
	 */
	static void markIncomplete(final Path dir, final Path source) {
		final String started = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal
			.ChronoUnit.SECONDS).toString();
		AtomicFiles.writeText(dir.resolve(INCOMPLETE), w -> w.write("The evaluation of " + (source == null
			? "videos in memory" : source.toString()) + " started here at " + started + " has not finished: it was " +
			"stopped (cancelled, killed, or the computer stopped) before " + METRICS + " and " + EVALUATION +
			" were written.\nThe per-video files here are those of the videos it finished; " + METRICS + " and " +
			EVALUATION + ", where present, are of an earlier evaluation and do not hold them.\n" +
			"Run the same Evaluate again to complete it (it measures every video again); PulseJ removes this file " +
			"once the evaluation is written.\n"));
		// recorded now, not only at the end: a run stopped before its end leaves per-video files of these videos
		if (source != null) recordSource(dir, source);
	}

	/** Removes {@link #INCOMPLETE} from {@code dir}: the evaluation there is written. */
	static void clearIncomplete(final Path dir) {
		final Path note = dir.resolve(INCOMPLETE);
		try {
			Files.deleteIfExists(note);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot remove " + note + " (" + e.getMessage() + ").",
				"Check the output folder's permissions, then remove it: the evaluation there is complete.", e);
		}
	}

	/**
	 * Removes the record of {@link #SOURCE} from {@code dir} when the folder holds no evaluation (no
	 * {@link #METRICS} or {@link #EVALUATION}): a run that ended with every video failed recorded its videos
	 * when it started ({@link #markIncomplete}), and a folder it made would otherwise not be empty.
	 */
	static void unrecordIfUnwritten(final Path dir) {
		if (!Files.exists(dir.resolve(METRICS)) && !Files.exists(dir.resolve(EVALUATION))) recordSource(dir, null);
	}

	/** The videos the evaluation in {@code dir} is of, or null where unrecorded or unreadable. */
	static Path recordedSource(final Path dir) {
		try {
			final List<String> lines = Files.readAllLines(dir.resolve(SOURCE), StandardCharsets.UTF_8);
			return lines.isEmpty() || lines.get(0).isBlank() ? null : Path.of(lines.get(0).trim());
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	public static void write(final EvaluationJob.Outcome outcome, final Path dir, final boolean plots) {
		write(outcome, dir, plots, null);
	}

	/**
	 * Writes the evaluation of the videos at {@code source} (null: videos in memory, recorded as none) and
	 * records that source in {@link #SOURCE}.
	 */
	public static void write(final EvaluationJob.Outcome outcome, final Path dir, final boolean plots,
		final Path source)
	{
		final Path metrics = dir.resolve(METRICS), evaluation = dir.resolve(EVALUATION);
		checkOutput(dir, source);
		AtomicFiles.writeText(metrics, w -> {
			w.write(MethodScore.HEADER + "\n");
			for (final MethodScore s : outcome.metrics())
				w.write(String.join(",", Csv.quote(s.method()), String.valueOf(s.videos()), opt(s.mae(), 4), opt(s.rmse(), 4),
					opt(s.mape(), 4), opt(s.pearson(), 4), opt(s.snrDb(), 3), opt(s.mcc(), 4), String.valueOf(s.frames()),
					opt(s.videoMae(), 4), opt(s.videoRmse(), 4), opt(s.videoPearson(), 4), opt(s.respMae(), 3)) + "\n");
		});
		AtomicFiles.writeText(evaluation, w -> {
			w.write(EVALUATION_HEADER + "\n");
			for (final VideoScore s : outcome.videos())
				w.write(String.join(",", Csv.quote(s.video()), Csv.quote(s.row()), opt(s.hrRef(), 4), opt(s.hrEst(), 4), opt(s.mae(),
					4), opt(s.rmse(), 4), opt(s.mape(), 4), opt(s.pearson(), 4), opt(s.snrDb(), 3), opt(s.mcc(), 4), String
						.valueOf(s.frames()), String.valueOf(s.evaluated()), opt(s.videoError(), 4), opt(s.confidenceMean(),
							4), opt(s.respRef(), 3), opt(s.respEst(), 3)) + beatCells(s.beats()) + "\n");
		});
		recordSource(dir, source);
		if (plots) for (final Map.Entry<String, List<VideoScore>> e : byRow(outcome).entrySet()) {
			Charts.savePng(EvaluationCharts.blandAltman(e.getKey(), e.getValue()), dir.resolve(blandAltmanFile(e
				.getKey())));
			Charts.savePng(EvaluationCharts.estimateVsReference(e.getKey(), e.getValue()), dir.resolve(scatterFile(e
				.getKey())));
		}
	}

	/** Records the evaluated videos' real path; without a source, an earlier record no longer holds. */
	private static void recordSource(final Path dir, final Path source) {
		final Path record = dir.resolve(SOURCE);
		if (source == null) {
			try {
				Files.deleteIfExists(record);
			}
			catch (final IOException e) {
				throw new PulseJException("Cannot remove " + record + " (" + e.getMessage() + ").",
					"Check the output folder's permissions.", e);
			}
			return;
		}
		final String line = org.pulsej.results.ResultMerger.real(source).toString();
		AtomicFiles.writeText(record, w -> w.write(line + "\n"));
	}

	/** The beat-comparison cells (empty without a reference PPG or where not measured). */
	private static String beatCells(final org.pulsej.signal.BeatComparison b) {
		if (b == null) return ",,,,,,,";
		return "," + b.reference() + "," + b.matched() + "," + opt(b.medianAbsErrorMs(), 2) + "," + opt(b.sdnnRefMs(), 2) +
			"," + opt(b.sdnnEstMs(), 2) + "," + opt(b.rmssdRefMs(), 2) + "," + opt(b.rmssdEstMs(), 2);
	}

	/**
	 * A number cell, empty where there is no number (NaN: one video has no Pearson r, no breathing
	 * reference), as summary.csv leaves it: a spreadsheet reads NaN as text.
	 */
	private static String opt(final double v, final int digits) {
		return Double.isFinite(v) ? Csv.num(v, digits) : "";
	}

	private static boolean hasHeader(final Path file, final String header) {
		try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			final String first = in.readLine();
			return first != null && first.trim().equals(header);
		}
		catch (final IOException e) {
			return false;
		}
	}

	public static String blandAltmanFile(final String row) {
		return "bland_altman_" + fileSafe(row) + ".png";
	}

	public static String scatterFile(final String row) {
		return "estimate_vs_reference_" + fileSafe(row) + ".png";
	}

	/** The video scores grouped by row, in the order of the metrics. */
	public static Map<String, List<VideoScore>> byRow(final EvaluationJob.Outcome outcome) {
		final Map<String, List<VideoScore>> rows = new LinkedHashMap<>();
		for (final VideoScore s : outcome.videos())
			rows.computeIfAbsent(s.row(), k -> new ArrayList<>()).add(s);
		return rows;
	}

	/** Reads a CSV written here as column → value maps (for tests and scripts). */
	public static List<Map<String, String>> read(final Path csv) {
		try {
			final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			final String[] cols = lines.get(0).split(",");
			final List<Map<String, String>> out = new ArrayList<>();
			for (final String line : lines.subList(1, lines.size())) {
				if (line.isBlank()) continue;
				final List<String> cells = Csv.split(line);
				final Map<String, String> m = new LinkedHashMap<>();
				for (int i = 0; i < cols.length; i++)
					m.put(cols[i], i < cells.size() ? cells.get(i) : "");
				out.add(m);
			}
			return out;
		}
		catch (final IOException | IndexOutOfBoundsException e) {
			throw new PulseJException("Cannot read " + csv + " (" + e.getMessage() + ").", "Run the evaluation again.",
				e);
		}
	}

	private static void refuseForeign(final Path file, final String header) {
		if (!Files.exists(file)) return;
		try {
			final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			if (!lines.isEmpty() && lines.get(0).trim().equals(header)) return;
		}
		catch (final IOException e) {
			// unreadable: treated as foreign below
		}
		throw AtomicFiles.foreign(file, null, null);
	}

	/**
	 * The Bland–Altman and estimate-vs-reference plots in {@code output} that are not this evaluation's:
	 * of rows (methods) it did not score, or any when it wrote no plots. metrics.csv and evaluation.csv
	 * are replaced by each evaluation, so an earlier one's plots beside them showed results they no
	 * longer hold.
	 */
	static List<String> stalePlots(final EvaluationJob.Outcome outcome, final Path output, final boolean plots) {
		final java.util.Set<String> current = new java.util.HashSet<>();
		if (plots) for (final String row : byRow(outcome).keySet()) { // the plots write() saved
			current.add(blandAltmanFile(row));
			current.add(scatterFile(row));
		}
		final List<String> stale = new ArrayList<>();
		final java.io.File[] files = output.toFile().listFiles();
		if (files == null) return stale;
		for (final java.io.File f : files) {
			final String n = f.getName();
			if (f.isFile() && n.endsWith(".png") && (n.startsWith("bland_altman_") || n.startsWith(
				"estimate_vs_reference_")) && !current.contains(n)) stale.add(n);
		}
		java.util.Collections.sort(stale);
		return stale;
	}

	static String fileSafe(final String s) {
		return s.replaceAll("[^A-Za-z0-9._-]+", "_");
	}
}

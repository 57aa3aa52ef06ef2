package org.pulsej.results;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pulsej.signal.BeatDetector;
import org.pulsej.signal.HeartRateVariability;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Csv;
import org.pulsej.util.FolderLock;
import org.pulsej.util.PulseJException;

/**
 * Writes PulseJ's output contract, on which macros, cluster scripts and the evaluation depend:
 * per video {@code STEM_ppg.csv} (frame,time_s,ppg) and {@code STEM_heart_rate.csv}
 * (frame,time_s,hr_bpm,hr_instant_bpm,confidence), {@code STEM_beats.csv} ({@link #BEATS_HEADER}) and
 * {@code STEM_hrv.csv} ({@link #HRV_HEADER}), and one {@code summary.csv} with a row per
 * video. Every file is written atomically; rows of other videos already in {@code summary.csv}
 * are kept, the row of a re-measured video is replaced.
 */
public final class ResultWriter {

	public static final String SUMMARY = "summary.csv";
	public static final String SUMMARY_HEADER = "video,frames,fps,hr_median_bpm,hr_mean_bpm,snr_db,method,model,resp_bpm" +
		",beats,beat_quality,hr_beats_bpm,sdnn_ms,rmssd_ms,pnn50_pct,lf_hf,warnings";
	/** The header before resp_bpm was appended: such a summary is extended (empty cells), not refused. */
	static final String SUMMARY_HEADER_V1 = "video,frames,fps,hr_median_bpm,hr_mean_bpm,snr_db,method,model";
	/** The header before the beat columns were appended: extended in the same way. */
	static final String SUMMARY_HEADER_V2 = SUMMARY_HEADER_V1 + ",resp_bpm";
	/** The header before the warnings column was appended: extended in the same way. */
	static final String SUMMARY_HEADER_V3 = SUMMARY_HEADER_V2 + ",beats,beat_quality,hr_beats_bpm,sdnn_ms,rmssd_ms," +
		"pnn50_pct,lf_hf";
	/** Per video: each beat, the interval ending at it, whether that is valid and why not. */
	public static final String BEATS_HEADER = "beat,time_s,ibi_ms,valid,reason";
	/** Per video: heart-rate variability in sliding windows. */
	public static final String HRV_HEADER = "window_start_s,window_end_s,beats,valid_intervals,beat_quality," +
		"hr_beats_bpm,sdnn_ms,rmssd_ms,pnn50_pct,lf_hf,note";
	public static final String PPG_HEADER = "frame,time_s,ppg";
	public static final String HR_HEADER = "frame,time_s,hr_bpm,hr_instant_bpm,confidence";

	private ResultWriter() {}

	public static Path ppgFile(final Path dir, final String video) {
		return dir.resolve(video + "_ppg.csv");
	}

	public static Path heartRateFile(final Path dir, final String video) {
		return dir.resolve(video + "_heart_rate.csv");
	}

	public static Path beatsFile(final Path dir, final String video) {
		return dir.resolve(video + "_beats.csv");
	}

	public static Path hrvFile(final Path dir, final String video) {
		return dir.resolve(video + "_hrv.csv");
	}

	/**
	 * Writes the per-video files, its plots where {@code plots}, and where {@code summary} its row of
	 * {@code summary.csv}, as one set ({@link AtomicFiles#writeAll}): a file that cannot be written (a
	 * full disk, a plot open in a viewer) leaves all of the video's earlier files and its summary row as
	 * they were, not new tables beside old plots and an old row. The summary row comes last, so a video
	 * with a row has all its files ({@link CompletedVideos}). {@code input} (may be null) is never
	 * overwritten.
	 */
	public static void write(final HeartRateResult r, final Path dir, final File input, final boolean plots,
		final boolean summary)
	{
		final Map<Path, AtomicFiles.Content> files = new LinkedHashMap<>();
		tables(r, dir, input).forEach((path, text) -> files.put(path, AtomicFiles.utf8(text)));
		if (plots) files.putAll(ResultCharts.files(r, dir));
		if (!summary) {
			AtomicFiles.writeAll(files);
			return;
		}
		// read, change and write back under the folder's lock, as updateSummary does
		FolderLock.run(dir, () -> {
			files.put(dir.resolve(SUMMARY), AtomicFiles.utf8(summaryWith(List.of(r), dir)));
			AtomicFiles.writeAll(files);
		});
	}

	/** Writes the per-video tables alone, as one set; {@code input} (may be null) is never overwritten. */
	public static void write(final HeartRateResult r, final Path dir, final File input) {
		write(r, dir, input, false, false);
	}

	/** The per-video tables of {@code r}, checked: none of them is {@code input} or a file PulseJ did not write. */
	private static Map<Path, AtomicFiles.Text> tables(final HeartRateResult r, final Path dir, final File input) {
		// made again if a refused run beside this one removed the folder it had just made, empty
		AtomicFiles.ensureWritableDirectory(dir);
		final Path ppg = ppgFile(dir, r.video());
		final Path hr = heartRateFile(dir, r.video());
		final Path beats = beatsFile(dir, r.video()), hrv = hrvFile(dir, r.video());
		refuseInput(input, ppg, hr, beats, hrv);
		refuseForeign(ppg, PPG_HEADER);
		refuseForeign(hr, HR_HEADER);
		refuseForeign(beats, BEATS_HEADER);
		refuseForeign(hrv, HRV_HEADER);
		// one set: a file that cannot be replaced (open in a spreadsheet) leaves all four as they were, not a mix
		final Map<Path, AtomicFiles.Text> files = new LinkedHashMap<>();
		files.put(ppg, w -> {
			w.write(PPG_HEADER + "\n");
			for (int t = 0; t < r.frames(); t++)
				w.write(t + "," + num(r.time(t), 5) + "," + num(r.ppg()[t], 8) + "\n");
		});
		files.put(hr, w -> {
			w.write(HR_HEADER + "\n");
			for (int t = 0; t < r.frames(); t++)
				w.write(t + "," + num(r.time(t), 5) + "," + num(r.hr()[t], 4) + "," + num(r.hrInstant()[t], 4) + "," +
					num(r.confidence()[t], 4) + "\n");
		});
		final BeatDetector.Beats b = r.beats();
		files.put(beats, w -> {
			w.write(BEATS_HEADER + "\n");
			for (int k = 0; k < b.count(); k++)
				w.write(k + "," + num(b.timeSeconds()[k], 4) + "," + opt(b.ibiMs()[k], 2) + "," + (b.valid(k) ? 1 : 0) +
					"," + (b.valid(k) ? "" : b.reason()[k].name().toLowerCase(Locale.ROOT)) + "\n");
		});
		files.put(hrv, w -> {
			w.write(HRV_HEADER + "\n");
			for (final HeartRateVariability h : HeartRateVariability.windows(b, HeartRateVariability.WINDOW_SECONDS,
				HeartRateVariability.STEP_SECONDS))
				w.write(num(h.startSeconds(), 3) + "," + num(h.endSeconds(), 3) + "," + h.beats() + "," + h.validIntervals() +
					"," + num(h.quality(), 4) + "," + opt(h.hrBpm(), 3) + "," + opt(h.sdnnMs(), 2) + "," + opt(h.rmssdMs(), 2) +
					"," + opt(h.pnn50Pct(), 2) + "," + opt(h.lfHf(), 4) + "," + csv(h.note()) + "\n");
		});
		return files;
	}

	/** A number, or an empty cell when it was not measured (pandas and R read that as missing). */
	static String opt(final double v, final int digits) {
		return Double.isFinite(v) ? num(v, digits) : "";
	}

	/** Adds or replaces the rows of these results in {@code dir/summary.csv}. */
	public static void updateSummary(final List<HeartRateResult> results, final Path dir) {
		AtomicFiles.ensureWritableDirectory(dir);
		// read, change and write back under the folder's lock: runs writing into one folder at once
		// (several Estimate runs, a Batch and an Estimate) would otherwise lose each other's rows
		FolderLock.run(dir, () -> AtomicFiles.writeText(dir.resolve(SUMMARY), summaryWith(results, dir)));
	}

	/** {@code dir/summary.csv} with the rows of these results added or replaced; read under the folder's lock. */
	private static AtomicFiles.Text summaryWith(final List<HeartRateResult> results, final Path dir) {
		final Map<String, String> rows = readSummaryRows(dir.resolve(SUMMARY));
		for (final HeartRateResult r : results)
			ShardRecord.checkMethod(dir, r.method()); // a batch run of another method may have started meanwhile
		for (final HeartRateResult r : results)
			rows.put(r.video(), summaryRow(r));
		return w -> writeSummary(w, rows.values());
	}

	/** Writes {@code dir/summary.csv} with exactly these rows (as {@link #summaryRow} makes them). */
	static void writeSummaryRows(final Path dir, final Iterable<String> rows) {
		AtomicFiles.writeText(dir.resolve(SUMMARY), w -> writeSummary(w, rows));
	}

	public static String summaryRow(final HeartRateResult r) {
		final BeatDetector.Beats b = r.beats();
		final HeartRateVariability h = HeartRateVariability.of(b);
		return csv(r.video()) + "," + r.frames() + "," + num(r.fps(), 6) + "," + num(r.hrMedian(), 4) + "," + num(r
			.hrMean(), 4) + "," + num(r.snrDb(), 3) + "," + csv(r.method()) + "," + csv(r.model()) + "," + opt(r
				.respBpm(), 2) + "," + b.count() + "," + num(h.quality(), 4) + "," + opt(h.hrBpm(), 3) + "," + opt(h.sdnnMs(),
					2) + "," + opt(h.rmssdMs(), 2) + "," + opt(h.pnn50Pct(), 2) + "," + opt(h.lfHf(), 4) + "," + VideoWarnings.cell(r.warnings());
	}

	private static void writeSummary(final Writer w, final Iterable<String> rows) throws IOException {
		w.write(SUMMARY_HEADER + "\n");
		for (final String row : rows)
			w.write(row + "\n");
	}

	/**
	 * The log's note when {@code dir} holds results of {@code r}'s video measured with another method or
	 * model, which writing {@code r} replaces; null when it holds none or the same method's. (Batch Estimate
	 * refuses a folder of another method's batch before this.)
	 */
	public static String replacedNote(final HeartRateResult r, final Path dir) {
		final String model = r.model() == null ? "" : r.model();
		for (final Map<String, String> row : readSummary(dir.resolve(SUMMARY)))
			if (row.get("video").equals(r.video()) && (!row.get("method").equals(r.method()) || !row.get("model").equals(
				model)))
				return "PulseJ: " + r.video() + " — its results in " + dir + " measured with " + row.get("method") + (row
					.get("model").isEmpty() ? "" : " (" + row.get("model") + ")") + " are replaced by these of " + r
						.method() + (model.isEmpty() ? "" : " (" + model + ")") + "; give each method its own output " +
					"folder to keep both";
		return null;
	}

	/** Rows of an existing summary, keyed by video; a file of another format is refused, not overwritten. */
	public static Map<String, String> readSummaryRows(final Path file) {
		final Map<String, String> rows = new LinkedHashMap<>();
		if (!Files.exists(file)) return rows;
		final List<String> lines;
		final boolean endsWithNewline;
		try {
			final String text = Files.readString(file, StandardCharsets.UTF_8);
			endsWithNewline = text.endsWith("\n");
			lines = new ArrayList<>(text.lines().toList());
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot read the existing " + file + " (" + e.getMessage() + ").",
				"Move it away or choose another output folder.", e);
		}
		final String head = lines.isEmpty() ? "" : lines.get(0).trim();
		final boolean older = head.equals(SUMMARY_HEADER_V1) || head.equals(SUMMARY_HEADER_V2) || head.equals(
			SUMMARY_HEADER_V3);
		// rows of an older summary gain empty cells for the columns appended since
		final String pad = older ? ",".repeat(SUMMARY_HEADER.split(",").length - head.split(",").length) : "";
		if (lines.isEmpty() || !older && !head.equals(SUMMARY_HEADER)) throw AtomicFiles.foreign(file, null, null);
		// a row is complete only with every column of its header and its newline: a file cut inside
		// a row (a copy or a disk that filled up, an edit by hand) must not make its video count as done
		final int columns = head.split(",", -1).length;
		for (int i = 1; i < lines.size(); i++) {
			final String line = lines.get(i);
			if (line.isBlank()) continue;
			if (i == lines.size() - 1 && !endsWithNewline) continue;
			if (splitCsv(line).size() != columns) continue;
			rows.put(firstField(line), line + pad);
		}
		return rows;
	}

	/** Rows of a summary as column→value maps (for tests, merging and evaluation). */
	public static List<Map<String, String>> readSummary(final Path file) {
		final List<Map<String, String>> out = new ArrayList<>();
		final String[] cols = SUMMARY_HEADER.split(",");
		for (final String line : readSummaryRows(file).values()) {
			final List<String> f = splitCsv(line);
			final Map<String, String> m = new LinkedHashMap<>();
			for (int i = 0; i < cols.length; i++)
				m.put(cols[i], i < f.size() ? f.get(i) : "");
			out.add(m);
		}
		return out;
	}

	private static void refuseInput(final File input, final Path... outputs) {
		if (input == null) return;
		final Path in = input.toPath().toAbsolutePath().normalize();
		for (final Path out : outputs)
			if (out.toAbsolutePath().normalize().equals(in)) throw new PulseJException("Writing " + out +
				" would overwrite the input video.", "Choose another output folder.");
	}

	/** A file of this name that PulseJ did not write (another header) is left alone. */
	public static void refuseForeign(final Path file, final String header) {
		if (!Files.isRegularFile(file)) return;
		String first;
		try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			first = in.readLine();
		}
		catch (final IOException e) {
			first = null; // unreadable, e.g. not UTF-8: not PulseJ's
		}
		if (!header.equals(first)) throw AtomicFiles.foreign(file, null, null);
	}

	public static String num(final double v, final int digits) {
		return Csv.num(v, digits);
	}

	public static String csv(final String s) {
		return Csv.quote(s);
	}

	private static String firstField(final String line) {
		return splitCsv(line).get(0);
	}

	public static List<String> splitCsv(final String line) {
		return Csv.split(line);
	}
}

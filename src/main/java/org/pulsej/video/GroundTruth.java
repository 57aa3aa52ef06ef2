package org.pulsej.video;

import java.awt.geom.Rectangle2D;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;
import org.pulsej.util.TextFiles;

/**
 * What is known to be true about a video, one value per frame: the reference PPG (blood volume
 * pulse, higher = more blood; unitless), the heart and breathing rates and the face box. Made by
 * the synthetic generator and read from CSV files to evaluate PulseJ on recorded data. Unknown
 * values are NaN, unknown boxes null. The arrays are shared, not copied: do not modify them.
 */
public final class GroundTruth {

	/** The CSV columns, in the order {@link #write} writes them. */
	public static final List<String> COLUMNS = List.of("frame", "time_s", "ppg", "hr_bpm", "resp_bpm", "face_x",
		"face_y", "face_w", "face_h");

	private final double fps;
	private final double[] timeSeconds, ppg, hrBpm, respirationBpm;
	private final Rectangle2D.Double[] faceBox;

	public GroundTruth(final double fps, final double[] timeSeconds, final double[] ppg, final double[] hrBpm,
		final double[] respirationBpm, final Rectangle2D.Double[] faceBox)
	{
		final int n = timeSeconds.length;
		if (ppg.length != n || hrBpm.length != n || respirationBpm.length != n || faceBox.length != n)
			throw new IllegalArgumentException("ground truth arrays differ in length");
		if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive: " + fps);
		this.fps = fps;
		this.timeSeconds = timeSeconds;
		this.ppg = ppg;
		this.hrBpm = hrBpm;
		this.respirationBpm = respirationBpm;
		this.faceBox = faceBox;
	}

	public double fps() {
		return fps;
	}

	public int frames() {
		return timeSeconds.length;
	}

	public double[] timeSeconds() {
		return timeSeconds;
	}

	public double[] ppg() {
		return ppg;
	}

	public double[] hrBpm() {
		return hrBpm;
	}

	public double[] respirationBpm() {
		return respirationBpm;
	}

	/** The true face box of each frame in pixels, or null where unknown. */
	public Rectangle2D.Double[] faceBox() {
		return faceBox;
	}

	/** Writes the columns of {@link #COLUMNS} (unknown values as empty cells), atomically. */
	public void write(final Path csv) {
		AtomicFiles.writeText(csv, w -> {
			w.write(String.join(",", COLUMNS));
			w.write('\n');
			final StringBuilder line = new StringBuilder(128);
			for (int t = 0; t < frames(); t++) {
				line.setLength(0);
				line.append(t);
				cell(line, timeSeconds[t]);
				cell(line, ppg[t]);
				cell(line, hrBpm[t]);
				cell(line, respirationBpm[t]);
				final Rectangle2D.Double b = faceBox[t];
				cell(line, b == null ? Double.NaN : b.x);
				cell(line, b == null ? Double.NaN : b.y);
				cell(line, b == null ? Double.NaN : b.width);
				cell(line, b == null ? Double.NaN : b.height);
				line.append('\n');
				w.write(line.toString());
			}
		});
	}

	private static void cell(final StringBuilder line, final double v) {
		line.append(',');
		if (!Double.isNaN(v)) line.append(v); // shortest text that reads back to the same double
	}

	/**
	 * Reads a ground-truth CSV. The header names the columns (any of {@link #COLUMNS}, in any order;
	 * others are ignored); it needs {@code frame} or {@code time_s}. With {@code frame}, each row
	 * belongs to that frame (frames without a row get NaN); without it, rows are consecutive
	 * samples. Missing columns give NaN values (null face boxes).
	 *
	 * @param fps frame rate of the video, used for times where {@code time_s} is missing
	 */
	public static GroundTruth read(final Path csv, final double fps) {
		if (!(fps > 0)) throw new PulseJException("The frame rate for " + csv.getFileName() + " is unknown",
			"Give it with fps=30 (frames per second)");
		if (!Files.isRegularFile(csv)) throw new PulseJException("The ground truth file " + csv + " does not exist.",
			"Check the path of the ground truth CSV.");
		final List<String[]> rows = new ArrayList<>();
		final List<Integer> lines = new ArrayList<>();
		final Map<String, Integer> col = new HashMap<>();
		try (BufferedReader in = new BufferedReader(new StringReader(commaSeparated(text(csv))))) {
			String header = in.readLine();
			int line = 1;
			while (header != null && isEmptyRow(split(header))) {
				header = in.readLine();
				line++;
			}
			if (header == null) throw new PulseJException(csv.getFileName() + " is empty.",
				"Give a CSV whose first line names the columns, e.g. " + String.join(",", COLUMNS) + ".");
			final String[] names = split(header.replace("\uFEFF", ""));
			for (int i = 0; i < names.length; i++)
				col.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
			if (!col.containsKey("frame") && !col.containsKey("time_s")) {
				// a time column of another name (time_ms, timestamp, t): say which to rename
				String time = null;
				for (final String n : names) {
					final String l = n.trim().toLowerCase(Locale.ROOT);
					if (time == null && (l.contains("time") || l.equals("t") || l.equals("ms") || l.equals("sec"))) time = n
						.trim();
				}
				throw new PulseJException(csv.getFileName() + " has neither a 'frame' nor a 'time_s' column (its header " +
					"is: " + header.replace("\uFEFF", "").trim() + ").", (time == null ? "" : "Rename its column " + time +
						" to time_s (seconds; times in milliseconds are recognised by their span, 1000 times the " +
						"video's), or name the columns in the first line otherwise, e.g. ") + (time == null ? "Name the " +
							"columns in the first line, e.g. " : "") + String.join(",", COLUMNS) + ".");
			}
			if (!col.containsKey("ppg") && !col.containsKey("hr_bpm")) throw noSignalColumn(csv, header.replace("\uFEFF",
				"").trim(), names);
			for (String l = in.readLine(); l != null; l = in.readLine()) {
				line++;
				// a spreadsheet writes rows it holds no values in as ",,,"
				final String[] cells = split(l);
				if (isEmptyRow(cells)) continue;
				for (int i = names.length; i < cells.length; i++)
					// which value belongs to which column cannot be told: every column after the split is shifted
					if (!cells[i].isEmpty()) throw new PulseJException("Line " + line + " of " + csv.getFileName() +
						" has " + cells.length + " values, but its header names " + names.length + " columns (" + header
							.trim() + "): numbers written with a decimal comma (0,5) split in two, or a comma in a text " +
						"cell without quotes.", "Save it with decimal points (0.5) and commas between the columns, with " +
							"quotes around text that holds a comma.");
				rows.add(cells);
				lines.add(line);
			}
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot read " + csv + " (" + e.getMessage() + ").",
				"Check that the file is readable.", e);
		}
		return fromRows(csv, fps, col, rows, lines);
	}

	/**
	 * A header with no ppg and no hr_bpm column, naming the header and the columns that look like a
	 * heart rate or a PPG under another name (HR, heart_rate, BVP, ...). Such a file was refused as
	 * "has neither a reference PPG nor a heart rate", which its HR column seemed to contradict.
	 */
	private static PulseJException noSignalColumn(final Path csv, final String header, final String[] names) {
		final List<String> hr = new ArrayList<>(), ppg = new ArrayList<>();
		for (final String n : names) {
			final String l = n.toLowerCase(Locale.ROOT);
			if (COLUMNS.contains(l) || l.isEmpty()) continue;
			if (l.matches(".*(ppg|bvp|pleth|wave|signal|pulse_?sig).*")) ppg.add(n);
			else if (l.matches(".*(hr|heart|bpm|pulse|rate).*") && !l.matches(".*(resp|breath|rr|spo2|sat).*")) hr.add(n);
		}
		final StringBuilder fix = new StringBuilder("Name the columns in the first line: hr_bpm for the heart rate " +
			"(beats per minute), ppg for the pulse signal");
		if (!hr.isEmpty() || !ppg.isEmpty()) {
			fix.append(" (rename ");
			final List<String> renames = new ArrayList<>();
			for (final String h : hr)
				renames.add(h + " to hr_bpm" + (h.toLowerCase(Locale.ROOT).matches(".*hz.*") ? " and give it times 60"
					: ""));
			for (final String q : ppg)
				renames.add(q + " to ppg");
			fix.append(String.join(", ", renames.subList(0, Math.min(renames.size(), 3)))).append(")");
		}
		return new PulseJException(csv.getFileName() + " has neither a reference PPG nor a heart rate: none of its " +
			"columns (its header is: " + (header.length() > 200 ? header.substring(0, 197) + "..." : header) +
			") is named ppg or hr_bpm.", fix + "; the columns PulseJ reads are " + String.join(",", COLUMNS) + ".");
	}

	private static GroundTruth fromRows(final Path csv, final double fps, final Map<String, Integer> col,
		final List<String[]> rows, final List<Integer> lines)
	{
		final double[][] values = new double[COLUMNS.size()][rows.size()];
		for (int c = 0; c < COLUMNS.size(); c++) {
			final Integer i = col.get(COLUMNS.get(c));
			for (int r = 0; r < rows.size(); r++)
				values[c][r] = i == null ? Double.NaN : number(csv, rows.get(r), i, lines.get(r), COLUMNS.get(c));
		}
		final boolean haveFrame = col.containsKey("frame");
		int n = rows.size();
		final int[] frameOf = new int[rows.size()];
		for (int r = 0; r < rows.size(); r++) {
			if (!haveFrame) frameOf[r] = r;
			else {
				final double f = values[0][r];
				if (!(f >= 0) || f != Math.rint(f) || f > 10_000_000) throw new PulseJException("Line " + lines.get(r) +
					" of " + csv.getFileName() + " has frame '" + rows.get(r)[col.get("frame")].trim() +
					"', not a frame number.", "Give whole frame numbers from 0.");
				frameOf[r] = (int) f;
			}
		}
		if (haveFrame) n = rows.isEmpty() ? 0 : Arrays.stream(frameOf).max().getAsInt() + 1;
		final double[] time = new double[n], ppg = nans(n), hr = nans(n), resp = nans(n);
		final boolean[] seen = new boolean[n];
		for (int t = 0; t < n; t++)
			time[t] = t / fps;
		final Rectangle2D.Double[] box = new Rectangle2D.Double[n];
		for (int r = 0; r < rows.size(); r++) {
			final int t = frameOf[r];
			if (seen[t]) throw new PulseJException("Frame " + t + " appears twice in " + csv.getFileName() + ".",
				"Give one row per frame.");
			seen[t] = true;
			if (!Double.isNaN(values[1][r])) time[t] = values[1][r];
			ppg[t] = values[2][r];
			hr[t] = values[3][r];
			resp[t] = values[4][r];
			final double x = values[5][r], y = values[6][r], w = values[7][r], h = values[8][r];
			if (!Double.isNaN(x + y + w + h)) box[t] = new Rectangle2D.Double(x, y, w, h);
		}
		if (haveFrame && col.containsKey("time_s")) checkFrameRate(csv, fps, frameOf, values[1]);
		return new GroundTruth(fps, time, ppg, hr, resp, box);
	}

	/**
	 * Refuses frame numbers and times that give another frame rate than the video's (a wrong fps=, or the
	 * ground truth of a video at another rate): the samples were placed by their times and the frames by
	 * the video's rate, so the reference slid against the video (fps=25 for a 30 fps video and its
	 * ground truth: 60 bpm scored against 72, with exit 0).
	 */
	private static void checkFrameRate(final Path csv, final double fps, final int[] frameOf, final double[] time) {
		int first = -1, last = -1;
		for (int r = 0; r < frameOf.length; r++) {
			if (!Double.isFinite(time[r])) continue;
			if (first < 0 || frameOf[r] < frameOf[first]) first = r;
			if (last < 0 || frameOf[r] > frameOf[last]) last = r;
		}
		if (first < 0 || frameOf[last] - frameOf[first] < 2 || !(time[last] > time[first])) return;
		final double implied = (frameOf[last] - frameOf[first]) / (time[last] - time[first]);
		// far apart (times in ms, another clock): FrameReference's check of the time base names those
		if (Math.abs(implied - fps) <= 0.01 * fps || implied > 2.5 * fps || implied < fps / 2.5) return;
		throw new PulseJException(csv.getFileName() + " gives frame " + frameOf[last] + " at " + Messages.num(
			time[last]) + " s and frame " + frameOf[first] + " at " + Messages.num(time[first]) + " s: " + Messages.num(
				implied) + " frames per second, but the video is read at " + Messages.num(fps) + " fps, so the " +
			"reference would slide against the video.", "Give the video's true rate with fps= (fps=" + Messages.num(
				implied) + " if the ground truth is right), or check that the ground truth belongs to this video.");
	}

	private static double number(final Path csv, final String[] row, final int i, final int line, final String name) {
		if (i >= row.length) return Double.NaN;
		final String s = row[i].trim();
		if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) return Double.NaN;
		try {
			return Double.parseDouble(s);
		}
		catch (final NumberFormatException e) {
			throw new PulseJException("Line " + line + " of " + csv.getFileName() + " has '" + s + "' in column " +
				name + (s.matches("[-+]?\\d*,\\d+") ? ", a number written with a decimal comma." : ", not a number."),
				"Use numbers with a decimal point (not a comma); leave unknown values empty.");
		}
	}

	/** The cells of a CSV line, trimmed; a quoted cell may hold commas ("72,5" is one cell), {@code ""} is a quote. */
	private static String[] split(final String line) {
		return org.pulsej.util.Csv.split(line).stream().map(String::trim).toArray(String[]::new);
	}

	private static boolean isEmptyRow(final String[] cells) {
		for (final String c : cells)
			if (!c.isEmpty()) return false;
		return true;
	}

	/**
	 * The text of a CSV that a spreadsheet saved with semicolons or tabs between its columns (as it does
	 * where the comma is the decimal mark: {@code 0,5}) in the layout PulseJ reads: commas between the
	 * columns, decimal points. Such a file was refused with a fix to save it again; what it holds is not in
	 * doubt, since its header has no comma. Other text is returned as it is.
	 */
	static String commaSeparated(final String text) {
		String header = "";
		for (final String line : text.split("\n", -1))
			if (!line.isBlank()) {
				header = line;
				break;
			}
		for (final char sep : new char[] { ';', '\t' })
			if (header.indexOf(',') < 0 && header.indexOf(sep) >= 0) {
				final char[] c = text.toCharArray();
				for (int i = 0; i < c.length; i++)
					c[i] = c[i] == ',' ? '.' : c[i] == sep ? ',' : c[i];
				return new String(c);
			}
		return text;
	}

	/**
	 * The file's text ({@link TextFiles}): bytes that are not UTF-8 (a header saved in Latin-1, e.g. "temp
	 * °C") are read as replacement characters. UTF-16 is refused.
	 */
	private static String text(final Path csv) throws IOException {
		final TextFiles.Text t = TextFiles.read(csv);
		if (t.utf16()) throw new PulseJException(csv.getFileName() + " is saved as UTF-16 text (a spreadsheet's " +
			"\"Unicode text\"), whose characters PulseJ cannot read as a CSV.", "Save it as \"CSV (comma " +
				"delimited)\" or \"CSV UTF-8\", with numbers written with a decimal point.");
		return t.text();
	}

	private static double[] nans(final int n) {
		final double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}
}

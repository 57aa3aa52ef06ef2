package org.pulsej.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.pulsej.util.PulseJException;
import org.pulsej.util.TextFiles;
import org.pulsej.video.GroundTruth;
import org.pulsej.video.VideoReader;

/**
 * Reads ground truth in the layouts people hold, and finds it next to a video:
 * <ul>
 * <li><b>PulseJ CSV</b> {@code STEM_gt.csv} beside {@code STEM.avi} (or beside / inside a frame
 * folder {@code STEM}): columns among frame, time_s, ppg, hr_bpm, resp_bpm ({@link GroundTruth#read}).</li>
 * <li><b>UBFC-rPPG</b> (DATASET_2) {@code ground_truth.txt} beside {@code vid.avi}: line 1 the PPG,
 * line 2 the heart rate, line 3 the time in seconds, values separated by white space.</li>
 * <li><b>UBFC-rPPG DATASET_1</b> {@code gtdump.xmp} beside {@code vid.avi}: comma-separated rows
 * time (ms), heart rate, SpO2, PPG, no header.</li>
 * <li><b>PURE</b> {@code SESSION.json} beside the frame folder {@code SESSION}: {@code /FullPackage}
 * records with {@code Timestamp} (ns) and {@code Value} {waveform, pulseRate, o2saturation}, and
 * {@code /Image} records with the {@code Timestamp} of each frame. Times are counted from the first
 * frame.</li>
 * </ul>
 * A dataset file ({@code ground_truth.txt}, {@code gtdump.xmp}) belongs to the only video of its
 * folder; with several videos in a folder, each needs its own {@code STEM_gt.csv}.
 */
public final class GroundTruthLoader {

	public static final String SUFFIX = "_gt.csv", UBFC = "ground_truth.txt", UBFC_DATASET_1 = "gtdump.xmp";

	private static final String FORMATS = "STEM_gt.csv (PulseJ: frame,time_s,ppg,hr_bpm), ground_truth.txt " +
		"(UBFC-rPPG), gtdump.xmp (UBFC-rPPG DATASET_1) or SESSION.json (PURE)";

	private GroundTruthLoader() {}

	/** The ground-truth file of a video file or frame folder, if one of the known layouts is there. */
	public static Optional<Path> find(final File video) {
		final List<Path> all = findAll(video);
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
	}

	/** Every ground-truth file of a video that {@link #find} would take, the one it takes first. */
	public static List<Path> findAll(final File video) {
		final File dir = video.getAbsoluteFile().getParentFile();
		final String stem = video.isDirectory() ? video.getName() : stripExtension(video.getName());
		final List<File> candidates = new ArrayList<>();
		candidates.add(new File(dir, stem + SUFFIX));
		if (video.isDirectory()) {
			candidates.add(new File(video, stem + SUFFIX));
			candidates.add(new File(dir, stem + ".json"));
			candidates.add(new File(video, stem + ".json"));
		}
		else candidates.add(new File(dir, stem + ".json"));
		if (onlyVideoIn(video, dir)) for (final String name : new String[] { UBFC, UBFC_DATASET_1 })
			candidates.add(new File(dir, name));
		final List<Path> found = new ArrayList<>();
		for (final File f : candidates)
			if (f.isFile()) found.add(f.toPath());
		return found;
	}

	/**
	 * The note for a video with more than one ground-truth file beside it (a STEM_gt.csv and the
	 * dataset's ground_truth.txt, which may disagree): which one is used; null for one file or none.
	 * Evaluate used the first without a word.
	 */
	public static String choiceNote(final File video) {
		final List<Path> all = findAll(video);
		if (all.size() < 2) return null;
		final List<String> others = new ArrayList<>();
		for (final Path p : all.subList(1, all.size()))
			others.add(p.getFileName().toString());
		return "ground truth from " + all.get(0).getFileName() + "; " + String.join(" and ", others) + " beside it " +
			(others.size() == 1 ? "is" : "are") + " not used (move away the file that does not belong to this video)";
	}

	/**
	 * The names {@link #find} looks for, for messages; and why a dataset file beside the video was not
	 * taken (it belongs to the only video of its folder: "no ground truth" blamed a file that is there).
	 */
	public static String expectedNames(final File video) {
		final String stem = video.isDirectory() ? video.getName() : stripExtension(video.getName());
		String why = "";
		final File dir = video.getAbsoluteFile().getParentFile();
		if (!video.isDirectory() && !onlyVideoIn(video, dir)) for (final String name : new String[] { UBFC,
			UBFC_DATASET_1 })
			if (new File(dir, name).isFile()) {
				why = "; the " + name + " there belongs to the only video of a folder, but this folder holds several: " +
					"give each video its own " + stem + SUFFIX + ", or one video a folder";
				break;
			}
		if (why.isEmpty()) why = nearMiss(stem, dir);
		return stem + SUFFIX + (video.isDirectory() ? ", " + stem + ".json" : "") + ", " + UBFC + " or " +
			UBFC_DATASET_1 + why;
	}

	/**
	 * A file beside the video that looks meant as its ground truth but is not found by that name (b_GT.csv,
	 * B_gt.csv, b_gt.CSV, b.csv): "no ground truth" did not say it was there. "" when there is none.
	 */
	static String nearMiss(final String stem, final File dir) {
		final String want = (stem + SUFFIX).toLowerCase(Locale.ROOT);
		final String[] names = dir == null ? null : dir.list();
		if (names == null) return "";
		Arrays.sort(names);
		for (final String n : names) {
			final String l = n.toLowerCase(Locale.ROOT);
			if (l.equals(want) || l.equals((stem + ".csv").toLowerCase(Locale.ROOT))) return "; " + n + " is there: " +
				"if it is the ground truth, rename it to " + stem + SUFFIX + " (the name is matched exactly, case included)";
		}
		return "";
	}

	/**
	 * Reads a ground-truth file; the format follows from its name.
	 *
	 * @param fps the video's frame rate, for PulseJ CSVs that give frame numbers without times
	 */
	public static Reference load(final Path file, final double fps) {
		if (!Files.isRegularFile(file)) throw new PulseJException("The ground truth file " + file +
			" does not exist.", "Check its path, or give " + FORMATS + ".");
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) return Reference.of(GroundTruth.read(file, fps), file);
		if (name.endsWith(".xmp")) return readUbfcDataset1(file);
		if (name.endsWith(".txt")) return readUbfc(file);
		if (name.endsWith(".json")) return readPure(file);
		throw new PulseJException(file.getFileName() + " is not a ground-truth format PulseJ reads.", "Give " +
			FORMATS + ".");
	}

	/** UBFC-rPPG {@code ground_truth.txt}: PPG, heart rate and time (s) on three lines. */
	public static Reference readUbfc(final Path file) {
		final List<String> lines = nonBlankLines(file);
		if (lines.size() < 3) throw new PulseJException(file.getFileName() + " has " + lines.size() +
			" line" + (lines.size() == 1 ? "" : "s") + ", but a UBFC-rPPG ground_truth.txt has three: the PPG, the " +
			"heart rate and the time in seconds.", "Give the file from the dataset unchanged, or write a " +
				"STEM_gt.csv (frame,time_s,ppg,hr_bpm) instead.");
		final double[] ppg = numbers(file, lines.get(0), 1), hr = numbers(file, lines.get(1), 2), time = numbers(file,
			lines.get(2), 3);
		if (ppg.length != time.length || hr.length != time.length) throw new PulseJException(String.format(Locale.ROOT,
			"%s has %d PPG values, %d heart rates and %d times; a UBFC-rPPG ground_truth.txt has one of each per " +
				"sample.", file.getFileName(), ppg.length, hr.length, time.length),
			"Give the file from the dataset unchanged.");
		return new Reference("UBFC-rPPG", file, time, ppg, hr, Reference.nans(time.length), null);
	}

	/** UBFC-rPPG DATASET_1 {@code gtdump.xmp}: rows of time (ms), heart rate, SpO2, PPG. */
	public static Reference readUbfcDataset1(final Path file) {
		final List<String> lines = nonBlankLines(file);
		final int n = lines.size();
		final double[] time = new double[n], hr = new double[n], ppg = new double[n];
		for (int i = 0; i < n; i++) {
			final String[] cells = lines.get(i).trim().split("\\s*,\\s*");
			if (cells.length < 4) throw new PulseJException(file.getFileName() + " line " + (i + 1) + " has " +
				cells.length + " value" + (cells.length == 1 ? "" : "s") + "; a UBFC-rPPG gtdump.xmp row has four: " +
				"time (ms), heart rate, SpO2, PPG.", "Give the file from the dataset unchanged, or write a STEM_gt.csv.");
			time[i] = number(file, cells[0], i + 1) / 1000;
			hr[i] = number(file, cells[1], i + 1);
			ppg[i] = number(file, cells[3], i + 1);
		}
		return new Reference("UBFC-rPPG DATASET_1", file, time, ppg, hr, Reference.nans(n), null);
	}

	/** PURE {@code SESSION.json}: the pulse oximeter's records and the frames' time stamps. */
	public static Reference readPure(final Path file) {
		final JsonObject root;
		try {
			final JsonElement e = JsonParser.parseString(text(file).replace("\uFEFF", ""));
			if (!e.isJsonObject()) throw new JsonParseException("the top level is not an object");
			root = e.getAsJsonObject();
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot read " + file + " (" + e.getMessage() + ").", "Check that it is readable.",
				e);
		}
		catch (final JsonParseException e) {
			throw new PulseJException(file.getFileName() + " is not valid JSON (" + e.getMessage() + ").",
				"Give the PURE session file unchanged.", e);
		}
		final JsonArray pkg = array(root, "/FullPackage", file);
		final int n = pkg.size();
		final long[] ts = new long[n];
		final double[] ppg = new double[n], hr = new double[n];
		try {
			for (int i = 0; i < n; i++) {
				final JsonObject rec = pkg.get(i).getAsJsonObject();
				ts[i] = rec.get("Timestamp").getAsLong();
				final JsonObject v = rec.getAsJsonObject("Value");
				ppg[i] = v.has("waveform") ? v.get("waveform").getAsDouble() : Double.NaN;
				hr[i] = v.has("pulseRate") ? v.get("pulseRate").getAsDouble() : Double.NaN;
			}
		}
		catch (final RuntimeException e) {
			throw new PulseJException(file.getFileName() + ": a /FullPackage record lacks a numeric Timestamp or a " +
				"Value object (" + e.getMessage() + ").", "Give the PURE session file unchanged.", e);
		}
		long[] frames = null;
		if (root.has("/Image")) {
			final JsonArray img = array(root, "/Image", file);
			frames = new long[img.size()];
			try {
				for (int i = 0; i < frames.length; i++)
					frames[i] = img.get(i).getAsJsonObject().get("Timestamp").getAsLong();
			}
			catch (final RuntimeException e) {
				throw new PulseJException(file.getFileName() + ": an /Image record lacks a numeric Timestamp (" + e
					.getMessage() + ").", "Give the PURE session file unchanged.", e);
			}
		}
		final long t0 = frames != null && frames.length > 0 ? frames[0] : n > 0 ? ts[0] : 0;
		final double[] time = new double[n];
		for (int i = 0; i < n; i++)
			time[i] = (ts[i] - t0) / 1e9;
		double[] frameTimes = null;
		if (frames != null && frames.length > 0) {
			frameTimes = new double[frames.length];
			for (int i = 0; i < frames.length; i++)
				frameTimes[i] = (frames[i] - t0) / 1e9;
		}
		return new Reference("PURE", file, time, ppg, hr, Reference.nans(n), frameTimes);
	}

	// -- helpers --

	private static JsonArray array(final JsonObject root, final String key, final Path file) {
		final JsonElement e = root.get(key);
		if (e == null || !e.isJsonArray()) throw new PulseJException(file.getFileName() + " has no '" + key +
			"' array, so it is not a PURE session file.", "Give the PURE SESSION.json unchanged, or write a " +
				"STEM_gt.csv (frame,time_s,ppg,hr_bpm) instead.");
		return e.getAsJsonArray();
	}

	private static List<String> nonBlankLines(final Path file) {
		try {
			final List<String> out = new ArrayList<>();
			for (final String line : text(file).split("\r\n|\r|\n"))
				if (!line.isBlank()) out.add(line.replace("\uFEFF", ""));
			if (out.isEmpty()) throw new PulseJException(file.getFileName() + " is empty.", "Give " + FORMATS + ".");
			return out;
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot read " + file + " (" + e.getMessage() + ").", "Check that it is a " +
				"readable text file.", e);
		}
	}

	/**
	 * The text of a dataset file, which holds numbers (and JSON's names) only, UTF-16 included (a file
	 * saved again by Notepad as "Unicode" or by a spreadsheet as "Unicode text"; read as UTF-8 alone it
	 * was "Cannot read X (Input length = 1)"): see {@link TextFiles}.
	 */
	private static String text(final Path file) throws IOException {
		return TextFiles.read(file).text();
	}

	private static double[] numbers(final Path file, final String line, final int lineNumber) {
		final String[] cells = decimalCommas(line) ? line.trim().replace(',', '.').split("[\\s;]+") : line.trim()
			.split("[\\s,;]+");
		final double[] out = new double[cells.length];
		for (int i = 0; i < cells.length; i++)
			out[i] = number(file, cells[i], lineNumber);
		return out;
	}

	/** A number written with a decimal comma (1,25e+02), as a spreadsheet in many locales saves it. */
	private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile(
		"[-+]?\\d+,\\d+([eE][-+]?\\d+)?");

	/**
	 * Whether the values of a line are separated by spaces or semicolons and each has a decimal comma: the
	 * commas were split as separators, which doubled the count of values ("has 2 PPG values, 1 heart rate").
	 */
	static boolean decimalCommas(final String line) {
		final String[] cells = line.trim().split("[\\s;]+");
		if (cells.length < 2) return false;
		for (final String c : cells)
			if (!DECIMAL_COMMA.matcher(c).matches()) return false;
		return true;
	}

	private static double number(final Path file, final String cell, final int line) {
		final String s = cell.trim();
		if (s.isEmpty() || s.equalsIgnoreCase("nan")) return Double.NaN;
		try {
			return Double.parseDouble(s);
		}
		catch (final NumberFormatException e) {
			throw new PulseJException("Line " + line + " of " + file.getFileName() + " has '" + (s.length() > 40 ? s
				.substring(0, 40) + "…" : s) + "', not a number.", "Give the dataset's file unchanged, or write a " +
					"STEM_gt.csv (frame,time_s,ppg,hr_bpm).");
		}
	}

	private static boolean onlyVideoIn(final File video, final File dir) {
		if (video.isDirectory()) return false;
		try {
			final List<File> videos = VideoReader.videosIn(dir);
			return videos.size() == 1 && videos.get(0).getAbsoluteFile().equals(video.getAbsoluteFile());
		}
		catch (final PulseJException e) {
			return false;
		}
	}

	static String stripExtension(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}

package org.pulsej.results;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.FolderLock;
import org.pulsej.util.PulseJException;

/**
 * Which video file each video's results in an output folder came from (keyed by the results'
 * file, e.g. {@code vid_ppg.csv}), in the hidden {@value #FILE}: results are named after the video's name alone, so a second video of the same
 * name from another folder (UBFC-rPPG's {@code subject1/vid.avi} and {@code subject2/vid.avi}, one
 * Estimate Heart Rate per subject into one folder) replaced the first one's results and summary row
 * without a word. The same video measured again, moved or copied (the same bytes at its start and
 * end), or replaced in place (same path) still replaces its results, as before.
 */
public final class ResultSources {

	/** The record in the output folder: video name → its file's path and size. */
	public static final String FILE = ".pulsej-sources";

	private ResultSources() {}

	/**
	 * Refuses to measure {@code source} into {@code dir} when the results of another video of the same
	 * name are there; before the video is read, so its results replace nothing.
	 *
	 * @param source the video file or folder of frames; null (an open image) is not checked
	 */
	public static void check(final Path dir, final String name, final File source) {
		check(dir, name, source, ResultWriter.ppgFile(dir, name));
	}

	/**
	 * As {@link #check(Path, String, File)} for the results whose file is {@code results} (Track Face:
	 * its track), recorded by {@link #record(Path, Path, File)}.
	 */
	public static void check(final Path dir, final String name, final File source, final Path results) {
		if (source == null || !Files.isRegularFile(results)) return;
		final JsonObject record = read(dir).getAsJsonObject(results.getFileName().toString());
		if (record == null || !record.has("path")) return; // results from before the record, or not PulseJ's
		final String path = record.get("path").getAsString();
		final String print = record.has("fingerprint") ? record.get("fingerprint").getAsString() : "";
		final File mine = source.getAbsoluteFile();
		if (path.equals(mine.getPath()) || print.equals(fingerprint(mine))) return;
		final String other = mine.getParentFile() == null ? "other" : mine.getParentFile().getName();
		throw new PulseJException("The output folder " + dir + " holds the results of another video named " + name +
			" (" + path + "); the results of " + mine + " would replace them, as their files are named after the video.",
			"Give this video an output folder of its own, e.g. output=" + dir.resolve(other) + ", or rename it; to " +
				"replace the earlier results, delete " + results.getFileName() + " there first.");
	}

	/** Records that the results of {@code name} in {@code dir} are those of {@code source} (null: nothing). */
	public static void record(final Path dir, final String name, final File source) {
		record(dir, ResultWriter.ppgFile(dir, name), source);
	}

	/** Records that the file {@code results} holds results of {@code source} (null: nothing). */
	public static void record(final Path dir, final Path results, final File source) {
		if (source == null) return;
		final File mine = source.getAbsoluteFile();
		FolderLock.run(dir, () -> {
			final JsonObject all = read(dir);
			final JsonObject entry = new JsonObject();
			entry.addProperty("path", mine.getPath());
			entry.addProperty("fingerprint", fingerprint(mine));
			all.add(results.getFileName().toString(), entry);
			AtomicFiles.writeString(dir.resolve(FILE), all.toString() + "\n");
		});
	}

	/**
	 * Copies the record of the results file {@code name} from folder {@code from} to folder {@code to} (Merge
	 * Results), where {@code from} has one and {@code to} has none for that file.
	 */
	public static void copyEntry(final Path from, final Path to, final String name) {
		final com.google.gson.JsonElement entry = read(from).get(name);
		if (entry == null || !entry.isJsonObject()) return;
		FolderLock.run(to, () -> {
			final JsonObject all = read(to);
			if (all.has(name)) return;
			all.add(name, entry);
			AtomicFiles.writeString(to.resolve(FILE), all.toString() + "\n");
		});
	}

	private static JsonObject read(final Path dir) {
		final Path file = dir.resolve(FILE);
		try {
			if (!Files.isRegularFile(file)) return new JsonObject();
			final com.google.gson.JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
			return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
		}
		catch (final IOException | RuntimeException e) {
			return new JsonObject(); // a damaged record checks nothing; the next result writes it anew
		}
	}

	/**
	 * What tells one video from another cheaply: a file's size and its first and last 64 kB (two
	 * uncompressed videos of one length have one size); a folder of frames: its files' names and sizes
	 * and the first 64 kB of its first file.
	 */
	static String fingerprint(final File f) {
		try {
			final java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
			if (f.isFile()) digest(md, f);
			else {
				final File[] files = f.listFiles(File::isFile);
				if (files != null) {
					java.util.Arrays.sort(files);
					for (final File x : files)
						md.update((x.getName() + "/" + x.length() + "\n").getBytes(StandardCharsets.UTF_8));
					if (files.length > 0) digest(md, files[0]);
				}
			}
			return java.util.HexFormat.of().formatHex(md.digest());
		}
		catch (final IOException | java.security.NoSuchAlgorithmException e) {
			return ""; // unreadable now: it fails when it is read, with its own message
		}
	}

	private static void digest(final java.security.MessageDigest md, final File f) throws IOException {
		final int part = 64 * 1024;
		try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(f, "r")) {
			final long n = in.length();
			md.update(Long.toString(n).getBytes(StandardCharsets.UTF_8));
			final byte[] b = new byte[(int) Math.min(part, n)];
			in.readFully(b);
			md.update(b);
			if (n > part) {
				in.seek(Math.max(part, n - part));
				final byte[] e = new byte[(int) (n - Math.max(part, n - part))];
				in.readFully(e);
				md.update(e);
			}
		}
	}
}

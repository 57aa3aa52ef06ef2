package org.pulsej.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.PulseJException;

/**
 * What a batch run wrote into its output folder ({@value #FILE}): the shard, the number of videos
 * in the input, the settings, and the videos this shard is responsible for. A restart checks it so
 * that it finishes the same work with the same settings; Merge Results uses it to find missing
 * shards and videos.
 *
 * @param input the input folder, as given (for people reading the file)
 * @param shard this shard
 * @param total number of videos in the input when the shard started
 * @param settings the measuring settings, as macro keys (as Batch Estimate records them)
 * @param videos name stems of the videos of this shard, in order
 */
public record ShardRecord(String input, Shard shard, int total, String settings, List<String> videos) {

	/** Hidden, so it is never taken for a frame or a video. */
	public static final String FILE = ".pulsej-batch";

	public ShardRecord {
		videos = List.copyOf(videos);
	}

	/** The record in {@code dir}, or null when there is none. */
	public static ShardRecord read(final Path dir) {
		final Path file = dir.resolve(FILE);
		if (!Files.isRegularFile(file)) return null;
		final Properties p = new Properties();
		final String fix = "Delete it if this folder holds no unfinished batch run (then run that shard again), or " +
			"use a new output folder.";
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(in);
		}
		catch (final IOException | RuntimeException e) {
			throw new PulseJException("The batch record " + file + " cannot be read (" + org.pulsej.util.Messages
				.fileProblem(e) + ").", fix, e);
		}
		for (final String key : new String[] { "shard", "total", "settings", "videos" })
			if (p.getProperty(key, "").isBlank()) throw new PulseJException("The batch record " + file +
				" is damaged (it has no " + key + ").", fix);
		try {
			final List<String> videos = new ArrayList<>();
			final int n = Integer.parseInt(p.getProperty("videos").trim());
			for (int i = 0; i < n; i++)
				videos.add(p.getProperty("video." + i, ""));
			return new ShardRecord(p.getProperty("input", ""), Shard.parse(p.getProperty("shard")), Integer.parseInt(p
				.getProperty("total").trim()), p.getProperty("settings"), videos);
		}
		catch (final RuntimeException e) {
			throw new PulseJException("The batch record " + file + " is damaged (" + org.pulsej.util.Messages
				.fileProblem(e) + ").", fix, e);
		}
	}

	public void write(final Path dir) {
		final Properties p = new Properties();
		p.setProperty("input", input);
		p.setProperty("shard", shard.toString());
		p.setProperty("total", Integer.toString(total));
		p.setProperty("settings", settings);
		p.setProperty("videos", Integer.toString(videos.size()));
		for (int i = 0; i < videos.size(); i++)
			p.setProperty("video." + i, videos.get(i));
		AtomicFiles.writeText(dir.resolve(FILE), w -> p.store(w, "PulseJ batch run; used to resume it and to merge shards"));
	}

	/**
	 * The keys on which two settings differ, e.g. {@code pos_weight=0.5 there, 0 here} (with labels
	 * "there" and "here"); the whole of {@code theirs} when no key differs but the text does.
	 */
	public static String differences(final String theirs, final String ours, final String theirLabel,
		final String ourLabel) {
		final Map<String, String> a = keys(theirs), b = keys(ours);
		final Set<String> all = new LinkedHashSet<>(a.keySet());
		all.addAll(b.keySet());
		final List<String> out = new ArrayList<>();
		for (final String k : all) {
			final String x = a.getOrDefault(k, "(not recorded)"), y = b.getOrDefault(k, "(not given)");
			if (!x.equals(y)) out.add(k + "=" + x + " " + theirLabel + ", " + y + " " + ourLabel);
		}
		return out.isEmpty() ? theirs : String.join("; ", out);
	}

	/** Settings as key → value; a value may hold spaces (a folder's path), a key never does. */
	static Map<String, String> keys(final String settings) {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final String kv : settings.trim().split(" (?=[a-z_]+=)")) {
			final int eq = kv.indexOf('=');
			if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
		}
		return m;
	}

	/** The method this record's run measures with (its settings' first key), or null when it names none. */
	public String method() {
		return keys(settings).get("method");
	}

	/**
	 * Refuses to add a result of {@code method} to a folder that a batch run of another method fills
	 * (its record): that run would take the row for its own and skip the video. Called before a run
	 * starts, and again under the folder's lock before each summary row is written, for a batch run that
	 * started meanwhile.
	 */
	public static void checkMethod(final Path output, final String method) {
		final ShardRecord record = read(output);
		final String theirs = record == null ? null : record.method();
		if (theirs != null && !theirs.equalsIgnoreCase(method)) throw new PulseJException("The output folder " +
			output + " is filled by a batch run with method=" + theirs + " (its " + FILE + "), so results of method=" +
				method + " cannot go there.", "Give this run its own output folder, or method=" + theirs + ".");
	}
}

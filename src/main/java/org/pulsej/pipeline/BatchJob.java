package org.pulsej.pipeline;

import java.awt.Rectangle;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.pulsej.nn.ModelDescription;
import org.pulsej.results.CompletedVideos;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.OutputGuard;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.Shard;
import org.pulsej.results.ShardRecord;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;

/**
 * A folder of videos, or one shard of it, measured so that it can be killed and started again: the
 * videos whose results are complete ({@link CompletedVideos}) are skipped, temporary files a killed
 * run left are removed, and a {@link ShardRecord} makes sure a restart continues the same work with
 * the same settings instead of mixing two runs in one folder.
 */
public final class BatchJob {

	/**
	 * @param results the videos measured in this run
	 * @param skipped the videos that were already complete
	 * @param failures the message of each video that failed, by file name
	 * @param assigned how many videos belong to this shard
	 */
	public record Outcome(Shard shard, int assigned, List<HeartRateResult> results, List<String> skipped,
		Map<String, String> failures)
	{

		/** One line for the log: how many videos were measured, skipped and failed. */
		public String report() {
			return "Shard " + shard + ": " + assigned + " video" + (assigned == 1 ? "" : "s") + " — " + results.size() +
				" measured, " + skipped.size() + " already complete (skipped), " + failures.size() + " failed.";
		}

		/** The failures, one per line, for the error message. */
		public String failureMessage() {
			final StringBuilder sb = new StringBuilder(report());
			failures.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
			return sb.toString();
		}
	}

	private final EstimateOptions options;
	private final double fps;
	private final boolean plots;
	private final Path output;
	private final Consumer<String> log;

	/**
	 * @param fps frame rate to use for every video; 0: each file's own
	 */
	public BatchJob(final EstimateOptions options, final double fps, final boolean plots, final Path output,
		final Consumer<String> log)
	{
		if (output == null) throw new PulseJException("A batch run needs an output folder.",
			"Give output=/path/to/folder (one per shard).");
		this.options = options;
		this.fps = fps;
		this.plots = plots;
		this.output = output;
		this.log = log;
	}

	/** What to do about a video of the batch in which no face was found. */
	static final String NO_FACE_FIX = "Check that the video shows a face from the front. A batch gives every video " +
		"the same box (rect=x,y,w,h): measure this one on its own with Estimate Heart Rate and roi=manual " +
		"rect=x,y,w,h around its face, or use roi=whole when every video is already cropped to the face.";

	public Outcome run(final File input, final Shard shard, final Progress progress) {
		try (EstimateJob job = new EstimateJob(options, output, plots, log)) {
			return run(job, input, shard, progress);
		}
	}

	/** The refusal of {@link #refuseVanished}: ends the batch, not one video. */
	private static final class Vanished extends PulseJException {
		private static final long serialVersionUID = 1L;

		Vanished(final String problem, final String fix) {
			super(problem, fix);
		}
	}

	/**
	 * Refuses to go on when the output folder lost this run's record while the run measured: the folder was
	 * deleted, moved or renamed (a purge of a scratch disk, a user tidying up). Measuring on made the folder
	 * anew and wrote the remaining videos there, exit 0 and "3 measured", the results split over two folders and
	 * the new one without its record.
	 */
	private void refuseVanished(final ShardRecord record, final int done) {
		if (record.equals(ShardRecord.read(output))) return;
		throw new Vanished("The output folder " + output + " no longer holds this batch run's record " +
			ShardRecord.FILE + ": it was deleted, moved or renamed (or another run took it over) while the batch ran, " +
			"after " + done + " video(s); nothing more is written there.", "Move the folder back, or run the same " +
				"command again: complete videos are skipped, the others measured.");
	}

	/** The run of {@link #run(File, Shard, Progress)} with a job opened by the caller. */
	Outcome run(final EstimateJob job, final File input, final Shard shard, final Progress progress) {
		// listed once: the videos and the notes about the folder are of one listing
		final VideoReader.Found found = VideoReader.find(input, "input");
		final List<File> all = found.videos();
		for (final String note : found.notes())
			log.accept("PulseJ: " + note);
		OutputGuard.check(input, all, output);
		final List<File> mine = shard.select(all);
		final List<String> stems = new ArrayList<>();
		for (final File f : mine)
			stems.add(VideoReader.nameOf(f));
		final ShardRecord record = new ShardRecord(input.getPath(), shard, all.size(), settings(options, fps, plots),
			stems);
		// check and claim the folder in one step under its lock: a second run started at the same moment
		// with other settings then finds this record and is refused, instead of mixing methods in one summary
		final Map<String, String> summary = org.pulsej.util.FolderLock.with(output, () -> {
			final Map<String, String> rows = ResultWriter.readSummaryRows(output.resolve(ResultWriter.SUMMARY));
			final ShardRecord before = ShardRecord.read(output);
			if (before == null) checkEarlierResults(rows, options.methodName());
			else checkResume(before, record);
			for (final String name : CompletedVideos.removeLeftoverTemporaries(output))
				log.accept("PulseJ: removed " + name + ", a temporary file left by an interrupted run.");
			record.write(output);
			return rows;
		});

		final List<HeartRateResult> results = new ArrayList<>();
		final List<String> skipped = new ArrayList<>();
		final Map<String, String> failures = new LinkedHashMap<>();
		for (int i = 0; i < mine.size(); i++) {
			final File f = mine.get(i);
			if (CompletedVideos.isComplete(output, stems.get(i), summary, plots) && sameMethod(summary.get(stems.get(i)),
				options.methodName()) && !CompletedVideos.changedSince(f, output, stems.get(i)))
			{
				skipped.add(stems.get(i));
				log.accept("PulseJ: " + f.getName() + " is already complete in " + output + "; skipped.");
				continue;
			}
			progress.status("Shard " + shard + ", video " + (i + 1) + "/" + mine.size() + ": " + f.getName());
			refuseVanished(record, results.size() + skipped.size());
			final int done = results.size() + skipped.size();
			try {
				results.add(job.measure(f, fps, progress, () -> refuseVanished(record, done)));
			}
			catch (final Vanished e) {
				throw e;
			}
			catch (final PulseJException e) {
				// no face: the tracker's fix (draw a rectangle on the open video in Fiji) has no place in a batch of files
				final String message = (e instanceof org.pulsej.face.FaceTracker.NoFaceFound ? e.withFix(NO_FACE_FIX) : e)
					.getMessage();
				failures.put(f.getName(), message);
				log.accept("PulseJ: " + f.getName() + " skipped — " + message);
			}
			catch (final CancellationException e) {
				throw job.cancelled(f, i, mine.size(), results.size() + skipped.size(),
					" Run the same command again to finish: complete videos are skipped.");
			}
			catch (final RuntimeException e) {
				// anything else thrown while measuring one video is that video's failure: the others go on
				final String message = PulseJException.unexpected(f.getName(), e).getMessage();
				failures.put(f.getName(), message);
				log.accept("PulseJ: " + f.getName() + " skipped — " + message);
			}
		}
		// a run of which no video finished (each failed, e.g. on step=0.001, which only a video's frame rate shows)
		// holds no results to keep apart from another run's: its record is taken back, so the rerun with the right
		// settings is not refused as "a batch run with other settings"
		if (results.isEmpty() && skipped.isEmpty() && !failures.isEmpty()) org.pulsej.util.FolderLock.with(output, () -> {
			if (ResultWriter.readSummaryRows(output.resolve(ResultWriter.SUMMARY)).isEmpty() && record.equals(ShardRecord
				.read(output))) try {
					java.nio.file.Files.deleteIfExists(output.resolve(ShardRecord.FILE));
				}
				catch (final java.io.IOException e) {
					log.accept("PulseJ: " + output.resolve(ShardRecord.FILE) + " could not be removed (" + e.getMessage() +
						"); a rerun with other settings needs a new output folder.");
				}
			return null;
		});
		final Outcome outcome = new Outcome(shard, mine.size(), results, skipped, failures);
		log.accept("PulseJ: " + outcome.report());
		return outcome;
	}

	/** A restart must be the same shard of the same videos with the same settings. */
	static void checkResume(final ShardRecord before, final ShardRecord now) {
		if (before == null) return;
		if (before.shard().count() != now.shard().count()) throw new PulseJException("The output folder holds shard " +
			before.shard() + " of a batch run split into " + before.shard().count() + " shards, not " + now.shard()
				.count() + ".", "Finish that run with shard=" + before.shard() + ", or use new output folders for a run " +
					"in " + now.shard().count() + " shards.");
		if (!before.shard().equals(now.shard())) throw new PulseJException("The output folder holds shard " + before
			.shard() + " of a batch run, not shard " + now.shard() + ".",
			"Give every shard its own output folder, e.g. output=results/shard_" + (now.shard().index() + 1) + ".");
		if (!before.settings().equals(now.settings())) throw new PulseJException(
			"The output folder holds a batch run with other settings (" + ShardRecord.differences(before.settings(), now
				.settings(), "there", "here") + ").", "Use the same settings to finish that run, or a new output folder for this one.");
		final String changed = before.total() != now.total() ? "The input now holds " + now.total() +
			" videos, but held " + before.total() + " when this shard started" : "The videos of shard " + now.shard() +
				" in the input are not the ones it started with (renamed or replaced)";
		// one shard (the whole folder): videos removed since (the failed ones, as the failure message
		// allows) change no split; the others continue as before
		if (now.shard().count() == 1 && now.total() < before.total() && before.videos().containsAll(now.videos()) &&
			isInOrder(before.videos(), now.videos())) return;
		if (before.total() != now.total() || !before.videos().equals(now.videos())) throw new PulseJException(changed +
			", so the split into shards has changed.", "Restore the input folder as it was, or run all shards again " +
				"into new output folders.");
	}

	/** Whether {@code part} lists some of {@code all}, in the same order. */
	private static boolean isInOrder(final List<String> all, final List<String> part) {
		int j = 0;
		for (final String v : all)
			if (j < part.size() && v.equals(part.get(j))) j++;
		return j == part.size();
	}

	/** Results of an earlier run without a record (e.g. Estimate Heart Rate) must be of the same method. */
	static void checkEarlierResults(final Map<String, String> summary, final String method) {
		for (final String row : summary.values()) {
			if (!sameMethod(row, method)) throw new PulseJException(
				"The output folder already holds results made with method " + methodOf(row) + " (" + ResultWriter
					.splitCsv(row).get(0) + ").", "Use a new output folder for this run, or the same method to complete " +
						"that one.");
		}
	}

	/** The method column of a summary row ("" when the row is too short to have one). */
	static String methodOf(final String row) {
		final List<String> f = ResultWriter.splitCsv(row);
		return f.size() > 6 ? f.get(6) : "";
	}

	private static boolean sameMethod(final String row, final String method) {
		return methodOf(row).equalsIgnoreCase(method);
	}

	/**
	 * A PhysNet model by its content, not its path: the bundled model is unpacked to a new temporary
	 * folder in each run, and a model folder may be mounted elsewhere on another node.
	 */
	static String modelId(final Path dir) {
		final List<String> names = new ArrayList<>(List.of(ModelDescription.FILE, ModelDescription.WEIGHTS,
			org.pulsej.nn.SpecialistRouter.FILE));
		try {
			// a specialists folder: its router and every specialist's files
			if (org.pulsej.nn.SpecialistRouter.isRouter(dir)) for (final org.pulsej.nn.SpecialistRouter.Specialist sp : PhysNetModels
				.loadRouter(dir).specialists())
				for (final String n : new String[] { ModelDescription.FILE, ModelDescription.WEIGHTS })
					names.add(sp.folder() + "/" + n);
		}
		catch (final RuntimeException e) {
			return dir.toString(); // the model loader reports an unreadable folder itself
		}
		return contentId(dir, names);
	}

	/** The content of the files {@code names} in {@code dir} that exist, as a short hash; the folder where unreadable. */
	private static String contentId(final Path dir, final List<String> names) {
		try {
			final MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (final String name : names) {
				final Path f = dir.resolve(name);
				if (Files.isRegularFile(f)) try (InputStream in = Files.newInputStream(f)) {
					final byte[] buffer = new byte[1 << 16];
					for (int n = in.read(buffer); n > 0; n = in.read(buffer))
						sha.update(buffer, 0, n);
				}
			}
			return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
		}
		catch (final IOException | NoSuchAlgorithmException | RuntimeException e) {
			return dir.toString(); // the model loader reports an unreadable folder itself
		}
	}

	/** The settings that decide the results, as macro keys; a restart must use the same. */
	public static String settings(final EstimateOptions o, final double fps, final boolean plots) {
		final Rectangle r = o.manualRoi();
		return "method=" + o.methodName() + (o.physNetModel() != null ? " model=" + modelId(o.physNetModel()) +
			" device=" + o.device() + " overlap=" + ResultWriter.num(o.physNetOverlapSeconds(), 6) + " pos_weight=" +
			ResultWriter.num(o.posWeight(), 6) : "") + " roi=" + o.roi().key() + " rect=" + (r == null ? "" : r.x + "," + r.y + "," +
			r.width + "," + r.height) + (o.roi().tracksFace() ? " detect_every=" + o.face().detectEvery() : "") +
			" fps=" + ResultWriter.num(fps, 6) + " window=" + ResultWriter.num(o.windowSeconds(), 6) + " step=" +
			ResultWriter.num(o.stepSeconds(), 6) + " min_bpm=" + ResultWriter.num(o.band().minBpm(), 6) + " max_bpm=" +
			ResultWriter.num(o.band().maxBpm(), 6) + " window_hr=" + o.windowHr() + " background_light=" + (o
				.removeBackgroundLight() ? "remove" : "keep") + " confidence=" + (o.confidenceModel() == null ? "" :
					folderId(o.confidenceModel())) + " plots=" + plots;
	}

	/** A confidence model folder by its content (every file in it), as {@link #modelId} a PhysNet model. */
	static String folderId(final Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return contentId(dir, files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted()
				.toList());
		}
		catch (final IOException | RuntimeException e) {
			return dir.toString(); // the confidence model's loader reports an unreadable folder itself
		}
	}
}

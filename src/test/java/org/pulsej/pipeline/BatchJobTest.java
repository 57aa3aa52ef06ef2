package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.BatchFixtures;
import org.pulsej.results.CompletedVideos;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.Shard;
import org.pulsej.results.ShardRecord;
import org.pulsej.signal.PulseMethod;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/** Batch runs that are killed, cancelled and restarted. */
class BatchJobTest {

	@TempDir
	static Path shared;

	static Path videos;

	@TempDir
	Path dir;

	final List<String> log = new ArrayList<>();

	@BeforeAll
	static void makeVideos() throws IOException {
		videos = BatchFixtures.folder(shared.resolve("in"), 72, "a", "b", "c", "d");
	}

	/** The whole frame: what is tested here does not depend on the region (the commands' tests track faces). */
	static EstimateOptions options() {
		return new EstimateOptions().roi(RoiMode.WHOLE, null);
	}

	BatchJob job(final Path out) {
		return new BatchJob(options(), 0, false, out, log::add);
	}

	/**
	 * A video of the batch without a face is skipped with a fix a batch can follow: the tracker's own fix
	 * said to draw a rectangle on the open video in Fiji, which a batch of files has not.
	 */
	@Test
	void aVideoWithoutAFaceIsSkippedWithAFixForABatch() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(org.pulsej.face.BlazeFaceDetector.isAvailable(),
			"face model not in this build");
		final Path in = Files.createDirectories(dir.resolve("noface"));
		final ij.ImagePlus wall = ij.IJ.createImage("wall", "RGB noise", 96, 72, 165);
		wall.getCalibration().fps = 15;
		wall.getCalibration().frameInterval = 1.0 / 15;
		wall.getCalibration().setTimeUnit("sec");
		assertTrue(new ij.io.FileSaver(wall).saveAsTiffStack(in.resolve("wall.tif").toString()));
		final BatchJob.Outcome o = new BatchJob(new EstimateOptions(), 0, false, dir.resolve("out"), log::add).run(in
			.toFile(), Shard.ALL, Progress.NONE);
		final String message = o.failures().get("wall.tif");
		assertTrue(message != null && message.startsWith("No face was found") && message.contains(
			"Estimate Heart Rate and roi=manual") && !message.contains("open video in Fiji"), String.valueOf(message));
		assertTrue(log.stream().anyMatch(l -> l.contains("wall.tif skipped — No face")), String.join("\n", log));
	}

	/**
	 * An input folder that counts its listings; after the first it gains b.avi, a second name of a.avi (a
	 * link made while the run starts).
	 */
	static final class GrowingFolder extends File {

		private static final long serialVersionUID = 1L;
		int listings;

		GrowingFolder(final Path p) {
			super(p.toString());
		}

		@Override
		public File[] listFiles() {
			final File[] files = super.listFiles();
			if (listings++ == 0) try {
				Files.createSymbolicLink(toPath().resolve("b.avi"), Path.of("a.avi"));
			}
			catch (final IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return files;
		}
	}

	@Test
	void estimateAndBatchListTheirInputOnceAndAVideoAddedMeanwhileIsNotInTheRun() throws IOException {
		// the folder was listed three times (its videos, then for the notes on frames beside them and on
		// videos left out): the note named b.avi, which the run had not seen
		for (final boolean batch : new boolean[] { false, true }) {
			final Path in = Files.createDirectories(dir.resolve("in-" + batch));
			Files.copy(videos.resolve("a.avi"), in.resolve("a.avi"));
			final GrowingFolder folder = new GrowingFolder(in);
			final Path out = dir.resolve("out-" + batch);
			log.clear();
			if (batch) assertEquals(1, job(out).run(folder, Shard.ALL, Progress.NONE).results().size());
			else try (EstimateJob job = new EstimateJob(options(), out, false, log::add)) {
				assertEquals(1, job.run(folder, 0, Progress.NONE).results().size());
			}
			assertEquals(1, folder.listings, batch ? "Batch" : "Estimate");
			assertTrue(Files.isSymbolicLink(in.resolve("b.avi")));
			assertFalse(log.stream().anyMatch(l -> l.contains("b.avi")), log.toString());
			assertEquals(List.of("a"), ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY)).stream().map(r -> r
				.get("video")).toList());
		}
	}

	@Test
	void aKilledRunResumesWithTheUnfinishedVideosOnlyAndNoDuplicateRows() throws IOException {
		final Path out = dir.resolve("out");
		final BatchJob.Outcome first = job(out).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(4, first.results().size());
		assertEquals(List.of(), first.skipped());

		// kills at three moments, and a file cut short afterwards:
		// b: after its CSVs, before its summary row; c: while its heart-rate CSV was being written
		// (the temporary file is left, the final one never appeared); d: a CSV that lost its end
		final Path summary = out.resolve(ResultWriter.SUMMARY);
		final List<String> lines = new ArrayList<>(Files.readAllLines(summary));
		assertTrue(lines.removeIf(l -> l.startsWith("b,")));
		Files.write(summary, lines);
		// the temporary file of a killed process of this host (the name says whose it is)
		final String leftover = ".c_heart_rate.csv~" + BatchFixtures.deadPid() + "@" + org.pulsej.util.AtomicFiles
			.host() + "~4711.part";
		Files.move(out.resolve("c_heart_rate.csv"), out.resolve(leftover));
		final List<String> d = Files.readAllLines(out.resolve("d_ppg.csv"));
		Files.write(out.resolve("d_ppg.csv"), d.subList(0, d.size() / 2));
		final Map<String, FileTime> before = BatchFixtures.times(out);

		final BatchJob.Outcome second = job(out).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(List.of("a"), second.skipped(), "only a was complete");
		assertEquals(List.of("b", "c", "d"), second.results().stream().map(HeartRateResult::video).toList());
		assertEquals(before.get("a_ppg.csv"), Files.getLastModifiedTime(out.resolve("a_ppg.csv")), "a not rewritten");
		assertEquals(before.get("a_heart_rate.csv"), Files.getLastModifiedTime(out.resolve("a_heart_rate.csv")));
		assertFalse(Files.exists(out.resolve(leftover)), "the leftover temporary file is removed");
		assertTrue(log.stream().anyMatch(l -> l.contains(leftover)), "and its removal logged");

		final List<String> rows = Files.readAllLines(summary);
		assertEquals(5, rows.size(), "header + one row per video: " + rows);
		final Map<String, String> byVideo = ResultWriter.readSummaryRows(summary);
		assertEquals(List.of("a", "c", "d", "b"), new ArrayList<>(byVideo.keySet()), "rows replaced in place, b added");
		for (final String v : byVideo.keySet())
			assertTrue(CompletedVideos.isComplete(out, v, byVideo, false), v);
		assertEquals(0, noTemporaries(out));

		final BatchJob.Outcome third = job(out).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(4, third.skipped().size(), "a finished run does nothing the next time");
		assertEquals(0, third.results().size());
	}

	@Test
	void aCancelledRunWritesNothingHalfAndSaysWhatIsKept() throws IOException {
		// how often one video asks whether to stop
		final TestProgress counting = TestProgress.never();
		final Path one = BatchFixtures.folder(dir.resolve("one"), 72, "x");
		job(dir.resolve("count")).run(one.toFile(), Shard.ALL, counting);
		final int[] asked = { counting.asked };
		assertTrue(asked[0] >= 5, "the frame loop checks for cancelling: " + asked[0]);

		final Path out = dir.resolve("out");
		// cancel a few frames into the second video
		final CancellationException e = assertThrows(CancellationException.class, () -> job(out).run(videos.toFile(),
			Shard.ALL, TestProgress.cancelAfterAsked(asked[0] + 3)));
		assertTrue(e.getMessage().startsWith("Cancelled while measuring video 2 of 4 (b.avi); nothing was written for " +
			"it. The 1 video finished before is complete in " + out), e.getMessage());
		assertTrue(e.getMessage().contains("Run the same command again"), e.getMessage());
		assertEquals(List.of("a"), new ArrayList<>(ResultWriter.readSummaryRows(out.resolve(ResultWriter.SUMMARY))
			.keySet()));
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(List.of(".pulsej-batch", ".pulsej-lock", ".pulsej-sources", "a_beats.csv", "a_heart_rate.csv",
				"a_hrv.csv", "a_ppg.csv", "summary.csv"), files.map(p -> p
				.getFileName().toString()).sorted().toList(), "nothing of b, no temporary file");
		}

		final BatchJob.Outcome resumed = job(out).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(List.of("a"), resumed.skipped());
		assertEquals(3, resumed.results().size());

		// Estimate Heart Rate (no resuming) says the same, without the advice to run again
		final Path plain = dir.resolve("plain");
		final CancellationException p = assertThrows(CancellationException.class, () -> new EstimateJob(options(), plain,
			false, log::add).run(videos.toFile(), 0, TestProgress.cancelAfterAsked(asked[0] +
				3)));
		assertTrue(p.getMessage().contains("video 2 of 4 (b.avi)") && !p.getMessage().contains("again"), p.getMessage());
		assertEquals(1, ResultWriter.readSummaryRows(plain.resolve(ResultWriter.SUMMARY)).size());
	}

	/**
	 * step=0.001 is shorter than a frame, which only each video's rate shows: every video failed, and the batch
	 * record of step=0.001 then refused the rerun with step=1 in the same folder as "other settings". A run of
	 * which no video finished takes its record back.
	 */
	@Test
	void aRunOfWhichEveryVideoFailedDoesNotBlockTheRerun() throws IOException {
		final Path out = dir.resolve("out");
		final BatchJob.Outcome bad = new BatchJob(options().window(10, 0.001), 0, false, out, log::add).run(videos
			.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(4, bad.failures().size(), bad.failures().toString());
		assertTrue(bad.failures().values().stream().allMatch(m -> m.contains("step=0.001 s is shorter than one frame")));
		assertEquals(null, ShardRecord.read(out), "no record of a run that measured nothing");
		final BatchJob.Outcome good = job(out).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(4, good.results().size(), good.failures().toString());
		assertTrue(ShardRecord.read(out) != null);
	}

	/**
	 * The output folder moved away while the batch ran: measuring on made it anew and wrote the other videos
	 * there (exit 0, "3 measured"), the results split over two folders, the new one without its record. The run
	 * stops now, and the rerun into the moved folder finishes it.
	 */
	@Test
	void anOutputFolderMovedAwayMidRunStopsTheRun() throws IOException {
		final Path out = dir.resolve("out"), moved = dir.resolve("moved");
		final Progress mover = new Progress() {

			@Override
			public void status(final String message) {
				try {
					if (message.contains("video 2/") && Files.isDirectory(out)) Files.move(out, moved);
				}
				catch (final IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}

			@Override
			public void fraction(final double done) {}
		};
		final PulseJException e = assertThrows(PulseJException.class, () -> job(out).run(videos.toFile(), Shard.ALL,
			mover));
		assertTrue(e.getMessage().contains("no longer holds this batch run's record") && e.getMessage().contains(
			"after 1 video(s)"), e.getMessage());
		assertFalse(Files.exists(out), "not made anew");
		assertEquals(List.of("a"), new ArrayList<>(ResultWriter.readSummaryRows(moved.resolve(ResultWriter.SUMMARY))
			.keySet()));
		final BatchJob.Outcome rest = job(moved).run(videos.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(3, rest.results().size());
		assertEquals(List.of("a", "b", "c", "d"), new ArrayList<>(ResultWriter.readSummaryRows(moved.resolve(ResultWriter
			.SUMMARY)).keySet()));
	}

	@Test
	void aRestartMustBeTheSameShardWithTheSameSettingsOnTheSameVideos() throws IOException {
		final Path in = BatchFixtures.folder(dir.resolve("in"), 72, "p", "q", "r");
		final Path out = dir.resolve("shard0");
		job(out).run(in.toFile(), Shard.parse("1/2"), Progress.NONE);
		assertEquals(List.of("p", "r"), new ArrayList<>(ResultWriter.readSummaryRows(out.resolve(ResultWriter.SUMMARY))
			.keySet()), "shard 1/2 takes the first and third video");
		final ShardRecord record = ShardRecord.read(out);
		assertEquals(new Shard(0, 2), record.shard());
		assertEquals(3, record.total());
		assertEquals(List.of("p", "r"), record.videos());

		PulseJException e = assertThrows(PulseJException.class, () -> job(out).run(in.toFile(), Shard.parse("2/2"),
			Progress.NONE));
		assertTrue(e.getMessage().contains("shard 1/2") && e.fix().contains("own output folder"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> job(out).run(in.toFile(), Shard.parse("1/3"), Progress.NONE));
		assertTrue(e.getMessage().contains("split into 2 shards, not 3") && e.fix().contains("shard=1/2"), e
			.getMessage());

		e = assertThrows(PulseJException.class, () -> new BatchJob(options().method(PulseMethod.CHROM), 0,
			false, out, log::add).run(in.toFile(), Shard.parse("1/2"), Progress.NONE));
		assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains("method=POS"), e.getMessage());

		Files.copy(in.resolve("p.avi"), in.resolve("o.avi"));
		e = assertThrows(PulseJException.class, () -> job(out).run(in.toFile(), Shard.parse("1/2"), Progress.NONE));
		assertTrue(e.getMessage().contains("now holds 4 videos, but held 3"), e.getMessage());
		Files.delete(in.resolve("o.avi"));
		Files.move(in.resolve("r.avi"), in.resolve("s.avi"));
		e = assertThrows(PulseJException.class, () -> job(out).run(in.toFile(), Shard.parse("1/2"), Progress.NONE));
		assertTrue(e.getMessage().contains("not the ones it started with") && e.fix().contains("Restore"), e
			.getMessage());
		Files.move(in.resolve("s.avi"), in.resolve("r.avi"));
		assertEquals(2, job(out).run(in.toFile(), Shard.parse("1/2"), Progress.NONE).skipped().size(),
			"restored: the shard is complete");

		// results of a plain Estimate Heart Rate run with another method are not mixed in either
		final Path plain = dir.resolve("plain");
		new EstimateJob(options().method(PulseMethod.GREEN), plain, false, log::add).run(in.resolve("p.avi")
			.toFile(), 0, Progress.NONE);
		e = assertThrows(PulseJException.class, () -> job(plain).run(in.toFile(), Shard.ALL, Progress.NONE));
		assertTrue(e.getMessage().contains("method GREEN"), e.getMessage());
	}

	@Test
	void runsOfAnotherMethodNeverMixIntoABatchFolder() throws IOException {
		final Path in = BatchFixtures.folder(dir.resolve("in"), 72, "p", "q");
		final Path out = dir.resolve("out");
		job(out).run(in.toFile(), Shard.ALL, Progress.NONE);
		final String summary = Files.readString(out.resolve(ResultWriter.SUMMARY));

		// an Estimate of another method into the batch's folder is refused before it measures anything
		PulseJException e;
		try (EstimateJob green = new EstimateJob(options().method(PulseMethod.GREEN), out, false, log::add)) {
			e = assertThrows(PulseJException.class, () -> green.run(in.toFile(), 0, Progress.NONE));
		}
		assertEquals(summary, Files.readString(out.resolve(ResultWriter.SUMMARY)));
		assertTrue(e.getMessage().contains("batch run with method=POS") && e.getMessage().contains("method=GREEN") && e
			.fix().contains("own output folder"), e.getMessage());
		// one of the same method may add to it
		try (EstimateJob same = new EstimateJob(options(), out, false, log::add)) {
			assertEquals(1, same.run(in.resolve("p.avi").toFile(), 0, Progress.NONE).results().size());
		}

		// a batch run that claims the folder while an Estimate of another method is under way: the
		// Estimate's row is refused at the summary (under the folder's lock), the batch's rows stay its own
		final Path race = dir.resolve("race");
		try (EstimateJob green = new EstimateJob(options().method(PulseMethod.GREEN), race, false, log::add)) {
			new ShardRecord(in.toString(), Shard.ALL, 2, BatchJob.settings(options(), 0, false), List.of("p", "q"))
				.write(race);
			// measure(): the Estimate checked the folder at its start, before the batch claimed it
			e = assertThrows(PulseJException.class, () -> green.measure(in.resolve("q.avi").toFile(), 0, Progress.NONE));
			assertTrue(e.getMessage().contains("batch run with method=POS"), e.getMessage());
		}
		assertFalse(Files.exists(race.resolve(ResultWriter.SUMMARY)), "no GREEN row in the POS batch's summary");

		// a row of another method (written before this check existed) is measured again, not taken as done
		final String foreign = summary.lines().filter(l -> l.startsWith("q,")).findFirst().orElseThrow().replace(",POS,",
			",GREEN,");
		Files.writeString(out.resolve(ResultWriter.SUMMARY), summary.replaceFirst("(?m)^q,.*$", foreign));
		final BatchJob.Outcome again = job(out).run(in.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(List.of("p"), again.skipped());
		assertEquals(List.of("q"), again.results().stream().map(HeartRateResult::video).toList());
		assertTrue(Files.readString(out.resolve(ResultWriter.SUMMARY)).lines().filter(l -> l.startsWith("q,")).allMatch(
			l -> l.contains(",POS,")));
	}

	@Test
	void aVideoReplacedAfterItsResultsIsMeasuredAgain() throws IOException {
		final Path in = BatchFixtures.folder(dir.resolve("in"), 72, "p", "q");
		final Path out = dir.resolve("out");
		job(out).run(in.toFile(), Shard.ALL, Progress.NONE);
		// another video copied over q (its time is the copy's, after the results)
		Files.setLastModifiedTime(in.resolve("q.avi"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
		final BatchJob.Outcome again = job(out).run(in.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(List.of("p"), again.skipped());
		assertEquals(List.of("q"), again.results().stream().map(HeartRateResult::video).toList());
	}

	@Test
	void outputsNeverOverwriteInputsOrEachOther() throws IOException {
		final Path in = BatchFixtures.folder(dir.resolve("in"), 72, "same");
		Files.copy(in.resolve("same.avi"), in.resolve("same.AVI"));
		PulseJException e = assertThrows(PulseJException.class, () -> job(dir.resolve("o")).run(in.toFile(), Shard.ALL,
			Progress.NONE));
		assertTrue(e.getMessage().contains("same_*.csv") && e.fix().contains("Rename"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("o").resolve(ResultWriter.SUMMARY)));

		// a foreign per-video file of the same name is left alone
		Files.delete(in.resolve("same.AVI"));
		final Path out = Files.createDirectories(dir.resolve("out"));
		Files.writeString(out.resolve("same_ppg.csv"), "my own notes\n");
		final BatchJob.Outcome o = job(out).run(in.toFile(), Shard.ALL, Progress.NONE);
		assertTrue(o.failures().get("same.avi").contains("did not write"), o.failures().toString());
		assertEquals("my own notes\n", Files.readString(out.resolve("same_ppg.csv")));

		// the input folder as output is fine for videos (the names differ) ...
		final BatchJob.Outcome here = job(in).run(in.toFile(), Shard.ALL, Progress.NONE);
		assertEquals(1, here.results().size());
		assertTrue(Files.exists(in.resolve("same_ppg.csv")));
		assertEquals(Files.size(in.resolve("same.avi")), Files.size(dir.resolve(".in-master/m.avi")), "video untouched");
	}

	@Test
	void aPhysNetModelIsKnownByItsContentNotItsFolder() throws IOException {
		// the bundled model is unpacked to a new temporary folder in every run: a restart must still match
		final Path a = Files.createDirectories(dir.resolve("run1/pulsej-physnet-default123"));
		final Path b = Files.createDirectories(dir.resolve("run2/pulsej-physnet-default456"));
		for (final Path m : List.of(a, b)) {
			Files.writeString(m.resolve("model.json"), "{\"format\":\"pulsej-physnet\"}");
			Files.write(m.resolve("physnet.params"), new byte[] { 1, 2, 3 });
		}
		final String settingsA = BatchJob.settings(options().physNet(a, "cpu"), 0, false);
		assertEquals(settingsA, BatchJob.settings(options().physNet(b, "cpu"), 0, false));
		assertTrue(settingsA.startsWith("method=PhysNet model=sha256:") && settingsA.contains("device=cpu"), settingsA);
		Files.write(b.resolve("physnet.params"), new byte[] { 1, 2, 4 });
		assertFalse(settingsA.equals(BatchJob.settings(options().physNet(b, "cpu"), 0, false)), "other weights");
	}

	@Test
	void aRestartWithAnotherReadingOfTheSameVideosIsRefusedNamingTheKey() throws IOException {
		// each of these changes the heart rates written: a restart that took the finished rows would mix two runs
		final Path m = Files.createDirectories(dir.resolve("model"));
		Files.writeString(m.resolve("model.json"), "{\"format\":\"pulsej-physnet\"}");
		Files.write(m.resolve("physnet.params"), new byte[] { 1, 2, 3 });
		final Path conf = Files.createDirectories(dir.resolve("confidence"));
		Files.writeString(conf.resolve("confidence.json"), "{}");
		final EstimateOptions base = options().physNet(m, "cpu");
		final Map<String, EstimateOptions> changed = new LinkedHashMap<>();
		changed.put("pos_weight=0.5 there, 0 here", base.copy().posWeight(0));
		changed.put("overlap=2 there, 5 here", base.copy().physNetOverlap(5));
		changed.put("window_hr=track there, peak here", base.copy().trackHeartRate(false));
		changed.put("background_light=remove there, keep here", base.copy().removeBackgroundLight(false));
		changed.put("confidence= there, sha256:", base.copy().confidenceModel(conf));
		final ShardRecord before = new ShardRecord("in", Shard.ALL, 2, BatchJob.settings(base, 0, false), List.of("p",
			"q"));
		BatchJob.checkResume(before, new ShardRecord("in", Shard.ALL, 2, BatchJob.settings(base.copy(), 0, false),
			List.of("p", "q")));
		for (final Map.Entry<String, EstimateOptions> c : changed.entrySet()) {
			final PulseJException e = assertThrows(PulseJException.class, () -> BatchJob.checkResume(before,
				new ShardRecord("in", Shard.ALL, 2, BatchJob.settings(c.getValue(), 0, false), List.of("p", "q"))));
			assertTrue(e.getMessage().contains("other settings (" + c.getKey()), e.getMessage());
			assertFalse(e.getMessage().contains("method="), "only the key that differs is named: " + e.getMessage());
		}
		// a confidence model is known by its content, not its folder
		final Path conf2 = Files.createDirectories(dir.resolve("elsewhere/confidence"));
		Files.writeString(conf2.resolve("confidence.json"), "{}");
		assertEquals(BatchJob.settings(base.copy().confidenceModel(conf), 0, false), BatchJob.settings(base.copy()
			.confidenceModel(conf2), 0, false));
		Files.writeString(conf2.resolve("confidence.json"), "{ }");
		assertNotEquals(BatchJob.settings(base.copy().confidenceModel(conf), 0, false), BatchJob.settings(base.copy()
			.confidenceModel(conf2), 0, false));
	}

	static long noTemporaries(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> CompletedVideos.isTemporary(p.getFileName().toString())).count();
		}
	}

	static File file(final Path p) {
		return p.toFile();
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

/** Batch Estimate and Merge Results as Fiji runs them: a job array of two shards, then a merge. */
class BatchEstimateCommandTest {

	static Context context;

	@TempDir
	static Path shared;

	static Path videos;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() throws Exception {
		context = new Context();
		videos = Files.createDirectories(shared.resolve("videos"));
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(96, 72).seconds(11).seed(5);
		SyntheticFaceVideo.write(spec.copy().hrBpm(66), videos.toFile(), "v1", false, Progress.NONE);
		SyntheticFaceVideo.write(spec.copy().hrBpm(90), videos.toFile(), "v2", false, Progress.NONE);
		Files.copy(videos.resolve("v1.avi"), videos.resolve("v3.avi"));
		Files.copy(videos.resolve("v2.avi"), videos.resolve("v10.avi"));
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	static CommandModule run(final Class<? extends Command> command, final Object... keyValues) throws Exception {
		final Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		final PrefService prefs = context.service(PrefService.class);
		prefs.clear(command); // defaults for what a case leaves out, not the last case's values
		try {
			return context.service(CommandService.class).run(command, true, inputs).get();
		}
		finally {
			prefs.clear(command);
		}
	}

	static double hr(final Path summary, final String video) {
		for (final Map<String, String> row : ResultWriter.readSummary(summary))
			if (row.get("video").equals(video)) return Double.parseDouble(row.get("hr_median_bpm"));
		throw new AssertionError("no row for " + video + " in " + summary);
	}

	@Test
	void twoShardsThenMergeGiveTheWholeFolder() throws Exception {
		final Path results = dir.resolve("results");
		final List<String> shardVideos = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			final CommandModule m = run(BatchEstimateCommand.class, "input", videos.toFile(), "output", results.resolve(
				"shard_" + i).toFile(), "shard", i + "/2", "plots", false);
			assertNull(EstimateHeartRateCommandTest.failure(m));
			final ResultsTable t = ((PulseJCommand) m.getDelegateObject()).tables().get("summary");
			for (int r = 0; r < t.size(); r++)
				shardVideos.add(i + ":" + t.getStringValue("video", r));
		}
		// sorted folder: v1, v2, v3, v10 (natural order); shard 1/2 takes the 1st and 3rd, shard 2/2 the others
		assertEquals(List.of("1:v1", "1:v3", "2:v2", "2:v10"), shardVideos);

		final Path merged = dir.resolve("merged");
		final CommandModule m = run(MergeResultsCommand.class, "input", results.toFile(), "output", merged.toFile());
		assertNull(EstimateHeartRateCommandTest.failure(m));
		assertEquals(4, (((PulseJCommand) m.getDelegateObject()).tables().get("summary")).size());
		final Path summary = merged.resolve(ResultWriter.SUMMARY);
		assertEquals(66, hr(summary, "v1"), 1.5);
		assertEquals(90, hr(summary, "v2"), 1.5);
		assertEquals(66, hr(summary, "v3"), 1.5);
		assertEquals(90, hr(summary, "v10"), 1.5);
		for (final String v : List.of("v1", "v2", "v3", "v10"))
			assertTrue(Files.exists(merged.resolve(v + "_heart_rate.csv")), v);
	}

	@Test
	void shardsOneTwoThreeOfThreeThenMergeEqualOneUnshardedRun() throws Exception {
		final Path whole = dir.resolve("whole");
		assertNull(EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
			"output", whole.toFile(), "plots", false)));
		final Path results = dir.resolve("results");
		for (int i = 1; i <= 3; i++)
			assertNull(EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
				"output", results.resolve("shard_" + i).toFile(), "shard", i + "/3", "plots", false)));
		final Path merged = dir.resolve("merged");
		assertNull(EstimateHeartRateCommandTest.failure(run(MergeResultsCommand.class, "input", results.toFile(),
			"output", merged.toFile())));
		final List<String> one = Files.readAllLines(whole.resolve(ResultWriter.SUMMARY));
		final List<String> sharded = Files.readAllLines(merged.resolve(ResultWriter.SUMMARY));
		assertEquals(one.get(0), sharded.get(0), "same columns");
		assertEquals(new java.util.TreeSet<>(one), new java.util.TreeSet<>(sharded), "same rows, whatever their order");
		assertEquals(5, sharded.size(), "header + 4 videos, none twice");
		for (final String v : List.of("v1", "v2", "v3", "v10"))
			assertEquals(Files.readAllLines(whole.resolve(v + "_heart_rate.csv")), Files.readAllLines(merged.resolve(v +
				"_heart_rate.csv")), v);
	}

	@Test
	void aMissingShardMakesMergeFailAfterMergingTheRest() throws Exception {
		final Path results = dir.resolve("results");
		assertNull(EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
			"output", results.resolve("shard_3").toFile(), "shard", "3/3", "plots", false)));
		final String msg = EstimateHeartRateCommandTest.failure(run(MergeResultsCommand.class, "input", results
			.toFile(), "output", dir.resolve("merged").toFile()));
		assertTrue(msg != null && msg.contains("shard 1/3 (no output folder with it)") && msg.contains(
			"shard 2/3") && msg.contains("Merged 1 video"), msg);
		// shard 3/3 of v1, v2, v3, v10 holds the third video: v3
		assertEquals(66, hr(dir.resolve("merged").resolve(ResultWriter.SUMMARY), "v3"), 1.5);
		assertTrue(msg.contains("— Run those shards or videos again"), msg);
		// shard 1/3 copied without its hidden record: the fix says to copy it again first, not to run it again
		assertNull(EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
			"output", results.resolve("shard_1").toFile(), "shard", "1/3", "plots", false)));
		Files.delete(results.resolve("shard_1").resolve(org.pulsej.results.ShardRecord.FILE));
		final String copied = EstimateHeartRateCommandTest.failure(run(MergeResultsCommand.class, "input", results
			.toFile(), "output", dir.resolve("merged2").toFile()));
		assertTrue(copied != null && copied.contains("— First copy again whole the folders named as lacking .pulsej-batch " +
			"and merge again; then run those shards"), copied);
	}

	@Test
	void aFailedVideoEndsTheShardWithAnErrorButKeepsTheOthers() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(videos.resolve("v1.avi"), in.resolve("good.avi"));
		Files.writeString(in.resolve("bad.avi"), "not a video");
		final Path out = dir.resolve("out");
		final String msg = EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", in.toFile(),
			"output", out.toFile(), "plots", false));
		assertTrue(msg != null && msg.contains("1 measured, 0 already complete (skipped), 1 failed") && msg.contains(
			"bad.avi") && msg.contains("complete videos are skipped"), msg);
		assertEquals(66, hr(out.resolve(ResultWriter.SUMMARY), "good"), 1.5);
		final String again = EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", in.toFile(),
			"output", out.toFile(), "plots", false));
		assertTrue(again.contains("0 measured, 1 already complete (skipped), 1 failed"), again);
	}

	/**
	 * A TIFF without a frame rate in a batch: the fix said "Give it with fps=30" and "run the same command
	 * again", but the same command with fps=30 is refused in that folder (other settings). The message now
	 * says to measure that video on its own into the same folder, which a rerun of the batch then skips.
	 */
	@Test
	void aVideoWithoutAFrameRateGetsAFixThatCanBeFollowed() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(videos.resolve("v1.avi"), in.resolve("good.avi"));
		final ij.ImagePlus imp = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(80)
			.seed(6), Progress.NONE).video();
		imp.getCalibration().fps = 0;
		imp.getCalibration().frameInterval = 0;
		assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(in.resolve("nofps.tif").toString()));
		final Path out = dir.resolve("out");
		final String msg = EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", in.toFile(),
			"output", out.toFile(), "plots", false));
		assertTrue(msg != null && msg.contains("nofps.tif: The frame rate of nofps is unknown") && msg.contains(
			"For a video whose frame rate is unknown (nofps.tif): a batch's fps= applies to every video, so measure it " +
				"on its own into the same folder: Estimate Heart Rate with input=[that video] output=[" + out + "] fps=30"),
			msg);
		// following it: the video is measured into the batch's folder, and the batch's rerun skips both
		assertEquals(null, EstimateHeartRateCommandTest.failure(run(EstimateHeartRateCommand.class, "input", in.resolve(
			"nofps.tif").toFile(), "output", out.toFile(), "plots", false, "fps", 30.0)));
		assertEquals(80, hr(out.resolve(ResultWriter.SUMMARY), "nofps"), 1.5);
		final String again = EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", in.toFile(),
			"output", out.toFile(), "plots", false));
		assertEquals(null, again);
		final String unknown = "The frame rate of x is unknown — Give it with fps=30 (frames per second)";
		assertTrue(org.pulsej.video.VideoReader.isUnknownFps(unknown));
		assertFalse(org.pulsej.video.VideoReader.isUnknownFps("x is too short: 60 frames"));
	}

	/**
	 * model= a folder that holds no model: every video failed in turn ("The other videos are written", none
	 * were), and the batch's record kept the bad model=, so the rerun with the right one was refused as "other
	 * settings". Refused before any video, with nothing written.
	 */
	@Test
	void anUnreadableModelIsRefusedBeforeAnyVideoAndLeavesNoRecord() throws Exception {
		final Path empty = Files.createDirectories(dir.resolve("empty-model"));
		final Path out = dir.resolve("out");
		final String msg = EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
			"output", out.toFile(), "plots", false, "method", "PhysNet", "model", empty.toFile()));
		assertTrue(msg != null && msg.contains(empty.toString()) && !msg.contains("The other videos are written"), msg);
		assertFalse(Files.exists(out), "nothing written");
		assertEquals(null, EstimateHeartRateCommandTest.failure(run(BatchEstimateCommand.class, "input", videos.toFile(),
			"output", out.toFile(), "plots", false, "shard", "1/4")));
	}
}

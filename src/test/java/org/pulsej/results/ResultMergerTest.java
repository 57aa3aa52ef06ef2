package org.pulsej.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pulsej.testing.BatchFixtures;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/** Merging shard folders (written here directly, as a batch run writes them). */
class ResultMergerTest {

	@TempDir
	Path dir;

	final List<String> log = new ArrayList<>();

	static HeartRateResult result(final String name, final double bpm) {
		final int n = 90;
		final double[] ppg = new double[n], hr = new double[n], c = new double[n];
		for (int t = 0; t < n; t++) {
			ppg[t] = Math.sin(2 * Math.PI * bpm / 60 * t / 30.0);
			hr[t] = bpm;
			c[t] = 1;
		}
		return new HeartRateResult(name, 30, ppg, hr, c, hr, bpm, 10, "POS", "", List.of());
	}

	/** A shard folder as Batch Estimate leaves it; {@code done} are the videos it finished. */
	Path shard(final String folder, final Shard shard, final List<String> videos, final String... done) {
		final Path d = dir.resolve("results").resolve(folder);
		final List<HeartRateResult> rs = new ArrayList<>();
		for (final String v : done) {
			final HeartRateResult r = result(v, 60 + v.charAt(0) % 40);
			ResultWriter.write(r, d, null);
			rs.add(r);
		}
		if (!rs.isEmpty()) ResultWriter.updateSummary(rs, d);
		new ShardRecord("/data/in", shard, 5, "method=POS", videos).write(d);
		return d;
	}

	@Test
	void joinsTheShardsIntoOneSummaryWithLinkedFiles() throws IOException {
		final Path s0 = shard("shard_0", new Shard(0, 2), List.of("a", "c", "e"), "a", "c", "e");
		shard("shard_1", new Shard(1, 2), List.of("b", "d"), "b", "d");
		final Path out = dir.resolve("results").resolve("merged"); // inside the input: not taken for a shard

		final ResultMerger.Outcome o = ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertEquals(2, o.shards().size());
		assertEquals(5, o.videos());
		assertEquals(20, o.linked() + o.copied(), "5 videos × (ppg, heart rate, beats, hrv)");
		assertEquals(List.of(), o.missing());
		assertTrue(Files.isRegularFile(out.resolve("d_beats.csv")) && Files.isRegularFile(out.resolve("d_hrv.csv")));
		final Map<String, String> rows = ResultWriter.readSummaryRows(out.resolve(ResultWriter.SUMMARY));
		assertEquals(List.of("a", "b", "c", "d", "e"), new ArrayList<>(rows.keySet()), "one summary, sorted by video");
		for (final String v : rows.keySet())
			assertTrue(CompletedVideos.isComplete(out, v, rows, false), v);
		assertEquals(Files.readString(s0.resolve("a_ppg.csv")), Files.readString(out.resolve("a_ppg.csv")));
		if (o.linked() > 0) assertTrue(Files.isSameFile(s0.resolve("a_ppg.csv"), out.resolve("a_ppg.csv")),
			"hard link: no extra disk space");

		// merging again (e.g. after more shards finished) changes nothing that is there
		final ResultMerger.Outcome again = ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertEquals(20, again.unchanged());
		assertEquals(0, again.linked() + again.copied());
		assertEquals(rows, ResultWriter.readSummaryRows(out.resolve(ResultWriter.SUMMARY)));
	}

	/** The record of which specialist measured each video (specialists.csv) was left out of the merged folder. */
	@Test
	void theSpecialistsOfEachVideoAreMergedToo() throws IOException {
		final Path s0 = shard("shard_0", new Shard(0, 2), List.of("a", "c"), "a", "c");
		final Path s1 = shard("shard_1", new Shard(1, 2), List.of("b"), "b");
		Files.writeString(s0.resolve(ResultMerger.SPECIALISTS), ResultMerger.SPECIALISTS_HEADER + "\na,0.150000,1," +
			"cluster-1\nc,0.480000,2,cluster-2\n");
		Files.writeString(s1.resolve(ResultMerger.SPECIALISTS), ResultMerger.SPECIALISTS_HEADER + "\nb,0.160000,1," +
			"cluster-1\n");
		final Path out = dir.resolve("merged");
		ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertEquals(ResultMerger.SPECIALISTS_HEADER + "\na,0.150000,1,cluster-1\nb,0.160000,1,cluster-1\n" +
			"c,0.480000,2,cluster-2\n", Files.readString(out.resolve(ResultMerger.SPECIALISTS)));
		// a shard that says otherwise of a video merged before: a conflict, nothing changed
		Files.writeString(s1.resolve(ResultMerger.SPECIALISTS), ResultMerger.SPECIALISTS_HEADER + "\nb,0.160000,2," +
			"cluster-2\n");
		final PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"),
			out, Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("the specialists.csv row of b"), e.getMessage());
		assertTrue(Files.readString(out.resolve(ResultMerger.SPECIALISTS)).contains("b,0.160000,1,cluster-1"));
	}

	/**
	 * An Estimate Heart Rate's folder (GREEN) beside the shards of a POS batch: its rows were merged into
	 * one summary with theirs without a word.
	 */
	@Test
	void resultsOfSeveralMethodsAreNamed() throws IOException {
		shard("shard_0", new Shard(0, 2), List.of("a", "c"), "a", "c");
		shard("shard_1", new Shard(1, 2), List.of("b"), "b");
		final Path out = dir.resolve("merged");
		ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertFalse(log.stream().anyMatch(l -> l.contains("methods")), log.toString());
		final Path other = dir.resolve("results/other");
		final HeartRateResult p = result("p", 70);
		final HeartRateResult g = new HeartRateResult("g", p.fps(), p.ppg(), p.hrInstant(), p.confidence(), p.hr(), p
			.hrMedian(), p.snrDb(), "GREEN", "", List.of());
		ResultWriter.write(g, other, null);
		ResultWriter.updateSummary(List.of(g), other);
		log.clear();
		ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertTrue(log.contains("PulseJ: " + out + "/summary.csv now holds results of 2 methods: GREEN (1 video), POS " +
			"(3 videos); if they are not meant to be one set, merge each run into a folder of its own"), log.toString());
	}

	@Test
	void aMistypedInputIsSaidNotToExist() throws IOException {
		// it said "results2 is not a folder", as if something else were there
		final PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve(
			"results2"), dir.resolve("merged"), Progress.NONE, log::add));
		assertEquals(dir.resolve("results2") + " does not exist.", e.problem());
		assertTrue(e.fix().startsWith("Check the path given as input="), e.fix());
		assertFalse(Files.exists(dir.resolve("merged")), "nothing made");
	}

	@Test
	void theMergedFolderKnowsWhichVideoEachResultCameFrom() throws IOException {
		final java.io.File a = Files.writeString(dir.resolve("a.avi"), "video a").toFile();
		final Path s0 = shard("shard_0", new Shard(0, 2), List.of("a"), "a");
		ResultSources.record(s0, "a", a);
		shard("shard_1", new Shard(1, 2), List.of("b"), "b");
		final Path out = dir.resolve("merged");
		ResultMerger.merge(dir.resolve("results"), out, Progress.NONE, log::add);
		assertTrue(Files.isRegularFile(out.resolve(ResultSources.FILE)), "the record came along");
		ResultSources.check(out, "a", a); // the same video: fine
		// another video named a, measured into the merged folder, would replace the merged results
		final Path otherDir = Files.createDirectories(dir.resolve("subject2"));
		final java.io.File other = Files.writeString(otherDir.resolve("a.avi"), "another video").toFile();
		final PulseJException e = assertThrows(PulseJException.class, () -> ResultSources.check(out, "a", other));
		assertTrue(e.getMessage().contains("holds the results of another video named a"), e.getMessage());
	}

	@Test
	void missingShardsAndUnfinishedVideosAreListed() throws IOException {
		shard("shard_0", new Shard(0, 3), List.of("a", "d"), "a");
		final Path s2 = shard("shard_2", new Shard(2, 3), List.of("c"), "c");
		Files.delete(s2.resolve("c_heart_rate.csv")); // a shard killed mid-video and not yet restarted
		final ResultMerger.Outcome o = ResultMerger.merge(dir.resolve("results"), dir.resolve("merged"), Progress.NONE,
			log::add);
		assertEquals(1, o.videos(), "what is there is merged");
		assertEquals(List.of("shard_0: d (failed or not run yet)", "shard 2/3 (no output folder with it)",
			"shard_2: c (its files are incomplete)"), o.missing());
		assertFalse(Files.exists(dir.resolve("merged/c_ppg.csv")), "nothing of an incomplete video");
	}

	@Test
	void aShardFolderCopiedWithoutItsRecordIsNamedWhereItsShardIsMissing() throws IOException {
		// cp shard_2/* leaves out the hidden .pulsej-batch: shard 2/2 was listed as missing, with a fix to run it again
		shardOf("shard_1", new Shard(0, 2), 2, "a");
		Files.delete(shardOf("shard_2", new Shard(1, 2), 2, "b").resolve(ShardRecord.FILE));
		final ResultMerger.Outcome o = ResultMerger.merge(dir.resolve("results"), dir.resolve("merged"), Progress.NONE,
			log::add);
		assertEquals(2, o.videos(), "its results are merged");
		assertEquals(1, o.missing().size(), o.missing().toString());
		assertTrue(o.missing().get(0).startsWith("shard 2/2 (no output folder with it; shard_2 holds results without " +
			"the shard's record .pulsej-batch, a hidden file that cp DIR/* and file managers leave out: copy that " +
			"folder again whole"), o.missing().get(0));
	}

	/** A shard folder of a run over {@code total} videos, with every one of its videos done. */
	Path shardOf(final String folder, final Shard shard, final int total, final String... videos) {
		final Path d = dir.resolve("results").resolve(folder);
		final List<HeartRateResult> rs = new ArrayList<>();
		for (final String v : videos) {
			final HeartRateResult r = result(v, 70);
			ResultWriter.write(r, d, null);
			rs.add(r);
		}
		if (!rs.isEmpty()) ResultWriter.updateSummary(rs, d);
		new ShardRecord("/data/in", shard, total, "method=POS", List.of(videos)).write(d);
		return d;
	}

	@Test
	void shardsBeyondTheVideosAreNotMissingAndTheListingIsCapped() throws IOException {
		// shard=i/1000 over 2 videos: shards 3 to 1000 own none; before, 998 were listed as missing (88 kB)
		shardOf("sh_1", new Shard(0, 1000), 2, "a");
		shardOf("sh_1000", new Shard(999, 1000), 2);
		ResultMerger.Outcome o = ResultMerger.merge(dir.resolve("results"), dir.resolve("merged"), Progress.NONE,
			log::add);
		assertEquals(List.of("shard 2/1000 (no output folder with it)"), o.missing());
		assertTrue(log.stream().anyMatch(s -> s.contains("shards 3/1000 to 1000/1000 hold no videos: the run had 2 " +
			"videos")), log.toString());
		assertEquals("shard 2/1000 (no output folder with it)", o.missingListing());
		shardOf("sh_2", new Shard(1, 1000), 2, "b");
		o = ResultMerger.merge(dir.resolve("results"), dir.resolve("merged"), Progress.NONE, log::add);
		assertEquals(List.of(), o.missing(), "every video is there");
		assertEquals(2, o.videos());

		// many shards truly missing: the first ten and a count
		final Path other = dir.resolve("results");
		try (java.util.stream.Stream<Path> s = Files.walk(other)) {
			s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		log.clear();
		shardOf("sh_1", new Shard(0, 40), 100, "a");
		o = ResultMerger.merge(dir.resolve("results"), dir.resolve("merged2"), Progress.NONE, log::add);
		assertEquals(39, o.missing().size());
		final String listing = o.missingListing();
		assertEquals(11, listing.split("\n").length, listing);
		assertTrue(listing.startsWith("shard 2/40 (no output folder with it)\n  shard 3/40") && listing.endsWith(
			"shard 11/40 (no output folder with it)\n  … and 29 more"), listing);
		assertTrue(log.stream().noneMatch(s -> s.contains("hold no videos")), "every shard owns videos: " + log);
	}

	@Test
	void differentFilesAreNeverOverwrittenAndNothingIsMergedThen() throws IOException {
		final Path s0 = shard("shard_0", new Shard(0, 2), List.of("a"), "a");
		final Path s1 = shard("shard_1", new Shard(1, 2), List.of("b"), "b");
		// the same video measured in two shards with different results
		final HeartRateResult other = result("a", 99);
		ResultWriter.write(other, s1, null);
		ResultWriter.updateSummary(List.of(other), s1);
		final Path out = dir.resolve("merged");
		PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), out,
			Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("a_ppg.csv differs between " + s0 + " and " + s1), e.getMessage());
		assertTrue(e.getMessage().contains("nothing was merged"), e.getMessage());
		assertFalse(Files.exists(out), "the output is not even created");

		// an earlier file in the output that differs is kept, too
		Files.delete(s1.resolve("a_ppg.csv"));
		Files.delete(s1.resolve("a_heart_rate.csv"));
		ResultWriter.writeSummaryRows(s1, List.of(ResultWriter.summaryRow(result("b", 60 + 'b' % 40))));
		Files.createDirectories(out);
		Files.writeString(out.resolve("b_ppg.csv"), ResultWriter.PPG_HEADER + "\n0,0,1\n");
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), out, Progress.NONE,
			log::add));
		assertTrue(e.getMessage().contains("b_ppg.csv in " + out + " differs"), e.getMessage());
		assertEquals(ResultWriter.PPG_HEADER + "\n0,0,1\n", Files.readString(out.resolve("b_ppg.csv")));
		assertFalse(Files.exists(out.resolve("a_ppg.csv")));
	}

	@Test
	void shardsOfDifferentRunsOrTwiceTheSameShardAreRefused() {
		shard("x", new Shard(0, 2), List.of("a"), "a");
		shard("y", new Shard(0, 2), List.of("a"), "a");
		PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), dir
			.resolve("m"), Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("both hold shard 1/2"), e.getMessage());

		final Path z = dir.resolve("results/y");
		new ShardRecord("/data/in", new Shard(1, 3), 5, "method=POS", List.of()).write(z);
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), dir.resolve("m"),
			Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("different batch runs"), e.getMessage());

		// the same split, read with another weight of POS's spectrum: the key is named
		new ShardRecord("/data/in", new Shard(1, 2), 5, "method=PhysNet pos_weight=0 roi=auto", List.of()).write(z);
		new ShardRecord("/data/in", new Shard(0, 2), 5, "method=PhysNet pos_weight=0.5 roi=auto", List.of("a")).write(
			dir.resolve("results/x"));
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), dir.resolve("m"),
			Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("different batch runs") && (e.getMessage().contains(
			"pos_weight=0 in the first, 0.5 in the second") || e.getMessage().contains(
				"pos_weight=0.5 in the first, 0 in the second")) && !e.getMessage().contains("roi="), e.getMessage());
	}

	@Test
	void wrongFoldersAreNamed() throws IOException {
		final Path empty = Files.createDirectories(dir.resolve("empty"));
		PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(empty, dir.resolve("m"),
			Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("no shard output folders") && e.fix().contains("results/shard_1"), e
			.getMessage());
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(empty, empty, Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("is the input folder"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("nope"), dir.resolve("m"),
			Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("nope does not exist"), e.getMessage());
		final Path file = Files.writeString(dir.resolve("file.csv"), "x\n");
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(file, dir.resolve("m"), Progress.NONE,
			log::add));
		assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
		// a folder among the shards whose summary.csv is not PulseJ's is named as an input, not the output
		final List<String> videos = List.of("a", "b");
		shard("shard_1", new Shard(0, 2), videos, "a");
		shard("shard_2", new Shard(1, 2), videos, "b");
		final Path foreign = Files.writeString(Files.createDirectories(dir.resolve("results/notes")).resolve(
			ResultWriter.SUMMARY), "garbage,,,\n");
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), dir.resolve("m2"),
			Progress.NONE, log::add));
		assertTrue(e.getMessage().startsWith(foreign + " is not a summary that PulseJ wrote") && e.fix().contains(
			"Move that folder out of the input folder") && e.fix().contains("saved again in a spreadsheet"), e
				.getMessage());
		assertEquals("garbage,,,\n", Files.readString(foreign), "an input is left as it was");
		assertFalse(Files.exists(dir.resolve("m2").resolve(ResultWriter.SUMMARY)), "nothing merged");
		// one shard's own folder given as input= (it said "holds no shard output folders (subfolders with a
		// summary.csv)", which it holds itself): named, with its parent as the fix
		final Path one = dir.resolve("results/shard_1");
		e = assertThrows(PulseJException.class, () -> ResultMerger.merge(one, dir.resolve("m3"), Progress.NONE,
			log::add));
		assertTrue(e.getMessage().startsWith(one + " is itself an output folder (it holds a summary.csv and a shard's " +
			"record .pulsej-batch), not the folder that holds the shards' output folders"), e.getMessage());
		assertTrue(e.fix().startsWith("Give the folder above it, input=" + dir.resolve("results").toAbsolutePath()), e
			.fix());
		assertFalse(Files.exists(dir.resolve("m3")), "nothing made");
	}

	@Test
	void anOutputThatIsOrLiesInsideAShardIsRefusedBeforeAnythingIsWritten() throws IOException {
		final List<String> videos = List.of("a", "b");
		final Path s1 = shard("shard_1", new Shard(0, 2), videos, "a");
		shard("shard_2", new Shard(1, 2), videos, "b");
		final Map<String, FileTime> before = BatchFixtures.times(s1);
		final String summary = Files.readString(s1.resolve(ResultWriter.SUMMARY));
		for (final Path out : new Path[] { s1, s1.resolve("merged"), dir.resolve("results/./shard_1/../shard_1") }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"),
				out, Progress.NONE, log::add));
			assertTrue(e.getMessage().contains("the shard folder " + s1) && e.getMessage().contains("would rewrite") && e
				.fix().contains("output=" + dir.resolve("results/merged")), e.getMessage());
		}
		assertEquals(summary, Files.readString(s1.resolve(ResultWriter.SUMMARY)), "the shard's summary is untouched");
		assertEquals(before, BatchFixtures.times(s1), "no file of the shard changed");
		assertFalse(Files.exists(s1.resolve("merged")));
		// through a link to the shard as well
		final Path link = Files.createSymbolicLink(dir.resolve("alias"), s1);
		assertThrows(PulseJException.class, () -> ResultMerger.merge(dir.resolve("results"), link, Progress.NONE,
			log::add));
	}
}

package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.ResultWriter;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.GroundTruth;

/** Evaluation of videos on disk: outputs, several methods, and every kind of imperfect ground truth. */
class EvaluationJobTest {

	@TempDir
	Path dir;

	final List<String> log = new ArrayList<>();

	EvaluationJob.Outcome evaluate(final Path input, final Path out, final List<PulseMethod> methods) {
		final EstimateOptions options = new EstimateOptions().roi(RoiMode.WHOLE, null);
		try (EvaluationJob job = new EvaluationJob(options, methods, false, out, true, log::add)) {
			return job.run(input.toFile(), 0, Progress.NONE);
		}
	}

	static Map<String, String> row(final List<Map<String, String>> rows, final String video, final String method) {
		return rows.stream().filter(r -> r.get("video").equals(video) && r.get("method").equals(method)).findFirst()
			.orElseThrow(() -> new AssertionError("no row for " + video + "/" + method + " in " + rows));
	}

	/**
	 * Evaluate into a folder holding a video's results of another method (an Estimate Heart Rate's, an
	 * earlier evaluation's): its results and summary row were replaced without a word.
	 */
	/**
	 * A window shorter than two beats was refused once per video, each after it was opened ("2 of 2 videos could
	 * not be evaluated"), where Estimate refuses it before any video is read: Evaluate and Train Confidence Model too.
	 */
	@Test
	void aWindowTooShortIsRefusedBeforeAnyVideo() {
		final PulseJException e = assertThrows(PulseJException.class, () -> new EvaluationJob(new EstimateOptions()
			.window(2.5, 1), List.of(PulseMethod.POS), false, dir.resolve("eval"), false, s -> {}));
		assertTrue(e.getMessage().startsWith("window=2.5 s is shorter than two beats"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("eval")), "no folder made");
		final PulseJException c = assertThrows(PulseJException.class, () -> new ConfidenceTrainingJob(dir.resolve(
			"conf"), false).run(dir.toFile(), 0, new EstimateOptions().window(2.5, 1), null, Progress.NONE, s -> {}));
		assertTrue(c.getMessage().startsWith("window=2.5 s is shorter than two beats"), c.getMessage());
	}

	@Test
	void anotherMethodsResultsOfAVideoAreSaidToBeReplaced() throws Exception {
		final Path in = dir.resolve("videos"), out = dir.resolve("out");
		EvalFixtures.pulsej(in, "v", EvalFixtures.small(12, 75, 1));
		evaluate(in, out, List.of(PulseMethod.POS));
		log.clear();
		evaluate(in, out, List.of(PulseMethod.GREEN));
		assertTrue(log.contains("PulseJ: v — its results in " + out + " measured with POS are replaced by these of " +
			"GREEN; give each method its own output folder to keep both"), log.toString());
		assertEquals("GREEN", ResultWriter.readSummary(out.resolve("summary.csv")).get(0).get("method"));
	}

	/** One video without ground truth: it said "None of the 1 videos in v.avi has ground truth", naming no file. */
	@Test
	void oneVideoWithoutGroundTruthNamesTheFilesLookedFor() throws Exception {
		final Path in = dir.resolve("videos");
		EvalFixtures.pulsej(in, "v", EvalFixtures.small(12, 75, 1));
		Files.delete(in.resolve("v_gt.csv"));
		final PulseJException e = assertThrows(PulseJException.class, () -> evaluate(in.resolve("v.avi"), dir.resolve(
			"out"), List.of(PulseMethod.GREEN)));
		assertEquals("v.avi has no ground truth: PulseJ looked for v_gt.csv, ground_truth.txt or gtdump.xmp beside it.",
			e.problem());
		assertTrue(e.fix().startsWith("Put v_gt.csv (frame,time_s,ppg,hr_bpm) beside it"), e.fix());
		assertFalse(Files.exists(dir.resolve("out")), "nothing made");
	}

	/**
	 * Evaluate into a folder of an earlier evaluation with another method: metrics.csv and
	 * evaluation.csv are replaced, but the earlier method's plots stayed beside them without a word,
	 * showing results the folder no longer holds. The log names them.
	 */
	@Test
	void anEarlierEvaluationsPlotsAreNamed() throws Exception {
		final Path in = dir.resolve("videos"), out = dir.resolve("out");
		EvalFixtures.pulsej(in, "v", EvalFixtures.small(12, 75, 1));
		evaluate(in, out, List.of(PulseMethod.POS));
		assertTrue(Files.exists(out.resolve("bland_altman_POS.png")));
		log.clear();
		evaluate(in, out, List.of(PulseMethod.GREEN));
		assertTrue(log.contains("PulseJ: " + out + " also holds bland_altman_POS.png, estimate_vs_reference_POS.png " +
			"of an earlier evaluation, which metrics.csv and evaluation.csv (now this evaluation's) no longer hold; move " +
			"them away, or evaluate into a folder of its own"), log.toString());
		assertTrue(Files.exists(out.resolve("bland_altman_POS.png")), "left alone");
		log.clear();
		evaluate(in, out, List.of(PulseMethod.POS, PulseMethod.GREEN)); // both rows' plots are this evaluation's
		assertTrue(log.stream().noneMatch(l -> l.contains("of an earlier evaluation")), log.toString());
	}

	@Test
	void threeMethodsWithPartialMissingAndWrongGroundTruth() throws Exception {
		final Path in = dir.resolve("videos"), out = dir.resolve("out");
		EvalFixtures.pulsej(in, "full", EvalFixtures.small(12, 75, 1));
		// ground truth shorter than the video: the last 4 s of 16 s are not covered
		final GroundTruth partial = EvalFixtures.pulsej(in, "partial", EvalFixtures.small(16, 95, 2));
		final List<String> lines = Files.readAllLines(in.resolve("partial_gt.csv"));
		Files.write(in.resolve("partial_gt.csv"), lines.subList(0, 1 + 360));
		// no ground truth at all
		EvalFixtures.pulsej(in, "orphan", EvalFixtures.small(12, 80, 3));
		Files.delete(in.resolve("orphan_gt.csv"));
		// ground truth in a format that is not one
		EvalFixtures.pulsej(in, "broken", EvalFixtures.small(12, 80, 4));
		Files.writeString(in.resolve("broken_gt.csv"), "when;what\n0;1\n");

		final EvaluationJob.Outcome o = evaluate(in, out, List.of(PulseMethod.POS, PulseMethod.CHROM, PulseMethod.GREEN));

		assertEquals(List.of("orphan"), List.copyOf(o.skipped().keySet()));
		assertTrue(log.stream().anyMatch(s -> s.contains("skipped 1 of 4 videos without ground truth") && s.contains(
			"orphan: no ground truth (looked for orphan_gt.csv")), log.toString());
		assertEquals(List.of("broken"), List.copyOf(o.failures().keySet()));
		assertTrue(o.failures().get("broken").contains("has neither a 'frame' nor a 'time_s' column"), o.failures()
			.toString());
		assertTrue(log.stream().anyMatch(s -> s.contains("partial — the ground truth covers only frames 0–359 of 480")),
			log.toString());

		// metrics.csv: the contract's columns first, a row per method
		final List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
		assertTrue(metrics.get(0).startsWith("method,videos,mae_bpm,rmse_bpm,mape_pct,pearson_r,snr_db,mcc,"), metrics
			.get(0));
		final List<Map<String, String>> m = EvaluationWriter.read(out.resolve("metrics.csv"));
		assertEquals(List.of("POS", "CHROM", "GREEN"), m.stream().map(r -> r.get("method")).toList());
		for (final Map<String, String> r : m) {
			assertEquals("2", r.get("videos"));
			assertEquals(String.valueOf(360 + 360), r.get("frames"), "partial: only its covered frames");
			assertTrue(Double.parseDouble(r.get("mae_bpm")) < 3, r.toString());
			assertTrue(Double.parseDouble(r.get("mcc")) > 0.5, r.toString());
			assertTrue(Double.parseDouble(r.get("video_pearson_r")) > 0.99, "75 vs 95 bpm are told apart: " + r);
		}
		// evaluation.csv: a row per video and method, medians per video
		final List<Map<String, String>> e = EvaluationWriter.read(out.resolve("evaluation.csv"));
		assertEquals(6, e.size());
		final Map<String, String> p = row(e, "partial", "POS");
		assertEquals("480", p.get("frames"));
		assertEquals("360", p.get("frames_evaluated"));
		assertEquals(95, Double.parseDouble(p.get("hr_ref_bpm")), 1);
		assertEquals(95, Double.parseDouble(p.get("hr_est_bpm")), 1.5);
		assertEquals(75, Double.parseDouble(row(e, "full", "GREEN").get("hr_est_bpm")), 1.5);

		// the same files as Estimate Heart Rate, one folder per method
		for (final String method : new String[] { "POS", "CHROM", "GREEN" }) {
			final Path d = out.resolve(method);
			final List<Map<String, String>> summary = ResultWriter.readSummary(d.resolve(ResultWriter.SUMMARY));
			assertEquals(List.of("full", "partial"), summary.stream().map(r -> r.get("video")).toList());
			assertEquals(method, summary.get(0).get("method"));
			assertTrue(Files.exists(d.resolve("full_ppg.csv")) && Files.exists(d.resolve("partial_heart_rate.png")));
			assertTrue(Files.size(out.resolve(EvaluationWriter.blandAltmanFile(method))) > 5000);
			assertTrue(Files.size(out.resolve(EvaluationWriter.scatterFile(method))) > 5000);
		}
	}

	@Test
	void groundTruthAtAnotherRateIsResampled() throws Exception {
		final Path in = dir.resolve("v");
		final GroundTruth gt = EvalFixtures.pulsej(in, "fast", EvalFixtures.small(12, 88, 5));
		// rewrite its ground truth at 60 Hz with times only (no frame column)
		final StringBuilder csv = new StringBuilder("time_s,ppg\n");
		for (int i = 0; i < 2 * gt.frames() - 1; i++) {
			final double t = i / 60.0;
			csv.append(String.format(Locale.ROOT, "%.6f,%.8f%n", t, EvalFixtures.interpolate(gt.timeSeconds(), gt.ppg(),
				t)));
		}
		Files.writeString(in.resolve("fast_gt.csv"), csv);
		final EvaluationJob.Outcome o = evaluate(in, dir.resolve("out"), List.of(PulseMethod.POS));
		assertTrue(o.notes().stream().anyMatch(s -> s.contains("sampled at 60 Hz")), o.notes().toString());
		assertEquals(88, o.videos().get(0).hrRef(), 0.5);
		assertTrue(o.videos().get(0).mae() < 2, o.videos().toString());
		assertTrue(o.videos().get(0).mcc() > 0.5, "the PPG is aligned frame by frame: " + o.videos().get(0).mcc());
	}

	@Test
	void ubfcAndPureDatasetsEndToEnd() throws Exception {
		final Path ubfc = dir.resolve("UBFC");
		EvalFixtures.ubfc(ubfc, "subject1", EvalFixtures.small(12, 70, 6));
		EvalFixtures.ubfc(ubfc, "subject3", EvalFixtures.small(12, 100, 7));
		EvaluationJob.Outcome o = evaluate(ubfc, dir.resolve("ubfc-out"), List.of(PulseMethod.POS));
		assertEquals(List.of("subject1", "subject3"), o.videos().stream().map(VideoScore::video).toList());
		assertEquals(70, o.videos().get(0).hrRef(), 0.5);
		assertEquals(100, o.videos().get(1).hrRef(), 0.5);
		assertTrue(o.metrics().get(0).mae() < 2, o.metrics().toString());
		assertTrue(Files.exists(dir.resolve("ubfc-out/subject1_ppg.csv")), "named after the subject, not vid");

		final Path pure = dir.resolve("PURE");
		EvalFixtures.pure(pure, "01-01", EvalFixtures.small(12, 84, 8));
		o = evaluate(pure, dir.resolve("pure-out"), List.of(PulseMethod.POS));
		final VideoScore s = o.videos().get(0);
		assertEquals("01-01", s.video());
		assertEquals(30, s.fps(), 0.05, "frame rate from the /Image time stamps");
		assertEquals(84, s.hrRef(), 0.5, "from the 60 Hz oximeter waveform");
		assertTrue(s.mae() < 2, s.toString());
		assertTrue(o.notes().stream().anyMatch(n -> n.contains("irregular") || n.contains("60 Hz")), o.notes()
			.toString());
	}

	/**
	 * Evaluate with output= a folder inside the dataset it evaluates (ds/eval): the first run wrote its
	 * plots there, and the second (another method, the same command again) took that folder for a folder
	 * of frames of the dataset and was refused as "The output folder ds/eval is the folder of frames being
	 * evaluated", with a fix naming another folder inside ds; Train Confidence Model listed it as a video
	 * without ground truth. PulseJ's results folders are not recordings.
	 */
	/**
	 * Evaluate's summary.csv left the warnings column empty for every video, where Estimate flags a weak
	 * pulse: the same names now (a video without a pulse: weak_pulse; a clear one: none).
	 */
	@Test
	void theSummaryNamesTheWarningsAsEstimatesDoes() throws Exception {
		final Path in = dir.resolve("w");
		org.pulsej.synth.SyntheticFaceVideo.write(EvalFixtures.small(12, 75, 3), in.toFile(), "clear", true, Progress.NONE);
		org.pulsej.synth.SyntheticFaceVideo.write(EvalFixtures.small(12, 75, 4).pulseAmplitude(0).noiseSigma(4), in.toFile(), "none",
			true, Progress.NONE);
		final Path out = dir.resolve("w-out");
		evaluate(in, out, List.of(PulseMethod.GREEN));
		final List<Map<String, String>> rows = ResultWriter.readSummary(out.resolve(ResultWriter.SUMMARY));
		assertEquals("", row(rows, "clear", "GREEN").get("warnings"), rows.toString());
		assertEquals(org.pulsej.results.VideoWarnings.WEAK_PULSE, row(rows, "none", "GREEN").get("warnings"), rows
			.toString());
	}

	/**
	 * b.avi and b.mp4 side by side, with one b_gt.csv: both were scored against it (as the folder's name and
	 * that name with _2) and counted twice in the metrics. Refused, as Estimate Heart Rate refuses them.
	 */
	@Test
	void twoVideosOfOneNameInOneFolderAreRefused() throws Exception {
		final Path same = dir.resolve("same");
		EvalFixtures.ubfc(same, "s", EvalFixtures.small(4, 70, 6));
		Files.copy(same.resolve("s/vid.avi"), same.resolve("s/vid.mp4"));
		final PulseJException e = assertThrows(PulseJException.class, () -> EvaluationSet.scan(same.toFile()));
		assertTrue(e.getMessage().matches("vid\\.(avi|mp4) and vid\\.(avi|mp4) in .*s are two videos of one name: " +
			"both would be scored against the same ground truth and counted twice\\. — Keep one of them.*"), e
				.getMessage());
		// one name in two folders (a dataset's subjects) is two recordings, named after their folders
		EvalFixtures.ubfc(dir.resolve("two"), "a", EvalFixtures.small(4, 70, 6));
		EvalFixtures.ubfc(dir.resolve("two"), "b", EvalFixtures.small(4, 80, 7));
		assertEquals(List.of("a", "b"), EvaluationSet.scan(dir.resolve("two").toFile()).stream().map(
			EvaluationSet.Item::name).toList());
	}

	@Test
	void anEvaluationFolderInsideTheDatasetIsNotARecording() throws Exception {
		final Path ubfc = dir.resolve("UBFC");
		EvalFixtures.ubfc(ubfc, "subject1", EvalFixtures.small(12, 70, 6));
		EvalFixtures.ubfc(ubfc, "subject2", EvalFixtures.small(12, 90, 7));
		final Path out = ubfc.resolve("eval");
		assertEquals(2, evaluate(ubfc, out, List.of(PulseMethod.GREEN)).videos().size());
		assertTrue(Files.exists(out.resolve("bland_altman_GREEN.png")), "plots written");
		final EvaluationJob.Outcome again = evaluate(ubfc, out, List.of(PulseMethod.POS, PulseMethod.GREEN));
		assertEquals(List.of("subject1", "subject2"), again.videos().stream().map(VideoScore::video).distinct()
			.toList());
		assertTrue(again.skipped().isEmpty(), again.skipped().toString());
		assertEquals(List.of("subject1", "subject2"), EvaluationSet.scan(ubfc.toFile()).stream().map(
			EvaluationSet.Item::name).toList());
		// Estimate's results in a folder of their own inside the dataset (a summary.csv, plots, its lock)
		final Path estimate = Files.createDirectories(ubfc.resolve("estimate"));
		Files.writeString(estimate.resolve(ResultWriter.SUMMARY), ResultWriter.SUMMARY_HEADER + "\n");
		Files.copy(out.resolve("bland_altman_GREEN.png"), estimate.resolve("vid_ppg.png"));
		assertEquals(2, EvaluationSet.scan(ubfc.toFile()).size());
		// a subject's own folder of frames is still a recording
		assertFalse(org.pulsej.video.VideoReader.isResultsFolder(ubfc.resolve("subject1").toFile()));
		// Estimate Heart Rate given the dataset folder names its recordings' folders, not the results folders
		final PulseJException e = assertThrows(PulseJException.class, () -> org.pulsej.video.VideoReader.videosIn(ubfc
			.toFile()));
		assertTrue(e.getMessage().contains("2 of its subfolders do (subject1, subject2)"), e.getMessage());
		// the records it knows results folders by are the ones PulseJ writes
		for (final String record : new String[] { EvaluationWriter.SOURCE, org.pulsej.util.FolderLock.FILE,
			org.pulsej.results.ShardRecord.FILE, EvaluationWriter.METRICS,
			ResultWriter.SUMMARY }) {
			final Path d = Files.createDirectories(dir.resolve("r" + record.hashCode()));
			Files.writeString(d.resolve(record), record.equals(ResultWriter.SUMMARY) ? ResultWriter.SUMMARY_HEADER + "\n" : "");
			if (record.equals(EvaluationWriter.METRICS)) Files.writeString(d.resolve(EvaluationWriter.EVALUATION), "");
			assertTrue(org.pulsej.video.VideoReader.isResultsFolder(d.toFile()), record);
		}
	}

	@Test
	void noGroundTruthAnywhereIsRefused() {
		final Path in = dir.resolve("bare");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 70, 9));
		assertTrue(in.resolve("a_gt.csv").toFile().delete());
		final PulseJException e = assertThrows(PulseJException.class, () -> evaluate(in, dir.resolve("o"), List.of(
			PulseMethod.POS)));
		assertTrue(e.getMessage().contains("None of the 1 videos") && e.fix().contains("STEM_gt.csv"), e.getMessage());
	}

	/**
	 * An evaluation refused or failed as a whole (input= mistyped, no ground truth, every video failing)
	 * left the output folders it had made behind, empty (output=new/a/b: new, a and b; with PhysNet among
	 * several methods, b/PhysNet too), where Estimate Heart Rate leaves none. A folder that was there, or
	 * that holds anything, stays.
	 */
	@Test
	void aRefusedOrFailedEvaluationLeavesNoFolderItMade() throws Exception {
		final Path bare = dir.resolve("bare");
		EvalFixtures.pulsej(bare, "a", EvalFixtures.small(12, 70, 9));
		Files.delete(bare.resolve("a_gt.csv"));
		final Path made = dir.resolve("new"), out = made.resolve("a/b");
		assertThrows(PulseJException.class, () -> evaluate(dir.resolve("missing"), out, List.of(PulseMethod.GREEN)));
		assertFalse(Files.exists(made), "input= that does not exist: nothing left");
		assertThrows(PulseJException.class, () -> evaluate(bare, out, List.of(PulseMethod.GREEN, PulseMethod.POS)));
		assertFalse(Files.exists(made), "no ground truth: nothing left");
		// every video fails: its ground truth names no heart rate or PPG column
		final Path failing = dir.resolve("failing");
		EvalFixtures.pulsej(failing, "a", EvalFixtures.small(12, 70, 9));
		Files.writeString(failing.resolve("a_gt.csv"), "frame,HR\n0,70\n1,70\n");
		final EvaluationJob.Outcome o = evaluate(failing, out, List.of(PulseMethod.GREEN));
		assertEquals(1, o.failures().size(), o.failures().toString());
		assertFalse(Files.exists(made), "every video failed: nothing left");
		// with PhysNet among several methods, its folder is made when the job opens
		final EstimateOptions options = new EstimateOptions().roi(RoiMode.WHOLE, null);
		try (EvaluationJob job = new EvaluationJob(options, List.of(PulseMethod.GREEN), new EvaluationJob.PhysNetRows(
			org.pulsej.nn.BundledModels.defaultModel(), null, "cpu"), false, out, true, log::add)) {
			assertTrue(Files.isDirectory(out.resolve("PhysNet")));
			assertThrows(PulseJException.class, () -> job.run(bare.toFile(), 0, Progress.NONE));
		}
		assertFalse(Files.exists(made), "its PhysNet folder too");
		// a folder that was there stays, and so does one that holds anything
		final Path kept = Files.createDirectories(dir.resolve("kept")), mine = Files.createDirectories(kept.resolve(
			"mine"));
		Files.writeString(mine.resolve("notes.txt"), "x");
		assertThrows(PulseJException.class, () -> evaluate(bare, kept, List.of(PulseMethod.GREEN)));
		assertThrows(PulseJException.class, () -> evaluate(bare, mine, List.of(PulseMethod.GREEN)));
		assertTrue(Files.isDirectory(kept) && Files.exists(mine.resolve("notes.txt")));
		// a successful evaluation keeps its folder
		final Path good = dir.resolve("good");
		EvalFixtures.pulsej(good, "a", EvalFixtures.small(12, 70, 9));
		assertEquals(1, evaluate(good, out, List.of(PulseMethod.GREEN)).metrics().size());
		assertTrue(Files.exists(out.resolve(EvaluationWriter.METRICS)));
	}

	@Test
	void aForeignMetricsFileIsRefusedBeforeAnythingIsMeasuredOrWritten() throws Exception {
		final Path in = dir.resolve("in");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 70, 9));
		final Path out = java.nio.file.Files.createDirectories(dir.resolve("o"));
		java.nio.file.Files.writeString(out.resolve(EvaluationWriter.METRICS), "my,own\n");
		final PulseJException e = assertThrows(PulseJException.class, () -> evaluate(in, out, List.of(PulseMethod.POS)));
		assertTrue(e.getMessage().contains("metrics.csv that PulseJ did not write"), e.getMessage());
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(out)) {
			assertEquals(List.of(EvaluationWriter.METRICS), files.map(p -> p.getFileName().toString()).toList(),
				"nothing measured or written");
		}
		assertEquals("my,own\n", java.nio.file.Files.readString(out.resolve(EvaluationWriter.METRICS)));
	}

	/**
	 * A second set of videos evaluated into the folder of a first replaced the first's metrics.csv and
	 * evaluation.csv without a word, and its per-video files and summary rows joined the first's. It is
	 * refused before anything is measured; the same set evaluated again still replaces its evaluation.
	 */
	@Test
	void anotherSetIsNotEvaluatedOverAnEarlierEvaluation() throws Exception {
		final Path first = dir.resolve("first"), second = dir.resolve("second"), out = dir.resolve("o");
		EvalFixtures.pulsej(first, "a", EvalFixtures.small(12, 70, 9));
		EvalFixtures.pulsej(second, "b", EvalFixtures.small(12, 90, 10));
		evaluate(first, out, List.of(PulseMethod.POS));
		final String metrics = Files.readString(out.resolve(EvaluationWriter.METRICS));
		final String evaluation = Files.readString(out.resolve(EvaluationWriter.EVALUATION));
		final PulseJException e = assertThrows(PulseJException.class, () -> evaluate(second, out, List.of(
			PulseMethod.POS)));
		assertTrue(e.getMessage().contains("already holds the evaluation of " + first.toRealPath()) && e.fix().contains(
			"another output folder"), e.getMessage() + " / " + e.fix());
		assertEquals(metrics, Files.readString(out.resolve(EvaluationWriter.METRICS)), "the first evaluation stays");
		assertEquals(evaluation, Files.readString(out.resolve(EvaluationWriter.EVALUATION)));
		assertFalse(Files.exists(out.resolve("b_ppg.csv")), "nothing of the second set measured or written");
		// the same videos again (through another spelling of the path): replaced
		final EvaluationJob.Outcome again = evaluate(dir.resolve("second/../first"), out, List.of(PulseMethod.POS,
			PulseMethod.GREEN));
		assertEquals(2, again.metrics().size());
		assertEquals(2, EvaluationWriter.read(out.resolve(EvaluationWriter.METRICS)).size());
		// a folder whose record is gone (written by an older PulseJ) is replaced as before
		Files.delete(out.resolve(EvaluationWriter.SOURCE));
		final Path out2 = Files.createDirectories(dir.resolve("o2"));
		Files.copy(out.resolve(EvaluationWriter.METRICS), out2.resolve(EvaluationWriter.METRICS));
		assertEquals(1, evaluate(second, out2, List.of(PulseMethod.POS)).metrics().size());
		assertTrue(Files.readString(out2.resolve(EvaluationWriter.SOURCE)).contains(second.toRealPath().toString()));
	}

	/**
	 * A model= or specialists= folder that cannot be read (missing, a file) failed each video in turn,
	 * after its other methods had measured it ("2 of 4 videos could not be evaluated" for 2 videos,
	 * with an empty PhysNet folder written); it is refused before any folder is made.
	 */
	@Test
	void aPhysNetModelThatCannotBeReadIsRefusedBeforeAnyVideo() throws Exception {
		final Path in = dir.resolve("in"), out = dir.resolve("o");
		EvalFixtures.pulsej(in, "a", EvalFixtures.small(12, 70, 9));
		final EstimateOptions options = new EstimateOptions().roi(RoiMode.WHOLE, null);
		final Path file = in.resolve("a_gt.csv");
		for (final EvaluationJob.PhysNetRows rows : List.of(new EvaluationJob.PhysNetRows(dir.resolve("missing"), null,
			"cpu"), new EvaluationJob.PhysNetRows(file, null, "cpu")))
		{
			final PulseJException e = assertThrows(PulseJException.class, () -> new EvaluationJob(options, List.of(
				PulseMethod.GREEN), rows, false, out, true, log::add).close());
			assertTrue(e.getMessage().contains(rows.model().equals(file) ? "is a file, not a folder" : "does not exist"), e
				.getMessage());
			assertTrue(!Files.exists(out), "no folder made");
		}
	}

	@Test
	void aFolderOfFramesIsNeverItsOwnOutputFolder() throws Exception {
		// its plots became frames, and the folder was then refused: "the first frame bland_altman_GREEN.png is 900x360"
		final Path frames = Files.createDirectories(dir.resolve("frames"));
		for (int t = 0; t < 4; t++)
			assertTrue(new ij.io.FileSaver(new ij.ImagePlus("f", new ij.process.ColorProcessor(16, 12))).saveAsPng(frames
				.resolve("f" + t + ".png").toString()));
		Files.writeString(frames.resolve("frames_gt.csv"), "frame,hr_bpm\n0,70\n1,70\n2,70\n3,70\n");
		final List<String> before;
		try (java.util.stream.Stream<Path> s = Files.list(frames)) {
			before = s.map(p -> p.getFileName().toString()).sorted().toList();
		}
		final PulseJException e = assertThrows(PulseJException.class, () -> evaluate(frames, frames, List.of(
			PulseMethod.GREEN)));
		assertTrue(e.getMessage().contains("is the folder of frames being evaluated") && e.fix().contains("frames_pulsej"),
			e.getMessage());
		try (java.util.stream.Stream<Path> s = Files.list(frames)) {
			assertEquals(before, s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written");
		}
	}

	@Test
	void aVideoThatFailsWithOneMethodIsCountedOnce() {
		// a video scored with GREEN whose PhysNet failed was counted twice: "2 of 4 videos" for 2 videos
		final VideoScore green = new VideoScore("s1", "GREEN", 360, 360, 72, 72, 0, 0, 0, 1, 5, 1, Double.NaN,
			Double.NaN, Double.NaN, new double[0], new double[0], 30);
		final VideoScore other = new VideoScore("s2", "GREEN", 360, 360, 72, 72, 0, 0, 0, 1, 5, 1, Double.NaN,
			Double.NaN, Double.NaN, new double[0], new double[0], 30);
		final EvaluationJob.Outcome o = new EvaluationJob.Outcome(List.of(), List.of(green, other), Map.of(), Map.of(),
			Map.of("s1", "the model folder does not exist"), List.of());
		assertTrue(o.failureMessage().startsWith("1 of 2 videos could not be evaluated"), o.failureMessage());
	}

	/**
	 * A plain PhysNet model given as specialists= was scored, with exit 0, as the row "PhysNet
	 * specialists"; it is refused before any folder is made. A specialists folder (specialists.json) and
	 * no specialists= are taken as before.
	 */
	@Test
	void aPlainModelGivenAsSpecialistsIsRefused(@TempDir final Path dir) throws Exception {
		final Path plain = Files.createDirectories(dir.resolve("plain"));
		Files.writeString(plain.resolve("model.json"), "{}");
		final PulseJException e = assertThrows(PulseJException.class, () -> new EvaluationJob.PhysNetRows(plain, plain,
			"cpu"));
		assertTrue(e.getMessage().startsWith("specialists=" + plain + " is a plain PhysNet model (it holds model.json, " +
			"no specialists.json), not a specialists folder") && e.getMessage().contains("Give it as model="), e
				.getMessage());
		final Path spec = Files.createDirectories(dir.resolve("spec"));
		Files.writeString(spec.resolve("specialists.json"), "{}");
		assertEquals(spec, new EvaluationJob.PhysNetRows(plain, spec, "cpu").specialists());
		assertEquals(null, new EvaluationJob.PhysNetRows(plain, null, "cpu").specialists());
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.BatchFixtures;
import org.pulsej.results.CompletedVideos;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultMerger;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.Shard;
import org.pulsej.results.ShardRecord;
import org.pulsej.signal.PulseMethod;
import org.pulsej.signal.RgbTrace;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Anything thrown while measuring one video is that video's failure, named, and the others are
 * measured; damaged headers and files are refused by what is wrong with them; nothing that is not a
 * heart rate is written as one; a cut summary row never counts as a finished video.
 */
class FaultIsolationTest {

	@TempDir
	static Path shared;
	static Path good;

	@TempDir
	Path dir;

	final List<String> log = new ArrayList<>();

	@BeforeAll
	static void makeVideo() throws IOException {
		good = BatchFixtures.folder(shared.resolve("in"), 72, "good").resolve("good.avi");
	}

	static EstimateOptions options() {
		return new EstimateOptions().roi(RoiMode.WHOLE, null);
	}

	/** A copy of the good video whose header (main and stream) gives this frame size. */
	Path withHeaderSize(final Path folder, final String name, final int w, final int h) throws IOException {
		final Path f = Files.copy(good, Files.createDirectories(folder).resolve(name));
		final byte[] b = Files.readAllBytes(f);
		try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
			for (int i = 0; i + 8 < b.length && i < 4096; i++) {
				final String id = new String(b, i, 4, StandardCharsets.ISO_8859_1);
				if (id.equals("avih")) {
					putInt(raf, i + 8 + 32, w);
					putInt(raf, i + 8 + 36, h);
				}
				else if (id.equals("strf")) {
					putInt(raf, i + 8 + 4, w);
					putInt(raf, i + 8 + 8, h);
				}
			}
		}
		return f;
	}

	private static void putInt(final RandomAccessFile raf, final long pos, final int v) throws IOException {
		raf.seek(pos);
		raf.write(new byte[] { (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24) });
	}

	@Test
	void aZeroSizeHeaderAsFirstVideoFailsAloneAndTheBatchGoesOn() throws IOException {
		final Path in = dir.resolve("in");
		withHeaderSize(in, "a0.avi", 0, 0);
		Files.copy(good, in.resolve("b.avi"));
		final BatchJob.Outcome o = new BatchJob(options(), 0, false, dir.resolve("out"), log::add).run(in.toFile(),
			Shard.ALL, Progress.NONE);
		assertEquals(List.of("b"), o.results().stream().map(HeartRateResult::video).toList(), "the good one measured");
		assertTrue(o.failures().get("a0.avi").contains("frame size of 0x0"), o.failures().toString());
	}

	/** A rectangle drawn past the frame's edge was measured on its part inside without a word. */
	@Test
	void aRectanglePartlyOutsideTheFrameIsMeasuredWithANote() throws IOException {
		final EstimateOptions o = new EstimateOptions().roi(RoiMode.MANUAL, new java.awt.Rectangle(-10, -20, 50, 60));
		try (EstimateJob job = new EstimateJob(o, dir.resolve("out"), false, log::add)) {
			assertEquals(1, job.run(good.toFile(), 0, Progress.NONE).results().size());
		}
		assertTrue(log.contains("PulseJ: good — the rectangle -10,-20,50,60 reaches outside the 96x72 frame; only its " +
			"part inside, 0,0,40,40 (53 % of it), is measured"), log.toString());
		log.clear();
		try (EstimateJob job = new EstimateJob(o.roi(RoiMode.MANUAL, new java.awt.Rectangle(10, 10, 40, 40)), dir.resolve(
			"out2"), false, log::add)) {
			job.run(good.toFile(), 0, Progress.NONE);
		}
		assertTrue(log.stream().noneMatch(l -> l.contains("reaches outside")), log.toString());
	}

	/** A symbolic link beside the video it points to gave that video a second result row. */
	@Test
	void aLinkToAVideoBesideItIsMeasuredOnce() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(good, in.resolve("b.avi"));
		Files.createSymbolicLink(in.resolve("a.avi"), in.resolve("b.avi"));
		final BatchJob.Outcome o = new BatchJob(options(), 0, false, dir.resolve("out"), log::add).run(in.toFile(),
			Shard.ALL, Progress.NONE);
		assertEquals(List.of("b"), o.results().stream().map(HeartRateResult::video).toList());
		assertEquals(1, ResultWriter.readSummaryRows(dir.resolve("out").resolve(ResultWriter.SUMMARY)).size());
		assertTrue(log.contains("PulseJ: in: a.avi (the same file as b.avi) is left out, so that each video is measured " +
			"once"), log.toString());
	}

	@Test
	void aHeaderClaimingHugeFramesIsBlamedOnTheHeaderNotOnMemory() throws IOException {
		final Path f = withHeaderSize(dir.resolve("in"), "huge.avi", 100000, 100000);
		try (EstimateJob job = new EstimateJob(options(), dir.resolve("out"), false, log::add)) {
			final String m = job.run(f.toFile(), 0, Progress.NONE).failures().get("huge.avi");
			assertTrue(m.contains("100000x100000") && m.contains("could not hold one such frame"), m);
			assertFalse(m.contains("memory") || m.contains("-Xmx"), m);
		}
	}

	@Test
	void anUnexpectedExceptionInOneVideoIsThatVideosNamedFailure() throws IOException {
		final Path in = dir.resolve("in");
		Files.createDirectories(in);
		Files.copy(good, in.resolve("a.avi"));
		Files.copy(good, in.resolve("b.avi"));
		final AtomicInteger calls = new AtomicInteger();
		final EstimateOptions o = options();
		final BatchJob.Outcome out;
		try (EstimateJob job = new EstimateJob(o, dir.resolve("out"), false, log::add).confidence((ppg, hr, fps) -> {
			if (calls.getAndIncrement() == 0) throw new IllegalArgumentException("bad resampling: 0.0 -> 1");
			return ConfidenceEstimator.FULL.confidence(ppg, hr, fps);
		})) {
			out = new BatchJob(o, 0, false, dir.resolve("out"), log::add).run(job, in.toFile(), Shard.ALL, Progress.NONE);
		}
		assertEquals(List.of("b"), out.results().stream().map(HeartRateResult::video).toList());
		final String m = out.failures().get("a.avi");
		assertTrue(m.startsWith("PulseJ could not process a.avi (unexpected IllegalArgumentException: bad resampling"),
			m);
		assertTrue(m.contains("report it"), "says what to do: " + m);
		assertFalse(Files.exists(dir.resolve("out").resolve("a_ppg.csv")), "nothing of a is written");
	}

	@Test
	void aHeartRateThatIsNotANumberFailsItsVideoAndIsNeverWritten() throws IOException {
		final Path out = dir.resolve("out");
		try (EstimateJob job = new EstimateJob(options(), out, false, log::add).confidence((ppg, hr, fps) -> {
			final double[] c = new double[hr.length];
			Arrays.fill(c, Double.NaN);
			return c;
		})) {
			final EstimateJob.Outcome r = job.run(good.toFile(), 0, Progress.NONE);
			assertTrue(r.allFailed());
			assertTrue(r.failures().get("good.avi").startsWith("No heart rate could be measured in good"), r.failures()
				.toString());
		}
		assertFalse(Files.exists(out.resolve("good_heart_rate.csv")));
		assertFalse(Files.exists(out.resolve(ResultWriter.SUMMARY)), "no row with NaN");
	}

	@Test
	void aGreyPictureStoredAsColourIsRefusedForPosAndChromButNotForGreen() {
		final int n = 300;
		final double[] grey = new double[n], r = new double[n], g = new double[n], b = new double[n];
		for (int t = 0; t < n; t++) {
			grey[t] = 120 + Math.sin(2 * Math.PI * 1.2 * t / 30.0);
			r[t] = grey[t] + 40;
			g[t] = grey[t];
			b[t] = grey[t] - 30;
		}
		// JPEG rounding: a grey picture's channels differ by a fraction of a level
		final RgbTrace greyAsColour = new RgbTrace(grey, Arrays.stream(grey).map(v -> v + 0.3).toArray(), grey.clone());
		for (final PulseMethod m : List.of(PulseMethod.POS, PulseMethod.CHROM)) {
			final PulseJException e = assertThrows(PulseJException.class, () -> new HeartRatePipeline(options().method(m))
				.fromTrace("v", greyAsColour, 30));
			assertTrue(e.getMessage().contains("pictures are grey") && e.getMessage().contains("method=GREEN"), e
				.getMessage());
			assertTrue(Double.isFinite(new HeartRatePipeline(options().method(m)).fromTrace("v", new RgbTrace(r, g, b),
				30).hrMedian()), "a colour trace is measured");
		}
		assertTrue(Double.isFinite(new HeartRatePipeline(options().method(PulseMethod.GREEN)).fromTrace("v",
			greyAsColour, 30).hrMedian()));
	}

	@Test
	void aNamedPipeIsRefusedAtOnceInsteadOfBlocking() throws Exception {
		final Path fifo = dir.resolve("live.avi");
		Process p;
		try {
			p = new ProcessBuilder("mkfifo", fifo.toString()).start();
		}
		catch (final IOException e) {
			p = null;
		}
		assumeTrue(p != null && p.waitFor() == 0, "mkfifo not available");
		try (EstimateJob job = new EstimateJob(options(), dir.resolve("out"), false, log::add)) {
			final PulseJException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
				PulseJException.class, () -> job.run(fifo.toFile(), 0, Progress.NONE)));
			assertTrue(e.getMessage().contains("named pipe"), e.getMessage());
		}
	}

	/**
	 * Weights of another size than model.json says were refused only once the first video's face had
	 * been found (in a batch, after every video's detection): now before any face is looked for.
	 */
	@Test
	void weightsOfAnotherSizeAreRefusedBeforeAnyFaceIsLookedFor() throws IOException {
		assumeTrue(org.pulsej.nn.BundledModels.hasDefault(), "bundled model not in this build");
		final Path model = Files.createDirectories(dir.resolve("model"));
		final Path bundled = org.pulsej.nn.BundledModels.defaultModel();
		for (final String f : new String[] { org.pulsej.nn.ModelDescription.FILE, org.pulsej.nn.ModelDescription.WEIGHTS })
			Files.copy(bundled.resolve(f), model.resolve(f));
		final Path json = model.resolve(org.pulsej.nn.ModelDescription.FILE);
		Files.writeString(json, Files.readString(json).replaceFirst("\"width\": 16", "\"width\": 24"));
		final EstimateOptions o = new EstimateOptions().roi(RoiMode.FACE, null).physNet(model, "cpu");
		// refused when the job opens, before any video is read or the output folder made (a batch failed every
		// video on it, and its record then refused the rerun with the right model= as "other settings")
		final PulseJException e = assertThrows(PulseJException.class, () -> new EstimateJob(o, dir.resolve("out"), false,
			log::add));
		assertTrue(e.getMessage().contains("do not fit the network model.json describes"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("out")));
	}

	@Test
	void aSpecialistsFileHoldingNullIsNamedAsDamaged() throws IOException {
		final Path model = Files.createDirectories(dir.resolve("model"));
		Files.writeString(model.resolve(org.pulsej.nn.SpecialistRouter.FILE), "null");
		final EstimateOptions o = options().physNet(model, "cpu");
		final PulseJException e = assertThrows(PulseJException.class, () -> new EstimateJob(o, dir.resolve("out"), false,
			log::add));
		assertTrue(e.getMessage().contains("specialists.json") && e.getMessage().contains("is damaged"), e.getMessage());
		// a batch's settings (which identify the model by content) do not fail on it either
		assertTrue(BatchJob.settings(o, 0, false).contains("model="));
	}

	@Test
	void aSummaryCutInsideARowNeverCountsThatVideoAsDoneNorIsMerged() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(good, in.resolve("a.avi"));
		Files.copy(good, in.resolve("b.avi"));
		final Path shard = dir.resolve("results").resolve("shard_1");
		new BatchJob(options(), 0, false, shard, log::add).run(in.toFile(), Shard.ALL, Progress.NONE);
		final Path summary = shard.resolve(ResultWriter.SUMMARY);
		final String text = Files.readString(summary);
		assertTrue(text.endsWith("\n") && text.contains("\nb,"));
		// cut inside b's row; then also a variant that keeps every column but lost the newline
		for (final String cut : List.of(text.substring(0, text.indexOf("\nb,") + 12), text.substring(0, text.length() -
			1)))
		{
			Files.writeString(summary, cut);
			final Map<String, String> rows = ResultWriter.readSummaryRows(summary);
			assertEquals(List.of("a"), new ArrayList<>(rows.keySet()), "the half row is not a row");
			assertFalse(CompletedVideos.isComplete(shard, "b", rows, false));
			final Path merged = dir.resolve("merged");
			final ResultMerger.Outcome m = ResultMerger.merge(dir.resolve("results"), merged, Progress.NONE, log::add);
			assertEquals(List.of("a"), ResultWriter.readSummary(merged.resolve(ResultWriter.SUMMARY)).stream().map(
				x -> x.get("video")).toList(), "the half row is not merged");
			assertTrue(m.missing().toString().contains("b"), m.missing().toString());
		}
		// the restart measures b again and writes a whole summary
		final BatchJob.Outcome again = new BatchJob(options(), 0, false, shard, log::add).run(in.toFile(), Shard.ALL,
			Progress.NONE);
		assertEquals(List.of("b"), again.results().stream().map(HeartRateResult::video).toList());
		assertEquals(List.of("a", "b"), new ArrayList<>(ResultWriter.readSummaryRows(summary).keySet()));
	}

	@Test
	void removingAFailedVideoResumesAOneShardRunButNotASplitOne() {
		final String s = "method=POS";
		final ShardRecord before = new ShardRecord("in", Shard.ALL, 3, s, List.of("a", "b", "c"));
		BatchJob.checkResume(before, new ShardRecord("in", Shard.ALL, 2, s, List.of("a", "c")));
		final PulseJException added = assertThrows(PulseJException.class, () -> BatchJob.checkResume(before,
			new ShardRecord("in", Shard.ALL, 4, s, List.of("a", "b", "c", "d"))));
		assertTrue(added.getMessage().contains("now holds 4 videos"), added.getMessage());
		final Shard half = Shard.parse("1/2");
		final PulseJException split = assertThrows(PulseJException.class, () -> BatchJob.checkResume(new ShardRecord(
			"in", half, 3, s, List.of("a", "c")), new ShardRecord("in", half, 2, s, List.of("a"))));
		assertTrue(split.getMessage().contains("split into shards has changed"), split.getMessage());
	}

	/**
	 * PhysNet with a model of colour ratios (colors=chroma) on a grey video: every input was zero, and
	 * the video was refused as "the same in every frame (a still picture …)" after face detection, blaming
	 * the video. It is refused first, naming the model's colours; a YUV model reads grey videos. Train
	 * PhysNet with colors=chroma on grey videos alike.
	 */
	@Test
	void aGreyVideoIsRefusedForAModelOfColourRatios() {
		final ij.ImageStack grey = new ij.ImageStack(8, 8), colour = new ij.ImageStack(8, 8), greyRgb =
			new ij.ImageStack(8, 8);
		for (int t = 0; t < 3; t++) {
			grey.addSlice(new ij.process.ByteProcessor(8, 8));
			final ij.process.ColorProcessor skin = new ij.process.ColorProcessor(8, 8), flat = new ij.process.ColorProcessor(8,
				8);
			skin.setColor(new java.awt.Color(200, 150, 120));
			skin.fill();
			// grey stored as colour, with a codec's rounding of a level between the channels
			flat.setColor(new java.awt.Color(128, 129, 128));
			flat.fill();
			colour.addSlice(skin);
			greyRgb.addSlice(flat);
		}
		final org.pulsej.video.Video g = new org.pulsej.video.Video(grey, 8, 30, "g", null);
		final org.pulsej.nn.PhysNetConfig chroma = new org.pulsej.nn.PhysNetConfig(4, 32, 32, 3, "CHROMA", null);
		final PulseJException e = assertThrows(PulseJException.class, () -> EstimateJob.checkColour(g, chroma));
		assertTrue(e.getMessage().startsWith("g is a 8-bit grey video, but this PhysNet model (trained with " +
			"colors=chroma) reads colour ratios") && e.fix().contains("colors=yuv"), e.getMessage());
		EstimateJob.checkColour(g, chroma.withColorSpace(org.pulsej.input.ColorTransforms.ColorSpace.YUV));
		EstimateJob.checkColour(new org.pulsej.video.Video(colour, 24, 30, "c", null), chroma);
		// a grey video stored as colour (an MKV of gray pixels) was refused as "the same in every frame"
		final PulseJException rgb = assertThrows(PulseJException.class, () -> TrainingJob.prepare(new org.pulsej.video
			.Video(greyRgb, 24, 30, "gray", null), null, null, chroma, Progress.NONE));
		assertTrue(rgb.getMessage().startsWith("gray is a grey video stored as colour (red, green and blue are equal " +
			"in its pixels), but colors=chroma trains on colour ratios") && rgb.fix().contains("colors=yuv"), rgb
				.getMessage());
		// Train PhysNet (colors=chroma) left each grey video out as "the same in every frame", then failed
		final PulseJException training = assertThrows(PulseJException.class, () -> TrainingJob.prepare(g, null, null,
			chroma, Progress.NONE));
		assertTrue(training.getMessage().startsWith("g is a 8-bit grey video, but colors=chroma trains on colour " +
			"ratios") && training.getMessage().contains("Train with colors=yuv"), training.getMessage());
	}
}

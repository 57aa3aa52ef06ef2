package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.filter.AVI_Writer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.input.ScratchVolumes;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.nn.TrainingReport;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Training sets larger than the heap: their face volumes go to a scratch folder, training reads its
 * clips from there and gives the same model as training from the heap, and the folder is gone after.
 */
class TrainingMemoryTest {

	static final PhysNetConfig TINY = new PhysNetConfig(4, 16, 16, 3, null, null);

	@TempDir
	Path dir;

	@TempDir
	static Path data;

	@BeforeAll
	static void videos() {
		for (int i = 0; i < 2; i++)
			SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 40).seconds(8).fps(15).hrBpm(66 + 10 * i).seed(40 +
				i), data.toFile(), "v" + i, false, Progress.NONE);
	}

	private static List<File> small() {
		return List.of(data.resolve("v0.avi").toFile(), data.resolve("v1.avi").toFile());
	}

	private static TrainOptions tiny() {
		return TrainOptions.paper().withEpochs(2).withClip(6, 3).withBatchSize(2).withLearningRate(1e-3).withDevice(
			"cpu").withSeed(9);
	}

	/**
	 * An uncompressed AVI of {@code frames} tiny frames whose brightness beats at 1 Hz (30 distinct
	 * frames shared by all periods while written).
	 */
	private File avi(final String name, final int frames) throws IOException {
		final int[][] period = new int[30][];
		for (int k = 0; k < period.length; k++) {
			period[k] = new int[32 * 24];
			final int g = 0x60 + (int) Math.round(6 * Math.sin(2 * Math.PI * k / 30.0));
			for (int i = 0; i < period[k].length; i++)
				period[k][i] = 0x80 << 16 | g + (i % 7) << 8 | 0x40 + (i % 5);
		}
		final ImageStack stack = new ImageStack(32, 24);
		for (int i = 0; i < frames; i++)
			stack.addSlice("", period[i % period.length]);
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.getCalibration().fps = 30;
		final File f = dir.resolve(name + ".avi").toFile();
		new AVI_Writer().writeImage(imp, f.getPath(), AVI_Writer.NO_COMPRESSION, 0);
		return f;
	}

	/** Files and their bytes under a folder (0, 0 when it does not exist). */
	private static long[] contents(final Path folder) {
		if (!Files.exists(folder)) return new long[2];
		try (Stream<Path> s = Files.walk(folder)) {
			// the volumes (each scratch folder also names its owner process in a small text file)
			final List<Path> files = s.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".f32")).toList();
			long bytes = 0;
			for (final Path f : files)
				bytes += Files.size(f);
			return new long[] { files.size(), bytes };
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
	}

	/** Records the largest scratch content seen while training reported progress. */
	private static Progress watching(final Path scratch, final long[] seen, final Consumer<String> status) {
		return new Progress() {

			@Override
			public void status(final String message) {
				status.accept(message);
				look();
			}

			@Override
			public void fraction(final double done) {
				look();
			}

			private void look() {
				final long[] c = contents(scratch);
				seen[0] = Math.max(seen[0], c[0]);
				seen[1] = Math.max(seen[1], c[1]);
			}
		};
	}

	@Test
	void theVolumesOfTheVideosAreCountedFromTheirFrames() throws IOException {
		final List<File> videos = List.of(avi("a", 60), avi("b", 90), dir.resolve("missing.avi").toFile());
		final PhysNetConfig cpu = PhysNetConfig.cpu(); // 64x64 input, cut from a 96x64 crop
		assertEquals(1.1 * 150 * 3 * 96 * 64 * 4, TrainingJob.volumeBytes(videos, 0, cpu), 1e-6);
		assertEquals(1.1 * 150 * 3 * 192 * 128 * 4, TrainingJob.volumeBytes(videos, 0, PhysNetConfig.paper()), 1e-6);
		// companions: 30 s each at the first video's rate (30 fps), or at the rate given
		assertEquals(1.1 * (150 + 2 * 900) * 3 * 96 * 64 * 4, TrainingJob.volumeBytes(videos, 0, cpu, 2), 1e-6);
		assertEquals(1.1 * (150 + 2 * 450) * 3 * 96 * 64 * 4, TrainingJob.volumeBytes(videos, 15, cpu, 2), 1e-6);
		// never faster than 30 fps, however fast the videos
		assertEquals(1.1 * (150 + 2 * 900) * 3 * 96 * 64 * 4, TrainingJob.volumeBytes(videos, 60, cpu, 2), 1e-6);
	}

	@Test
	void volumesSpillWhenTheyTakeMoreThanHalfTheFreeHeap() {
		assertFalse(TrainingJob.needsSpill(0.5e9, 1_000_000_000L));
		assertTrue(TrainingJob.needsSpill(0.51e9, 1_000_000_000L));
	}

	@Test
	void aSpilledTrainingGivesTheModelOfATrainingInTheHeap() throws IOException {
		final Path heap = dir.resolve("heap"), spilled = dir.resolve("spilled"), scratch = dir.resolve("scratch");
		final List<String> heapLog = new ArrayList<>(), spillLog = new ArrayList<>(), heapStatus = new ArrayList<>(),
			spillStatus = new ArrayList<>();
		final long[] seenHeap = new long[2], seen = new long[2];
		final TrainingReport a = TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny(), TrainingJob.Scratch
			.auto(), heap, watching(scratch, seenHeap, heapStatus::add), heapLog::add);
		final TrainingReport b = TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny(), new TrainingJob.Scratch(
			scratch, true), spilled, watching(scratch, seen, spillStatus::add), spillLog::add);
		assertEquals(0, seenHeap[0], "a small set stays in the heap");
		assertEquals(2, seen[0], "one scratch file per video while training");
		// 2 videos × 120 frames × 3 channels × 24×16 crop × 4 bytes
		assertEquals(2L * 120 * 3 * 24 * 16 * 4, seen[1]);
		assertTrue(spillLog.stream().anyMatch(l -> l.contains("are kept in " + scratch)), spillLog.toString());
		assertArrayEquals(new long[2], contents(scratch), "scratch files deleted after training");
		assertEquals(2, a.epochsCompleted());
		assertEquals(a.selectedEpoch(), b.selectedEpoch());
		for (int e = 0; e < 2; e++) {
			assertEquals(a.epochs().get(e).loss(), b.epochs().get(e).loss(), 0, "loss of epoch " + (e + 1));
			assertEquals(a.epochs().get(e).ipr(), b.epochs().get(e).ipr(), 0, "IPR of epoch " + (e + 1));
		}
		assertArrayEquals(Files.readAllBytes(heap.resolve("physnet.params")), Files.readAllBytes(spilled.resolve(
			"physnet.params")), "the same weights bit for bit");
		System.out.printf("epoch seconds in the heap %.3f %.3f, spilled %.3f %.3f%n", a.epochs().get(0).seconds(), a
			.epochs().get(1).seconds(), b.epochs().get(0).seconds(), b.epochs().get(1).seconds());
		// resuming the spilled model from the heap is allowed: the videos' fingerprint is the same
		final TrainingReport more = TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny().withEpochs(3)
			.withResume(true), TrainingJob.Scratch.auto(), spilled, Progress.NONE, l -> {});
		assertEquals(3, more.epochsCompleted());
	}

	@Test
	void cancellingRemovesTheScratchFolder() {
		final Path scratch = dir.resolve("scratch");
		final long[] seen = new long[2];
		// cancelled during the first epoch
		final boolean[] cancel = { false };
		final Progress p = new Progress() {

			@Override
			public void status(final String message) {
				final long[] c = contents(scratch);
				seen[0] = Math.max(seen[0], c[0]);
				if (message.startsWith("PhysNet:")) cancel[0] = true;
			}

			@Override
			public void fraction(final double done) {}

			@Override
			public boolean isCancelled() {
				return cancel[0];
			}
		};
		final TrainingReport r = TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny(), new TrainingJob.Scratch(
			scratch, true), dir.resolve("model"), p, l -> {});
		assertTrue(r.cancelled());
		assertEquals(2, seen[0], "the volumes were spilled");
		assertArrayEquals(new long[2], contents(scratch), "scratch folder removed after a cancel");
		// cancelled while preparing the second video
		final Progress early = new Progress() {

			@Override
			public void status(final String message) {
				if (message.startsWith("Preparing video 2/")) cancel[0] = true;
			}

			@Override
			public void fraction(final double done) {}

			@Override
			public boolean isCancelled() {
				return cancel[0];
			}
		};
		cancel[0] = false;
		assertThrows(java.util.concurrent.CancellationException.class, () -> TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny(),
			new TrainingJob.Scratch(scratch, true), dir.resolve("model2"), early, l -> {}));
		assertArrayEquals(new long[2], contents(scratch), "scratch folder removed after a cancel while preparing");
		// by default in the temporary folder, as a pulsej-volumes-* folder that is gone after
		cancel[0] = false;
		final List<String> log = new ArrayList<>();
		assertTrue(TrainingJob.train(small(), List.of(), null, 0, null, TINY, tiny(), new TrainingJob.Scratch(null, true),
			dir.resolve("model3"), p, log::add).cancelled());
		final String line = log.stream().filter(l -> l.contains("are kept in ")).findFirst().orElseThrow();
		final Path used = Path.of(line.substring(line.indexOf("are kept in ") + 12, line.indexOf(" while training")));
		assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), used.getParent().toAbsolutePath());
		assertTrue(used.getFileName().toString().startsWith(ScratchVolumes.PREFIX), used.toString());
		assertFalse(Files.exists(used), "temporary scratch folder removed");
	}

	@Test
	void aTrainingSetLargerThanTheHeapIsSpilledAndTrained() throws IOException {
		// 96x64 volumes take 74 kB a frame (81 kB with the margin): 8 videos with 1.2x the heap together
		final long max = Runtime.getRuntime().maxMemory();
		final PhysNetConfig config = new PhysNetConfig(4, 64, 64, 3, null, null);
		final int frames = (int) Math.ceil(1.2 * max / (1.1 * 3 * 96 * 64 * 4) / 8);
		final List<File> videos = new ArrayList<>();
		for (int i = 0; i < 8; i++)
			videos.add(avi("big" + i, frames));
		assertTrue(TrainingJob.volumeBytes(videos, 0, config) > 1.2 * max);
		final Path model = dir.resolve("model"), scratch = dir.resolve("scratch");
		final List<String> log = new ArrayList<>();
		final long[] seen = new long[2];
		final long t0 = System.nanoTime();
		final List<String> status = new ArrayList<>();
		final TrainingReport r = TrainingJob.train(videos, List.of(), null, 0, null, config, TrainOptions.paper()
			.withEpochs(1).withClip(4, 2).withBatchSize(2).withDevice("cpu"), new TrainingJob.Scratch(scratch, false),
			model, watching(scratch, seen, status::add), log::add);
		System.out.printf("%d frames in 8 videos (%.2f GB of volumes, heap %.2f GB) trained in %.1f s%n", 8 * frames,
			seen[1] / 1e9, max / 1e9, (System.nanoTime() - t0) / 1e9);
		assertEquals(1, r.epochsCompleted());
		assertEquals(8, r.videosUsed());
		assertTrue(Files.isRegularFile(model.resolve("physnet.params")), "no model written: " + status);
		assertTrue(log.get(0).contains("more than half the memory Java has free"), log.toString());
		assertEquals(8, seen[0], "every volume was in the scratch folder");
		assertEquals(8L * frames * 3 * 96 * 64 * 4, seen[1], "more bytes than the heap holds");
		assertTrue(seen[1] > max);
		assertArrayEquals(new long[2], contents(scratch), "scratch folder removed");
		try (Stream<Path> s = Files.list(dir)) {
			assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(ScratchVolumes.PREFIX)),
				"nothing written beside the videos");
		}
	}

	@Test
	void aSingleVideoWhoseVolumeCannotFitIsLeftOutWithItsReason() throws IOException {
		// spilling needs each volume built in the heap first: one larger than the heap alone is left out
		final long max = Runtime.getRuntime().maxMemory();
		final PhysNetConfig config = new PhysNetConfig(4, 64, 64, 3, null, null);
		final File huge = avi("huge", (int) Math.ceil(1.2 * max / (3 * 96 * 64 * 4)));
		final List<String> log = new ArrayList<>();
		final TrainingReport r = TrainingJob.train(List.of(huge, small().get(0)), List.of(), null, 0, null, config,
			TrainOptions.paper().withEpochs(1).withClip(4, 2).withBatchSize(2).withDevice("cpu"), new TrainingJob.Scratch(
				dir.resolve("scratch"), false), dir.resolve("model"), Progress.NONE, log::add);
		assertEquals(1, r.videosUsed(), "the other video trained");
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: huge.avi left out of training — PhysNet on huge " +
			"holds its whole face volume") && l.contains("size=64x64")), log.toString());
	}

	@Test
	void aScratchFolderThatCannotBeUsedIsRefusedBeforeAnyVideoIsPrepared(@TempDir final Path dir) throws Exception {
		final Path file = Files.writeString(dir.resolve("file"), "x");
		PulseJException e = assertThrows(PulseJException.class, () -> TrainingJob.scratchFor(List.of(), null, 30,
			PhysNetConfig.cpu(), 0, new TrainingJob.Scratch(file, false), m -> {}));
		assertTrue(e.getMessage().contains("scratch=" + file + " is not a folder you may write to") && e.fix().contains(
			"leave scratch= empty"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> TrainingJob.scratchFor(List.of(), null, 30, PhysNetConfig.cpu(), 0,
			new TrainingJob.Scratch(file.resolve("sub"), false), m -> {}));
		assertTrue(e.getMessage().contains("cannot be made (" + file + " is not a folder"), e.getMessage());
		// an existing folder, or one that can be made when needed, is fine (volumes that fit in the heap need none)
		assertNull(TrainingJob.scratchFor(List.of(), null, 30, PhysNetConfig.cpu(), 0, new TrainingJob.Scratch(dir, false),
			m -> {}));
		assertNull(TrainingJob.scratchFor(List.of(), null, 30, PhysNetConfig.cpu(), 0, new TrainingJob.Scratch(dir.resolve(
			"later"), false), m -> {}));
		assertFalse(Files.exists(dir.resolve("later")), "made only when needed");
	}
}

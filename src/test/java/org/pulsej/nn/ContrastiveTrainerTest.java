package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

class ContrastiveTrainerTest {

	/** Tiny network and clips so that a step takes a few milliseconds. */
	static final PhysNetConfig TINY = new PhysNetConfig(4, 16, 16, 3, null, null);

	static TrainOptions tiny() {
		return TrainOptions.paper().withEpochs(2).withClip(6, 3).withBatchSize(2).withLearningRate(1e-3).withDevice(
			"cpu").withSeed(7);
	}

	static List<FaceVolume> tinyVideos(final int n) {
		final List<FaceVolume> v = new ArrayList<>();
		for (int i = 0; i < n; i++)
			v.add(SyntheticFaces.standard().volume(70 + 10 * i, 10, 10, 16, 40 + i));
		return v;
	}

	/** Collects status messages; cancels once {@code cancelAfter} appears in one. */
	static final class Recorder implements Progress {

		final List<String> messages = new ArrayList<>();
		final AtomicBoolean cancel = new AtomicBoolean();
		String cancelAfter;

		@Override
		public void status(final String m) {
			messages.add(m);
			if (cancelAfter != null && m.startsWith(cancelAfter)) cancel.set(true);
		}

		@Override
		public void fraction(final double f) {
			assertTrue(f >= 0 && f <= 1, "fraction " + f);
		}

		@Override
		public boolean isCancelled() {
			return cancel.get();
		}
	}

	@BeforeAll
	static void engine() {
		TestEngine.get();
	}

	@Test
	void videosTooShortForAnyClipAreNotToldOfAClipThatWouldNotFit(@TempDir final Path dir) {
		// two frames (0.07 s): "a shorter clip (clip=1.0 would fit)", though a 1 s clip needs 0.67 s
		final List<FaceVolume> two = List.of(SyntheticFaces.standard().volume(72, 2 / 30.0, 30, 16, 1));
		PulseJException e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(two, TINY, tiny(),
			dir.resolve("a"), Progress.NONE));
		assertTrue(e.getMessage().startsWith("No video is long enough to train on") && !e.fix().contains("clip="), e
			.getMessage());
		// a 3 s video with 6 s clips: a clip that fits is named
		final List<FaceVolume> three = List.of(SyntheticFaces.standard().volume(72, 3, 30, 16, 1));
		e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(three, TINY, tiny(), dir.resolve(
			"b"), Progress.NONE));
		assertTrue(e.fix().contains("clip=4.0 would fit"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")), "no model folder made");
	}

	@Test
	void learnsThePulseWithoutLabels(@TempDir final Path dir) {
		// four 20 s videos at 15 fps, 32×24 frames (cropped to 24×24 and averaged down to 16×16 for the
		// network), pulses 60–100 bpm under drift, global flicker and pixel noise
		final SyntheticFaces gen = SyntheticFaces.standard();
		gen.flicker = 0.5;
		final double fps = 15;
		final List<FaceVolume> train = new ArrayList<>();
		for (int i = 0; i < 4; i++)
			train.add(gen.volume(60 + 40.0 * i / 3, 20, fps, 32, 24, 100 + i));
		final PhysNetConfig c = new PhysNetConfig(8, 16, 16, 3, null, null);
		// a learning rate far above the paper's 1e-5 so that 120 steps (20 epochs × 6 batches) suffice;
		// seeds 1–5 all passed with these settings (the slowest converged in epoch 18)
		final TrainOptions o = TrainOptions.paper().withEpochs(20).withSamplesPerEpoch(24).withClip(8, 4)
			.withLearningRate(5e-3).withDevice("cpu").withSeed(1);
		final Recorder rec = new Recorder();
		final TrainingReport r = new ContrastiveTrainer().train(train, c, o, dir, rec);
		assertFalse(r.cancelled());
		final List<TrainingReport.EpochStats> e = r.epochs();
		final double firstLoss = (e.get(0).loss() + e.get(1).loss() + e.get(2).loss()) / 3; // about -0.01 … 0
		double lastLoss = 0;
		for (int i = e.size() - 5; i < e.size(); i++)
			lastLoss += e.get(i).loss() / 5;
		assertEquals(20, r.epochsCompleted());
		assertTrue(lastLoss < firstLoss - 0.005, "loss " + firstLoss + " -> " + lastLoss);
		final TrainingReport.EpochStats selected = e.get(r.selectedEpoch() - 1);
		assertTrue(selected.ipr() < 0.1 && selected.ipr() < 0.5 * e.get(0).ipr(), "IPR " + e.get(0).ipr() + " -> " + selected
			.ipr());

		// unseen videos and heart rates; one at twice the frame rate and longer than a window (stitching)
		final double[][] hrFpsSeconds = { { 65, 15, 20 }, { 80, 15, 20 }, { 95, 15, 20 }, { 75, 30, 30 } };
		try (PhysNetModel m = PhysNetModel.load(dir, "cpu")) {
			assertEquals(4, correctHeartRates(m, gen, hrFpsSeconds));
		}
		// control: the same network untrained gets them wrong (drift and flicker dominate its output)
		try (PhysNetModel untrained = PhysNetModelTest.untrained(c, fps, 120, 1)) {
			assertTrue(correctHeartRates(untrained, gen, hrFpsSeconds) <= 1);
		}
	}

	private static int correctHeartRates(final PhysNetModel m, final SyntheticFaces gen, final double[][] cases) {
		int ok = 0;
		for (final double[] cs : cases) {
			final double hr = cs[0], vf = cs[1];
			final FaceVolume v = gen.volume(hr, cs[2], vf, 32, 24, 900 + (long) hr);
			final double[] ppg = m.predictPpg(v, Progress.NONE);
			assertEquals(v.frames(), ppg.length);
			if (Math.abs(PpgQuality.dominantBpm(ppg, vf, 40, 180, 0.5) - hr) <= 2) ok++;
		}
		return ok;
	}

	@Test
	void sameSeedGivesTheSameModelAndAnotherSeedDoesNot(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> v = tinyVideos(2);
		final TrainingReport a = new ContrastiveTrainer().train(v, TINY, tiny(), dir.resolve("a"), Progress.NONE);
		final TrainingReport b = new ContrastiveTrainer().train(v, TINY, tiny(), dir.resolve("b"), Progress.NONE);
		final TrainingReport c = new ContrastiveTrainer().train(v, TINY, tiny().withSeed(8), dir.resolve("c"),
			Progress.NONE);
		final Path last = Path.of(ContrastiveTrainer.CHECKPOINT_DIR, ContrastiveTrainer.epochFile(2, ".params"));
		assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(last)), Files.readAllBytes(dir.resolve("b")
			.resolve(last)));
		for (int i = 0; i < 2; i++) {
			assertEquals(a.epochs().get(i).loss(), b.epochs().get(i).loss(), 0.0);
			assertEquals(a.epochs().get(i).ipr(), b.epochs().get(i).ipr(), 0.0);
		}
		assertNotEquals(a.epochs().get(1).loss(), c.epochs().get(1).loss());
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(last)), Files.readAllBytes(dir
			.resolve("c").resolve(last))));
	}

	@Test
	void aCancelBeforeTheFirstEpochLeavesNoFolder(@TempDir final Path dir) {
		final Recorder rec = new Recorder();
		rec.cancelAfter = "PhysNet:"; // said once the folders are made, before the first step
		final TrainingReport r = new ContrastiveTrainer().train(tinyVideos(2), TINY, tiny().withEpochs(2), dir.resolve(
			"new/model"), rec);
		assertTrue(r.cancelled());
		assertEquals(0, r.epochsCompleted());
		assertTrue(rec.messages.get(rec.messages.size() - 1).contains("no model was saved"), rec.messages.toString());
		assertFalse(Files.exists(dir.resolve("new")), "the empty folders made for the model are left");
	}

	@Test
	void cancelKeepsTheLastEpochAndResumeContinuesExactly(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> v = tinyVideos(3);
		final TrainOptions o = tiny().withEpochs(3).withSamplesPerEpoch(4);
		final TrainingReport whole = new ContrastiveTrainer().train(v, TINY, o, dir.resolve("whole"), Progress.NONE);

		// cancelled in the middle of epoch 2 (the check comes before each step)
		final Path part = dir.resolve("part");
		final Recorder rec = new Recorder();
		rec.cancelAfter = "Epoch 1/3";
		final TrainingReport cut = new ContrastiveTrainer().train(v, TINY, o, part, rec);
		assertTrue(cut.cancelled());
		assertEquals(1, cut.epochsCompleted());
		assertEquals(1, cut.selectedEpoch());
		assertTrue(rec.messages.get(rec.messages.size() - 1).contains("keeps epoch 1"), rec.messages.toString());
		assertEquals(2, Files.readAllLines(part.resolve(ContrastiveTrainer.LOG)).size(), "header + epoch 1");
		try (PhysNetModel m = PhysNetModel.load(part, "cpu")) {
			assertEquals(1, m.description().training().epochsCompleted());
		}

		// without resume the folder is protected
		final PulseJException busy = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(v, TINY, o,
			part, Progress.NONE));
		assertTrue(busy.getMessage().contains("already holds a model"), busy.getMessage());

		// resume: same weights, moments and random stream as the uninterrupted run
		final TrainingReport resumed = new ContrastiveTrainer().train(v, TINY, o.withResume(true), part, Progress.NONE);
		assertFalse(resumed.cancelled());
		assertEquals(3, resumed.epochsCompleted());
		for (int i = 0; i < 3; i++) {
			assertEquals(whole.epochs().get(i).loss(), resumed.epochs().get(i).loss(), 0.0, "epoch " + (i + 1));
			// chosen by IPR: no MCC, for the restored epochs too (they read back as 0)
			assertEquals(whole.epochs().get(i).mcc(), resumed.epochs().get(i).mcc(), 0.0, "mcc of epoch " + (i + 1));
		}
		final Path last = Path.of(ContrastiveTrainer.CHECKPOINT_DIR, ContrastiveTrainer.epochFile(3, ".params"));
		assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(last)), Files.readAllBytes(part.resolve(
			last)));
		assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(ModelDescription.WEIGHTS)), Files
			.readAllBytes(part.resolve(ModelDescription.WEIGHTS)));
		// only the last epoch's checkpoint is kept
		try (var files = Files.list(part.resolve(ContrastiveTrainer.CHECKPOINT_DIR))) {
			assertEquals(List.of("epoch-0003.adamw", "epoch-0003.params", "state.json"), files.map(f -> f.getFileName()
				.toString()).sorted().toList());
		}

		// resuming with other settings is refused
		final PulseJException other = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(v, TINY, o
			.withResume(true).withEpochs(4).withLearningRate(2e-3), part, Progress.NONE));
		assertTrue(other.getMessage().contains("other settings"), other.getMessage());
		// more epochs with the same settings continue
		assertEquals(4, new ContrastiveTrainer().train(v, TINY, o.withResume(true).withEpochs(4), part, Progress.NONE)
			.epochsCompleted());
	}

	@Test
	void writesModelDescriptionAndLog(@TempDir final Path dir) throws IOException {
		final TrainingReport r = new ContrastiveTrainer().train(tinyVideos(1), TINY, tiny(), dir, Progress.NONE);
		final ModelDescription d = PhysNetModel.readDescription(dir);
		assertEquals(ModelDescription.FORMAT_VERSION, d.formatVersion());
		assertEquals(TINY, d.config());
		assertEquals(10, d.fps());
		assertEquals(60, d.clipFrames());
		assertEquals(PhysNet.parameterCount(TINY), d.parameterCount());
		assertEquals(PhysNet.parameterCount(TINY), r.parameterCount());
		assertEquals(1, d.training().videos());
		assertEquals(10, d.training().videoSeconds(), 1e-9);
		assertEquals(2, d.training().epochsCompleted());
		assertEquals(r.selectedEpoch(), d.training().selectedEpoch());
		assertEquals(tiny(), d.training().options());
		final List<String> log = Files.readAllLines(dir.resolve(ContrastiveTrainer.LOG));
		assertEquals("epoch,loss,ipr,seconds,mcc,criterion,skipped_steps", log.get(0));
		assertEquals(3, log.size());
		final String[] f = log.get(2).split(",");
		assertEquals("2", f[0]);
		assertEquals(r.epochs().get(1).loss(), Double.parseDouble(f[1]), 1e-7 * Math.abs(r.epochs().get(1).loss()));
		assertEquals(r.epochs().get(1).ipr(), Double.parseDouble(f[2]), 1e-6);
		assertEquals("0", f[6], "no step skipped");
	}

	@Test
	void fewerVideosThanTheBatchAreSampledWithReplacement(@TempDir final Path dir) {
		final Recorder rec = new Recorder();
		final TrainingReport r = new ContrastiveTrainer().train(tinyVideos(1), TINY, tiny().withBatchSize(4), dir, rec);
		assertEquals(2, r.epochsCompleted());
		assertTrue(rec.messages.stream().anyMatch(m -> m.contains("Fewer videos (1) than the batch size (4)")), rec
			.messages.toString());
	}

	@Test
	void videosShorterThanAClipAreRefusedWithTheMinimum(@TempDir final Path dir) {
		// clip 6 s × stretch 2/3 = 4 s minimum
		final List<FaceVolume> shortOnes = List.of(SyntheticFaces.standard().volume(70, 3.5, 10, 16, 1));
		final PulseJException e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(shortOnes,
			TINY, tiny(), dir.resolve("a"), Progress.NONE));
		assertTrue(e.problem().contains("at least 4.00 s"), e.getMessage());
		assertTrue(e.fix().contains("clip="), e.getMessage());
		// one short video among usable ones is left out, with a message
		final Recorder rec = new Recorder();
		final List<FaceVolume> mixed = new ArrayList<>(tinyVideos(2));
		mixed.add(shortOnes.get(0));
		final TrainingReport r = new ContrastiveTrainer().train(mixed, TINY, tiny(), dir.resolve("b"), rec);
		assertEquals(2, r.videosUsed());
		assertEquals(1, r.videosSkipped());
		assertTrue(rec.messages.stream().anyMatch(m -> m.contains("1 of 3 videos are shorter")), rec.messages.toString());
	}

	/**
	 * Companion videos enter the loss exactly as videos of the user's would (the same batches, the same
	 * weights), but the epoch's IPR and the report are about the user's videos alone.
	 */
	@Test
	void companionsTrainLikeVideosButAreNotScored(@TempDir final Path dir) throws IOException {
		final List<FaceVolume> all = tinyVideos(3);
		final Recorder rec = new Recorder();
		// with its pulse, not trained on (tiny() is the paper's: companion_pulse=0)
		final LabelledVolume companion = new LabelledVolume("companion-1", all.get(2), new double[all.get(2).frames()]);
		final TrainingReport with = new ContrastiveTrainer().train(all.subList(0, 2), List.of(companion), List.of(), TINY,
			tiny(), dir.resolve("with"), rec);
		final TrainingReport asUsers = new ContrastiveTrainer().train(all, TINY, tiny(), dir.resolve("users"),
			Progress.NONE);
		final TrainingReport without = new ContrastiveTrainer().train(all.subList(0, 2), TINY, tiny(), dir.resolve(
			"without"), Progress.NONE);
		final Path last = Path.of(ContrastiveTrainer.CHECKPOINT_DIR, ContrastiveTrainer.epochFile(2, ".params"));
		assertArrayEquals(Files.readAllBytes(dir.resolve("with").resolve(last)), Files.readAllBytes(dir.resolve("users")
			.resolve(last)), "the companion is drawn from as the third video would be");
		assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("with").resolve(last)), Files.readAllBytes(dir
			.resolve("without").resolve(last))), "the companion changes what is learnt");
		for (int i = 0; i < 2; i++) {
			assertEquals(asUsers.epochs().get(i).loss(), with.epochs().get(i).loss(), 0.0);
			assertNotEquals(asUsers.epochs().get(i).ipr(), with.epochs().get(i).ipr(), "IPR of the user's videos only");
		}
		assertEquals(2, with.videosUsed());
		assertEquals(3, asUsers.videosUsed());
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("1 companion video(s) train beside the 2 video(s)")),
			rec.messages.toString());
	}

	@Test
	void badSettingsAreRefusedBeforeAnyWork(@TempDir final Path dir) {
		final List<FaceVolume> v = tinyVideos(1);
		final ContrastiveTrainer t = new ContrastiveTrainer();
		assertThrows(PulseJException.class, () -> t.train(v, TINY, tiny().withEpochs(0), dir, Progress.NONE));
		assertThrows(PulseJException.class, () -> t.train(List.of(), TINY, tiny(), dir, Progress.NONE));
		// views longer than the shortest negative (6 s × 0.66 ≈ 4 s)
		final PulseJException views = assertThrows(PulseJException.class, () -> t.train(v, TINY, tiny().withClip(6, 5),
			dir, Progress.NONE));
		assertTrue(views.getMessage().contains("view"), views.getMessage());
		// wrong channel count
		final FaceVolume gray = FaceVolume.zeros(1, 100, 16, 16, 10);
		assertThrows(PulseJException.class, () -> t.train(List.of(gray), TINY, tiny(), dir, Progress.NONE));
		assertFalse(Files.exists(dir.resolve(ModelDescription.FILE)));
	}
}

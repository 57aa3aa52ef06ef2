package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.input.FaceVolume;
import org.pulsej.nn.LabelledVolume;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.nn.TrainingReport;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;

/** Train PhysNet's companions=: generated videos are drawn, tracked and cropped, and train beside the user's. */
class CompanionTrainingTest {

	static final PhysNetConfig TINY = new PhysNetConfig(4, 16, 16, 3, null, null);

	@Test
	void companionsAreCroppedLikeTheUsersVideosAtTheTrainingFrameRate() {
		final List<String> log = new ArrayList<>();
		final List<LabelledVolume> companions = TrainingJob.companions(2, 15, TrainingRegion.tracked(), TINY, null,
			Progress.NONE, log::add);
		final List<FaceVolume> c = companions.stream().map(LabelledVolume::volume).toList();
		assertEquals(2, c.size());
		for (final LabelledVolume l : companions) {
			// each with the pulse it was drawn with, frame for frame: what companion_pulse= trains on
			final double[] truth = org.pulsej.synth.SyntheticFaceVideo.virtual(org.pulsej.synth.CompanionVideos.spec(
				companions.indexOf(l), 15, TrainingJob.COMPANION_SECONDS)).truth().ppg();
			assertArrayEquals(truth, l.ppg());
			assertEquals(org.pulsej.synth.CompanionVideos.name(companions.indexOf(l)), l.name());
		}
		for (final FaceVolume v : c) {
			assertEquals(Math.round(TrainingJob.COMPANION_SECONDS * 15), v.frames());
			assertEquals(15, v.fps(), 0);
			assertEquals(3, v.channels());
			// the crop the user's videos get for this network (the paper's 3:2 box, scaled to cover its input)
			assertArrayEquals(org.pulsej.input.FaceVolumes.cropSize(TINY.input()), new int[] { v.height(), v.width() });
			// z-normalised over time: every value finite, not all the same
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (long i = 0; i < v.size(); i += 97) {
				final double x = v.value(i);
				assertTrue(Double.isFinite(x));
				min = Math.min(min, x);
				max = Math.max(max, x);
			}
			assertTrue(max - min > 1, min + " .. " + max);
		}
		assertNotEquals(c.get(0).value(12345), c.get(1).value(12345));
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: 2 companion video(s) of 30 s drawn and cropped")), log
			.toString());
		// roi=whole (videos cropped to the face) still tracks the companions: their frames are not
		assertEquals(2, TrainingJob.companions(2, 15, TrainingRegion.whole(), TINY, null, Progress.NONE, l -> {}).size());
		assertTrue(TrainingJob.companions(0, 15, TrainingRegion.tracked(), TINY, null, Progress.NONE, l -> {}).isEmpty());
		// a training at 60 fps draws them at 30 (their rhythms stay below 3 Hz; the trainer reads every video at its
		// rate): half the frames to draw, track and hold
		final FaceVolume fast = TrainingJob.companions(1, 60, TrainingRegion.tracked(), TINY, null, Progress.NONE,
			l -> {}).get(0).volume();
		assertEquals(30, fast.fps(), 0);
		assertEquals(Math.round(TrainingJob.COMPANION_SECONDS * 30), fast.frames());
		// at 1.5 fps no companion can show its pulse (at most 45 bpm): each is left out with the reason, training goes on
		final List<String> slow = new ArrayList<>();
		assertTrue(TrainingJob.companions(2, 1.5, TrainingRegion.tracked(), TINY, null, Progress.NONE, slow::add).isEmpty());
		assertTrue(slow.stream().anyMatch(l -> l.startsWith("PulseJ: companion-1 left out — A heart rate of")), slow
			.toString());
	}

	@Test
	void aCompanionIsDrawnOnceIntoMemoryWithTheVirtualStacksFrames() {
		final SyntheticVideoSpec spec = org.pulsej.synth.CompanionVideos.spec(3, 15, 2);
		final ij.ImagePlus drawn = TrainingJob.draw(spec, Progress.NONE).video(), virtual = SyntheticFaceVideo.virtual(spec)
			.video();
		assertFalse(drawn.getStack().isVirtual(), "a companion of " + spec.frames() + " frames fits the heap");
		assertEquals(virtual.getStackSize(), drawn.getStackSize());
		for (int i = 1; i <= drawn.getStackSize(); i += 7)
			assertArrayEquals((int[]) virtual.getStack().getPixels(i), (int[]) drawn.getStack().getPixels(i), "frame " + i);
		// without room for it three times over, it is drawn when read, as before
		assertFalse(TrainingJob.fitsInHeap(Runtime.getRuntime().maxMemory() / 3 + 1));
		assertTrue(TrainingJob.fitsInHeap(1 << 20));
		// a cancel stops the drawing
		assertThrows(java.util.concurrent.CancellationException.class, () -> TrainingJob.draw(spec, Progress.silent(
			() -> true)));
		assertFalse(Progress.silent(() -> false).isCancelled());
	}

	@Test
	void theModelRecordsItsCompanionsAndReportsTheUsersVideos(@TempDir final Path dir) throws Exception {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(64, 48).seconds(8).fps(15).hrBpm(70).seed(3), dir.toFile(),
			"mine", false, Progress.NONE);
		final File video = dir.resolve("mine.avi").toFile();
		final TrainOptions o = TrainOptions.paper().withEpochs(1).withClip(6, 3).withBatchSize(2).withLearningRate(1e-3)
			.withDevice("cpu").withSeed(9).withCompanions(1);
		final List<String> log = new ArrayList<>();
		final TrainingReport r = TrainingJob.train(List.of(video), 0, TrainingRegion.whole(), TINY, o, dir.resolve(
			"model"), Progress.NONE, log::add);
		assertEquals(1, r.videosUsed(), "the report counts the user's videos");
		assertEquals(1, r.epochsCompleted());
		final String json = Files.readString(dir.resolve("model").resolve("model.json"));
		assertTrue(json.contains("\"companions\": 1"), json);
		assertTrue(log.stream().anyMatch(l -> l.contains("1 companion video(s)")), log.toString());
		// the log warns exactly when the kept epoch's IPR says the pulse may not have been found
		final double ipr = r.epochs().get(0).ipr();
		assertEquals(ipr > TrainingJob.UNSURE_IPR, log.stream().anyMatch(l -> l.startsWith(
			"PulseJ: warning — the kept epoch's PPG")), ipr + " " + log);
	}
}

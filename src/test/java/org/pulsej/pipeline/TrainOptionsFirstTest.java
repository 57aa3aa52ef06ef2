package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Train PhysNet refuses unusable clip=, batch=, samples= and lr= before any video is read: they were
 * checked only once every face had been cropped, minutes into the run.
 */
class TrainOptionsFirstTest {

	@TempDir
	Path dir;

	@Test
	void unusableTrainingSettingsAreRefusedBeforeAnyVideoIsRead() {
		// a video that is not there: reading it would fail with "does not exist"
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final TrainOptions d = TrainOptions.defaults();
		final Map<String, TrainOptions> bad = Map.of("clip=0", d.withClip(0, 0.5), "batch=0", d.withBatchSize(0),
			"samples=-1", d.withSamplesPerEpoch(-1), "lr=5", d.withLearningRate(5));
		for (final Map.Entry<String, TrainOptions> e : bad.entrySet()) {
			PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion
				.parse("whole"), PhysNetConfig.cpu(), e.getValue(), dir.resolve("model"), Progress.NONE, s -> {}));
			assertTrue(x.getMessage().startsWith(e.getKey()), e.getKey() + ": " + x.getMessage());
			x = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(videos, List.of(), null, 0,
				TrainingRegion.parse("whole"), PhysNetConfig.cpu(), e.getValue(), 2, dir.resolve("spec"), Progress.NONE,
				s -> {}));
			assertTrue(x.getMessage().startsWith(e.getKey()), e.getKey() + " (specialists): " + x.getMessage());
		}
	}

	/**
	 * Train PhysNet into a folder that holds a model, without resume=true, was refused only once every
	 * video's face had been found and cropped (minutes on a real set); with resume=true and a model but no
	 * checkpoint, alike. Both are refused before any video is read, and the folder is left as it was.
	 */
	@Test
	void aFolderHoldingAModelIsRefusedBeforeAnyVideoIsRead() throws Exception {
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final Path model = java.nio.file.Files.createDirectories(dir.resolve("model"));
		java.nio.file.Files.writeString(model.resolve("model.json"), "{}");
		PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion
			.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), model, Progress.NONE, s -> {}));
		assertTrue(x.getMessage().startsWith("The model folder " + model + " already holds a model.") && x.fix()
			.contains("resume=true"), x.getMessage());
		x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion.parse("whole"),
			PhysNetConfig.cpu(), TrainOptions.defaults().withResume(true), model, Progress.NONE, s -> {}));
		assertTrue(x.getMessage().contains("holds a model but no training checkpoint to resume from"), x.getMessage());
		// a stopped training (its checkpoint, no model.json yet)
		final Path stopped = java.nio.file.Files.createDirectories(dir.resolve("stopped/checkpoint"));
		java.nio.file.Files.writeString(stopped.resolve("state.json"), "{}");
		x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion.parse("whole"),
			PhysNetConfig.cpu(), TrainOptions.defaults(), dir.resolve("stopped"), Progress.NONE, s -> {}));
		assertTrue(x.getMessage().contains("already holds a model (a stopped training's checkpoint)"), x.getMessage());
		assertEquals(List.of("model.json"), java.nio.file.Files.list(model).map(p -> p.getFileName().toString())
			.toList());
	}

	@Test
	void fewerVideosThanClustersAreRefusedBeforeAnyVideoIsRead() {
		// it came once every video's face had been found and cropped (here: "missing.avi does not exist")
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(videos, List
			.of(), null, 0, TrainingRegion.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), 2, dir.resolve(
				"spec"), Progress.NONE, s -> {}));
		assertTrue(x.getMessage().startsWith("There are 1 video(s) for 2 clusters") && x.fix().contains("clusters=1"), x
			.getMessage());
	}
	/**
	 * A network larger than PulseJ loads (PhysNetModel refuses a model.json of it as damaged):
	 * size=100000x100000 was refused only for the scratch disk its volumes needed, and a smaller excess
	 * would have trained a model no command could open. Refused before any video is read.
	 */
	@Test
	void aNetworkLargerThanPulseJLoadsIsRefusedBeforeAnyVideoIsRead() {
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final Map<String, PhysNetConfig> bad = Map.of("A network of 2048x64 input is larger than PulseJ loads",
			PhysNetConfig.cpu().withInputSize(2048, 64), "A network of width 1024 is wider than PulseJ loads",
			PhysNetConfig.cpu().withWidth(1024));
		for (final Map.Entry<String, PhysNetConfig> e : bad.entrySet()) {
			final PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0,
				TrainingRegion.parse("whole"), e.getValue(), TrainOptions.defaults(), dir.resolve("model"), Progress.NONE,
				s -> {}));
			assertTrue(x.getMessage().startsWith(e.getKey()), e.getKey() + ": " + x.getMessage());
		}
	}

	/**
	 * Train PhysNet into the folder of a confidence model, and Train Confidence Model into the folder of a
	 * PhysNet model or its specialists, mixed the two models' files (training-loss.png beside
	 * training_loss.png). Both are refused before any video is read, and the folder is left as it was.
	 */
	@Test
	void aModelOfTheOtherKindIsNotTrainedIntoTheSameFolder() throws Exception {
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final Path confidence = java.nio.file.Files.createDirectories(dir.resolve("conf"));
		java.nio.file.Files.writeString(confidence.resolve(org.pulsej.nn.ConfidenceModel.DESCRIPTION), "{}");
		PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion
			.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), confidence, Progress.NONE, s -> {}));
		assertEquals("The folder " + confidence + " holds a confidence model (confidence.json); a PhysNet model " +
			"written there would mix the two models' files.", x.problem());
		assertEquals("Give the PhysNet model a folder of its own, e.g. output=" + dir.resolve("conf-physnet") + ".", x
			.fix());
		x = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(videos, List.of(), null, 0,
			TrainingRegion.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults().withResume(true), 2, confidence,
			Progress.NONE, s -> {}));
		assertTrue(x.getMessage().contains("holds a confidence model"), x.getMessage());
		for (final String other : new String[] { org.pulsej.nn.ModelDescription.FILE, org.pulsej.nn.SpecialistRouter
			.FILE }) {
			final Path physnet = java.nio.file.Files.createDirectories(dir.resolve("pn-" + other));
			java.nio.file.Files.writeString(physnet.resolve(other), "{}");
			x = assertThrows(PulseJException.class, () -> new org.pulsej.eval.ConfidenceTrainingJob(physnet, true));
			assertEquals("The folder " + physnet + " holds a PhysNet model (" + other + "); a confidence model " +
				"written there would mix the two models' files.", x.problem());
			assertEquals("Give the confidence model a folder of its own, e.g. output=" + physnet.resolveSibling("pn-" +
				other + "-confidence") + ".", x.fix());
			try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(physnet)) {
				assertTrue(files.count() == 1, "nothing written");
			}
		}
		assertTrue(java.nio.file.Files.readString(confidence.resolve(org.pulsej.nn.ConfidenceModel.DESCRIPTION))
			.equals("{}"));
	}

	/**
	 * output= a file, or a path through a file, was refused only once every video had been prepared and
	 * the companions drawn (26 s on two short videos; minutes on a real set).
	 */
	@Test
	void anOutputThatCannotBeAFolderIsRefusedBeforeAnyVideoIsRead() throws Exception {
		final List<File> videos = List.of(dir.resolve("missing.avi").toFile());
		final Path file = java.nio.file.Files.writeString(dir.resolve("afile"), "mine");
		PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion
			.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), file, Progress.NONE, s -> {}));
		assertEquals("The output " + file + " is a file, not a folder.", x.problem());
		x = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(videos, List.of(), null, 0,
			TrainingRegion.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), 2, file.resolve("sub"), Progress
				.NONE, s -> {}));
		assertTrue(x.problem().endsWith(file + " on its way is a file, not a folder."), x.problem());
		assertEquals("mine", java.nio.file.Files.readString(file));
	}

	/**
	 * Videos too short for one training clip were refused only after the companion videos had been drawn
	 * and prepared (25 s); now right after the user's videos are prepared.
	 */
	@Test
	void videosTooShortForAClipAreRefusedBeforeTheCompanionsAreDrawn() {
		org.pulsej.synth.SyntheticFaceVideo.write(new org.pulsej.synth.SyntheticVideoSpec().size(48, 40).seconds(3)
			.fps(15).hrBpm(70).seed(2), dir.resolve("v").toFile(), "short", false, Progress.NONE);
		final List<String> status = new java.util.ArrayList<>();
		final Progress p = new Progress() {

			@Override
			public void status(final String m) {
				status.add(m);
			}

			@Override
			public void fraction(final double f) {}
		};
		final List<File> videos = List.of(dir.resolve("v/short.avi").toFile());
		final PulseJException x = assertThrows(PulseJException.class, () -> TrainingJob.train(videos, 0, TrainingRegion
			.parse("whole"), PhysNetConfig.cpu(), TrainOptions.defaults(), dir.resolve("model"), p, s -> {}));
		assertTrue(x.getMessage().startsWith("No video is long enough to train on: the longest has 3.00 s"), x
			.getMessage());
		assertTrue(status.stream().noneMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("companion")), status
			.toString());
		assertTrue(!java.nio.file.Files.exists(dir.resolve("model")), "no model folder is left");
	}

	/** "1 of 16 videos are shorter than 6.67 s" named none of them; each is named in the log. */
	@Test
	void videosTooShortForAClipAreNamed() {
		final List<TrainingJob.Prepared> videos = List.of(new TrainingJob.Prepared("long", org.pulsej.input.FaceVolume
			.zeros(3, 300, 4, 4, 30), 0.5), new TrainingJob.Prepared("short", org.pulsej.input.FaceVolume.zeros(3, 90, 4, 4,
				30), 0.5));
		final List<String> log = new java.util.ArrayList<>();
		TrainingJob.logShort(videos, TrainOptions.defaults(), log::add);
		assertEquals(1, log.size(), log.toString());
		assertTrue(log.get(0).startsWith("PulseJ: short (3.00 s) is shorter than a training clip ("), log.get(0));
	}
}

package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/** Train Confidence Model's writing: a failed write leaves no folder the run made, nor half a model. */
class ConfidenceTrainingJobTest {

	@TempDir
	Path dir;

	/** Writes the model's files, then fails as a full disk does before the description's last bytes. */
	static void fullDisk(final ConfidenceModel model, final org.jfree.chart.JFreeChart chart, final Path to) {
		model.save(to);
		throw new PulseJException("Could not write " + to.resolve(ConfidenceTrainingJob.LOSS_PNG) +
			": No space left on device", "Check that the disk is not full and that you may write to " + to + ".");
	}

	@Test
	void aFailedWriteLeavesNoFolderItMadeAndTheFolderItFoundAsItWas() throws Exception {
		final Path train = dir.resolve("train");
		EvalFixtures.pulsej(train, "t1", EvalFixtures.small(12, 66, 11));
		EvalFixtures.pulsej(train, "t2", EvalFixtures.small(12, 92, 12));
		final EstimateOptions options = new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null);
		final ConfidenceTrainer.Options training = ConfidenceTrainer.Options.defaults().withEpochs(2);

		final Path made = dir.resolve("model");
		final PulseJException e = assertThrows(PulseJException.class, () -> new ConfidenceTrainingJob(made.resolve(
			"a/b"), false, ConfidenceTrainingJobTest::fullDisk).run(train.toFile(), 0, options, training, Progress.NONE,
				s -> {}));
		assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
		assertFalse(Files.exists(made), "every folder this run made is gone (model/a/b), with the model files it wrote");

		// a folder that was there is left with what it held (the run did not make it)
		final Path mine = Files.createDirectory(dir.resolve("mine"));
		Files.writeString(mine.resolve("notes.txt"), "mine");
		assertThrows(PulseJException.class, () -> new ConfidenceTrainingJob(mine, false,
			ConfidenceTrainingJobTest::fullDisk).run(train.toFile(), 0, options, training, Progress.NONE, s -> {}));
		try (Stream<Path> s = Files.list(mine)) {
			assertTrue(s.map(p -> p.getFileName().toString()).toList().contains("notes.txt"));
		}

		// the ordinary write still writes the model
		new ConfidenceTrainingJob(made, false).run(train.toFile(), 0, options, training, Progress.NONE, s -> {});
		try (Stream<Path> s = Files.list(made)) {
			assertEquals(List.of("confidence-0000.params", ConfidenceModel.DESCRIPTION, ConfidenceTrainingJob.LOSS_PNG), s
				.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	/**
	 * When no video can be used, the last line named "no usable ground truth" with a fix to put STEM_gt.csv
	 * beside each video, also when it was there and something else was wrong (its columns, the video too
	 * short): it names the first video's problem and fix, as Train PhysNet does; the log lists every one.
	 */
	@Test
	void whenNoVideoCanBeUsedTheFirstReasonIsNamed() throws Exception {
		final EstimateOptions options = new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null);
		final Path renamed = dir.resolve("renamed");
		EvalFixtures.pulsej(renamed, "a", EvalFixtures.small(12, 70, 9));
		Files.writeString(renamed.resolve("a_gt.csv"), "frame,HR\n0,70\n1,70\n");
		final PulseJException e = assertThrows(PulseJException.class, () -> ConfidenceTrainingSet.scan(renamed.toFile(),
			0, options, Progress.NONE, s -> {}));
		assertTrue(e.problem().contains("could be used for training (see the log); the first, a: a_gt.csv has neither " +
			"a reference PPG nor a heart rate"), e.getMessage());
		assertTrue(e.fix().contains("rename HR to hr_bpm") && !e.fix().contains("Put STEM_gt.csv"), e.fix());
		final Path shortOnes = dir.resolve("short");
		EvalFixtures.pulsej(shortOnes, "s", EvalFixtures.small(4, 70, 9));
		final PulseJException tooShort = assertThrows(PulseJException.class, () -> ConfidenceTrainingSet.scan(shortOnes
			.toFile(), 0, options, Progress.NONE, s -> {}));
		assertTrue(tooShort.problem().contains("the first, s: ") && tooShort.problem().contains("too short"), tooShort
			.getMessage());
		// no ground truth at all: said as before
		final Path bare = dir.resolve("bare");
		EvalFixtures.pulsej(bare, "b", EvalFixtures.small(12, 70, 9));
		Files.delete(bare.resolve("b_gt.csv"));
		final PulseJException none = assertThrows(PulseJException.class, () -> ConfidenceTrainingSet.scan(bare.toFile(),
			0, options, Progress.NONE, s -> {}));
		assertTrue(none.problem().contains("(no usable ground truth)") && none.fix().contains("STEM_gt.csv"), none
			.getMessage());
	}
}

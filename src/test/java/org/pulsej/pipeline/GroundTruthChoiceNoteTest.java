package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.eval.ConfidenceTrainingSet;
import org.pulsej.eval.EvalFixtures;
import org.pulsej.eval.LabelledVideos;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;

/**
 * A video with two ground-truth files beside it (its own STEM_gt.csv and the dataset's
 * ground_truth.txt, which may disagree): Evaluate said which one it used; Train PhysNet's labelled
 * videos and Train Confidence Model used the first without a word.
 */
class GroundTruthChoiceNoteTest {

	@TempDir
	Path dir;

	private static final String NOTE = "ground truth from vid_gt.csv; ground_truth.txt beside it is not used";

	private File twoGroundTruths() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("subject"));
		EvalFixtures.pulsej(folder, "vid", EvalFixtures.small(12, 72, 5));
		Files.writeString(folder.resolve("ground_truth.txt"), "1 2 3\n70 70 70\n0 1 2\n");
		return folder.resolve("vid.avi").toFile();
	}

	@Test
	void trainPhysNetsLabelledVideosSayWhichGroundTruthTheyUse() throws IOException {
		final File video = twoGroundTruths();
		final List<String> log = new ArrayList<>();
		final List<TrainingJob.Labelled> lab = TrainingJob.prepareLabelled(List.of(video), LabelledVideos.labeller(), 0,
			TrainingRegion.whole(), new PhysNetConfig(4, 16, 16, 3, null, null), null, Progress.NONE, log::add);
		assertEquals(1, lab.size(), "the video is labelled, from its own STEM_gt.csv");
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: vid.avi — " + NOTE)), log.toString());
	}

	@Test
	void trainConfidenceModelSaysWhichGroundTruthItUses() throws IOException {
		twoGroundTruths();
		final List<String> log = new ArrayList<>();
		ConfidenceTrainingSet.scan(dir.toFile(), 0, new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null),
			Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: vid — " + NOTE)), log.toString());
	}
}

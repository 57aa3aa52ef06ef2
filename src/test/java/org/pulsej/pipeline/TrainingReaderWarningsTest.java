package org.pulsej.pipeline;

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
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Train PhysNet and Train Confidence Model dropped what the video reader warns of (an AVI cut short,
 * fps= against the file's own rate), which Estimate Heart Rate and Evaluate log: a model was trained on
 * fewer frames, or another rate, without a word.
 */
class TrainingReaderWarningsTest {

	@TempDir
	Path dir;

	private static final String WARNING = "fps=25 is used instead of the 30 fps its header gives";

	private File video() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("subject"));
		EvalFixtures.pulsej(folder, "vid", EvalFixtures.small(12, 72, 5));
		return folder.resolve("vid.avi").toFile();
	}

	@Test
	void trainPhysNetLogsTheReadersWarnings() throws IOException {
		final File video = video();
		final List<String> log = new ArrayList<>();
		TrainingJob.prepareAll(List.of(video), 25, TrainingRegion.whole(), new PhysNetConfig(4, 16, 16, 3, null, null),
			"training", Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: vid.avi — " + WARNING)), log.toString());
	}

	@Test
	void trainConfidenceModelLogsTheReadersWarnings() throws IOException {
		video();
		final List<String> log = new ArrayList<>();
		try {
			ConfidenceTrainingSet.scan(dir.toFile(), 25, new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE,
				null), Progress.NONE, log::add);
		}
		catch (final PulseJException e) {
			// the ground truth at 30 fps is refused at 25: the warning came first
		}
		assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: vid — " + WARNING)), log.toString());
	}
}

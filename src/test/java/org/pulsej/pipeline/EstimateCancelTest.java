package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;

/**
 * Esc with no output folder (results windows only, issue 18): the videos finished before are all
 * there is of the run, so they reach the summary window and the message says how many.
 */
class EstimateCancelTest {

	@TempDir
	Path dir;

	@Test
	void escapeWithoutAnOutputFolderKeepsTheFinishedVideos() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(96, 72).seconds(11).seed(4);
		SyntheticFaceVideo.write(spec.copy().hrBpm(66), dir.toFile(), "a", false, Progress.NONE);
		SyntheticFaceVideo.write(spec.copy().hrBpm(90), dir.toFile(), "b", false, Progress.NONE);
		SyntheticFaceVideo.write(spec.copy().hrBpm(80), dir.toFile(), "c", false, Progress.NONE);
		// Esc pressed while the third video is being measured
		final Progress escOnThird = TestProgress.cancelOnStatus("Video 3/");
		final EstimateOptions options = new EstimateOptions();
		options.roi(RoiMode.WHOLE, null);
		final EstimateJob.Cancelled c;
		try (EstimateJob job = new EstimateJob(options, null, false, m -> {})) {
			c = assertThrows(EstimateJob.Cancelled.class, () -> job.run(dir.toFile(), 0, escOnThird));
		}
		assertEquals(2, c.finished().size());
		assertEquals("a", c.finished().get(0).video());
		assertTrue(c.getMessage().contains("video 3 of 3 (c.avi)") && c.getMessage().contains(
			"The 2 of 3 videos finished before are in the summary window"), c.getMessage());
	}
}

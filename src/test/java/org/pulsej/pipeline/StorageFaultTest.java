package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.results.FaceTrackWriter;
import org.pulsej.results.ResultSources;
import org.pulsej.results.ResultWriter;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Files that belong together are replaced together or not at all, when one of them cannot be written (an
 * immutable file here, as a full disk or another user's file would do): the new weights beside the old
 * description, a new track beside the old crop, were left before. Needs {@code chattr} (root, a file system
 * that has the flag); skipped, saying so, without it.
 */
class StorageFaultTest {

	@TempDir
	Path dir;

	private final List<Path> locked = new ArrayList<>();

	private void immutable(final Path file) {
		assumeTrue(org.pulsej.testing.FileFlags.chattr("+i", file), "chattr +i does not work here (not root, or the " +
			"file system has no such flag)");
		locked.add(file);
	}

	@org.junit.jupiter.api.AfterEach
	void unlock() {
		for (final Path p : locked)
			org.pulsej.testing.FileFlags.chattr("-i", p);
	}

	@Test
	void aConfidenceModelIsReplacedWholeOrNotAtAll() throws IOException {
		try (ConfidenceModel m = ConfidenceModel.create(1)) {
			m.description().addProperty("method", "POS");
			m.save(dir);
		}
		final Path json = dir.resolve("confidence.json");
		final byte[] before = Files.readAllBytes(json);
		final List<Path> params;
		try (var s = Files.list(dir)) {
			params = s.filter(p -> p.toString().endsWith(".params")).toList();
		}
		final List<byte[]> weights = new ArrayList<>();
		for (final Path p : params)
			weights.add(Files.readAllBytes(p));
		immutable(json);
		try (ConfidenceModel m = ConfidenceModel.create(99)) {
			m.description().addProperty("method", "GREEN");
			assertThrows(PulseJException.class, () -> m.save(dir));
		}
		assertArrayEquals(before, Files.readAllBytes(json));
		for (int i = 0; i < params.size(); i++)
			assertArrayEquals(weights.get(i), Files.readAllBytes(params.get(i)), "the old weights stay with the old " +
				"description: " + params.get(i).getFileName());
	}

	@Test
	void trackFacesTrackAndCropAreReplacedTogether() throws IOException {
		assumeTrue(BlazeFaceDetector.isAvailable(), "BlazeFace model not in this build: tracking skipped");
		SyntheticFaceVideo.write(new SyntheticVideoSpec().seconds(4).hrBpm(72).seed(1), dir.toFile(), "v", false,
			Progress.NONE);
		final Path out = dir.resolve("out");
		final FaceTracker.Options d = FaceTracker.Options.defaults();
		new TrackFaceJob(d, out, s -> {}).run(dir.resolve("v.avi").toFile(), 0, Progress.NONE);
		final Path track = FaceTrackWriter.trackFile(out, "v"), crop = FaceTrackWriter.cropFile(out, "v");
		final byte[] trackBefore = Files.readAllBytes(track);
		immutable(crop);
		// another crop size: a new crop that cannot replace the old one
		assertThrows(PulseJException.class, () -> new TrackFaceJob(new FaceTracker.Options(1, d.minScore(), d.buffer(), d
			.smoothSeconds(), 64, 48), out, s -> {}).run(dir.resolve("v.avi").toFile(), 0, Progress.NONE));
		assertArrayEquals(trackBefore, Files.readAllBytes(track), "the old track stays with the old crop");
	}

	/** The results are complete when the record of their source cannot be written: the video is measured, said. */
	@Test
	void aSourceRecordThatCannotBeWrittenLeavesTheVideoMeasured() throws IOException {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(1), dir.toFile(), "v",
			false, Progress.NONE);
		final Path out = Files.createDirectories(dir.resolve("out"));
		final Path record = Files.writeString(out.resolve(ResultSources.FILE), "{}\n");
		immutable(record);
		final List<String> log = new ArrayList<>();
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.GREEN).roi(RoiMode.WHOLE, null),
			out, false, log::add))
		{
			final EstimateJob.Outcome o = job.run(dir.resolve("v.avi").toFile(), 0, Progress.NONE);
			assertTrue(o.failures().isEmpty(), o.failures().toString());
		}
		assertTrue(Files.isRegularFile(ResultWriter.ppgFile(out, "v")));
		assertTrue(log.stream().anyMatch(l -> l.contains("warning — v_ppg.csv is written, but which video it came from " +
			"could not be recorded")), log.toString());
	}

	/**
	 * A video replaced while it was read (a copy or rsync renames the new file into place): measured from both
	 * files, the face track of the old frames, the colours of the new, exit 0. Refused now, nothing written.
	 */
	@Test
	void aVideoReplacedWhileItIsReadIsRefused() throws IOException {
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(1), dir.toFile(), "v",
			false, Progress.NONE);
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(110).seed(2), dir.toFile(),
			"other", false, Progress.NONE);
		final Path v = dir.resolve("v.avi"), other = dir.resolve("other.avi");
		final Progress replacing = new Progress() {

			@Override
			public void status(final String message) {}

			@Override
			public void fraction(final double done) {
				try {
					if (Files.exists(other)) Files.move(other, v, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
				catch (final IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
		};
		final Path out = dir.resolve("out");
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.GREEN).roi(RoiMode.WHOLE, null),
			out, false, s -> {}))
		{
			final PulseJException e = assertThrows(PulseJException.class, () -> job.measure(v.toFile(), 0, replacing));
			assertTrue(e.getMessage().startsWith("v.avi was replaced or rewritten while PulseJ read it") && e.fix()
				.contains("once it is complete"), e.getMessage());
		}
		assertTrue(!Files.exists(ResultWriter.ppgFile(out, "v")), "nothing written");
		// the file as it is now is measured
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.GREEN).roi(RoiMode.WHOLE, null),
			out, false, s -> {}))
		{
			org.junit.jupiter.api.Assertions.assertEquals(110, job.measure(v.toFile(), 0, Progress.NONE).hrMedian(), 1.5);
		}
	}
}

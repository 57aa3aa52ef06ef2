package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.SpecialistRouter;
import org.pulsej.nn.TrainOptions;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Specialist models per lighting cluster (paper 5.3), end to end with tiny networks: train on two
 * dark and two bright videos, route, and measure through the specialists folder.
 */
class SpecialistsTest {

	static final PhysNetConfig TINY = new PhysNetConfig(4, 16, 16, 3, null, null);

	@TempDir
	static Path data;

	static File video(final String stem) {
		return data.resolve("videos/" + stem + ".avi").toFile();
	}

	@BeforeAll
	static void videos() {
		final String[] names = { "dark1", "bright1", "dark2", "bright2" };
		for (int i = 0; i < names.length; i++)
			SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 40).seconds(8).fps(15).hrBpm(65 + 8 * i).brightness(
				names[i].startsWith("dark") ? 0.3 : 1).seed(20 + i), data.resolve("videos").toFile(), names[i], false,
				Progress.NONE);
	}

	static TrainOptions tiny() {
		return TrainOptions.paper().withEpochs(2).withClip(6, 3).withBatchSize(2).withLearningRate(1e-3).withDevice(
			"cpu").withSeed(5);
	}

	static EstimateOptions options(final Path model) {
		return new EstimateOptions().roi(RoiMode.WHOLE, null).window(6, 1).physNet(model, "cpu");
	}

	@Test
	void trainRouteAndMeasureLikeTheSpecialistItself(@TempDir final Path dir) throws Exception {
		final Path model = dir.resolve("specialists");
		final List<String> log = new ArrayList<>();
		final List<File> inputs = List.of(video("dark1"), video("bright1"), video("dark2"), video("bright2"));
		final TrainingJob.Specialists s = TrainingJob.trainSpecialists(inputs, List.of(), null, 0, null, TINY, tiny(), 2,
			model, Progress.NONE, log::add);
		final SpecialistRouter r = SpecialistRouter.load(model);
		assertEquals(List.of("dark1", "dark2"), r.specialists().get(0).videos(), log.toString());
		assertEquals(List.of("bright1", "bright2"), r.specialists().get(1).videos());
		assertTrue(r.specialists().get(0).centre() < 0.6 * r.specialists().get(1).centre(), "dark centre " + r
			.specialists().get(0).centre() + ", bright " + r.specialists().get(1).centre());
		assertEquals(2, s.reports().size());
		for (int j = 0; j < 2; j++) {
			assertEquals(2, s.reports().get(j).videosUsed());
			assertTrue(Files.isRegularFile(model.resolve("cluster-" + (j + 1) + "/model.json")));
		}
		assertTrue(log.get(0).contains("dark1: background"), log.get(0));

		// through the router: the dark video to cluster-1, the bright one to cluster-2 (listed in specialists.csv)
		final Path out = dir.resolve("out");
		final HeartRateResult darkRouted, brightRouted;
		try (EstimateJob job = new EstimateJob(options(model), out, false, m -> {})) {
			darkRouted = job.measure(video("dark1"), 0, Progress.NONE);
			brightRouted = job.measure(video("bright2"), 0, Progress.NONE);
		}
		final List<String> routes = Files.readAllLines(out.resolve(EstimateJob.SPECIALISTS_CSV));
		assertEquals("video,background,cluster,specialist", routes.get(0));
		assertTrue(routes.get(1).startsWith("dark1,") && routes.get(1).endsWith(",1,specialists/cluster-1"), routes
			.toString());
		assertTrue(routes.get(2).startsWith("bright2,") && routes.get(2).endsWith(",2,specialists/cluster-2"), routes
			.toString());
		assertEquals("specialists/cluster-1", darkRouted.model());
		// summary.csv keeps its header
		assertEquals(Files.readAllLines(out.resolve(ResultWriter.SUMMARY)).get(0), ResultWriter.SUMMARY_HEADER);

		// the same numbers as applying each specialist folder directly
		for (final Object[] c : new Object[][] { { "dark1", "cluster-1", darkRouted }, { "bright2", "cluster-2",
			brightRouted } })
		{
			try (EstimateJob job = new EstimateJob(options(model.resolve((String) c[1])), null, false, m -> {})) {
				final HeartRateResult direct = job.measure(video((String) c[0]), 0, Progress.NONE);
				final HeartRateResult routed = (HeartRateResult) c[2];
				assertEquals(direct.hrMedian(), routed.hrMedian(), 0, (String) c[0]);
				assertArrayEquals(direct.ppg(), routed.ppg(), 0, (String) c[0]);
			}
		}
		// the two specialists differ (else routing would be moot)
		try (EstimateJob job = new EstimateJob(options(model.resolve("cluster-2")), null, false, m -> {})) {
			assertFalse(java.util.Arrays.equals(darkRouted.ppg(), job.measure(video("dark1"), 0, Progress.NONE).ppg()));
		}

		// a router naming a missing sub-folder: a clear message naming the folder and the fix
		Files.move(model.resolve("cluster-2"), dir.resolve("moved"));
		{
			// refused when the job opens, before any video is read
			final PulseJException e = assertThrows(PulseJException.class, () -> new EstimateJob(options(model), null, false,
				m -> {}));
			assertTrue(e.getMessage().contains("cluster-2") && e.getMessage().contains("does not exist") && e
				.getMessage().contains("Copy the whole specialists folder"), e.getMessage());
		}
	}

	/**
	 * A specialists training stopped before every specialist had an epoch (killed, cancelled): its folder was
	 * called "not a PulseJ model" with a fix to choose a folder PulseJ's training wrote. It is named unfinished,
	 * with the resume that finishes it; a lone training's checkpoint without a model likewise.
	 */
	@Test
	void anUnfinishedTrainingIsNamedSoWithTheResumeThatFinishesIt(@TempDir final Path dir) throws Exception {
		final Path spec = Files.createDirectories(dir.resolve("spec/cluster-1"));
		Files.createDirectories(dir.resolve("spec/cluster-2"));
		Files.writeString(spec.resolve(org.pulsej.nn.ModelDescription.FILE), "{}");
		PulseJException e = assertThrows(PulseJException.class, () -> org.pulsej.nn.PhysNetModel.readDescription(dir
			.resolve("spec")));
		assertTrue(e.problem().contains("holds an unfinished specialists training") && e.fix().contains("the same " +
			"clusters= and resume=true") && e.fix().contains("model=" + spec), e.getMessage());
		Files.createDirectories(dir.resolve("one/checkpoint"));
		e = assertThrows(PulseJException.class, () -> org.pulsej.nn.PhysNetModel.readDescription(dir.resolve("one")));
		assertTrue(e.problem().contains("holds an unfinished training") && e.fix().contains("resume=true"), e
			.getMessage());
		e = assertThrows(PulseJException.class, () -> org.pulsej.nn.PhysNetModel.readDescription(Files.createDirectories(
			dir.resolve("other"))));
		assertTrue(e.problem().endsWith("so it is not a PulseJ model."), e.getMessage());
	}

	@Test
	void aCancelBeforeTheFirstSpecialistsFirstEpochLeavesNoFolder(@TempDir final Path dir) {
		final java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
		final List<String> status = new ArrayList<>(), log = new ArrayList<>();
		final Progress p = new Progress() {

			@Override
			public void status(final String m) {
				status.add(m);
				if (m.startsWith("PhysNet:")) cancel.set(true); // said once the first specialist's folders are made
			}

			@Override
			public void fraction(final double f) {}

			@Override
			public boolean isCancelled() {
				return cancel.get();
			}
		};
		final List<File> inputs = List.of(video("dark1"), video("bright1"), video("dark2"), video("bright2"));
		final TrainingJob.Specialists s = TrainingJob.trainSpecialists(inputs, List.of(), null, 0, null, TINY, tiny(), 2,
			dir.resolve("new/specialists"), p, log::add);
		assertTrue(cancel.get(), status.toString());
		assertTrue(s.cancelled());
		assertFalse(s.saved());
		assertFalse(Files.exists(dir.resolve("new")), "the empty folders made for the specialists are left");
		assertFalse(log.stream().anyMatch(m -> m.contains("resume to finish")), log.toString());
	}

	@Test
	void aOneVideoClusterIsKeptWithAWarningAndTooFewVideosAreRefused(@TempDir final Path dir) {
		final List<String> log = new ArrayList<>();
		final TrainingJob.Specialists s = TrainingJob.trainSpecialists(List.of(video("dark1"), video("bright1"), video(
			"bright2")), List.of(), null, 0, null, TINY, tiny().withEpochs(1), 2, dir.resolve("m"), Progress.NONE,
			log::add);
		assertEquals(List.of("dark1"), s.router().specialists().get(0).videos());
		assertTrue(log.stream().anyMatch(l -> l.contains("cluster-1 holds a single video (dark1)")), log.toString());
		assertTrue(SpecialistRouter.isRouter(dir.resolve("m")));
		// resume continues every specialist from its last epoch, with the same clusters
		final TrainingJob.Specialists resumed = TrainingJob.trainSpecialists(List.of(video("dark1"), video("bright1"),
			video("bright2")), List.of(), null, 0, null, TINY, tiny().withEpochs(2).withResume(true), 2, dir.resolve("m"),
			Progress.NONE, log::add);
		for (final org.pulsej.nn.TrainingReport r : resumed.reports())
			assertEquals(2, r.epochsCompleted());
		assertEquals(s.router().specialists(), SpecialistRouter.load(dir.resolve("m")).specialists());
		final PulseJException e = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(List.of(video(
			"dark1")), List.of(), null, 0, null, TINY, tiny(), 2, dir.resolve("n"), Progress.NONE, log::add));
		assertTrue(e.getMessage().contains("1 video(s) for 2 clusters"), e.getMessage());
		final PulseJException again = assertThrows(PulseJException.class, () -> TrainingJob.trainSpecialists(List.of(
			video("dark1"), video("bright1")), List.of(), null, 0, null, TINY, tiny(), 2, dir.resolve("m"),
			Progress.NONE, log::add));
		assertTrue(again.getMessage().contains("already holds specialist models"), again.getMessage());
	}
}

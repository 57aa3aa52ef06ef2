package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

/** Epoch selection by MCC with labelled videos, by IPR without (paper 5.4). */
class EpochSelectionTest {

	static final double FPS = 30;

	static double[] sine(final double bpm, final double seconds, final double phase) {
		final double[] y = new double[(int) Math.round(seconds * FPS)];
		for (int i = 0; i < y.length; i++)
			y[i] = Math.sin(2 * Math.PI * bpm / 60 * i / FPS + phase);
		return y;
	}

	/**
	 * Three "epochs" with fixed PPGs for two labelled videos (72 and 90 bpm): epoch 1 a clean pulse at
	 * the wrong rate (no out-of-band power: best IPR), epoch 2 the right pulse, delayed 0.3 s, under a
	 * strong slow drift (much out-of-band power: worst IPR, but it matches the ground truth), epoch 3
	 * noise. MCC must pick epoch 2, IPR epoch 1.
	 */
	@Test
	void mccPicksTheEpochThatMatchesTheGroundTruthWhereIprPicksAnother() {
		final double[] bpm = { 72, 90 };
		final List<double[]> refs = new ArrayList<>();
		for (final double b : bpm)
			refs.add(sine(b, 10, 0));
		final Random rnd = new Random(3);
		final List<List<double[]>> epochs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (final double b : bpm) {
			epochs.get(0).add(sine(b * 1.45, 10, 1));
			final double[] right = sine(b, 10, -2 * Math.PI * b / 60 * 0.3), drift = sine(9, 10, 0.5);
			for (int i = 0; i < right.length; i++)
				right[i] = 0.5 * right[i] + 3 * drift[i];
			epochs.get(1).add(right);
			final double[] noise = new double[right.length];
			for (int i = 0; i < noise.length; i++)
				noise[i] = rnd.nextGaussian();
			epochs.get(2).add(noise);
		}
		final double[] ipr = new double[3], mcc = new double[3];
		for (int e = 0; e < 3; e++) {
			ipr[e] = EpochSelection.meanIpr(epochs.get(e), FPS);
			mcc[e] = EpochSelection.meanMcc(epochs.get(e), refs, FPS);
		}
		final String scores = "IPR " + Arrays.toString(ipr) + ", MCC " + Arrays.toString(mcc);
		assertEquals(0, EpochSelection.best(EpochSelection.Criterion.IPR, ipr, mcc), scores);
		assertEquals(1, EpochSelection.best(EpochSelection.Criterion.MCC, ipr, mcc), scores);
		assertTrue(mcc[1] > 0.8 && mcc[0] < 0.5 && mcc[2] < 0.5, scores);
		assertTrue(ipr[0] < 0.05 && ipr[1] > 0.5, scores);
	}

	@Test
	void autoMeansMccWithLabelsAndIprWithout() {
		assertEquals(EpochSelection.Criterion.MCC, EpochSelection.resolve(TrainOptions.Selection.AUTO, 2));
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(TrainOptions.Selection.AUTO, 0));
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(null, 0));
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(TrainOptions.Selection.IPR, 3));
		final PulseJException e = assertThrows(PulseJException.class, () -> EpochSelection.resolve(
			TrainOptions.Selection.MCC, 0));
		assertTrue(e.getMessage().contains("labelled"), e.getMessage());
		assertEquals(TrainOptions.Selection.MCC, TrainOptions.Selection.parse(" mcc "));
		assertThrows(PulseJException.class, () -> TrainOptions.Selection.parse("best"));
	}

	@Test
	void autoMeansBothScoresWhenTheCompanionsTrainWithTheirPulseAndNoLabelsAreGiven() {
		final TrainOptions.Selection auto = TrainOptions.Selection.AUTO;
		assertEquals(EpochSelection.Criterion.BOTH, EpochSelection.resolve(auto, 0, 8, true));
		assertEquals(EpochSelection.Criterion.BOTH, EpochSelection.resolve(null, 0, 8, true));
		// companions that enter the label-free loss only (companion_pulse=0): the paper's IPR
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(auto, 0, 8, false));
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(auto, 0, 0, true));
		// the user's own ground truth comes first
		assertEquals(EpochSelection.Criterion.MCC, EpochSelection.resolve(auto, 2, 8, true));
		assertEquals(EpochSelection.Criterion.IPR, EpochSelection.resolve(TrainOptions.Selection.IPR, 0, 8, true));
		assertEquals(EpochSelection.Criterion.COMPANIONS, EpochSelection.resolve(TrainOptions.Selection.COMPANIONS, 2,
			8, false));
		assertEquals(EpochSelection.Criterion.BOTH, EpochSelection.resolve(TrainOptions.Selection.BOTH, 2, 8, false));
		for (final TrainOptions.Selection s : new TrainOptions.Selection[] { TrainOptions.Selection.COMPANIONS,
			TrainOptions.Selection.BOTH })
		{
			final PulseJException e = assertThrows(PulseJException.class, () -> EpochSelection.resolve(s, 0, 0, true));
			assertTrue(e.getMessage().startsWith("selection=" + s.name().toLowerCase() + " needs companion videos") && e
				.fix().contains("companions=8"), e.getMessage() + " / " + e.fix());
		}
		assertEquals(TrainOptions.Selection.COMPANIONS, TrainOptions.Selection.parse("Companions"));
		assertEquals(TrainOptions.Selection.BOTH, TrainOptions.Selection.parse("both "));
		assertTrue(EpochSelection.better(EpochSelection.Criterion.COMPANIONS, 0.5, 0.9, 0.01, 0.8),
			"a higher companions' MCC wins whatever the IPR");
		assertFalse(EpochSelection.better(EpochSelection.Criterion.COMPANIONS, 0.01, 0.7, 0.5, 0.8));
		assertEquals("companions' MCC 0.955", EpochSelection.format(EpochSelection.Criterion.COMPANIONS, 0.03, 0.9551));
		assertEquals("companions' MCC 0.947, IPR x (1 - companions' MCC) 0.00164", EpochSelection.format(
			EpochSelection.Criterion.BOTH, 0.031, 0.947));
	}

	/**
	 * The scores of the 16 epochs of a training with the defaults on the ablation set (docs/training.md,
	 * "Which epoch: the companions' pulse"): the IPR keeps epoch 8, the companions' MCC epoch 14 (which read
	 * the set worst but two), their product epoch 12, low in both (IPR 0.031, MCC 0.947).
	 */
	@Test
	void bothKeepsTheEpochLowInIprAndHighInTheCompanionsMcc() {
		final double[] ipr = { 0.056, 0.035, 0.039, 0.037, 0.054, 0.062, 0.039, 0.030, 0.037, 0.053, 0.042, 0.031,
			0.031, 0.053, 0.059, 0.055 };
		final double[] mcc = { 0.855, 0.901, 0.903, 0.909, 0.917, 0.928, 0.937, 0.926, 0.936, 0.942, 0.953, 0.947, 0.933,
			0.959, 0.958, 0.949 };
		assertEquals(7, EpochSelection.best(EpochSelection.Criterion.IPR, ipr, mcc));
		assertEquals(13, EpochSelection.best(EpochSelection.Criterion.COMPANIONS, ipr, mcc));
		assertEquals(11, EpochSelection.best(EpochSelection.Criterion.BOTH, ipr, mcc));
		assertEquals(0.031 * 0.053, EpochSelection.both(0.031, 0.947), 1e-12);
		// either score alone decides where the other ties
		assertTrue(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.02, 0.9, 0.03, 0.9));
		assertTrue(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.03, 0.95, 0.03, 0.9));
		assertFalse(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.03, 0.9, 0.03, 0.9), "a tie keeps the first");
		// a PPG upside down (negative MCC) scores worse than one that barely follows the pulse, not better
		assertFalse(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.02, -0.5, 0.02, 0.1));
		// a non-finite score never wins against a finite one; the first epoch wins against none
		assertFalse(EpochSelection.better(EpochSelection.Criterion.BOTH, Double.NaN, 0.9, 0.05, 0.5));
		assertFalse(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.01, Double.NaN, 0.05, 0.5));
		assertTrue(EpochSelection.better(EpochSelection.Criterion.BOTH, 0.05, 0.5, Double.NaN, Double.NaN));
	}

	/**
	 * Companions that train with their pulse and no labelled videos: by default (AUTO, i.e. BOTH) the epoch
	 * kept is the one with the lowest logged IPR × (1 − the companions' MCC); with selection=companions
	 * the one whose PPG of the companions best follows their drawn pulse. The messages, model.json and
	 * its summary say which; the IPR of the user's videos is logged either way.
	 */
	@Test
	void trainerChoosesByTheCompanionsPulseAndSaysSo(@TempDir final Path dir) throws Exception {
		TestEngine.get();
		final List<LabelledVolume> companions = List.of(SyntheticFaces.standard().labelled("companion-1", 95, 10, 10, 16,
			42), SyntheticFaces.standard().labelled("companion-2", 64, 10, 10, 16, 43));
		final TrainOptions tiny = ContrastiveTrainerTest.tiny().withEpochs(3).withCompanionPulse(1);
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		final TrainingReport both = new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(1), companions,
			List.of(), ContrastiveTrainerTest.TINY, tiny, dir.resolve("both"), rec);
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("Epoch selection: IPR of your videos (label-free) " +
			"times (1 - the MCC of 2 companion video(s) with the pulse they were drawn with)")), rec.messages.toString());
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("2 companion video(s) train beside the 1 video(s) " +
			"(for the loss and to choose the epoch)")), rec.messages.toString());
		assertTrue(assertKeptTheBestLoggedScore(dir.resolve("both"), "BOTH", both).summary().contains(
			"chosen by IPR x (1 - companions' MCC)"));

		final ContrastiveTrainerTest.Recorder rec2 = new ContrastiveTrainerTest.Recorder();
		final TrainingReport r = new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(1), companions, List
			.of(), ContrastiveTrainerTest.TINY, tiny.withSelection(TrainOptions.Selection.COMPANIONS), dir.resolve(
				"companions"), rec2);
		assertTrue(rec2.messages.stream().anyMatch(m -> m.startsWith("Epoch selection: MCC of 2 companion video(s) " +
			"with the pulse they were drawn with")), rec2.messages.toString());
		final ModelDescription d = assertKeptTheBestLoggedScore(dir.resolve("companions"), "COMPANIONS", r);
		final List<String> log = Files.readAllLines(dir.resolve("companions").resolve("training-log.csv"));
		for (int e = 1; e < log.size(); e++)
			assertTrue(Double.isFinite(Double.parseDouble(log.get(e).split(",")[2])), "the IPR of the user's video " +
				"is logged: " + log);
		assertTrue(d.summary().contains("chosen by the companions' MCC"), d.summary());
		// selection=ipr keeps the label-free score of the user's videos, companions or not
		final TrainingReport ipr = new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(1), companions, List
			.of(), ContrastiveTrainerTest.TINY, tiny.withSelection(TrainOptions.Selection.IPR), dir.resolve("ipr"),
			Progress.NONE);
		assertEquals("IPR", PhysNetModel.readDescription(dir.resolve("ipr")).training().criterion());
		assertTrue(Double.isNaN(ipr.epochs().get(0).mcc()));
	}

	/** A labelled video with its pulse as ground truth; {@code gtSeconds} limits how much the ground truth covers. */
	static LabelledVolume labelled(final String name, final double bpm, final double seconds, final double gtSeconds,
		final long seed)
	{
		final FaceVolume v = SyntheticFaces.standard().volume(bpm, seconds, 10, 16, seed);
		final double[] gt = new double[v.frames()];
		Arrays.fill(gt, Double.NaN);
		for (int i = 0; i < Math.min(gt.length, (int) Math.round(gtSeconds * 10)); i++)
			gt[i] = Math.sin(2 * Math.PI * bpm / 60 * i / 10);
		return new LabelledVolume(name, v, gt);
	}

	/**
	 * The trainer with labelled videos: the criterion is in the messages, training-log.csv (mcc and
	 * criterion columns) and model.json, and the shipped epoch is the one with the highest logged MCC.
	 * A labelled video whose ground truth is shorter than a clip is left out with a message naming it.
	 */
	@Test
	void trainerChoosesByMccAndSaysSo(@TempDir final Path dir) throws Exception {
		TestEngine.get();
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		final List<LabelledVolume> lab = List.of(labelled("good", 75, 10, 10, 5), labelled("short", 85, 10, 3, 6));
		final TrainingReport r = new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(2), lab,
			ContrastiveTrainerTest.TINY, ContrastiveTrainerTest.tiny().withEpochs(3), dir, rec);
		assertTrue(rec.messages.stream().anyMatch(m -> m.startsWith("Epoch selection: MCC with the ground truth of 1 ")),
			rec.messages.toString());
		assertTrue(rec.messages.stream().anyMatch(m -> m.contains("short (ground-truth PPG covers 3.0 s")), rec.messages
			.toString());
		final ModelDescription d = assertKeptTheBestLoggedScore(dir, "MCC", r);
		assertTrue(d.summary().contains("chosen by MCC"), d.summary());
	}

	/**
	 * training-log.csv in {@code model} logs each epoch's MCC (as the report has it) under {@code criterion},
	 * the epoch kept is the one with the best logged score (the highest MCC; for BOTH the lowest
	 * IPR × (1 − MCC), worked out here from the logged columns rather than by EpochSelection.both), and
	 * model.json names the criterion and the kept epoch's MCC.
	 */
	private static ModelDescription assertKeptTheBestLoggedScore(final Path model, final String criterion,
		final TrainingReport r) throws Exception
	{
		final List<String> log = Files.readAllLines(model.resolve("training-log.csv"));
		assertEquals("epoch,loss,ipr,seconds,mcc,criterion,skipped_steps", log.get(0));
		final int epochs = r.epochs().size();
		assertEquals(epochs + 1, log.size(), log.toString());
		// a higher score wins: the MCC, or for BOTH the product negated
		final double[] score = new double[epochs];
		int best = 0;
		for (int e = 0; e < epochs; e++) {
			final String[] f = log.get(e + 1).split(",");
			assertEquals(criterion, f[5]);
			final double ipr = Double.parseDouble(f[2]), mcc = Double.parseDouble(f[4]);
			assertEquals(r.epochs().get(e).mcc(), mcc, 1e-5);
			score[e] = criterion.equals("BOTH") ? -ipr * (1 - mcc) : mcc;
			if (score[e] > score[best]) best = e;
		}
		assertEquals(best + 1, r.selectedEpoch(), Arrays.toString(score));
		final ModelDescription d = PhysNetModel.readDescription(model);
		assertEquals(criterion, d.training().criterion());
		assertEquals(Double.parseDouble(log.get(best + 1).split(",")[4]), d.training().selectedMcc(), 1e-5);
		return d;
	}

	@Test
	void mccWithOnlyShortGroundTruthIsRefusedAutoFallsBackToIpr(@TempDir final Path dir) throws Exception {
		TestEngine.get();
		final List<LabelledVolume> lab = List.of(labelled("short", 85, 10, 2, 6));
		final PulseJException e = assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(
			ContrastiveTrainerTest.tinyVideos(2), lab, ContrastiveTrainerTest.TINY, ContrastiveTrainerTest.tiny()
				.withEpochs(1).withSelection(TrainOptions.Selection.MCC), dir.resolve("mcc"), new ContrastiveTrainerTest.Recorder()));
		assertTrue(e.getMessage().contains("selection=MCC needs labelled videos"), e.getMessage());
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(2), lab, ContrastiveTrainerTest.TINY,
			ContrastiveTrainerTest.tiny().withEpochs(1), dir.resolve("auto"), rec);
		assertTrue(rec.messages.stream().anyMatch(m -> m.contains("IPR of the training videos") && m.contains(
			"no labelled video is usable")), rec.messages.toString());
		assertEquals("epoch,loss,ipr,seconds,mcc,criterion,skipped_steps", Files.readAllLines(dir.resolve("auto/training-log.csv"))
			.get(0));
		assertTrue(Files.readAllLines(dir.resolve("auto/training-log.csv")).get(1).endsWith(",,IPR,0"));
		assertEquals("IPR", PhysNetModel.readDescription(dir.resolve("auto")).training().criterion());
		assertThrows(PulseJException.class, () -> new LabelledVolume("x", lab.get(0).volume(), new double[3]));
	}
}

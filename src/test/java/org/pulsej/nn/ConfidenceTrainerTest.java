package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Messages;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Training on known signals: a clean pulse whose instantaneous rate follows a ramp, interrupted by
 * bursts (motion) during which the instantaneous rate is 25 bpm off. Eq. 1 can only win over both
 * plain choices by trusting the clean stretches and distrusting the bursts.
 */
class ConfidenceTrainerTest {

	static final double FPS = 30;

	/** A video of n frames with bursts at random places; burst frames are marked in {@code bad}. */
	static ConfidenceTrainer.Sample sample(final int n, final long seed, final boolean[] bad) {
		final Random r = new Random(seed);
		final double[] ppg = new double[n], inst = new double[n], ref = new double[n];
		for (int t = 0; t < n; t++) {
			ref[t] = 70 + 20.0 * t / n;
			ppg[t] = Math.sin(2 * Math.PI * ref[t] / 60 * t / FPS) + 0.1 * r.nextGaussian();
		}
		for (int b = 0; b < 3; b++) {
			final int at = 40 + r.nextInt(n - 120), len = 40 + r.nextInt(30);
			for (int t = at; t < at + len; t++) {
				ppg[t] += 8 * Math.sin(2 * Math.PI * 0.9 * t / FPS + b) * (1 + r.nextGaussian() * 0.3);
				bad[t] = true;
			}
		}
		for (int t = 0; t < n; t++)
			inst[t] = ref[t] + (bad[t] ? 25 : 0.3 * r.nextGaussian());
		return new ConfidenceTrainer.Sample("toy" + seed, ppg, inst, 80, ref);
	}

	@Test
	void learnsToDistrustBurstsAndTrustCleanStretches() {
		final List<ConfidenceTrainer.Sample> train = new ArrayList<>();
		for (int i = 0; i < 6; i++)
			train.add(sample(512, i, new boolean[512]));
		final ConfidenceTrainer trainer = new ConfidenceTrainer(ConfidenceTrainer.Options.defaults().withEpochs(10));
		final List<String> log = new ArrayList<>();
		try (ConfidenceModel model = trainer.train(train, Progress.NONE, log::add)) {
			final ConfidenceTrainer.Report rep = trainer.report();
			assertEquals(10, rep.epochLoss().size());
			assertEquals(6 * 512, rep.frames());
			// held-out video
			final boolean[] bad = new boolean[600];
			final ConfidenceTrainer.Sample test = sample(600, 99, bad);
			final double[] c = model.confidence(test.ppg(), test.hrInstant(), FPS);
			double cBad = 0, cGood = 0, l1 = 0, l1Inst = 0, l1Med = 0;
			int nBad = 0;
			for (int t = 0; t < 600; t++) {
				final double h = c[t] * test.hrInstant()[t] + (1 - c[t]) * test.hrMedian();
				l1 += Math.abs(h - test.hrReference()[t]) / 600;
				l1Inst += Math.abs(test.hrInstant()[t] - test.hrReference()[t]) / 600;
				l1Med += Math.abs(test.hrMedian() - test.hrReference()[t]) / 600;
				if (bad[t]) {
					cBad += c[t];
					nBad++;
				}
				else cGood += c[t];
			}
			cBad /= nBad;
			cGood /= 600 - nBad;
			System.out.printf(Locale.ROOT,
				"toy: mean c %.2f in bursts, %.2f clean; L1 %.2f (instantaneous %.2f, median %.2f); training %s%n", cBad,
				cGood, l1, l1Inst, l1Med, rep.epochLoss());
			assertTrue(cBad < cGood - 0.3, "bursts " + cBad + " vs clean " + cGood);
			assertTrue(l1 < 0.8 * Math.min(l1Inst, l1Med), l1 + " vs " + l1Inst + ", " + l1Med);
			assertTrue(rep.finalLoss() < Math.min(rep.instantLoss(), rep.medianLoss()), rep.toString());
			// the reported loss is the kept model's error on every training frame, like the two it is set against
			double trainL1 = 0, trainInst = 0;
			for (final ConfidenceTrainer.Sample sm : train) {
				final double[] ct = model.confidence(sm.ppg(), sm.hrInstant(), FPS);
				for (int t = 0; t < ct.length; t++) {
					trainL1 += Math.abs(ct[t] * sm.hrInstant()[t] + (1 - ct[t]) * sm.hrMedian() - sm.hrReference()[t]);
					trainInst += Math.abs(sm.hrInstant()[t] - sm.hrReference()[t]);
				}
			}
			assertEquals(trainL1 / rep.frames(), rep.finalLoss(), 1e-3, "blended L1 over all training frames");
			assertEquals(trainInst / rep.frames(), rep.instantLoss(), 1e-9);
			assertEquals(rep.epochLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), rep.finalLoss(),
				"the kept epoch is the best one");
			assertEquals(10, model.description().getAsJsonObject("training").get("epochs").getAsInt());
			assertTrue(log.get(log.size() - 1).contains("confidence model trained"), log.toString());
		}
	}

	@Test
	void trainedOnAPoolThreadReadsBackTheSameOnAnother(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path tmp)
		throws Exception
	{
		// Fiji runs commands on pool threads; PyTorch's grad mode is per thread (on where the engine did
		// not start), so the engine is started here and the training runs elsewhere
		ConfidenceModel.create(0).close();
		final List<ConfidenceTrainer.Sample> train = List.of(sample(300, 1, new boolean[300]), sample(300, 2,
			new boolean[300]));
		final java.nio.file.Path dir = tmp.resolve("m"); // JUnit removes it, unlike a bare temporary folder
		final double[][] c = new double[1][];
		final Throwable[] failure = new Throwable[1];
		final Thread worker = new Thread(() -> {
			try (ConfidenceModel m = new ConfidenceTrainer(ConfidenceTrainer.Options.defaults().withEpochs(2)).train(train,
				Progress.NONE, s -> {}))
			{
				c[0] = m.confidence(train.get(0).ppg(), train.get(0).hrInstant(), FPS);
				m.save(dir);
			}
			catch (final Throwable e) {
				failure[0] = e;
			}
		});
		worker.start();
		worker.join();
		if (failure[0] != null) throw new AssertionError(failure[0]);
		try (ConfidenceModel back = ConfidenceModel.load(dir)) {
			org.junit.jupiter.api.Assertions.assertArrayEquals(c[0], back.confidence(train.get(0).ppg(), train.get(0)
				.hrInstant(), FPS), 0);
		}
	}

	/** epochs=100000000 ran until cancelled: a time budget ends it after the epoch that reaches it. */
	@Test
	void aTimeBudgetEndsTrainingAndKeepsTheBestEpoch() {
		final List<ConfidenceTrainer.Sample> train = List.of(sample(300, 1, new boolean[300]), sample(300, 2,
			new boolean[300]));
		final ConfidenceTrainer trainer = new ConfidenceTrainer(ConfidenceTrainer.Options.defaults().withEpochs(
			100_000_000).withMinutes(0.02));
		final List<String> log = new ArrayList<>();
		final long t0 = System.nanoTime();
		try (ConfidenceModel model = trainer.train(train, Progress.NONE, log::add)) {
			final double seconds = (System.nanoTime() - t0) / 1e9;
			final ConfidenceTrainer.Report rep = trainer.report();
			final int epochs = rep.epochLoss().size();
			assertTrue(epochs >= 1 && seconds < 60, epochs + " epochs in " + seconds + " s");
			assertTrue(log.stream().anyMatch(l -> l.startsWith("PulseJ: confidence model training stopped after epoch " +
				epochs + " of 100000000: the time budget of 0.02 min is used (" + Messages.count(epochs, "epoch") + " in ")), log
					.toString());
			assertEquals(rep.epochLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), rep.finalLoss(),
				"the kept epoch is the best one");
			assertEquals(epochs, model.description().getAsJsonObject("training").get("epochs").getAsInt(),
				"the epochs trained");
			assertTrue(log.get(log.size() - 1).contains("at epoch " + rep.bestEpoch() + " of " + epochs), log.toString());
		}
		assertThrows(PulseJException.class, () -> ConfidenceTrainer.Options.defaults().withMinutes(-1));
	}

	@Test
	void cancellingStopsTrainingAndFramesWithoutReferenceAreIgnored() {
		final ConfidenceTrainer.Sample s = sample(300, 1, new boolean[300]);
		final Progress cancelAtOnce = TestProgress.cancelled();
		assertThrows(CancellationException.class, () -> new ConfidenceTrainer(ConfidenceTrainer.Options.defaults())
			.train(List.of(s), cancelAtOnce, m -> {}));
		final double[] noRef = new double[300];
		java.util.Arrays.fill(noRef, Double.NaN);
		final ConfidenceTrainer.Sample blind = new ConfidenceTrainer.Sample("blind", s.ppg(), s.hrInstant(), 80, noRef);
		final PulseJException e = assertThrows(PulseJException.class, () -> new ConfidenceTrainer(
			ConfidenceTrainer.Options.defaults()).train(List.of(blind), Progress.NONE, m -> {}));
		assertTrue(e.getMessage().contains("None of the 1 training videos"), e.getMessage());
		assertThrows(PulseJException.class, () -> new ConfidenceTrainer.Options(0, 1e-3, 0, 256, 8, 1, 0));
		assertThrows(PulseJException.class, () -> new ConfidenceTrainer.Sample("x", new double[3], new double[2], 1,
			new double[3]));
	}
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

/** Train PhysNet's settings: the defaults and the paper's values pass, a bad one is named with its key and fix. */
class TrainOptionsTest {

	@Test
	void defaultsAndPaperValuesAreUsable() {
		TrainOptions.defaults().validate();
		TrainOptions.paper().validate();
		// chosen on the weak-pulse and turning-head sets (docs/training.md, "Companion videos"); the paper has none
		assertEquals(8, TrainOptions.defaults().companions());
		assertEquals(0, TrainOptions.paper().companions());
		// chosen on six sets (docs/training.md, "Each loss with today's defaults"); the paper's loss stays reachable
		assertEquals(TrainOptions.Loss.SINC, TrainOptions.defaults().loss());
		assertEquals(TrainOptions.Loss.CONTRASTIVE, TrainOptions.paper().loss());
		assertEquals("sinc", TrainOptions.DEFAULT_LOSS.key(), "the dialog's and macro's value of loss=");
		for (final TrainOptions.Loss l : TrainOptions.Loss.values())
			assertEquals(l, TrainOptions.Loss.parse(l.key()));
	}

	/** A model.json from before the loss was recorded was trained with the paper's loss, whatever the default is now. */
	@Test
	void aModelWithoutALossWasTrainedWithThePapers() throws java.io.IOException {
		final ModelDescription bundled = ModelDescription.fromJson(java.nio.file.Files.readString(java.nio.file.Path.of(
			"models/physnet-default/model.json")));
		assertEquals(null, bundled.training().options().loss(), "the bundled model.json records no loss");
		assertEquals(TrainOptions.Loss.CONTRASTIVE, bundled.training().options().lossOrDefault());
	}

	@Test
	void aBadLearningRateNamesItsKeyAndTheDefault() {
		for (final double lr : new double[] { -1, 0, 1, Double.NaN }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> TrainOptions.defaults().withLearningRate(lr)
				.validate());
			assertTrue(e.problem().startsWith("lr="), e.getMessage());
			// the suggested value is the default itself, which must be inside the range the check accepts
			assertTrue(e.fix().contains("lr=0.002") && e.fix().contains("lr=1e-5"), e.getMessage());
		}
		TrainOptions.defaults().withLearningRate(0.002).validate();
	}

	/**
	 * Resuming with another key was refused as "made with other settings or other videos", naming
	 * neither: the refusal now names each key that differs, and says so when the videos differ.
	 */
	@Test
	void aRefusedResumeNamesTheKeysThatDiffer() {
		final String then = "PhysNetConfig[width=4, inputHeight=32, inputWidth=32, channels=3, colorSpace=CHROMA, " +
			"normalization=z-score per pixel over time]|fps=30.0 clip=300 batch=4 lr=0.002 factors=0.66-0.8 views=4 x " +
			"5.0 seed=0 stretch=0.6666666666666666 wd=0.01 samples=4|videos=2 data=00000000000000aa";
		final String now = then.replace("width=4", "width=8").replace("lr=0.002", "lr=0.001").replace("samples=4",
			"samples=4 loss=spatial").replace("data=00000000000000aa", "data=00000000000000bb");
		assertEquals("width 4 then, 8 now; lr 0.002 then, 0.001 now; loss contrastive then, spatial now; the videos' " +
			"pictures differ", ContrastiveTrainer.fingerprintDifference(then, now));
		assertEquals("views 4 x 5.0 then, 2 x 5.0 now", ContrastiveTrainer.fingerprintDifference(then, then.replace(
			"views=4 x", "views=2 x")));
		// a checkpoint written to disk by Gson escapes '=' in its fingerprint
		assertEquals("seed 0 then, 1 now", ContrastiveTrainer.fingerprintDifference(then.replace("=", "\\u003d"), then
			.replace("seed=0", "seed=1")));
	}

	@Test
	void companionsOutOfRangeAreNamedWithTheirKey() {
		for (final int n : new int[] { -1, TrainOptions.MAX_COMPANIONS + 1 }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> TrainOptions.defaults().withCompanions(n)
				.validate());
			assertTrue(e.problem().startsWith("companions=" + n), e.getMessage());
			assertTrue(e.fix().contains("companions=8"), e.getMessage());
		}
		TrainOptions.defaults().withCompanions(TrainOptions.MAX_COMPANIONS).validate();
		// a resume with another count names the key
		final String then = "PhysNetConfig[width=4]|fps=30.0 clip=300 batch=4 lr=0.002 seed=0 samples=4|videos=2 " +
			"data=00000000000000aa";
		assertEquals("companions 0 then, 8 now", ContrastiveTrainer.fingerprintDifference(then, then.replace(
			"samples=4", "samples=4 companions=8")));
	}

	@Test
	void companionPulseOutOfRangeIsNamedWithItsKeyAndARunWithAnotherDoesNotResume() {
		for (final double w : new double[] { -0.5, 101, Double.NaN }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> TrainOptions.defaults().withCompanionPulse(w)
				.validate());
			assertTrue(e.problem().startsWith("companion_pulse="), e.getMessage());
			assertTrue(e.fix().contains("0 (the companions enter the label-free loss only)"), e.getMessage());
		}
		TrainOptions.defaults().withCompanionPulse(0).validate();
		assertEquals(1, TrainOptions.defaults().companionPulse());
		assertEquals(0, TrainOptions.paper().companionPulse());
		assertEquals("companion_pulse 0 then, 1.0 now", ContrastiveTrainer.fingerprintDifference(
			"PhysNetConfig[width=4]|fps=30.0 seed=0 companions=8|videos=2 data=aa",
			"PhysNetConfig[width=4]|fps=30.0 seed=0 companions=8 companion_pulse=1.0|videos=2 data=aa"));
	}
}

package org.pulsej.nn;

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
}

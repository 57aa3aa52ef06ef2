package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.util.PulseJException;

/** The {@code window_hr} key of Estimate Heart Rate, Batch Estimate, Evaluate and Train Confidence Model. */
class WindowHeartRateKeyTest {

	@Test
	void trackIsTheDefaultAndPeakIsThePapersRule() {
		assertTrue(new EstimateOptions().trackHeartRate());
		assertTrue(EstimateSettings.windowHeartRate(new EstimateOptions(), " Track ").trackHeartRate());
		assertTrue(EstimateSettings.windowHeartRate(new EstimateOptions(), "").trackHeartRate());
		final EstimateOptions peak = EstimateSettings.windowHeartRate(new EstimateOptions(), "peak");
		assertFalse(peak.trackHeartRate());
		assertFalse(peak.copy().trackHeartRate(), "copies keep the choice");
	}

	@Test
	void anUnknownValueNamesTheChoices() {
		final PulseJException e = assertThrows(PulseJException.class, () -> EstimateSettings.windowHeartRate(
			new EstimateOptions(), "viterbi"));
		assertTrue(e.getMessage().contains("window_hr 'viterbi'"), e.getMessage());
		assertTrue(e.fix().contains("window_hr=track") && e.fix().contains("window_hr=peak"), e.fix());
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.util.PulseJException;

/** The {@code background_light} key of Estimate Heart Rate, Batch Estimate, Evaluate and Train Confidence Model. */
class BackgroundLightKeyTest {

	@Test
	void removeIsTheDefaultAndKeepTurnsItOff() {
		assertTrue(new EstimateOptions().removeBackgroundLight());
		assertTrue(EstimateSettings.backgroundLight(new EstimateOptions(), " Remove ").removeBackgroundLight());
		assertTrue(EstimateSettings.backgroundLight(new EstimateOptions(), "").removeBackgroundLight());
		final EstimateOptions kept = EstimateSettings.backgroundLight(new EstimateOptions(), "keep");
		assertFalse(kept.removeBackgroundLight());
		assertFalse(kept.copy().removeBackgroundLight(), "copies keep the choice");
	}

	@Test
	void anUnknownValueNamesTheChoices() {
		final PulseJException e = assertThrows(PulseJException.class, () -> EstimateSettings.backgroundLight(
			new EstimateOptions(), "off"));
		assertTrue(e.getMessage().contains("background_light 'off'"), e.getMessage());
		assertTrue(e.fix().contains("background_light=remove") && e.fix().contains("background_light=keep"), e.fix());
	}
}

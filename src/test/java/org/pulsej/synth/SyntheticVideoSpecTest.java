package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class SyntheticVideoSpecTest {

	@Test
	void defaultsAreAStillFaceAt72Bpm() {
		final SyntheticVideoSpec s = new SyntheticVideoSpec();
		assertEquals(320, s.width());
		assertEquals(240, s.height());
		assertEquals(30, s.fps());
		assertEquals(900, s.frames());
		assertEquals(72, s.hrStartBpm());
		assertEquals(72, s.hrEndBpm());
		assertEquals(0.005, s.pulseAmplitude());
		assertEquals(15, s.respirationBpm());
		assertEquals(0, s.translationPx());
		assertEquals(15, s.stepAtSeconds(), "the light step defaults to half-way");
		assertEquals(0, s.jpegQuality());
		s.validate();
	}

	@Test
	void settersCheckTheirRangeAndNameTheParameter() {
		final SyntheticVideoSpec s = new SyntheticVideoSpec();
		final PulseJException e = assertThrows(PulseJException.class, () -> s.hrStartBpm(300));
		assertTrue(e.problem().contains("hr=300 is out of range") && e.fix().contains("Give hr between 30 and 240"), e.getMessage());
		assertTrue(e.fix().contains("between 30 and 240"), e.getMessage());
		assertThrows(PulseJException.class, () -> s.fps(0));
		assertThrows(PulseJException.class, () -> s.fps(Double.NaN));
		assertThrows(PulseJException.class, () -> s.pulseAmplitude(-0.01));
		assertThrows(PulseJException.class, () -> s.jpegQuality(101));
		assertThrows(PulseJException.class, () -> s.width(8));
		assertThrows(PulseJException.class, () -> s.noiseSigma(Double.POSITIVE_INFINITY));
		assertEquals(72, s.hrStartBpm(), "a refused value leaves the spec as it was");
	}

	@Test
	void validateChecksTheCombination() {
		assertTrue(assertThrows(PulseJException.class, () -> new SyntheticVideoSpec().seconds(0.02).validate())
			.getMessage().contains("fewer than 2 frames"));
		assertTrue(assertThrows(PulseJException.class, () -> new SyntheticVideoSpec().fps(3).hrBpm(100).validate())
			.getMessage().contains("cannot be seen at 3.0 fps"));
		assertTrue(assertThrows(PulseJException.class, () -> new SyntheticVideoSpec().seconds(10).stepFraction(0.2)
			.stepAtSeconds(12).validate()).getMessage().contains("after the end"));
		assertTrue(assertThrows(PulseJException.class, () -> new SyntheticVideoSpec().size(100, 240)
			.faceHeightFraction(0.7).validate()).getMessage().contains("does not fit"));
	}

	@Test
	void copyIsIndependent() {
		final SyntheticVideoSpec a = new SyntheticVideoSpec().hrRamp(60, 100).seed(5).translationPx(4);
		final SyntheticVideoSpec b = a.copy().seed(6);
		assertEquals(5, a.seed());
		assertEquals(6, b.seed());
		assertEquals(a.hrEndBpm(), b.hrEndBpm());
		assertEquals(a.translationPx(), b.translationPx());
		assertEquals(a.toString().replace("seed 5", "seed 6"), b.toString());
	}
}

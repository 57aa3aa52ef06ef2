package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.PulseJException;

/** compare_regions with method=PhysNet alone was ignored without a word: it is refused, naming the way out. */
class CompareRegionsKeyTest {

	@Test
	void compareRegionsWithoutAClassicalMethodIsRefused() {
		final PulseJException e = assertThrows(PulseJException.class, () -> EvaluationJob.checkCompareRegions(
			EvaluationJob.parseRegions("face,box"), EvaluationJob.parseMethods("PhysNet")));
		assertTrue(e.getMessage().startsWith("compare_regions=face,box scores POS, CHROM or GREEN over further " +
			"regions, but method= names none of them"), e.getMessage());
		assertTrue(e.fix().contains("method=PhysNet,POS") && e.fix().contains("leave compare_regions empty"), e.fix());
		// with a classical method, or without regions, nothing to refuse
		EvaluationJob.checkCompareRegions(List.of(RoiMode.BOX), List.of(PulseMethod.POS));
		EvaluationJob.checkCompareRegions(List.of(), List.of());
	}
}

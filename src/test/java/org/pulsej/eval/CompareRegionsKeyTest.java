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

	/** An unknown method in Evaluate's list was answered with the pulse methods alone, leaving out PhysNet. */
	@Test
	void anUnknownMethodNamesPhysNetAmongTheChoices() {
		final PulseJException e = assertThrows(PulseJException.class, () -> EvaluationJob.parseMethods("POS,XYZ"));
		assertTrue(e.problem().equals("Unknown pulse method 'XYZ'."), e.problem());
		assertTrue(e.fix().startsWith("Use one of POS, CHROM, GREEN, PhysNet"), e.fix());
	}

	/**
	 * An unknown region in compare_regions was refused as "Unknown roi 'nose'" with a fix naming roi= and
	 * roi=manual (draw a rectangle first), neither of which compare_regions takes; a region listed twice
	 * was named in upper case, [FACE, FACE].
	 */
	@Test
	void anUnknownOrRepeatedRegionIsNamedByTheKey() {
		final PulseJException e = assertThrows(PulseJException.class, () -> EvaluationJob.parseRegions("face,nose"));
		assertTrue(e.problem().equals("compare_regions=face,nose names 'nose', which is not a region."), e.problem());
		assertTrue(e.fix().contains("compare_regions=face,box") && !e.fix().contains("manual"), e.fix());
		try (EvaluationJob job = new EvaluationJob(new org.pulsej.pipeline.EstimateOptions(), List.of(PulseMethod.POS),
			false, null, false, x -> {}))
		{
			final PulseJException twice = assertThrows(PulseJException.class, () -> job.compareRegions(List.of(
				RoiMode.FACE, RoiMode.FACE)));
			assertTrue(twice.problem().equals("A region to compare is listed twice: compare_regions=face,face."), twice
				.problem());
		}
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.VideoReader;

/**
 * A band reaching below 40 bpm (an athlete at rest, {@code min_bpm=30}): the slow-drift removal cut at 0.48 Hz
 * (29 bpm) whatever the band, so a pulse at 30–32 bpm lost most of itself and its harmonic was read (96 for 32),
 * and CHROM's windows held the default band (76 for 38). The detrending follows the band now; the default band
 * is measured as before.
 */
class LowBandTest {

	static double measure(final int bpm, final PulseMethod m, final BpmBand band) {
		final ImagePlus imp = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(160, 120).seconds(30).hrBpm(bpm)
			.seed(bpm), Progress.NONE).video();
		return new HeartRatePipeline(new EstimateOptions().method(m).band(band).roi(RoiMode.WHOLE, null)).run(
			VideoReader.of(imp, 30), null, Progress.NONE).hrMedian();
	}

	@Test
	void slowPulsesAreReadWithALowerMinBpm() {
		final BpmBand low = new BpmBand(30, 180);
		assertEquals(32, measure(32, PulseMethod.POS, low), 1, "POS");
		assertEquals(32, measure(32, PulseMethod.GREEN, low), 1, "GREEN");
		assertEquals(38, measure(38, PulseMethod.CHROM, low), 1, "CHROM");
	}

	@Test
	void theDefaultBandKeepsItsDetrending() {
		assertEquals(org.pulsej.pipeline.EstimateOptions.DETREND_CUTOFF_HZ, HeartRatePipeline.detrendCutoffHz(
			BpmBand.HEART), 0);
		assertEquals(0.36, HeartRatePipeline.detrendCutoffHz(new BpmBand(30, 180)), 1e-12);
		assertEquals(72, measure(72, PulseMethod.CHROM, BpmBand.HEART), 1);
	}

	/** A pulse beyond the band (185 bpm) read 176.4 with the default band, without a word: its rate lies on the edge. */
	@Test
	void aRateOnTheBandsEdgeIsSaid(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		final java.util.List<String> log = new java.util.ArrayList<>();
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null),
			dir.resolve("out"), false, log::add))
		{
			for (final int bpm : new int[] { 185, 72 }) {
				final ImagePlus imp = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(160, 120).seconds(30)
					.hrBpm(bpm).seed(2), Progress.NONE).video();
				imp.setTitle("hr" + bpm);
				final org.pulsej.results.HeartRateResult r = job.run(VideoReader.of(imp, 30), Progress.NONE);
				final boolean edge = bpm > 180;
				org.junit.jupiter.api.Assertions.assertEquals(edge, r.warnings().contains(org.pulsej.results.VideoWarnings
					.BAND_EDGE), bpm + ": " + r.warnings() + " " + r.hrMedian());
				org.junit.jupiter.api.Assertions.assertEquals(edge, log.stream().anyMatch(l -> l.startsWith("PulseJ: hr" +
					bpm + " — warning: the heart rate") && l.contains("upper edge of the heart-rate band 40–180 bpm") && l
						.contains("max_bpm=220")), log.toString());
			}
		}
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.VideoWarnings;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/** A heart rate read from a pulse weaker than the noise comes with a warning in the log, a clear one without. */
class WeakSignalWarningTest {

	@TempDir
	Path dir;

	private List<String> measure(final double bpm) {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(160, 120).seconds(12).hrBpm(bpm).seed(5);
		final Video v = Video.of(SyntheticFaceVideo.virtual(spec).video(), spec.fps(), "v" + (int) bpm, null);
		final List<String> log = new ArrayList<>();
		try (EstimateJob job = new EstimateJob(new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null),
			dir, false, log::add))
		{
			final HeartRateResult r = job.run(v, Progress.NONE);
			log.add("snr " + r.snrDb());
		}
		return log;
	}

	@Test
	void aRateOutsideTheBandIsReadWithAWarningAndAClearPulseWithout() {
		// 220 bpm lies above the band's 180: what is read is noise, and the log says so
		final List<String> outside = measure(220);
		assertTrue(outside.stream().anyMatch(l -> l.contains("warning: the pulse signal is weak") && l.contains(
			"min_bpm–max_bpm (40–180)")), outside.toString());
		final List<String> clear = measure(72);
		assertFalse(clear.stream().anyMatch(l -> l.contains("warning")), clear.toString());
		// the summary says which video was warned of, for a batch run whose log is not kept
		final Map<String, String> warnings = new HashMap<>();
		for (final Map<String, String> row : ResultWriter.readSummary(dir.resolve(ResultWriter.SUMMARY)))
			warnings.put(row.get("video"), row.get("warnings"));
		// its rate read lies on the band's upper edge too (LowBandTest)
		assertEquals(Map.of("v220", VideoWarnings.BAND_EDGE + ";" + VideoWarnings.WEAK_PULSE, "v72", ""), warnings);
	}
}

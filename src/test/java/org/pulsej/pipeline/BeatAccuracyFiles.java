package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.pulsej.results.ResultWriter;
import org.pulsej.signal.BeatDetector;
import org.pulsej.util.Csv;

/** Reads {@code STEM_beats.csv} back for tests. */
public final class BeatAccuracyFiles {

	private BeatAccuracyFiles() {}

	/** Beats of a {@code STEM_beats.csv} as the detector's record (time, interval, validity). */
	public static BeatDetector.Beats read(final Path csv, final double duration) throws Exception {
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(ResultWriter.BEATS_HEADER, lines.get(0));
		final int n = lines.size() - 1;
		final double[] t = new double[n], ibi = new double[n];
		final BeatDetector.Reason[] r = new BeatDetector.Reason[n];
		for (int k = 0; k < n; k++) {
			final List<String> c = Csv.split(lines.get(k + 1));
			assertEquals(String.valueOf(k), c.get(0));
			t[k] = Double.parseDouble(c.get(1));
			ibi[k] = c.get(2).isEmpty() ? Double.NaN : Double.parseDouble(c.get(2));
			r[k] = c.get(3).equals("1") ? BeatDetector.Reason.VALID : k == 0 ? BeatDetector.Reason.FIRST
				: BeatDetector.Reason.valueOf(c.get(4).toUpperCase(java.util.Locale.ROOT));
		}
		return new BeatDetector.Beats(t, ibi, r, duration, Double.NaN, new double[n]);
	}

}

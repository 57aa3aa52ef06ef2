package org.pulsej.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Csv;
import org.pulsej.util.PulseJException;

/**
 * The true beat times of a video, {@code STEM_gt_beats.csv} ({@code beat,time_s,ibi_ms}: the
 * systolic peaks, frame 0 at 0 s; the interval from the previous beat, empty for the first). Written
 * by the synthetic generator beside {@code STEM_gt.csv}.
 */
public final class GroundTruthBeats {

	public static final String SUFFIX = "_gt_beats.csv";
	public static final String HEADER = "beat,time_s,ibi_ms";

	private GroundTruthBeats() {}

	/** The file beside a video {@code dir/STEM.avi}. */
	public static Path of(final Path dir, final String stem) {
		return dir.resolve(stem + SUFFIX);
	}

	public static void write(final Path csv, final double[] times) {
		AtomicFiles.writeText(csv, w -> {
			w.write(HEADER + "\n");
			for (int k = 0; k < times.length; k++)
				w.write(k + "," + times[k] + "," + (k == 0 ? "" : Csv.num(1000 * (times[k] - times[k - 1]), 4)) + "\n");
		});
	}

	/** The beat times of a file written by {@link #write}. */
	public static double[] read(final Path csv) {
		try {
			final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
			if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) throw new PulseJException(csv +
				" does not start with " + HEADER + ".", "Give a beats file written by PulseJ's generator.");
			final List<Double> t = new ArrayList<>();
			for (final String line : lines.subList(1, lines.size()))
				if (!line.isBlank()) t.add(Double.parseDouble(Csv.split(line).get(1)));
			return t.stream().mapToDouble(Double::doubleValue).toArray();
		}
		catch (final IOException | NumberFormatException e) {
			throw new PulseJException("Cannot read " + csv + " (" + e.getMessage() + ").", "Check the file.", e);
		}
	}
}

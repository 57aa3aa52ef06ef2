package org.pulsej.results;

import java.nio.file.Path;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pulsej.plot.Charts;
import org.pulsej.signal.BeatDetector;

/** The charts of one video's result: PPG, heart rate and tachogram. */
public final class ResultCharts {

	private ResultCharts() {}

	/** The plot files of a video, as {@link #files} names them. */
	private static final String PPG_PNG = "_ppg.png", HEART_RATE_PNG = "_heart_rate.png", TACHOGRAM_PNG =
		"_tachogram.png";

	/** Refuses, before any file of the video is written, plot files of its names that PulseJ did not write. */
	public static void refuseForeign(final String video, final Path dir) {
		for (final String suffix : new String[] { PPG_PNG, HEART_RATE_PNG, TACHOGRAM_PNG })
			Charts.refuseForeign(dir.resolve(video + suffix));
	}

	/**
	 * The three charts as {@code STEM_ppg.png}, {@code STEM_heart_rate.png} and {@code STEM_tachogram.png},
	 * to be written with the video's tables ({@link ResultWriter#write}); files of those names that are not
	 * PulseJ's plots are refused first.
	 */
	static java.util.Map<Path, org.pulsej.util.AtomicFiles.Content> files(final HeartRateResult r, final Path dir) {
		refuseForeign(r.video(), dir);
		final java.util.Map<Path, org.pulsej.util.AtomicFiles.Content> files = new java.util.LinkedHashMap<>();
		files.put(dir.resolve(r.video() + PPG_PNG), Charts.png(ppg(r)));
		files.put(dir.resolve(r.video() + HEART_RATE_PNG), Charts.png(heartRate(r)));
		files.put(dir.resolve(r.video() + TACHOGRAM_PNG), Charts.png(tachogram(r)));
		return files;
	}

	/** PPG over time. */
	public static JFreeChart ppg(final HeartRateResult r) {
		final XYSeries s = new XYSeries("PPG", false, true);
		for (int t = 0; t < r.frames(); t++)
			s.add(r.time(t), r.ppg()[t]);
		return Charts.lines(r.video() + " — PPG (" + r.method() + ")", "Time (s)", "PPG (a.u.)", new XYSeriesCollection(s));
	}

	/** Reported and instantaneous heart rate over time, with the per-frame confidence when it is not constant. */
	public static JFreeChart heartRate(final HeartRateResult r) {
		final XYSeries hr = new XYSeries("Heart rate", false, true);
		final XYSeries inst = new XYSeries("Instantaneous", false, true);
		for (int t = 0; t < r.frames(); t++) {
			hr.add(r.time(t), r.hr()[t]);
			inst.add(r.time(t), r.hrInstant()[t]);
		}
		final XYSeriesCollection data = new XYSeriesCollection(hr);
		data.addSeries(inst);
		final JFreeChart chart = Charts.lines(String.format(Locale.ROOT, "%s — heart rate (median %.1f bpm)", r
			.video(), r.hrMedian()), "Time (s)", "Heart rate (bpm)", data);
		final XYPlot plot = chart.getXYPlot();
		plot.getRangeAxis().setRange(Math.max(0, Math.min(r.hrMedian() - 30, min(r.hr()) - 5)), Math.max(r
			.hrMedian() + 30, max(r.hr()) + 5));
		return chart;
	}

	/** Tachogram: each valid inter-beat interval over time (line), rejected ones marked as crosses. */
	public static JFreeChart tachogram(final HeartRateResult r) {
		final BeatDetector.Beats b = r.beats();
		final XYSeries valid = new XYSeries("Valid IBI", false, true), invalid = new XYSeries("Rejected", false, true);
		for (int k = 1; k < b.count(); k++) {
			if (b.valid(k)) valid.add(b.timeSeconds()[k], b.ibiMs()[k]);
			else {
				if (!valid.isEmpty()) valid.add(b.timeSeconds()[k], null); // a gap in the line
				invalid.add(b.timeSeconds()[k], b.ibiMs()[k]);
			}
		}
		final XYSeriesCollection data = new XYSeriesCollection(valid);
		data.addSeries(invalid);
		final JFreeChart chart = Charts.lines(String.format(Locale.ROOT, "%s — tachogram (%d beats, %.0f %% valid)", r
			.video(), b.count(), 100 * b.quality()), "Time (s)", "Inter-beat interval (ms)", data);
		final XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
		renderer.setSeriesShapesVisible(0, true);
		renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
		renderer.setSeriesLinesVisible(1, false);
		renderer.setSeriesShapesVisible(1, true);
		renderer.setSeriesShape(1, org.jfree.chart.util.ShapeUtils.createDiagonalCross(4, 0.8f));
		return chart;
	}

	private static double min(final double[] a) {
		double m = Double.POSITIVE_INFINITY;
		for (final double v : a)
			if (v < m) m = v;
		return m;
	}

	private static double max(final double[] a) {
		double m = Double.NEGATIVE_INFINITY;
		for (final double v : a)
			if (v > m) m = v;
		return m;
	}
}

package org.pulsej.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pulsej.pipeline.HeartRateResult;
import org.pulsej.util.AtomicFiles;

/**
 * Charts of PulseJ results. They are built, not shown: the Fiji layer shows them in a window,
 * headless runs save them as PNG next to the CSV files.
 */
public final class Charts {

	public static final int WIDTH = 900, HEIGHT = 360;

	private Charts() {}

	/** PPG over time. */
	public static JFreeChart ppg(final HeartRateResult r) {
		final XYSeries s = new XYSeries("PPG", false, true);
		for (int t = 0; t < r.frames(); t++)
			s.add(r.time(t), r.ppg()[t]);
		return lines(r.video() + " — PPG (" + r.method() + ")", "Time (s)", "PPG (a.u.)", new XYSeriesCollection(s));
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
		final JFreeChart chart = lines(String.format(java.util.Locale.ROOT, "%s — heart rate (median %.1f bpm)", r
			.video(), r.hrMedian()), "Time (s)", "Heart rate (bpm)", data);
		final XYPlot plot = chart.getXYPlot();
		plot.getRangeAxis().setRange(Math.max(0, Math.min(r.hrMedian() - 30, min(r.hr()) - 5)), Math.max(r
			.hrMedian() + 30, max(r.hr()) + 5));
		return chart;
	}

	/** Tachogram: each valid inter-beat interval over time (line), rejected ones marked as crosses. */
	public static JFreeChart tachogram(final HeartRateResult r) {
		final org.pulsej.signal.BeatDetector.Beats b = r.beats();
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
		final JFreeChart chart = lines(String.format(java.util.Locale.ROOT, "%s — tachogram (%d beats, %.0f %% valid)", r
			.video(), b.count(), 100 * b.quality()), "Time (s)", "Inter-beat interval (ms)", data);
		final XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
		renderer.setSeriesShapesVisible(0, true);
		renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
		renderer.setSeriesLinesVisible(1, false);
		renderer.setSeriesShapesVisible(1, true);
		renderer.setSeriesShape(1, org.jfree.chart.util.ShapeUtils.createDiagonalCross(4, 0.8f));
		return chart;
	}

	/** A line chart of one or more series, styled consistently. */
	public static JFreeChart lines(final String title, final String x, final String y,
		final XYSeriesCollection data)
	{
		final JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, data
			.getSeriesCount() > 1, true, false);
		final XYPlot plot = chart.getXYPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		final Color[] colours = { new Color(200, 30, 45), new Color(40, 90, 200), new Color(30, 150, 60) };
		for (int i = 0; i < data.getSeriesCount(); i++) {
			renderer.setSeriesPaint(i, colours[i % colours.length]);
			renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 1.6f : 1.0f));
		}
		plot.setRenderer(renderer);
		return chart;
	}

	/** Saves the chart as PNG, atomically. Works headless. */
	public static void savePng(final JFreeChart chart, final Path file) {
		AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
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

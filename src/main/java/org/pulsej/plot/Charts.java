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
import org.jfree.data.xy.XYSeriesCollection;
import org.pulsej.util.AtomicFiles;

/**
 * PulseJ's line charts, styled alike, and how they are saved. They are built, not shown: the Fiji
 * layer shows them in a window, headless runs save them as PNG next to the CSV files.
 */
public final class Charts {

	public static final int WIDTH = 900, HEIGHT = 360;

	private Charts() {}

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
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.*;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.pulsej.plot.Charts;

/** PulseJ's charts become ImageJ plots with the same data, legend, symbols and markers. */
class ImageJPlotsTest {

	@Test
	void seriesMarkersAndLabelsCarryOver() {
		final XYSeries hr = new XYSeries("instantaneous"), blend = new XYSeries("blended");
		for (int t = 0; t < 5; t++) {
			hr.add(t, 70 + t);
			blend.add(t, 72.0);
		}
		final XYSeriesCollection data = new XYSeriesCollection(hr);
		data.addSeries(blend);
		final JFreeChart chart = Charts.lines("v — heart rate", "Time (s)", "Heart rate (bpm)", data);
		chart.getXYPlot().addRangeMarker(new ValueMarker(71, Color.BLUE, new java.awt.BasicStroke(1)));
		((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesShapesVisible(1, true);
		chart.getXYPlot().getRangeAxis().setRange(40, 180);

		final Plot p = ImageJPlots.of(chart, "Heart-rate plot of v");
		assertEquals("Heart-rate plot of v", p.getTitle());
		final ResultsTable t = p.getResultsTable(true);
		assertEquals(5, t.size(), "five samples per series");
		assertEquals(74, t.getValueAsDouble(1, 4), 1e-9, "the first series' y values: " + t.getColumnHeadings());
		assertEquals(72, t.getValueAsDouble(3, 2), 1e-9, "the second series' y values: " + t.getColumnHeadings());
		final double[] limits = p.getLimits();
		assertEquals(40, limits[2], 1e-9, "the chart's y range is kept");
		assertEquals(180, limits[3], 1e-9);
		final String[] kinds = p.getDataObjectDesignations();
		assertEquals(3, kinds.length, "two series and the marker: " + String.join(" | ", kinds));
		assertTrue(kinds[1].contains("blended") && kinds[2].contains("marker"), "the legend names them: " + String.join(
			" | ", kinds));
		assertEquals(Plot.CONNECTED_CIRCLES, ImageJPlots.shape(chart.getXYPlot().getRenderer(), 1), "lines with symbols");
		assertEquals(Plot.LINE, ImageJPlots.shape(chart.getXYPlot().getRenderer(), 0));
	}

	@Test
	void epochsAreLabelledAtWholeNumbersAsInTheChart() {
		final XYSeries loss = new XYSeries("loss");
		for (int e = 1; e <= 4; e++)
			loss.add(e, 1.0 / e);
		assertEquals("xinterval=1 xdecimals=0", ImageJPlots.wholeNumberTicks(Charts.epochs("t", "loss",
			new XYSeriesCollection(loss)).getXYPlot()), "four epochs: every one labelled");
		for (int e = 5; e <= 60; e++)
			loss.add(e, 1.0 / e);
		assertEquals("xinterval=10 xdecimals=0", ImageJPlots.wholeNumberTicks(Charts.epochs("t", "loss",
			new XYSeriesCollection(loss)).getXYPlot()), "sixty epochs: a label every ten");
		// time along x keeps ImageJ's own ticks, fractions included
		assertNull(ImageJPlots.wholeNumberTicks(Charts.lines("t", "Time (s)", "PPG", new XYSeriesCollection(loss))
			.getXYPlot()));
	}
}

package org.pulsej.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.pulsej.nn.TrainingReport;
import org.pulsej.pipeline.TrainingJob;

/** The training charts: epochs are counted in whole numbers. */
class ChartsTest {

	/** The values of the x-axis ticks the chart draws at PulseJ's plot size. */
	private static List<Double> epochTicks(final JFreeChart chart) {
		final java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(Charts.WIDTH, Charts.HEIGHT,
			java.awt.image.BufferedImage.TYPE_INT_RGB);
		final java.awt.Graphics2D g = image.createGraphics();
		final java.awt.geom.Rectangle2D area = new java.awt.geom.Rectangle2D.Double(0, 0, Charts.WIDTH, Charts.HEIGHT);
		chart.draw(g, area);
		final NumberAxis axis = (NumberAxis) chart.getXYPlot().getDomainAxis();
		final List<Double> out = new ArrayList<>();
		for (final Object t : axis.refreshTicks(g, new org.jfree.chart.axis.AxisState(), area, RectangleEdge.BOTTOM))
			if (t instanceof NumberTick n && !((ValueTick) n).getTickType().equals(org.jfree.chart.axis.TickType.MINOR))
				out.add(n.getValue());
		g.dispose();
		return out;
	}

	@Test
	void aFewEpochsAreLabelledAtWholeEpochsOnly() {
		final List<TrainingReport.EpochStats> epochs = new ArrayList<>();
		for (int e = 1; e <= 4; e++)
			epochs.add(new TrainingReport.EpochStats(e, 0.5 / e, 0.9 - 0.1 * e, Double.NaN, 30, 0));
		final TrainingReport report = new TrainingReport(Path.of("model"), 4, 2, false, epochs, 1000, 3, 0, "cpu()",
			null);
		final List<Double> ticks = epochTicks(TrainingJob.lossCurve(report));
		assertTrue(ticks.size() >= 2, "ticks " + ticks);
		for (final double t : ticks)
			assertEquals(Math.rint(t), t, 0, "a tick between epochs: " + ticks);
	}

	@Test
	void aPlainLineChartStillLabelsFractions() {
		// the check above can fail: four points along x give ticks at fractions when nothing asks for whole ones
		final XYSeries s = new XYSeries("s");
		for (int e = 1; e <= 4; e++)
			s.add(e, e);
		final List<Double> plain = epochTicks(Charts.lines("t", "x", "y", new XYSeriesCollection(s)));
		assertTrue(plain.stream().anyMatch(t -> t != Math.rint(t)), "ticks " + plain);
		final List<Double> epochs = epochTicks(Charts.epochs("t", "y", new XYSeriesCollection(s)));
		assertTrue(epochs.stream().allMatch(t -> t == Math.rint(t)), "ticks " + epochs);
	}
}

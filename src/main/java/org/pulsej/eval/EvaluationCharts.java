package org.pulsej.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Bland–Altman and estimate-versus-reference charts of one evaluation row. Each video contributes
 * one point per second (every fps-th evaluated frame), so long videos stay readable; the bias and
 * limits of agreement are computed from all evaluated frames.
 */
public final class EvaluationCharts {

	private EvaluationCharts() {}

	/** Difference (estimate − reference) against the mean of the two, with bias and bias ± 1.96 SD. */
	public static JFreeChart blandAltman(final String row, final List<VideoScore> scores) {
		final XYSeries points = new XYSeries("frames (1 per s)", false, true);
		double sum = 0, sum2 = 0;
		int n = 0;
		for (final VideoScore s : scores) {
			final int every = Math.max(1, (int) Math.round(s.fps()));
			for (int t = 0; t < s.est().length; t++) {
				final double e = s.est()[t], r = s.ref()[t];
				if (Double.isNaN(e) || Double.isNaN(r)) continue;
				sum += e - r;
				sum2 += (e - r) * (e - r);
				n++;
				if (t % every == 0) points.add((e + r) / 2, e - r);
			}
		}
		final double bias = n == 0 ? Double.NaN : sum / n;
		final double sd = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (sum2 - n * bias * bias) / (n - 1)));
		final JFreeChart chart = scatter(String.format(Locale.ROOT,
			"Bland–Altman: %s (bias %.2f bpm, limits %.2f to %.2f)", row, bias, bias - 1.96 * sd, bias + 1.96 * sd),
			"Mean of estimate and reference (bpm)", "Estimate − reference (bpm)", new XYSeriesCollection(points));
		final XYPlot plot = chart.getXYPlot();
		if (!Double.isNaN(bias)) {
			plot.addRangeMarker(marker(bias, "bias " + fmt(bias), new Color(40, 90, 200)));
			if (!Double.isNaN(sd)) {
				plot.addRangeMarker(marker(bias + 1.96 * sd, "+1.96 SD " + fmt(bias + 1.96 * sd), Color.GRAY));
				plot.addRangeMarker(marker(bias - 1.96 * sd, "−1.96 SD " + fmt(bias - 1.96 * sd), Color.GRAY));
			}
		}
		return chart;
	}

	/** Estimate against reference, with the identity line. */
	public static JFreeChart estimateVsReference(final String row, final List<VideoScore> scores) {
		final XYSeries points = new XYSeries("frames (1 per s)", false, true);
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final VideoScore s : scores) {
			final int every = Math.max(1, (int) Math.round(s.fps()));
			for (int t = 0; t < s.est().length; t += every) {
				final double e = s.est()[t], r = s.ref()[t];
				if (Double.isNaN(e) || Double.isNaN(r)) continue;
				points.add(r, e);
				lo = Math.min(lo, Math.min(e, r));
				hi = Math.max(hi, Math.max(e, r));
			}
		}
		final XYSeries identity = new XYSeries("estimate = reference", false, true);
		if (lo <= hi) {
			identity.add(lo - 5, lo - 5);
			identity.add(hi + 5, hi + 5);
		}
		final XYSeriesCollection data = new XYSeriesCollection(points);
		data.addSeries(identity);
		final MethodScore m = MethodScore.of(row, scores);
		final JFreeChart chart = scatter(String.format(Locale.ROOT, "%s: estimate vs reference (MAE %.2f bpm, r %.3f)",
			row, m.mae(), m.pearson()), "Reference heart rate (bpm)", "Estimated heart rate (bpm)", data);
		final XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
		renderer.setSeriesLinesVisible(1, true);
		renderer.setSeriesShapesVisible(1, false);
		renderer.setSeriesPaint(1, Color.GRAY);
		return chart;
	}

	private static JFreeChart scatter(final String title, final String x, final String y,
		final XYSeriesCollection data)
	{
		final JFreeChart chart = ChartFactory.createScatterPlot(title, x, y, data, PlotOrientation.VERTICAL, true, true,
			false);
		final XYPlot plot = chart.getXYPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
		renderer.setSeriesPaint(0, new Color(200, 30, 45, 160));
		plot.setRenderer(renderer);
		return chart;
	}

	private static ValueMarker marker(final double y, final String label, final Color colour) {
		final ValueMarker m = new ValueMarker(y, colour, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
			BasicStroke.JOIN_MITER, 1, new float[] { 6, 4 }, 0));
		m.setLabel(label);
		m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
		m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
		return m;
	}

	private static String fmt(final double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}
}

package org.pulsej.fiji;

import ij.gui.Plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * PulseJ's charts as ImageJ {@link Plot}s: in Fiji they open as plot windows, listed in the
 * <em>Window</em> menu, with ImageJ's own tools (List, Save, Copy, Live), and a macro finds them by
 * title. The core builds JFreeChart charts (which headless runs save as PNG); this turns an XY chart's
 * series — their colour, line or symbols, legend — its horizontal markers, axis labels and ranges into
 * the same picture.
 */
final class ImageJPlots {

	private ImageJPlots() {}

	/** The chart as a plot titled {@code title} (the window's title). */
	static Plot of(final JFreeChart chart, final String title) {
		final XYPlot xy = chart.getXYPlot();
		final Plot p = new Plot(title, xy.getDomainAxis().getLabel(), xy.getRangeAxis().getLabel());
		final List<String> legend = new ArrayList<>();
		double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
		for (int d = 0; d < xy.getDatasetCount(); d++) {
			final XYDataset data = xy.getDataset(d);
			if (data == null) continue;
			final XYItemRenderer r = xy.getRendererForDataset(data);
			for (int s = 0; s < data.getSeriesCount(); s++) {
				final int n = data.getItemCount(s);
				final double[] x = new double[n], y = new double[n];
				for (int i = 0; i < n; i++) {
					x[i] = data.getXValue(s, i);
					y[i] = data.getYValue(s, i);
					if (Double.isFinite(x[i])) {
						x0 = Math.min(x0, x[i]);
						x1 = Math.max(x1, x[i]);
					}
				}
				p.setColor(colour(r == null ? null : r.getSeriesPaint(s)));
				p.setLineWidth(width(r == null ? null : r.getSeriesStroke(s)));
				p.addPoints(x, y, shape(r, s));
				legend.add(String.valueOf(data.getSeriesKey(s)));
			}
		}
		// horizontal markers (Bland–Altman's mean and limits of agreement) as lines across the data
		if (x0 <= x1) for (final Layer layer : new Layer[] { Layer.FOREGROUND, Layer.BACKGROUND }) {
			final Collection<?> markers = xy.getRangeMarkers(layer);
			if (markers == null) continue;
			for (final Object o : markers)
				if (o instanceof ValueMarker m) {
					p.setColor(colour(m.getPaint()));
					p.setLineWidth(1);
					p.addPoints(new double[] { x0, x1 }, new double[] { m.getValue(), m.getValue() }, Plot.LINE);
					legend.add(label(m));
				}
		}
		p.setColor(Color.BLACK);
		p.setLineWidth(1);
		if (legend.size() > 1) p.addLegend(String.join("\n", legend));
		final Range xr = xy.getDomainAxis().getRange(), yr = xy.getRangeAxis().getRange();
		if (xr != null && yr != null && xr.getLength() > 0 && yr.getLength() > 0) p.setLimits(xr.getLowerBound(), xr
			.getUpperBound(), yr.getLowerBound(), yr.getUpperBound());
		if (chart.getTitle() != null) p.addLabel(0, 0, chart.getTitle().getText());
		final String ticks = wholeNumberTicks(xy);
		if (ticks != null) p.setOptions(ticks);
		return p;
	}

	/**
	 * ImageJ's plot options that label x at whole numbers only ({@code xinterval=… xdecimals=0}) where the
	 * chart's x-axis does (epochs, {@link org.pulsej.plot.Charts#epochs}); null for any other axis. The
	 * interval is 1, 2 or 5 times a power of ten, for at most about eight labels.
	 */
	static String wholeNumberTicks(final XYPlot xy) {
		if (!(xy.getDomainAxis() instanceof NumberAxis axis) || axis.getStandardTickUnits() == null || axis
			.getStandardTickUnits().getCeilingTickUnit(1e-9).getSize() < 1) return null;
		final double span = axis.getRange().getLength();
		long step = 1;
		for (long decade = 1; step * 8 < span; decade *= 10)
			for (final long m : new long[] { 1, 2, 5 })
				if (step * 8 < span) step = m * decade;
		return "xinterval=" + step + " xdecimals=0";
	}

	/** Plot.LINE, CIRCLE or CONNECTED_CIRCLE as the renderer draws the series. */
	static int shape(final XYItemRenderer r, final int s) {
		if (!(r instanceof XYLineAndShapeRenderer l)) return Plot.LINE;
		final boolean lines = l.getItemLineVisible(s, 0), shapes = l.getItemShapeVisible(s, 0);
		return lines && shapes ? Plot.CONNECTED_CIRCLES : shapes ? Plot.CIRCLE : Plot.LINE;
	}

	private static Color colour(final Paint paint) {
		return paint instanceof Color c ? new Color(c.getRed(), c.getGreen(), c.getBlue()) : Color.BLACK;
	}

	private static float width(final Stroke stroke) {
		return stroke instanceof BasicStroke b ? Math.max(1, b.getLineWidth()) : 1;
	}

	private static String label(final Marker m) {
		return m.getLabel() == null || m.getLabel().isBlank() ? "marker" : m.getLabel();
	}
}

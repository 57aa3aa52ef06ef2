package org.pulsej.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
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

	/**
	 * A line chart of values per epoch ({@link #lines} with "Epoch" along x): the axis is labelled at whole
	 * epochs only, since a tick at epoch 1.2 names a point no training passed through.
	 */
	public static JFreeChart epochs(final String title, final String y, final XYSeriesCollection data) {
		final JFreeChart chart = lines(title, "Epoch", y, data);
		((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		return chart;
	}

	/**
	 * Saves the chart as PNG, atomically. Works headless. A file of that name that is not a plot of
	 * PulseJ's size (a picture of the user's, a text file) is refused and left untouched.
	 */
	public static void savePng(final JFreeChart chart, final Path file) {
		refuseForeign(file);
		AtomicFiles.write(file, png(chart));
	}

	/**
	 * The chart as a PNG of PulseJ's plot size, for {@link AtomicFiles}. Encoded through a memory cache:
	 * ImageIO's default caches in a file in the temporary folder, so a full {@code /tmp} (a cluster node's)
	 * failed plots written elsewhere, and a failed write left its cache to a closer that threw at exit.
	 */
	public static AtomicFiles.Content png(final JFreeChart chart) {
		return out -> {
			final java.awt.image.BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
			final javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
			try (javax.imageio.stream.ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
				writer.setOutput(ios);
				writer.write(image);
			}
			finally {
				writer.dispose();
			}
		};
	}

	/** Refuses a file at {@code file} that is not a plot PulseJ wrote (see {@link #savePng}). */
	public static void refuseForeign(final Path file) {
		if (java.nio.file.Files.exists(file) && !isPlot(file)) throw AtomicFiles.foreign(file, null, "plots=false");
	}

	/** Whether {@code file} is a PNG of the size PulseJ's plots have (its IHDR chunk, bytes 16–23). */
	static boolean isPlot(final Path file) {
		try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
			final byte[] h = in.readNBytes(24);
			if (h.length < 24 || (h[0] & 0xff) != 0x89 || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return false;
			final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h);
			return b.getInt(16) == WIDTH && b.getInt(20) == HEIGHT;
		}
		catch (final java.io.IOException e) {
			return false;
		}
	}
}

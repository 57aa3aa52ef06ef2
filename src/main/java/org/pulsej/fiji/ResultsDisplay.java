package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.util.List;


import org.jfree.chart.JFreeChart;
import org.pulsej.eval.EvaluationCharts;
import org.pulsej.eval.EvaluationJob;
import org.pulsej.eval.EvaluationWriter;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultCharts;

/**
 * Shows results in Fiji: results windows and chart windows (titled "... plot of VIDEO", so that they
 * never share a title with a table). Never called headless.
 */
final class ResultsDisplay {

	/** More videos than this get only the summary window, not one window per video. */
	private static final int MAX_WINDOWS = 3;

	static final String SUMMARY = "PulseJ summary";

	private ResultsDisplay() {}

	static void show(final List<HeartRateResult> results, final ResultsTable summary) {
		// one summary window for the session: each run adds its rows to it
		final ResultsTable shown = ResultsTable.getResultsTable(SUMMARY);
		if (shown == null) summary.show(SUMMARY);
		else {
			ResultsTables.append(shown, summary);
			shown.show(SUMMARY);
		}
		if (results.size() > MAX_WINDOWS) return;
		for (final HeartRateResult r : results) {
			ResultsTables.ppg(r).show("PPG of " + r.video());
			ResultsTables.heartRate(r).show("Heart rate of " + r.video());
			showChart(ResultCharts.ppg(r), "PPG plot of " + r.video());
			showChart(ResultCharts.heartRate(r), "Heart-rate plot of " + r.video());
			ResultsTables.beats(r).show("Beats of " + r.video());
			showChart(ResultCharts.tachogram(r), "Tachogram plot of " + r.video());
		}
	}

	/** Evaluate's two tables, and its Bland–Altman and estimate-versus-reference charts per row. */
	static void showEvaluation(final EvaluationJob.Outcome outcome, final ResultsTable metrics,
		final ResultsTable evaluation)
	{
		metrics.show("PulseJ metrics");
		evaluation.show("PulseJ evaluation");
		EvaluationWriter.byRow(outcome).forEach((row, scores) -> {
			showChart(EvaluationCharts.blandAltman(row, scores), "Bland–Altman: " + row);
			showChart(EvaluationCharts.estimateVsReference(row, scores), "Estimate vs reference: " + row);
		});
	}

	/**
	 * The chart as an ImageJ plot window (listed in the Window menu, with ImageJ's List, Save and Copy),
	 * see {@link ImageJPlots}.
	 */
	static void showChart(final JFreeChart chart, final String title) {
		final ij.gui.Plot plot = ImageJPlots.of(chart, title);
		// a second run on the same video replaces its plot window, as its tables are replaced (each run added 3)
		final ij.ImagePlus old = ij.WindowManager.getImage(title);
		if (old != null && old.getWindow() instanceof ij.gui.PlotWindow w) {
			w.drawPlot(plot);
			return;
		}
		plot.show();
	}

	/**
	 * Makes {@code image} the active image again after the result windows opened: each plot window became
	 * the active image, so the next {@code run("Estimate Heart Rate", ...)} of a macro (or Track Face from
	 * the menu) measured "Tachogram plot of VIDEO" instead of the video.
	 */
	static void keepActive(final ij.ImagePlus image) {
		// not among ImageJ's images (a script's image never shown): nothing to go back to, and selectWindow would
		// show an error dialog
		if (image == null || ij.WindowManager.getImage(image.getID()) == null) return;
		// as a macro's selectImage does: to the front and current, or in batch mode the macro's current image (a
		// plot shown in batch mode becomes it too)
		ij.IJ.selectWindow(image.getID());
	}
}

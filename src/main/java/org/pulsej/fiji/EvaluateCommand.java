package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.eval.EvaluationJob;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.PulseJException;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Evaluate: videos with ground truth → the same files as Estimate Heart Rate,
 * plus {@code evaluation.csv} (per video), {@code metrics.csv} (per method: MAE, RMSE, MAPE, Pearson
 * r per frame; SNR and MCC per video; per-video MAE/RMSE/r of the medians) and Bland–Altman and
 * estimate-versus-reference plots. {@code method} may list several methods to compare
 * ({@code POS,CHROM,GREEN}, or {@code PhysNet} with {@code model}); {@code ablation} adds the paper's
 * rows median → instantaneous → (PhysNet {@code specialists}) → confidence. Parameter names are macro
 * keys: keep them stable.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Evaluate", headless = true, label = "Evaluate")
public class EvaluateCommand extends PulseJCommand {

	@Parameter(label = "Videos with ground truth (file or folder)", persist = false,
		description = "A video with STEM_gt.csv beside it, a folder of such videos, or a UBFC-rPPG / PURE dataset folder")
	private File input;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE,
		description = "CSV files and plots are written here")
	private File output;

	@Parameter(persist = false, label = "Method(s)", description = "POS, CHROM, GREEN or PhysNet, or several separated by commas, e.g. POS,CHROM,GREEN")
	private String method = "POS";

	@Parameter(persist = false, label = "Region", choices = { "auto", "tracked", "box", "face", "whole", "manual" },
		description = "auto: the rectangle below if given, else tracked (the skin in a box that follows the face); box: all of that box; face: the paper's stabilised box")
	private String roi = "auto";

	@Parameter(persist = false, label = "Save plots as PNG")
	private boolean plots = true;

	@Parameter(persist = false, label = "Ablation rows (median, instantaneous, confidence)",
		description = "Score each method's median, instantaneous and confidence-blended heart rate separately")
	private boolean ablation = false;

	@Parameter(persist = false, label = "Also score POS/CHROM/GREEN over (regions)", required = false,
		description = "Other regions, each a row per method beside the measured one, e.g. face,box (roi=face: the paper's stabilised box; box: the moving box without the skin mask)")
	private String compare_regions = "";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_physnet = "PhysNet (method=PhysNet only)";

	@Parameter(persist = false, label = "PhysNet model folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "For method=PhysNet: a plain or specialists model folder; empty: the model bundled with PulseJ")
	private File model;

	@Parameter(persist = false, label = "Specialists model folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "For method=PhysNet: specialist models (Train PhysNet, clusters=2), scored as the row " +
			"'PhysNet specialists' between instantaneous and confidence")
	private File specialists;

	@Parameter(label = "Device for PhysNet", choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(persist = false, label = "PhysNet window overlap (s)", min = "0",
		description = "As in Estimate Heart Rate: overlap of PhysNet's 10 s windows; 5 = the reference code's half window")
	private double overlap = PhysNetModel.DEFAULT_OVERLAP_SECONDS;

	@Parameter(persist = false, label = "POS share of PhysNet's heart rate", min = "0", max = "1", stepSize = "0.1",
		description = "As in Estimate Heart Rate: the share of POS's spectrum in PhysNet's heart rate; 0 = PhysNet's alone (the paper)")
	private double pos_weight = EstimateOptions.DEFAULT_POS_WEIGHT;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_advanced = "Advanced (the defaults suit most face videos)";

	@Parameter(persist = false, label = "Rectangle (x,y,w,h)", required = false, description = "For roi=manual, e.g. 100,80,120,160")
	private String rect = "";

	@Parameter(persist = false, label = "Detect the face every k-th frame", min = "1",
		description = "Frames in between are interpolated")
	private int detect_every = FaceTracker.Options.defaults().detectEvery();

	@Parameter(persist = false, label = "Frame rate (fps, 0 = from file)", min = "0")
	private double fps = 0;

	@Parameter(persist = false, label = "HR window (s)", min = "1")
	private double window = InstantaneousHeartRate.DEFAULT_WINDOW_SECONDS;

	@Parameter(persist = false, label = "HR step (s)", min = "0.04")
	private double step = InstantaneousHeartRate.DEFAULT_STEP_SECONDS;

	@Parameter(persist = false, label = "Lowest heart rate (bpm)", min = "20")
	private double min_bpm = BpmBand.HEART.minBpm();

	@Parameter(persist = false, label = "Highest heart rate (bpm)", max = "300")
	private double max_bpm = BpmBand.HEART.maxBpm();

	@Parameter(persist = false, label = "Window heart rate", choices = { "track", "peak" },
		description = "track: each window's rate on the path through all windows that changes least, so a burst of noise or motion in one window is not taken for the pulse; peak: each window's own highest peak (the paper)")
	private String window_hr = "track";

	@Parameter(persist = false, label = "Background light", choices = { "remove", "keep" },
		description = "remove: take out of POS/CHROM/GREEN's pulse signal what follows the background's brightness (a lamp or screen that flickers), where it explains a sixth of it or more")
	private String background_light = "remove";

	@Parameter(persist = false, label = "Confidence model folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "A model from Train Confidence Model; blends instantaneous and median heart rate per frame")
	private File confidence;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable metrics;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable evaluation;

	@Override
	protected void execute() {
		final File videos = required(input, "No input given.", "Give input=/path/to/videos (each with its ground truth).");
		final Path out = required(output, "No output folder given.",
			"Add output=/path/to/folder so the evaluation can be written.").toPath();
		final List<PulseMethod> methods = EvaluationJob.parseMethods(method);
		EvaluationJob.checkCompareRegions(EvaluationJob.parseRegions(compare_regions), methods); // before any folder is made
		final boolean usesPhysNet = EvaluationJob.namesPhysNet(method);
		if (given(specialists) && !usesPhysNet) throw new PulseJException("A specialists folder is given but method=" +
			method + " does not name PhysNet.", "Add PhysNet to the methods, e.g. method=PhysNet.");
		if (given(model) && !usesPhysNet) throw new PulseJException("A PhysNet model is given (model=" + model +
			") but method=" + method + " does not name PhysNet.", "Add PhysNet to the methods, e.g. method=" + method +
				",PhysNet, or leave model= out.");
		final EvaluationJob.PhysNetRows physNet = usesPhysNet ? new EvaluationJob.PhysNetRows(EstimateSettings
			.physNetModel(model), path(specialists), device) : null;
		final EstimateOptions options = EstimateSettings.heartRate(window, step, min_bpm, max_bpm).physNetOverlap(overlap)
			.posWeight(pos_weight);
		if (!usesPhysNet) EstimateSettings.physNetKeysUnused(device, overlap, pos_weight, "method=" + method,
			"add PhysNet to the methods", log::info);
		EstimateSettings.region(options, fps, roi, EstimateSettings.parseRect(rect), detect_every, log::info);
		EstimateSettings.backgroundLight(options, background_light);
		EstimateSettings.windowHeartRate(options, window_hr);
		options.confidenceModel(path(confidence));
		final EvaluationJob.Outcome outcome;
		try (EvaluationJob job = new EvaluationJob(options, methods, physNet, ablation, out, plots, log::info)) {
			outcome = job.compareRegions(EvaluationJob.parseRegions(compare_regions)).run(videos, fps, progress());
		}
		metrics = ResultsTables.metrics(outcome.metrics());
		evaluation = ResultsTables.evaluation(outcome.videos());
		if (!headless()) ResultsDisplay.showEvaluation(outcome, metrics, evaluation);
		if (!outcome.failures().isEmpty()) throw new PulseJException(outcome.failureMessage(), outcome.metrics()
			.isEmpty() ? "" : "The other videos were evaluated and written to " + out + ".");
		if (outcome.metrics().isEmpty()) throw new PulseJException("No video could be evaluated.",
			"Check the ground truth files listed above.");
	}
}

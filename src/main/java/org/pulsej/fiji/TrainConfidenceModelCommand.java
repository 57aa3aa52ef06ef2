package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;

import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.eval.ConfidenceTrainingJob;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Train Confidence Model: videos with ground truth → the confidence model of the
 * paper (Sec. 3), saved as a folder that Estimate Heart Rate and Evaluate take as
 * {@code confidence=}. Train it on other videos than those you evaluate it on. Writes
 * {@code training_loss.png} beside the model. Parameter names are macro keys: keep them stable.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Train Confidence Model", headless = true,
	label = "Train Confidence Model")
public class TrainConfidenceModelCommand extends PulseJCommand {

	@Parameter(label = "Training videos with ground truth (file or folder)", persist = false)
	private File input;

	@Parameter(label = "Model folder", style = FileWidget.DIRECTORY_STYLE,
		description = "The trained model is written here (confidence.json and its parameters)")
	private File output;

	@Parameter(persist = false, label = "Method", choices = { "POS", "CHROM", "GREEN" },
		description = "The PPG the model learns to judge; use the same method when applying it")
	private String method = "POS";

	@Parameter(persist = false, label = "Region", choices = { "auto", "tracked", "box", "face", "whole", "manual" },
		description = "auto: the rectangle below if given, else tracked (the skin in a box that follows the face); box: all of that box; face: the paper's stabilised box")
	private String roi = "auto";

	@Parameter(persist = false, label = "Replace an existing model")
	private boolean overwrite = false;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_advanced = "Advanced (the defaults suit most face videos)";

	@Parameter(persist = false, label = "Rectangle (x,y,w,h)", required = false)
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

	@Parameter(persist = false, label = "Epochs", min = "1")
	private int epochs = ConfidenceTrainer.Options.defaults().epochs();

	@Parameter(persist = false, label = "Time budget (minutes, 0 = none)", min = "0", description = "No epoch is " +
		"started that would end after it; the best epoch so far is kept")
	private double minutes = ConfidenceTrainer.Options.defaults().minutes();

	@Parameter(persist = false, label = "Learning rate (AdamW)", min = "0")
	private double learning_rate = ConfidenceTrainer.Options.defaults().learningRate();

	@Parameter(persist = false, label = "Random seed")
	private long seed = 1;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable training;

	@Override
	protected void execute() {
		final File videos = required(input, "No input given.",
			"Give input=/path/to/training/videos (each with its ground truth).");
		final Path dir = required(output, "No model folder given.", "Add output=/path/to/model.").toPath();
		final ConfidenceTrainingJob job = new ConfidenceTrainingJob(dir, overwrite);
		final EstimateOptions options = EstimateSettings.heartRate(window, step, min_bpm, max_bpm).method(PulseMethod
			.parse(method));
		EstimateSettings.region(options, fps, roi, EstimateSettings.parseRect(rect), detect_every, log::info);
		EstimateSettings.backgroundLight(options, background_light);
		EstimateSettings.windowHeartRate(options, window_hr);
		final ConfidenceTrainingJob.Result result = job.run(videos, fps, options, ConfidenceTrainer.Options.defaults()
			.withEpochs(epochs).withMinutes(minutes).withLearningRate(learning_rate).withSeed(seed), progress(), log::info);
		training = ResultsTables.confidenceTraining(result.report());
		log.info("PulseJ: confidence model written to " + dir);
		if (!headless()) {
			training.show("PulseJ confidence training");
			ResultsDisplay.showChart(result.lossChart(), "Confidence model training");
		}
	}
}

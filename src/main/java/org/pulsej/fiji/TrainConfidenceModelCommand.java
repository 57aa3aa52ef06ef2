package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pulsej.eval.ConfidenceTrainingSet;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.plot.Charts;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.PulseJException;
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

	@Parameter(persist = false, label = "Region", choices = { "auto", "tracked", "face", "whole", "manual" },
		description = "auto: the rectangle below if given, else tracked (a box that follows the face); face: the paper's stabilised box")
	private String roi = "auto";

	@Parameter(persist = false, label = "Rectangle (x,y,w,h)", required = false)
	private String rect = "";

	@Parameter(persist = false, label = "Detect the face every k-th frame", min = "1",
		description = "Frames in between are interpolated")
	private int detect_every = FaceTracker.Options.defaults().detectEvery();

	@Parameter(persist = false, label = "Frame rate (fps, 0 = from file)", min = "0")
	private double fps = 0;

	@Parameter(persist = false, label = "HR window (s)", min = "1")
	private double window = 10;

	@Parameter(persist = false, label = "HR step (s)", min = "0.04")
	private double step = 1;

	@Parameter(persist = false, label = "Lowest heart rate (bpm)", min = "20")
	private double min_bpm = BpmBand.HEART.minBpm();

	@Parameter(persist = false, label = "Highest heart rate (bpm)", max = "300")
	private double max_bpm = BpmBand.HEART.maxBpm();

	@Parameter(persist = false, label = "Epochs", min = "1")
	private int epochs = ConfidenceTrainer.Options.defaults().epochs();

	@Parameter(persist = false, label = "Learning rate (AdamW)", min = "0")
	private double learning_rate = ConfidenceTrainer.Options.defaults().learningRate();

	@Parameter(persist = false, label = "Random seed")
	private long seed = 1;

	@Parameter(persist = false, label = "Replace an existing model")
	private boolean overwrite = false;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable training;

	@Override
	protected void execute() {
		if (input == null || input.getPath().isEmpty()) throw new PulseJException("No input given.",
			"Give input=/path/to/training/videos (each with its ground truth).");
		if (output == null || output.getPath().isEmpty()) throw new PulseJException("No model folder given.",
			"Add output=/path/to/model.");
		final Path dir = output.toPath();
		if (!overwrite && Files.exists(dir.resolve(ConfidenceModel.DESCRIPTION))) throw new PulseJException(dir +
			" already holds a confidence model.", "Choose another folder, or add overwrite=true to replace it.");
		final EstimateOptions options = new EstimateOptions().method(PulseMethod.parse(method)).band(new BpmBand(
			min_bpm, max_bpm)).window(window, step);
		final boolean typed = rect != null && !rect.isBlank();
		options.roi("auto".equalsIgnoreCase(roi) ? typed ? RoiMode.MANUAL : RoiMode.TRACKED : RoiMode.parse(roi), typed
			? EstimateSettings.parseRect(rect) : null);
		final FaceTracker.Options d = FaceTracker.Options.defaults();
		options.face(new FaceTracker.Options(detect_every, d.minScore(), d.buffer(), d.smoothSeconds(), d.cropHeight(), d
			.cropWidth()));
		final ConfidenceTrainer.Options o = ConfidenceTrainer.Options.defaults().withEpochs(epochs).withLearningRate(
			learning_rate).withSeed(seed);
		final List<ConfidenceTrainer.Sample> samples = ConfidenceTrainingSet.scan(input, fps, options, progress(),
			log::info);
		final ConfidenceTrainer trainer = new ConfidenceTrainer(o);
		try (ConfidenceModel model = trainer.train(samples, progress(), log::info)) {
			model.description().addProperty("method", options.method().name());
			model.description().addProperty("band", options.band().toString());
			model.description().addProperty("windowSeconds", window);
			model.description().addProperty("stepSeconds", step);
			model.save(dir);
		}
		final ConfidenceTrainer.Report report = trainer.report();
		final JFreeChart chart = lossChart(report);
		Charts.savePng(chart, dir.resolve("training_loss.png"));
		training = new ResultsTable();
		for (int e = 0; e < report.epochLoss().size(); e++) {
			training.incrementCounter();
			training.addValue("epoch", e + 1);
			training.addValue("l1_bpm", report.epochLoss().get(e));
			training.addValue("l1_instantaneous_bpm", report.instantLoss());
			training.addValue("l1_median_bpm", report.medianLoss());
		}
		log.info("PulseJ: confidence model written to " + dir);
		if (!headless()) {
			training.show("PulseJ confidence training");
			ResultsDisplay.showChart(chart, "Confidence model training");
		}
	}

	static JFreeChart lossChart(final ConfidenceTrainer.Report report) {
		final XYSeries loss = new XYSeries("blend (training)", false, true);
		final XYSeries inst = new XYSeries("instantaneous only", false, true);
		final XYSeries med = new XYSeries("median only", false, true);
		for (int e = 0; e < report.epochLoss().size(); e++) {
			loss.add(e + 1, report.epochLoss().get(e));
			inst.add(e + 1, report.instantLoss());
			med.add(e + 1, report.medianLoss());
		}
		final XYSeriesCollection data = new XYSeriesCollection(loss);
		data.addSeries(inst);
		data.addSeries(med);
		return Charts.lines("Confidence model: L1 error per epoch", "Epoch", "L1 error (bpm)", data);
	}
}

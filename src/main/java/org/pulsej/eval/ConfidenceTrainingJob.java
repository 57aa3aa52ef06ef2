package org.pulsej.eval;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.plot.Charts;
import org.pulsej.util.FolderLock;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Train Confidence Model's work: videos with ground truth → the confidence model of the paper
 * (Sec. 3) in a folder, its description naming the measuring settings it learnt on (method, band,
 * window, step), and its loss per epoch as {@value #LOSS_PNG} beside it.
 */
public final class ConfidenceTrainingJob {

	public static final String LOSS_PNG = "training_loss.png";

	/** The training's report and its loss chart. */
	public record Result(ConfidenceTrainer.Report report, JFreeChart lossChart) {}

	private final Path dir;

	/**
	 * @param dir the model folder
	 * @throws PulseJException when {@code dir} holds a confidence model already and {@code overwrite} is
	 *           false (checked before any video is read)
	 */
	public ConfidenceTrainingJob(final Path dir, final boolean overwrite) {
		this(dir, overwrite, ConfidenceTrainingJob::write);
	}

	/** How the trained model and its loss chart reach the folder (tests make it fail like a full disk). */
	interface Writer {
		void write(ConfidenceModel model, JFreeChart lossChart, Path dir);
	}

	private final Writer writer;

	ConfidenceTrainingJob(final Path dir, final boolean overwrite, final Writer writer) {
		if (!overwrite && Files.exists(dir.resolve(ConfidenceModel.DESCRIPTION))) throw new PulseJException(dir +
			" already holds a confidence model.", "Choose another folder, or add overwrite=true to replace it.");
		// overwrite= replaces a confidence model, never a PhysNet model (or its specialists)
		org.pulsej.results.OutputGuard.refuseOtherModel(dir, "confidence model", "PhysNet model", org.pulsej.nn
			.ModelDescription.FILE, org.pulsej.nn.SpecialistRouter.FILE);
		this.dir = dir;
		this.writer = writer;
	}

	private static void write(final ConfidenceModel model, final JFreeChart lossChart, final Path dir) {
		model.save(dir);
		Charts.savePng(lossChart, dir.resolve(LOSS_PNG));
	}

	/**
	 * Measures every video with ground truth at {@code input} with {@code options} (its method, band,
	 * window and region), trains, and writes the model and its loss chart.
	 */
	public Result run(final File input, final double fps, final EstimateOptions options,
		final ConfidenceTrainer.Options training, final Progress progress, final Consumer<String> log)
	{
		options.checkWindow(); // before any video is read: the same refusal came once per video, after opening it
		org.pulsej.results.OutputGuard.refuseInputFolder(input, EvaluationSet.scan(input).stream().map(
			EvaluationSet.Item::video).toList(), dir, "confidence model");
		final List<ConfidenceTrainer.Sample> samples = ConfidenceTrainingSet.scan(input, fps, options, progress, log);
		final ConfidenceTrainer trainer = new ConfidenceTrainer(training);
		try (ConfidenceModel model = trainer.train(samples, progress, log)) {
			model.description().addProperty("method", options.methodName());
			model.description().addProperty("band", options.band().toString());
			model.description().addProperty("windowSeconds", options.windowSeconds());
			model.description().addProperty("stepSeconds", options.stepSeconds());
			model.description().addProperty("windowHr", options.windowHr());
			final JFreeChart chart = lossChart(trainer.report());
			// a folder this run makes goes again, with what it wrote, when the write fails (a full disk): a
			// failed run left an empty folder, or a model without its description
			final Path created = FolderLock.firstMissing(dir);
			boolean written = false;
			try {
				writer.write(model, chart, dir);
				written = true;
			}
			finally {
				if (!written && created != null) removeWritten(dir, created);
			}
			return new Result(trainer.report(), chart);
		}
	}

	/**
	 * Deletes the files a model's writing leaves in {@code dir} (this run made it), then the folders it
	 * made, from {@code dir} up to {@code created}, if nothing else is there.
	 */
	private static void removeWritten(final Path dir, final Path created) {
		try (java.util.stream.Stream<Path> files = Files.list(dir)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				final String name = f.getFileName().toString();
				if (name.equals(ConfidenceModel.DESCRIPTION) || name.equals(LOSS_PNG) || name.matches(
					"confidence-\\d+\\.params")) Files.deleteIfExists(f);
			}
		}
		catch (final java.io.IOException | RuntimeException e) {
			// gone already, or not ours to clean: the failure that got us here is what the user needs to know
		}
		FolderLock.removeIfUnused(dir, created);
	}

	/** The training loss per epoch beside the errors of the instantaneous and of the median rate alone. */
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
		return Charts.epochs("Confidence model: L1 error per epoch", "L1 error (bpm)", data);
	}
}

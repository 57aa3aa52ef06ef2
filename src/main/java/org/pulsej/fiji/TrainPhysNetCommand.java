package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.pulsej.eval.LabelledVideos;
import org.pulsej.input.ColorTransforms;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.nn.TrainingReport;
import org.pulsej.pipeline.TrainingJob;
import org.pulsej.pipeline.TrainingRegion;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Train PhysNet: learns the pulse from the user's own unlabelled videos without labels
 * (SiNC's loss by default, the paper's contrastive loss with loss=contrastive), into a model folder that
 * Estimate Heart Rate uses with method=PhysNet.
 * A checkpoint is kept per epoch: cancel keeps the last finished epoch, resume continues.
 * {@code clusters} other than 1 trains specialist models per lighting cluster (paper 5.3) into one
 * folder that Estimate, Batch Estimate and Evaluate accept as {@code model=}; {@code labelled} videos
 * with ground truth choose each model's epoch by MCC (paper 5.4).
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Train PhysNet", headless = true, label = "Train PhysNet")
public class TrainPhysNetCommand extends PulseJCommand {

	@Parameter(label = "Videos (file or folder)", persist = false)
	private File input;

	@Parameter(label = "Model folder (new, or existing with resume)", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(persist = false, label = "Time budget (minutes, 0 = none)", min = "0", description = "No epoch is started that would " +
		"end after it; the best epoch so far is kept")
	private double minutes = TrainOptions.defaults().minutes();

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(persist = false, label = "Resume an interrupted training")
	private boolean resume = false;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_videos = "Videos";

	@Parameter(persist = false, label = "Region", choices = { "tracked", "face", "whole" },
		description = "tracked: a crop that follows the face (as PhysNet measures); face: the paper's stabilised box; " +
			"whole: videos already cropped to the face")
	private String roi = "tracked";

	@Parameter(persist = false, label = "Frame rate (fps, 0 = from file)", min = "0")
	private double fps = 0;

	@Parameter(persist = false, label = "Lighting clusters (1 = one model, 2 = paper's specialists, 0 = automatic)", min = "0",
		max = "3", description = "Specialist models per lighting cluster (mean background intensity); the model " +
			"folder then holds specialists.json and one sub-folder per cluster")
	private int clusters = 1;

	@Parameter(label = "Labelled videos for epoch selection (optional)", required = false, persist = false,
		description = "Videos with ground truth beside them (STEM_gt.csv with ppg, UBFC-rPPG, PURE): each epoch is " +
			"scored by MCC with their PPG")
	private File labelled;

	@Parameter(persist = false, label = "Epoch selection", choices = { "auto", "ipr", "mcc", "companions", "both" },
		description = "auto: MCC with labelled videos, else both (when companion_pulse is above 0), else ipr. ipr: the " +
			"label-free irrelevant power ratio of your videos (lowest wins); companions: the companion videos' MCC with " +
			"the pulse they were drawn with (highest wins); both: ipr x (1 - the companions' MCC) (lowest wins)")
	private String selection = "auto";

	@Parameter(persist = false, label = "Scratch folder (empty = temporary folder)", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Where the face volumes are kept while training when they do not fit in Java's memory (as much " +
			"disk as 4 bytes x 3 channels x the crop's pixels x all frames); deleted when training ends")
	private File scratch;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_training = "Network and training (defaults measured on a 2-core CPU; paper values: docs/training.md)";

	@Parameter(persist = false, label = "Network input size (HxW)", description = "paper: 192x128; CPU: 64x64")
	private String size = "64x64";

	@Parameter(persist = false, label = "Network width (channels)", min = "4", description = "paper: 64; CPU: 16")
	private int width = PhysNetConfig.cpu().width();

	@Parameter(persist = false, label = "Input colours", choices = { "yuv", "chroma", "chroma_luma" },
		description = "yuv: the paper's; chroma: log chromaticity, in which a lamp's ripple, shading and exposure " +
			"changes cancel; chroma_luma: log chromaticity and the face's luma relative to the background")
	// chroma by measurement (bench/train_defaults.sh, docs/training.md "Loss, region and colours"):
	// hard set 4.87 bpm MAE against 11.47 with yuv, the standard set as good as POS with either
	private String colors = "chroma";

	@Parameter(persist = false, label = "Show the network the face's appearance", description = "Each pixel's mean " +
		"colour over the video as 3 more input channels, so the network can tell skin from eyes, hair and background " +
		"(the z-normalisation takes that away); false: the paper's input")
	// by measurement (bench/train_defaults.sh, docs/training.md "Loss, region and colours")
	private boolean appearance = true;

	@Parameter(persist = false, label = "Fill what is not skin", description = "In every frame, the crop's pixels " +
		"whose colour is not the face's skin (eyes, brows, lips, hair, background) hold their mean over the frames " +
		"where they were skin, following the skin's mean change, so the face's motion does not show as a change " +
		"of colour (colors=chroma or chroma_luma; yuv sees every pixel); false: every pixel as it is")
	// off by measurement (docs/training.md "Loss, region and colours"): turning heads 4.57 -> 0.19 and (the
	// generator's turning set) 6.03 -> 0.20 bpm, but a photographed turning head whose lit side clips 2.71 -> 23.1
	// and the hard set's dark video lost in every run
	private boolean skin = false;

	@Parameter(persist = false, label = "Epochs (at most)", min = "1")
	private int epochs = TrainOptions.defaults().epochs();

	@Parameter(persist = false, label = "Stop after epochs without improvement (0 = never)", min = "0")
	private int patience = TrainOptions.defaults().patience();

	@Parameter(persist = false, label = "Clip length (s)", min = "2")
	private double clip = TrainOptions.defaults().clipSeconds();

	@Parameter(persist = false, label = "Batch size", min = "1")
	private int batch = TrainOptions.defaults().batchSize();

	@Parameter(persist = false, label = "Learning rate", description = "paper: 1e-5 (with many videos and epochs on a GPU)")
	private double lr = TrainOptions.defaults().learningRate();

	@Parameter(persist = false, label = "Clips per epoch (0 = one per video)", min = "0")
	private int samples = TrainOptions.defaults().samplesPerEpoch();

	@Parameter(persist = false, label = "Training loss", choices = { "sinc", "contrastive", "spatial" },
		description = "sinc (default): no negatives, a sparse in-band spectrum; contrastive: the paper's multi-view triplet loss; " +
			"spatial: the paper's loss with views from regions of the face and other videos as negatives")
	private String loss = TrainOptions.DEFAULT_LOSS.key();

	@Parameter(persist = false, label = "Nuisance weight (0 = the paper's loss alone)", min = "0", description = "Keeps the PPG's " +
		"spectrum apart from those of the face's motion in its box and of the background's brightness")
	private double nuisance = TrainOptions.defaults().nuisanceWeight();

	@Parameter(persist = false, label = "Companion videos (0 = your videos alone)", min = "0", max = "64",
		description = "Generated face videos, each with a pulse and a head motion, turn or lamp ripple of its own, " +
			"trained on beside yours (for the loss only), so that a rhythm all your videos share is not learnt as " +
			"the pulse")
	private int companions = TrainOptions.defaults().companions();

	@Parameter(persist = false, label = "Companions' pulse weight (0 = label-free only)", min = "0", max = "100",
		description = "How much the PPG of a companion video's clip is asked to follow the pulse it was drawn with " +
			"(1 - their correlation), beside the label-free loss: the known pulse shows the network which rhythm is " +
			"the pulse and when it beats")
	private double companion_pulse = TrainOptions.defaults().companionPulse();

	@Parameter(persist = false, label = "Random seed")
	private long seed = 0;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable epochs_table;

	@Override
	protected void execute() {
		EstimateSettings.checkFps(fps);
		final File in = required(input, "No videos given.", "Give input=/path/to/videos (a folder or file).");
		final Path dir = required(output, "No model folder given.", "Give output=/path/to/new/model.").toPath();
		final int[] hw = parseSize(size);
		final ColorTransforms.ColorSpace space = ColorTransforms.ColorSpace.parse(colors);
		// the skin is told by its chromaticity: yuv sees every pixel
		final PhysNetConfig config = PhysNetConfig.cpu().withWidth(width).withInputSize(hw[0], hw[1]).withColorSpace(
			space).withAppearance(appearance).withSkinFill(skin && space.needsColour());
		final TrainOptions d = TrainOptions.defaults();
		final TrainOptions options = new TrainOptions(epochs, clip, batch, lr, d.minFactor(), d.maxFactor(), d.views(),
			Math.min(d.viewSeconds(), clip / 2), seed, device, resume, d.stretchMin(), d.weightDecay(), samples,
			d.fps(), TrainOptions.Selection.parse(selection), TrainOptions.Loss.parse(loss), minutes, patience, false, nuisance,
			companions, companion_pulse);
		options.validate(); // clip=, batch=, samples=, lr= before the videos are listed, read and cropped
		final VideoReader.Found found = VideoReader.find(in, "input");
		final VideoReader.Found foundLabelled = given(labelled) ? VideoReader.find(labelled, "labelled") : null;
		final List<File> videos = found.videos();
		final List<File> lab = foundLabelled != null ? foundLabelled.videos() : List.of();
		for (final VideoReader.Found f : foundLabelled != null ? List.of(found, foundLabelled) : List.of(found))
			if (f.leftOut() != null) log.info("PulseJ: " + f.leftOut()); // one video under two names is trained on once
		final TrainingRegion region = TrainingRegion.parse(roi);
		final TrainingJob.Scratch where = new TrainingJob.Scratch(path(scratch), false);
		if (clusters == 1) {
			final TrainingReport report = TrainingJob.train(videos, lab, LabelledVideos.labeller(), fps, region, config,
				options, where, dir, progress(), log::info);
			epochs_table = ResultsTables.physNetEpochs(report);
			if (!headless()) {
				epochs_table.show("PhysNet training log");
				ResultsDisplay.showChart(TrainingJob.lossCurve(report), "PhysNet training");
			}
			if (report.cancelled() && report.epochsCompleted() == 0) throw new PulseJException(
				"Training was cancelled before its first epoch finished; nothing was saved.", "Run Train PhysNet again.");
			if (report.cancelled()) throw new PulseJException("Training was cancelled after epoch " + report
				.epochsCompleted() + "; the model keeps epoch " + report.selectedEpoch() + ".",
				"Run Train PhysNet again with resume to continue.");
			return;
		}
		final TrainingJob.Specialists s = TrainingJob.trainSpecialists(videos, lab, LabelledVideos.labeller(), fps, region,
			config, options, clusters, where, dir, progress(), log::info);
		epochs_table = ResultsTables.physNetEpochs(s);
		if (!headless()) epochs_table.show("PhysNet training log");
		if (s.cancelled() && !s.saved()) throw new PulseJException("Training of the specialists was cancelled before " +
			"the first specialist's first epoch finished; nothing was saved.", "Run Train PhysNet again.");
		if (s.cancelled()) throw new PulseJException("Training of the specialists was cancelled.",
			"Run Train PhysNet again with the same clusters and resume to continue.");
	}

	static int[] parseSize(final String s) {
		final String[] p = s.toLowerCase(Locale.ROOT).trim().split("\\s*x\\s*");
		try {
			if (p.length == 2) return new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) };
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new PulseJException("size=" + s + " is not HEIGHTxWIDTH.", "Give e.g. size=64x64 or size=192x128.");
	}
}

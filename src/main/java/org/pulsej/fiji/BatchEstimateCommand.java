package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;

import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.pipeline.BatchJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.Shard;
import org.pulsej.signal.BpmBand;
import org.pulsej.util.PulseJException;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Batch Estimate: Estimate Heart Rate for a folder of videos, resumable and
 * splittable over a cluster job array. {@code shard=i/n} measures video k of the sorted folder when
 * k mod n = i; each shard writes to its own output folder, and Merge Results joins them. Run again
 * after a crash or a kill, it skips the videos whose results are complete. The parameters are
 * those of Estimate Heart Rate (same macro keys) plus {@code shard}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Batch Estimate", headless = true,
	label = "Batch Estimate")
public class BatchEstimateCommand extends PulseJCommand {

	@Parameter(persist = false, label = "Folder of videos", style = FileWidget.DIRECTORY_STYLE,
		description = "AVI/TIFF videos, or one folder of frames")
	private File input;

	@Parameter(label = "Output folder (one per shard)", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(persist = false, label = "Method", choices = { "POS", "CHROM", "GREEN", "PhysNet" })
	private String method = "POS";

	@Parameter(persist = false, label = "Region", choices = { "auto", "tracked", "box", "face", "whole", "manual" },
		description = "auto: the rectangle given as rect if any, else tracked (the skin in a box that follows the face); box: all of that box; face: the paper's stabilised box")
	private String roi = "auto";

	@Parameter(persist = false, label = "Save plots as PNG")
	private boolean plots = true;

	// not remembered: a macro that leaves shard out must get the whole folder, not the last dialog's shard
	@Parameter(label = "Shard (i/n: this job's part, 1 to n)", required = false, persist = false,
		description = "e.g. 3/10 measures videos 3, 13, 23, ... of the sorted folder; 1/1 (the default) = all")
	private String shard = "1/1";

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_physnet = "PhysNet (method=PhysNet only)";

	@Parameter(persist = false, label = "PhysNet model folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "For method=PhysNet; empty: the model bundled with PulseJ")
	private File model;

	@Parameter(label = "Device for PhysNet", choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(persist = false, label = "PhysNet window overlap (s)", min = "0",
		description = "Overlap of PhysNet's 10 s windows on longer videos; 5 = half a window, as the reference code (twice the work)")
	private double overlap = PhysNetModel.DEFAULT_OVERLAP_SECONDS;

	@Parameter(persist = false, label = "POS share of PhysNet's heart rate", min = "0", max = "1", stepSize = "0.1",
		description = "PhysNet's heart rate is read from its PPG's spectrum and POS's of the same skin together; 0 = PhysNet's alone (the paper), 1 = POS's alone")
	private double pos_weight = EstimateOptions.DEFAULT_POS_WEIGHT;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_advanced = "Advanced (the defaults suit most face videos)";

	@Parameter(persist = false, label = "Rectangle (x,y,w,h)", required = false)
	private String rect = "";

	@Parameter(persist = false, label = "Detect the face every k-th frame", min = "1",
		description = "Frames in between are interpolated (2 is as accurate as 1 and twice as fast)")
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
		description = "A model from Train Confidence Model; fills the confidence column and blends the heart rate")
	private File confidence;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable summary;

	@Override
	protected void execute() {
		final File videos = required(input, "No input folder given.", "Give input=/path/to/videos.");
		final Path out = required(output, "No output folder given.",
			"Give output=/path/to/results (one folder per shard, e.g. results/shard_3).").toPath();
		final EstimateOptions options = EstimateSettings.options(method, model, device, overlap, pos_weight, window, step, min_bpm,
			max_bpm, log::info);
		EstimateSettings.region(options, fps, roi, EstimateSettings.parseRect(rect), detect_every, log::info);
		EstimateSettings.backgroundLight(options, background_light);
		EstimateSettings.windowHeartRate(options, window_hr);
		options.confidenceModel(path(confidence));
		final BatchJob.Outcome outcome = new BatchJob(options, fps, plots, out, log::info).run(videos, Shard.parse(shard),
			progress());
		summary = ResultsTables.summary(out.resolve(ResultWriter.SUMMARY));
		if (!headless()) summary.show("PulseJ batch summary");
		if (!outcome.failures().isEmpty()) throw new PulseJException(outcome.failureMessage(), (outcome.shard()
			.count() == 1 ? "The other videos are written. Fix or remove the failed ones and run the same command " +
				"again: complete videos are skipped." : "The other videos are written. Fix the failed ones and run the " +
					"same command again: complete videos are skipped (removing a video would change the split into " +
					"shards; to drop it, run all shards again into new folders).") + unknownFpsFix(outcome, out));
	}

	/**
	 * For videos whose frame rate is unknown: a batch's fps= applies to every video, so the same command with
	 * fps= is refused in this folder (other settings); each such video can be measured on its own into it.
	 */
	static String unknownFpsFix(final BatchJob.Outcome outcome, final Path out) {
		final java.util.List<String> names = outcome.failures().entrySet().stream().filter(e -> org.pulsej.video
			.VideoReader.isUnknownFps(e.getValue())).map(java.util.Map.Entry::getKey).toList();
		if (names.isEmpty()) return "";
		return " For a video whose frame rate is unknown (" + String.join(", ", names) + "): a batch's fps= applies to " +
			"every video, so measure it on its own into the same folder: Estimate Heart Rate with input=[that video] " +
			"output=[" + out + "] fps=30 (its real frame rate) and the batch's other keys.";
	}
}

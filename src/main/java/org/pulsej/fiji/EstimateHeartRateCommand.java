package org.pulsej.fiji;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.BpmBand;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Estimate Heart Rate: a face video (file, folder, or the open image) → PPG and
 * heart rate per frame, a summary row per video, and plots. Parameter names are macro keys: keep
 * them stable.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Estimate Heart Rate", headless = true,
	label = "Estimate Heart Rate")
public class EstimateHeartRateCommand extends PulseJCommand {

	@Parameter(label = "Open video", required = false, persist = false,
		description = "Used when no input file is given")
	private ImagePlus image;

	@Parameter(label = "Video file or folder", required = false, persist = false,
		description = "An AVI/TIFF video, a folder of videos, or a folder of frames. Empty: the open image.")
	private File input;

	@Parameter(label = "Output folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "CSV files and plots are written here. Empty: results windows only (not allowed headless).")
	private File output;

	@Parameter(persist = false, label = "Method", choices = { "POS", "CHROM", "GREEN", "PhysNet" })
	private String method = "POS";

	@Parameter(persist = false, label = "Region", choices = { "auto", "tracked", "box", "face", "whole", "manual" },
		description = "auto: the rectangle drawn on the image if any, else tracked (the skin in a box that follows the face); box: all of that box; face: the paper's stabilised box")
	private String roi = "auto";

	@Parameter(persist = false, label = "Save plots as PNG")
	private boolean plots = true;

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

	@Parameter(persist = false, label = "Rectangle (x,y,w,h)", required = false,
		description = "For roi=manual without a drawn rectangle, e.g. 100,80,120,160")
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
		final Path out = path(output);
		if (out == null && headless()) throw new PulseJException("No output folder given.",
			"Add output=/path/to/folder so the results can be written.");
		final EstimateOptions options = EstimateSettings.options(method, model, device, overlap, pos_weight, window, step, min_bpm,
			max_bpm, log::info);
		final boolean fromFile = given(input);
		if (!fromFile && !hasImage()) throw new PulseJException("No video given and no image is open.",
			"Give input=/path/to/video.avi (or a folder), or open a video first.");
		EstimateSettings.region(options, fps, roi, drawnOrTyped(fromFile), rect == null || rect.isBlank(), detect_every,
			log::info);
		EstimateSettings.backgroundLight(options, background_light);
		EstimateSettings.windowHeartRate(options, window_hr);
		options.confidenceModel(path(confidence));
		estimate(options, out, fromFile);
	}

	private void estimate(final EstimateOptions options, final Path out, final boolean fromFile) {
		// the result files are named after the open image's title: only then must it be a plain name
		if (!fromFile && out != null) VideoReader.checkTitle(image);
		final List<HeartRateResult> results;
		try (EstimateJob job = new EstimateJob(options, out, plots, log::info)) {
			if (fromFile) {
				final EstimateJob.Outcome outcome;
				try {
					outcome = job.run(input, fps, progress());
				}
				catch (final EstimateJob.Cancelled e) {
					// Esc: the finished videos are kept (in the summary window when nothing is written)
					if (!e.finished().isEmpty()) show(e.finished());
					throw e;
				}
				results = outcome.results();
				if (!outcome.failures().isEmpty()) {
					show(results);
					throw new PulseJException(outcome.failureMessage(), outcome.allFailed() ? ""
						: "The other videos were measured and written.");
				}
			}
			else {
				announceOpenImage(image);
				final org.pulsej.video.Video video = VideoReader.of(image, fps);
				video.logWarnings(video.name(), log::info); // fps= over the image's own rate
				results = List.of(job.run(video, progress()));
			}
		}
		show(results);
	}

	private void show(final List<HeartRateResult> results) {
		summary = ResultsTables.summary(results);
		if (!headless()) {
			ResultsDisplay.show(results, summary);
			if (!given(input)) ResultsDisplay.keepActive(image);
		}
	}

	private boolean hasImage() {
		return image != null && image.getProcessor() != null && image.getStackSize() > 0;
	}

	/** The rectangle typed in {@code rect}, else the one drawn on the open image (not for file input). */
	private Rectangle drawnOrTyped(final boolean fromFile) {
		final Roi r = fromFile || !hasImage() ? null : image.getRoi();
		final Rectangle drawn = r != null && r.isArea() ? r.getBounds() : null;
		if (rect != null && !rect.isBlank()) {
			final Rectangle typed = EstimateSettings.parseRect(rect);
			// both: the typed one wins, which the log now says (the drawn one was dropped without a word)
			if (drawn != null && !drawn.equals(typed)) log.info("PulseJ: rect=" + rect.trim() + " is used; the " +
				"selection drawn on the image (" + EstimateSettings.rectText(drawn) + ") is not");
			return typed;
		}
		// an oval or freehand selection is measured as its bounding rectangle: said, not done silently
		if (drawn != null && r.getType() != Roi.RECTANGLE) log.info("PulseJ: the " + r.getTypeAsString()
			.toLowerCase(java.util.Locale.ROOT) + " selection drawn on the image is measured as its bounding " +
			"rectangle (" + EstimateSettings.rectText(drawn) + ")");
		return drawn;
	}
}

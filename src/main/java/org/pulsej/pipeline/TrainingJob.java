package org.pulsej.pipeline;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.ContrastiveTrainer;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.nn.TrainingReport;
import org.pulsej.plot.Charts;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FaceVolume;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Self-supervised training on the user's own videos (paper 2.3, 5.2): every video is face-tracked,
 * cropped, turned into a YUV z-normalised volume, and PhysNet learns from them without labels.
 */
public final class TrainingJob {

	private TrainingJob() {}

	/**
	 * @param inputs video files or frame folders (see {@link VideoReader#videosIn})
	 * @param face how faces are found; null = whole frame (videos already cropped to the face)
	 */
	public static TrainingReport train(final List<File> inputs, final double fps, final FaceTracker.Options face,
		final PhysNetConfig config, final TrainOptions options, final Path modelDir, final Progress progress,
		final Consumer<String> log)
	{
		final List<FaceVolume> volumes = new ArrayList<>();
		try (BlazeFaceDetector detector = face == null ? null : BlazeFaceDetector.open(face.minScore())) {
			for (int i = 0; i < inputs.size(); i++) {
				progress.checkCancelled();
				final File f = inputs.get(i);
				progress.status("Preparing video " + (i + 1) + "/" + inputs.size() + ": " + f.getName());
				try {
					final Video video = VideoReader.open(f, fps, progress);
					final FaceTrack track = face == null ? FaceTracker.fixed(video, new Box(0, 0, video.width(), video
						.height())) : new FaceTracker(detector, face).track(video, progress);
					volumes.add(FaceVolumes.prepare(video, track, config, progress));
				}
				catch (final PulseJException e) {
					log.accept("PulseJ: " + f.getName() + " left out of training — " + e.getMessage());
				}
			}
		}
		if (volumes.isEmpty()) throw new PulseJException("None of the " + inputs.size() +
			" video(s) could be prepared for training (see the log).", "Check the videos and their frame rate (fps=).");
		final TrainingReport report = new ContrastiveTrainer().train(volumes, config, options, modelDir, progress);
		Charts.savePng(lossCurve(report), modelDir.resolve("training-loss.png"));
		log.accept(String.format(java.util.Locale.ROOT,
			"PulseJ: trained PhysNet (%,d parameters) on %d video(s) for %d epoch(s) on %s; epoch %d selected%s",
			report.parameterCount(), report.videosUsed(), report.epochsCompleted(), report.device(), report
				.selectedEpoch(), report.cancelled() ? " (cancelled: the last finished epoch is kept)" : ""));
		return report;
	}

	/** Loss and irrelevant power ratio per epoch: the user sees whether training converged. */
	public static org.jfree.chart.JFreeChart lossCurve(final TrainingReport report) {
		final XYSeries loss = new XYSeries("Triplet loss");
		final XYSeries ipr = new XYSeries("Irrelevant power ratio");
		for (final TrainingReport.EpochStats e : report.epochs()) {
			loss.add(e.epoch(), e.loss());
			ipr.add(e.epoch(), e.ipr());
		}
		final XYSeriesCollection data = new XYSeriesCollection(loss);
		data.addSeries(ipr);
		return Charts.lines("PhysNet training (selected epoch " + report.selectedEpoch() + ")", "Epoch", "Value", data);
	}
}

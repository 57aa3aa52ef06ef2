package org.pulsej.eval;

import java.io.File;
import java.nio.file.Path;

import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.TrainingJob;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * Ground truth for choosing PhysNet's training epoch by MCC (paper 5.4): a labelled video is one
 * with ground truth beside it, found and read exactly as Evaluate finds and reads it
 * ({@link GroundTruthLoader}), with its PPG resampled to the video's frames ({@link FrameReference}).
 */
public final class LabelledVideos {

	private LabelledVideos() {}

	/** The labeller for {@link TrainingJob}: each video's ground-truth PPG per frame. */
	public static TrainingJob.Labeller labeller() {
		return new TrainingJob.Labeller() {

			@Override
			public double[] ppg(final File file, final Video video) {
				return LabelledVideos.ppg(file, video);
			}

			@Override
			public String note(final File file) {
				return GroundTruthLoader.choiceNote(file); // which of two ground-truth files, as Evaluate says
			}
		};
	}

	/**
	 * The ground-truth PPG of {@code file} (opened as {@code video}), one value per frame, NaN where it
	 * does not reach.
	 *
	 * @throws PulseJException when there is no ground truth, it has no PPG, or it does not overlap
	 */
	public static double[] ppg(final File file, final Video video) {
		final Path gt = GroundTruthLoader.find(file).orElseThrow(() -> new PulseJException("no ground truth (looked " +
			"for " + GroundTruthLoader.expectedNames(file) + ").", "Put STEM_gt.csv with a ppg column beside the video."));
		final Reference ref = GroundTruthLoader.load(gt, video.fps());
		if (!ref.hasPpg()) throw new PulseJException("its ground truth " + gt.getFileName() +
			" has no PPG (heart rate only); MCC compares PPG waveforms.", "Give a ground truth with a ppg column.");
		final EstimateOptions o = new EstimateOptions();
		final double[] ppg;
		try {
			ppg = FrameReference.align(ref, video.frames(), video.fps(), o).ppg();
		}
		catch (final PulseJException e) {
			throw new PulseJException("its ground truth cannot be used: " + e.problem(), e.fix());
		}
		if (!Reference.hasAny(ppg)) throw new PulseJException("its ground truth " + gt.getFileName() + " has a PPG of " +
			"one value in every sample over the video: the sensor recorded no pulse, and MCC compares PPG waveforms.",
			"Check the sensor's recording (the ppg column), or leave this video out of labelled=.");
		return ppg;
	}
}

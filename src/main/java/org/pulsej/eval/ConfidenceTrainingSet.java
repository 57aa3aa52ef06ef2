package org.pulsej.eval;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.results.HeartRateResult;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * Training videos for the confidence model: each video's PPG and instantaneous heart rate from
 * the estimate, and its reference heart rate per frame from the ground truth (computed exactly as
 * in the evaluation, {@link FrameReference}). Found and read like the videos of an evaluation;
 * videos without ground truth are skipped with a warning.
 */
public final class ConfidenceTrainingSet {

	private ConfidenceTrainingSet() {}

	/** The training sample of one measured video. */
	public static ConfidenceTrainer.Sample of(final HeartRateResult r, final FrameReference fr) {
		return new ConfidenceTrainer.Sample(r.video(), r.ppg(), r.hrInstant(), r.hrMedian(), fr.hrBpm());
	}

	/** Samples of videos in memory. */
	public static List<ConfidenceTrainer.Sample> of(final List<EvaluationJob.Sample> videos,
		final EstimateOptions options, final Progress progress)
	{
		final List<ConfidenceTrainer.Sample> out = new ArrayList<>();
		try (FaceTracking faces = new FaceTracking(options, s -> {})) {
			for (final EvaluationJob.Sample s : videos) {
				progress.checkCancelled();
				out.add(measure(s.video(), s.reference(), s.name(), options, faces, progress));
			}
		}
		return out;
	}

	/**
	 * Samples of every video with ground truth at {@code input} (see {@link EvaluationSet#scan}).
	 *
	 * @throws PulseJException when no video has usable ground truth
	 */
	public static List<ConfidenceTrainer.Sample> scan(final File input, final double fps,
		final EstimateOptions options, final Progress progress, final Consumer<String> log)
	{
		final List<EvaluationSet.Item> items = EvaluationSet.scan(input);
		final List<ConfidenceTrainer.Sample> out = new ArrayList<>();
		final List<String> skipped = new ArrayList<>();
		int i = 0;
		String firstFailure = null, firstFix = null;
		try (FaceTracking faces = new FaceTracking(options, log)) {
		for (final EvaluationSet.Item item : items) {
			progress.checkCancelled();
			progress.status(String.format(Locale.ROOT, "Measuring training video %d/%d: %s", ++i, items.size(), item
				.name()));
			if (!item.hasGroundTruth()) {
				skipped.add(item.name() + ": no ground truth (looked for " + GroundTruthLoader.expectedNames(item.video()) +
					")");
				continue;
			}
			try {
				final EvaluationSet.Recording recording = item.open(fps, progress, log);
				out.add(measure(recording.video(), recording.reference(), item.name(), options, faces, progress));
			}
			catch (final PulseJException e) {
				skipped.add(item.name() + ": " + e.getMessage());
				if (firstFailure == null) {
					firstFailure = item.name() + ": " + e.problem();
					firstFix = e.fix();
				}
			}
		}
		}
		if (!skipped.isEmpty()) {
			final StringBuilder sb = new StringBuilder("PulseJ: " + skipped.size() + " of " + items.size() +
				" videos are not used for training:");
			for (final String s : skipped)
				sb.append("\n  ").append(s);
			log.accept(sb.toString());
		}
		// a video whose ground truth (or the video itself) could not be used: its reason and fix, as Train PhysNet
		// says it; "no usable ground truth" with a fix to put STEM_gt.csv beside each video was said of a video
		// whose STEM_gt.csv was there, or that was too short or showed no face
		if (out.isEmpty() && firstFailure != null) throw new PulseJException("None of the " + items.size() +
			" videos in " + input + " could be used for training (see the log); the first, " + firstFailure,
			firstFix == null || firstFix.isBlank() ? "Check the videos and their ground truth." : firstFix);
		if (out.isEmpty()) throw new PulseJException("None of the " + items.size() + " videos in " + input +
			" could be used for training (no usable ground truth).", "Put STEM_gt.csv (frame,time_s,ppg,hr_bpm) " +
				"beside each video, or use a dataset layout PulseJ reads (UBFC-rPPG, PURE).");
		return out;
	}

	private static ConfidenceTrainer.Sample measure(final Video video, final Reference ref, final String name,
		final EstimateOptions options, final FaceTracking faces, final Progress progress)
	{
		final HeartRatePipeline pipeline = new HeartRatePipeline(options);
		pipeline.check(video);
		final FrameReference fr = FrameReference.align(ref, video.frames(), video.fps(), options);
		final HeartRateResult r = pipeline.fromTrace(name, pipeline.trace(video, faces.track(video, progress),
			progress), video.fps());
		return of(r, fr);
	}
}

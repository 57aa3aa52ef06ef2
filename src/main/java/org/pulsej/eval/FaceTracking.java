package org.pulsej.eval;

import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/**
 * The face track of each video when the options ask for {@code roi=face}, as Estimate Heart Rate
 * makes it; the detector is opened on first use and shared by all videos.
 */
final class FaceTracking implements AutoCloseable {

	private final EstimateOptions options;
	private final Consumer<String> log;
	private FaceDetector detector;

	FaceTracking(final EstimateOptions options, final Consumer<String> log) {
		this.options = options;
		this.log = log;
	}

	/** The track for {@code roi=face}, else null (the pipeline needs none). */
	FaceTrack track(final Video video, final Progress progress) {
		if (!options.roi().tracksFace()) return null;
		if (detector == null) detector = BlazeFaceDetector.open(options.face().minScore());
		final FaceTrack face = new FaceTracker(detector, options.face()).track(video, progress);
		if (face.detectedFrames() < video.frames()) log.accept(String.format(Locale.ROOT,
			"PulseJ: %s — face found by the detector in %d of %d frames; others interpolated or held", video.name(), face
				.detectedFrames(), video.frames()));
		return face;
	}

	@Override
	public void close() {
		if (detector != null) detector.close();
		detector = null;
	}
}

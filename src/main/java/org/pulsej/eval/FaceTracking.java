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

	/** The video last tracked and its track: regions compared on one video share one track. */
	private Video lastVideo;
	private FaceTrack lastTrack;

	/** The track for a region that follows the face ({@code roi=tracked}, {@code face}, …), else null. */
	FaceTrack track(final Video video, final Progress progress) {
		return track(video, options.roi(), progress);
	}

	/** As {@link #track(Video, Progress)}, for {@code roi} instead of the options' region. */
	FaceTrack track(final Video video, final RoiMode roi, final Progress progress) {
		if (!roi.tracksFace()) return null;
		if (video == lastVideo) return lastTrack;
		if (detector == null) detector = BlazeFaceDetector.open(options.face().minScore());
		final FaceTrack face = new FaceTracker(detector, options.face()).track(video, progress);
		if (face.detectedFrames() < video.frames()) log.accept(String.format(Locale.ROOT,
			"PulseJ: %s — face found by the detector in %d of %d frames; others interpolated or held", video.name(), face
				.detectedFrames(), video.frames()));
		// as Estimate Heart Rate: a face seen for less than half a window leaves nothing of it to score
		org.pulsej.pipeline.EstimateJob.refuseFaceSeenBriefly(video, face, options.windowSeconds());
		final String lost = face.lossWarning(video.name(), video.fps(), org.pulsej.pipeline.UnreliableFrames.MAX_BRIDGE_SECONDS);
		if (lost != null) log.accept("PulseJ: " + lost);
		lastVideo = video;
		lastTrack = face;
		return face;
	}

	@Override
	public void close() {
		if (detector != null) detector.close();
		detector = null;
	}
}

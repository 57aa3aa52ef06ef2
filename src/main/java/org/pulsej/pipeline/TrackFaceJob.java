package org.pulsej.pipeline;

import ij.ImageStack;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.input.FaceCropper;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.results.FaceTrackWriter;
import org.pulsej.results.OutputGuard;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Track Face's work: a video → its face track (the detected and the stabilised box of every frame)
 * and the face cropped to the tracker's size; with an output folder, written as
 * {@code STEM_face_track.csv} and {@code STEM_face.tif} ({@link FaceTrackWriter}).
 */
public final class TrackFaceJob {

	/**
	 * What one video gave.
	 *
	 * @param cropTitle the crop's image title ({@code STEM_face})
	 */
	public record Outcome(Video video, FaceTrack faces, ImageStack crop, String cropTitle) {}

	private final FaceTracker.Options options;
	private final Path output;
	private final Consumer<String> log;

	/**
	 * @param output folder for the track and the crop, or null to write nothing
	 * @throws org.pulsej.util.PulseJException when the output folder cannot be written (checked before
	 *           the video is read)
	 */
	public TrackFaceJob(final FaceTracker.Options options, final Path output, final Consumer<String> log) {
		this.options = options;
		this.output = output;
		this.log = log;
		createdOutput = org.pulsej.util.FolderLock.firstMissing(output);
		if (output != null) AtomicFiles.ensureWritableDirectory(output);
	}

	/** The outermost folder this job made for its output (null: none), removed again when a refused run wrote nothing. */
	private final Path createdOutput;

	/** Opens a video file or folder of frames and tracks it. */
	public Outcome run(final File input, final double fps, final Progress progress) {
		try {
			final Video video = VideoReader.open(input, fps, progress);
			// what the reader warns of (an AVI cut short, fps= against the file's rate), as Estimate Heart Rate logs it
			video.logWarnings(input.getName(), log);
			final Outcome o = run(video, progress);
			if (video.damaged().any()) log.accept("PulseJ: " + input.getName() + " — " + video.damaged().warning("each " +
				"was tracked on the nearest frame that decodes"));
			return o;
		}
		catch (final OutOfMemoryError e) {
			removeIfUnused();
			throw EstimateJob.outOfMemory("tracking the face in", input.getName());
		}
		catch (final RuntimeException e) {
			removeIfUnused();
			throw e;
		}
	}

	private void removeIfUnused() {
		org.pulsej.util.FolderLock.removeIfUnused(output, createdOutput);
	}

	/** Tracks a video (e.g. an open image), crops it and writes both when an output folder was given. */
	public Outcome run(final Video video, final Progress progress) {
		try {
			return track(video, progress);
		}
		catch (final OutOfMemoryError e) {
			// the crop of every frame is held for the result window: a long video in a small heap
			removeIfUnused();
			throw EstimateJob.outOfMemory("tracking the face in", video.name());
		}
		catch (final RuntimeException e) {
			// no face, cancelled, refused: a folder made for this run and still empty is not left behind
			removeIfUnused();
			throw e;
		}
	}

	private Outcome track(final Video video, final Progress progress) {
		if (output != null) {
			// the crop, a TIFF stack, would turn the folder of frames into a folder holding a video: measured
			// instead of the frames from then on
			OutputGuard.refuseFrameFolder(video.source(), output, "tracked; the face crop " + video.name() +
				"_face.tif written there would be taken for a video, and the frames beside it left out");
			FaceTrackWriter.refuseForeign(output, video.name());
			// the track and crop of another video of this name (subject1/vid.avi, then subject2/vid.avi) were replaced
			org.pulsej.results.ResultSources.check(output, video.name(), video.source(), FaceTrackWriter.trackFile(output,
				video.name()));
		}
		// the crop of every frame is held (for the result window and the TIFF): a crop of 4096x4096 was found
		// out of memory only after the face was tracked, and blamed on the video's size
		final int bytes = video.isColor() ? 4 : 1;
		org.pulsej.video.MemoryBudget.checkHeld(String.format(Locale.ROOT, "The face crop of %d frames at %dx%d " +
			"(crop_width x crop_height)", video.frames(), options.cropWidth(), options.cropHeight()), (double) video
				.frames() * options.cropWidth() * options.cropHeight() * bytes, "Use a smaller crop (the default is " +
					"crop_width=128 crop_height=192), or give Java more memory (Fiji: Edit > Options > Memory & Threads; " +
					"bin/pulsej: PULSEJ_JAVA_OPTS=-Xmx8g).");
		final FaceTrack faces;
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(options.minScore())) {
			faces = new FaceTracker(detector, options).track(video, progress);
		}
		catch (final FaceTracker.NoFaceFound e) {
			// the tracker's fix names roi=manual rect= and roi=whole, keys Track Face does not have
			throw e.withFix("Check that the video shows a face from the front, " +
				"or lower min_score (now " + org.pulsej.util.Messages.num(options.minScore()) + "; e.g. min_score=0.5) " +
				"when a real face is missed. Track Face finds the face only with the detector: to measure the video " +
				"with a box you give, use Estimate Heart Rate with roi=manual rect=x,y,w,h (or roi=whole for a video " +
				"already cropped to the face).");
		}
		final ImageStack crop = FaceCropper.crop(video, faces, options.cropHeight(), options.cropWidth(), progress);
		final String title = video.name() + "_face";
		if (output != null) {
			// one set: a full disk at the crop left the new track beside no crop, or beside the old one
			FaceTrackWriter.writeBoth(faces, crop, video.fps(), title, output, video.name());
			EstimateJob.recordSource(output, FaceTrackWriter.trackFile(output, video.name()), video.source(), log);
		}
		log.accept(String.format(Locale.ROOT, "PulseJ: %s — face detected in %d of %d frames (%d detector runs)", video
			.name(), faces.detectedFrames(), faces.frames(), faces.detectorRuns()));
		return new Outcome(video, faces, crop, title);
	}
}

package org.pulsej.face;

import ij.process.ImageProcessor;
import org.pulsej.util.Progress;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FramePrefetch;
import org.pulsej.video.Video;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the face box in every frame and stabilises it (paper Sec. 2.1). The detector runs on every
 * {@code detectEvery}-th frame (and the last); frames in between get the box linearly interpolated
 * between the two detections around them when those agree (same face, boxes overlapping by IoU &ge;
 * {@value #INTERPOLATE_MIN_IOU}); otherwise (fast move, a face appearing or vanishing) the detector
 * runs on each frame in between too. Where several faces are found, the one that overlaps the face of
 * the frames just before most is taken, so that a second face of about the same size (a second person,
 * a face on a poster or in a mirror) does not make the box jump between them when their sizes trade
 * places from frame to frame; the largest is taken for the first face, and where none overlaps the face
 * of the last {@value #FOLLOW_FRAMES} frames (it left, or was lost for longer).
 */
public final class FaceTracker {

	/** Frames back in which a face is looked for to follow (about 2 s at 30 fps). */
	static final int FOLLOW_FRAMES = 60;

	/** Frames are read ahead for at most this many threads' work (bounds the frames held at once). */
	public static final int READ_AHEAD_THREADS = 4;

	/**
	 * The lowest min_score allowed. BlazeFace's score is the probability that a box is a face; below
	 * 0.1 the detector's boxes are nine to one not faces, and as the tracker follows the largest box
	 * it is given, a near-zero threshold tracked a box of nearly the whole frame scored 0.009.
	 */
	public static final double MIN_SCORE_FLOOR = 0.1;

	/**
	 * The largest detect_every allowed: the frames of an hour at 30 fps. More cannot be meant (1e9 was
	 * taken, and the face looked for on the first frame only); up to this, a still head may be detected
	 * rarely on purpose.
	 */
	public static final int MAX_DETECT_EVERY = 3600 * 30;

	/**
	 * No face in any frame of a video. Its fix names the keys of Estimate Heart Rate and Evaluate
	 * ({@code roi=manual rect=}, {@code roi=whole}); a command without them (Track Face) gives its own
	 * fix with {@link #problem()}.
	 */
	public static final class NoFaceFound extends PulseJException {

		private static final long serialVersionUID = 1L;

		NoFaceFound(final int frames, final String video) {
			super("No face was found in any of the " + frames + " frames of " + video + ".", "Check that the video " +
				"shows a face from the front. Or give the face's box yourself: draw a rectangle around it on the open " +
				"video in Fiji and run the command again, or add roi=manual rect=x,y,w,h to its options (roi=whole for " +
				"a video already cropped to the face).");
		}
	}

	/** Neighbouring detections that overlap less than this are not interpolated between. */
	public static final double INTERPOLATE_MIN_IOU = 0.6;

	/**
	 * @param detectEvery run the detector on every k-th frame (1 = all frames)
	 * @param minScore detector confidence threshold (0..1)
	 * @param buffer fraction added to the face box width and height (paper: 0.25)
	 * @param smoothSeconds how long a box move takes (paper: 0.25 s; {@code round(smoothSeconds · fps)} frames)
	 * @param cropHeight height of the face crop in pixels (paper: 192)
	 * @param cropWidth width of the face crop in pixels (paper: 128)
	 */
	public record Options(int detectEvery, double minScore, double buffer, double smoothSeconds, int cropHeight,
		int cropWidth)
	{

		public Options {
			// named by Track Face's keys, the only command that gives these values as they are (Estimate and the
			// others check detect_every first): "The face box buffer must be between 0 and 10" named no key
			if (detectEvery < 1) throw new PulseJException("detect_every=" + detectEvery + " is not a frame interval: " +
				"the face is looked for on every k-th frame, k at least 1.", "Give detect_every=1 (every frame) or more; " +
					"2 is the usual value.");
			if (detectEvery > MAX_DETECT_EVERY) throw new PulseJException("detect_every=" + detectEvery + " frames is " +
				"more than an hour of video at 30 fps (" + MAX_DETECT_EVERY + " frames): the face would be looked for once " +
				"and held wherever the head goes.", "Give detect_every between 1 and " + MAX_DETECT_EVERY + "; 2 (the " +
					"usual value) is as accurate as 1 and twice as fast.");
			if (!(minScore >= 0 && minScore <= 1)) throw new PulseJException("min_score=" + Messages.num(minScore) +
				" is not a face score: the detector's score is the probability that a box is a face, from 0 to 1.",
				"Give min_score between " + Messages.num(MIN_SCORE_FLOOR) + " and 1; the usual value is " + Messages.num(
					BlazeFaceDetector.DEFAULT_MIN_SCORE) + ".");
			if (minScore < MIN_SCORE_FLOOR) throw new PulseJException("min_score=" + Messages.num(minScore) + " lets " +
				"through boxes the face detector itself holds not to be faces (its score is the probability that a box " +
				"is a face), and the tracker takes the largest box it is given: at min_score=0.001 that was nearly the " +
				"whole frame, scored 0.009.", "Give min_score between " + Messages.num(MIN_SCORE_FLOOR) + " and 1; the " +
					"usual value is " + Messages.num(BlazeFaceDetector.DEFAULT_MIN_SCORE) + " (lower it towards 0.3 only " +
					"when a real face is missed).");
			if (!(buffer >= 0 && buffer <= 10)) throw new PulseJException("buffer=" + Messages.num(buffer) + " is not a " +
				"usable box buffer: the stabilised box is the face box enlarged by this fraction, from 0 to 10.",
				"Give buffer=0.25 (the paper's value).");
			if (!(smoothSeconds >= 0 && smoothSeconds <= 60)) throw new PulseJException("smooth=" + Messages.num(
				smoothSeconds) + " s is not a usable smoothing time: the stabilised box moves over this many seconds " +
				"when the face leaves it, from 0 to 60.", "Give smooth=0.25 (the paper's value).");
			for (final Object[] side : new Object[][] { { "crop_height", cropHeight }, { "crop_width", cropWidth } })
				if ((int) side[1] < 1 || (int) side[1] > 4096) throw new PulseJException(side[0] + "=" + side[1] +
					" is not a size of the face crop: from 1 to 4096 pixels.", "Give crop_height=192 crop_width=128 (the " +
						"paper's size).");
		}

		/** The paper's settings; detection on every second frame with interpolation (as accurate, see the tests). */
		public static Options defaults() {
			return new Options(2, BlazeFaceDetector.DEFAULT_MIN_SCORE, 0.25, 0.25, 192, 128);
		}
	}

	private final FaceDetector detector;
	private final Options options;

	public FaceTracker(final FaceDetector detector, final Options options) {
		this.detector = detector;
		this.options = options;
	}

	public Options options() {
		return options;
	}

	/** Receives frames with their final stabilised face box, in frame order, while the face is tracked. */
	@FunctionalInterface
	public interface FrameSink {
		/**
		 * @param frame frame {@code t} of the video (not to be modified)
		 * @param stabilised its stabilised face box, clipped to the frame
		 */
		void accept(int t, ImageProcessor frame, Box stabilised);
	}

	/**
	 * Tracks the face through {@code video}.
	 *
	 * @throws PulseJException when no frame shows a face
	 */
	public FaceTrack track(final Video video, final Progress progress) {
		return track(video, progress, null);
	}

	/**
	 * Tracks the face through {@code video} and hands every frame with its stabilised box to {@code sink}
	 * (may be null) as soon as that box is final, so that work on the frames (e.g. cropping) needs no
	 * second pass over the video. Frames are read ahead and decoded on worker threads, where the key frames
	 * are also detected when the detector allows it; the result is the same as reading frame by frame.
	 *
	 * @throws PulseJException when no frame shows a face
	 */
	public FaceTrack track(final Video video, final Progress progress, final FrameSink sink) {
		final int n = video.frames(), w = video.width(), h = video.height();
		final int every = options.detectEvery();
		final Box[] raw = new Box[n];
		final double[] score = new double[n];
		Arrays.fill(score, Double.NaN);
		final boolean[] interpolated = new boolean[n];
		int runs = 0;
		progress.status("Detecting faces in " + video.name());
		final Stabilised stable = new Stabilised(video, raw, options, sink);
		// Frames since the last detected keyframe, kept so the detector can run on them when needed.
		final List<ImageProcessor> pending = new ArrayList<>();
		int lastKey = -1;
		final boolean parallel = detector.isThreadSafe();
		final int threads = FramePrefetch.defaultThreads();
		try (FramePrefetch<List<Detection>> frames = new FramePrefetch<>(video, threads, every + 2 * Math.min(threads,
			READ_AHEAD_THREADS), parallel
			? (t, ip) -> t % every == 0 || t == n - 1 ? detector.detect(ip) : null : null))
		{
			while (frames.hasNext()) {
				progress.checkCancelled();
				final FramePrefetch.Frame<List<Detection>> f = frames.next();
				final int t = f.t();
				final ImageProcessor frame = f.frame();
				final boolean key = t % every == 0 || t == n - 1;
				if (!key) {
					pending.add(frame);
					continue;
				}
				runs += keep(parallel ? f.result() : detector.detect(frame), t, raw, score, w, h);
				if (lastKey >= 0 && t - lastKey > 1) {
					final Box a = raw[lastKey], b = raw[t];
					if (a != null && b != null && a.iou(b) >= INTERPOLATE_MIN_IOU) {
						for (int i = lastKey + 1; i < t; i++) {
							final double q = (double) (i - lastKey) / (t - lastKey);
							raw[i] = a.lerp(b, q);
							score[i] = score[lastKey] + q * (score[t] - score[lastKey]);
							interpolated[i] = true;
						}
					}
					// no face yet, and none at either keyframe: the frames between are not searched, so that a video
					// without a face is refused after a run on every k-th frame, not on every frame (frames before the
					// first face take its box whatever the detector would find in them)
					else if (a != null || b != null || stable.hasFace()) {
						for (int i = lastKey + 1; i < t; i++) runs += detectInto(pending.get(i - lastKey - 1), i, raw, score, w, h);
					}
				}
				for (int i = lastKey + 1; i < t; i++) stable.next(i, pending.get(i - lastKey - 1));
				stable.next(t, frame);
				pending.clear();
				lastKey = t;
				progress.fraction((t + 1.0) / n);
			}
		}
		return new FaceTrack(w, h, raw, score, interpolated, stable.boxes(), false, runs);
	}

	/** Runs the detector on one frame and keeps its largest face (clipped to the frame). Returns 1. */
	private int detectInto(final ImageProcessor frame, final int t, final Box[] raw, final double[] score,
		final int w, final int h)
	{
		return keep(detector.detect(frame), t, raw, score, w, h);
	}

	/**
	 * Keeps the face of {@code faces} that follows the face of the frames before ({@link #follow}), clipped to
	 * the frame, as frame t's face. Returns 1 (one detector run).
	 */
	private int keep(final List<Detection> faces, final int t, final Box[] raw, final double[] score, final int w,
		final int h)
	{
		Box before = null;
		for (int i = t - 1; i >= Math.max(0, t - FOLLOW_FRAMES) && before == null; i--)
			before = raw[i];
		final Detection d = follow(faces, options.minScore(), before, w, h);
		if (d != null) {
			final Box b = d.box().clippedTo(w, h);
			if (!b.isEmpty()) {
				raw[t] = b;
				score[t] = d.score();
			}
		}
		return 1;
	}

	/**
	 * Of the faces scoring at least {@code minScore}, the one whose box (clipped to w × h) overlaps
	 * {@code before} most; the largest where {@code before} is null or none overlaps it; null where none
	 * scores enough.
	 */
	static Detection follow(final List<Detection> faces, final double minScore, final Box before, final int w,
		final int h)
	{
		Detection best = null;
		double bestIou = 0;
		if (before != null) for (final Detection d : faces) {
			final double iou = d.score() >= minScore ? d.box().clippedTo(w, h).iou(before) : 0;
			if (iou > bestIou) {
				best = d;
				bestIou = iou;
			}
		}
		return best != null ? best : largest(faces, minScore);
	}

	/** The largest face scoring at least {@code minScore}, or null. */
	static Detection largest(final List<Detection> faces, final double minScore) {
		Detection best = null;
		for (final Detection d : faces)
			if (d.score() >= minScore && (best == null || d.box().area() > best.box().area())) best = d;
		return best;
	}

	/**
	 * Stabilised boxes, frame by frame in order, handed to the sink as they become final; frames before
	 * the first face take the first face's box (they are read again for the sink then).
	 */
	private static final class Stabilised {

		private final Video video;
		private final Box[] raw, out;
		private final BoxStabilizer stabilizer;
		private final FrameSink sink;
		private int first = -1;

		Stabilised(final Video video, final Box[] raw, final Options options, final FrameSink sink) {
			this.video = video;
			this.raw = raw;
			this.out = new Box[raw.length];
			this.stabilizer = new BoxStabilizer(options.buffer(), BoxStabilizer.smoothFrames(options.smoothSeconds(),
				video.fps()));
			this.sink = sink;
		}

		/** Frame t, once its raw face box is final (frames come in order). */
		void next(final int t, final ImageProcessor frame) {
			final Box b = stabilizer.next(raw[t]);
			if (b == null) return;
			final Box s = b.clippedTo(video.width(), video.height());
			out[t] = s;
			if (first < 0) {
				first = t;
				for (int i = 0; i < t; i++) {
					out[i] = s;
					if (sink != null) sink.accept(i, video.frame(i), s);
				}
			}
			if (sink != null) sink.accept(t, frame, s);
		}

		/** Whether a face has been seen in a frame handed to {@link #next} (the stabiliser has a box from then on). */
		boolean hasFace() {
			return first >= 0;
		}

		Box[] boxes() {
			if (!hasFace()) throw new NoFaceFound(out.length, video.name());
			return out;
		}
	}

	/**
	 * A track that uses {@code box} (e.g. a user-drawn rectangle) as the stabilised box of every frame,
	 * clipped to the frame and not buffered further.
	 *
	 * @throws PulseJException when the box lies outside the frame
	 */
	public static FaceTrack fixed(final Video video, final Box box) {
		final Box b = box.clippedTo(video.width(), video.height());
		if (b.w() < 1 || b.h() < 1) throw new PulseJException("The face rectangle " + box + " lies outside the " + video.width() + "x" + video.height() + " video (or is under one pixel).",
			"Draw the rectangle on the video, around the face.");
		final int n = video.frames();
		final Box[] stabilised = new Box[n];
		Arrays.fill(stabilised, b);
		final double[] score = new double[n];
		Arrays.fill(score, Double.NaN);
		return new FaceTrack(video.width(), video.height(), new Box[n], score, new boolean[n], stabilised, true, 0);
	}
}

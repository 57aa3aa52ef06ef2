package org.pulsej.pipeline;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.SkinModel;
import org.pulsej.input.BackgroundLight;
import org.pulsej.video.Video;

/**
 * What {@link RoiMode#TRACKED} averages in each frame of one video: the moving region, the person's
 * skin colour model and, frame by frame, the skin mask within the region's oval. {@link HeartRatePipeline}
 * measures through it; a display (Track Face's overlay) shows {@link #mask}.
 */
public final class SkinRegion {

	private final Video video;
	private final Box[] region, central;
	private final SkinModel model;

	private SkinRegion(final Video video, final Box[] region, final Box[] central, final SkinModel model) {
		this.video = video;
		this.region = region;
		this.central = central;
		this.model = model;
	}

	/**
	 * The skin region of {@code video} along {@code face}; null where there is no skin colour to learn
	 * (a grey video, or the face's central area outside the first frames).
	 */
	public static SkinRegion of(final Video video, final FaceTrack face) {
		final Box[] central = HeartRatePipeline.trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW, SkinModel.CENTRAL_SCALE);
		// learned where the face is first seen (a face that appears after an empty or dark start)
		int first = 0;
		while (first < face.frames() && face.raw(first) == null)
			first++;
		final SkinModel model = ColorTraces.learn(video, t -> central[t], RoiMode.SKIN_K, first < face.frames() ? first
			: 0);
		if (model == null) return null;
		return new SkinRegion(video, HeartRatePipeline.trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW,
			RoiMode.TRACKED_SCALE), central, model);
	}

	public SkinModel model() {
		return model;
	}

	/** The region of frame t (0-based): the skin is averaged in the oval inscribed in it. */
	public Box region(final int t) {
		return region[t];
	}

	/** The face's central area in frame t: its mean brightness is the mask's reference. */
	public Box central(final int t) {
		return central[t];
	}

	/** All regions, frame by frame (shared, not copied). */
	Box[] regions() {
		return region;
	}

	/**
	 * The skin mask of frame t (0-based; the frame is read from the video): 255 on the pixels whose mean
	 * {@link RoiMode#TRACKED} takes, 0 elsewhere.
	 */
	public ByteProcessor mask(final int t) {
		final ImageProcessor ip = video.frame(t);
		if (!(ip instanceof ColorProcessor)) return new ByteProcessor(video.width(), video.height());
		final ColorProcessor cp = (ColorProcessor) ip;
		return model.mask(cp, region[t], SkinModel.reference(cp, central[t]));
	}

	/**
	 * The share of the face's oval that is overexposed ({@link SkinModel#CLIPPED}, left out of the skin) in
	 * {@code samples} frames spread evenly over the video.
	 */
	public double[] overexposed(final int samples) {
		final int n = video.frames(), k = Math.max(1, Math.min(samples, n));
		final double[] share = new double[k];
		for (int i = 0; i < k; i++) {
			final int t = (int) ((i + 0.5) * n / k);
			share[i] = video.frame(t) instanceof ColorProcessor cp ? SkinModel.clippedShare(cp, region[t]) : 0;
		}
		return share;
	}

	/** The skin colour trace of the video, not yet bridged. */
	ColorTraces.Measured measure(final BackgroundLight background, final org.pulsej.util.Progress progress) {
		return ColorTraces.boxMeans(video, t -> region[t], t -> central[t], model, background, progress);
	}
}

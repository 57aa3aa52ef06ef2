package org.pulsej.video;

import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The frames of a video that its reader could not decode (a damaged stretch of an AVI: ImageJ's reader
 * then gives no frame), and what stands in for each: the nearest frame that decodes. A few damaged
 * frames in a long recording should not cost the whole measurement (they were an unexplained
 * NullPointerException in face tracking), but a stand-in is a copy, not the pulse: the heart rate of
 * those frames is not trusted ({@link #mask}), and a stretch too long to bridge, or too many frames,
 * refuse the video with the damaged frames named.
 */
public final class DamagedFrames {

	/**
	 * A frame stands in only for damaged frames at most this far from it, so a damaged stretch up to twice
	 * this long is bridged from both ends: a 10 s heart-rate window keeps 8 s of its own.
	 */
	public static final double MAX_RUN_SECONDS = 1;

	/** More damaged frames than this share of the video refuse it: the file is damaged, not a few frames of it. */
	public static final double MAX_SHARE = 0.05;

	private final ConcurrentSkipListSet<Integer> frames = new ConcurrentSkipListSet<>();
	/** Damaged frames when {@link #newNote} last gave the note. */
	private int said;

	/**
	 * Frame {@code t} of {@code video}, which does not decode: the nearest frame that does, earlier
	 * first, within {@link #MAX_RUN_SECONDS}. Records {@code t} (and damaged frames met on the way).
	 */
	ImageProcessor standIn(final Video video, final int t) {
		add(video, t);
		final int n = video.frames(), reach = Math.max(1, (int) Math.ceil(MAX_RUN_SECONDS * video.fps()));
		for (int d = 1; d <= reach; d++) {
			for (final int s : new int[] { t - d, t + d }) {
				if (s < 0 || s >= n || frames.contains(s)) continue;
				final ImageProcessor ip = video.decoded(s);
				if (ip != null) return ip;
				add(video, s);
			}
		}
		throw new PulseJException(String.format("%s cannot be decoded around frame %d: the damaged stretch there is " +
			"longer than %s s (%s).", video.name(), t + 1, Messages.num(2 * MAX_RUN_SECONDS), spans()), fix());
	}

	private void add(final Video video, final int t) {
		frames.add(t);
		final double limit = Math.max(1, MAX_SHARE * video.frames());
		if (frames.size() > limit) throw new PulseJException(String.format("%s cannot be decoded in %s of its %d " +
			"frames (%s): more than %s %% of the file is damaged.", video.name(), Messages.count(frames.size(), "frame"),
			video.frames(), spans(), Messages.num(100 * MAX_SHARE)), fix());
	}

	private static String fix() {
		return "Convert it again from the original recording, e.g. ffmpeg -i VIDEO -c:v mjpeg -q:v 2 -an FIXED.avi, " +
			"or cut the damaged part out (ffmpeg -ss and -to) and measure the parts before and after it.";
	}

	/** Whether any frame read so far was damaged. */
	public boolean any() {
		return !frames.isEmpty();
	}

	/** The damaged frames read so far, as a mask over the video's {@code n} frames; null when there are none. */
	public boolean[] mask(final int n) {
		if (frames.isEmpty()) return null;
		final boolean[] m = new boolean[n];
		for (final int t : frames)
			if (t < n) m[t] = true;
		return m;
	}

	/**
	 * For the log of a measurement, once the video has been read: which frames were damaged and what was
	 * done; null when none were.
	 */
	public String note() {
		return frames.isEmpty() ? null : warning("each was replaced by the nearest frame that decodes, and the heart " +
			"rate there is not trusted (confidence 0)");
	}

	/** For the log: which frames were damaged ({@link #describe}) and {@code done} about it. */
	public String warning(final String done) {
		return "warning: " + describe() + "; " + done + ".";
	}

	/**
	 * {@link #note}, unless it was given already with these frames: a video measured twice (Evaluate's
	 * colour methods, then PhysNet) says it once.
	 */
	public synchronized String newNote() {
		if (frames.size() == said) return null;
		said = frames.size();
		return note();
	}

	/** Which frames were damaged, e.g. "3 frames could not be decoded (the file is damaged there: frames 451–453)". */
	public String describe() {
		return Messages.count(frames.size(), "frame") + " could not be decoded (the file is damaged there: " + spans() +
			")";
	}

	/** The damaged frames as 1-based runs, e.g. "frames 451–472, 800". */
	String spans() {
		final List<String> runs = new ArrayList<>();
		int start = -1, prev = -2;
		for (final int t : frames) {
			if (t != prev + 1) {
				if (start >= 0) runs.add(run(start, prev));
				start = t;
			}
			prev = t;
		}
		if (start >= 0) runs.add(run(start, prev));
		final int shown = Math.min(runs.size(), 5);
		return (frames.size() == 1 ? "frame " : "frames ") + String.join(", ", runs.subList(0, shown)) + (runs
			.size() > shown ? " and " + Messages.count(runs.size() - shown, "more run") : "");
	}

	private static String run(final int a, final int b) {
		return a == b ? Integer.toString(a + 1) : (a + 1) + "–" + (b + 1);
	}
}

package org.pulsej.video;

import java.util.Arrays;
import java.util.Locale;

import org.pulsej.util.Messages;

/**
 * When the frames of a video file were taken, and the evenly spaced frames PulseJ reads from them.
 * <p>
 * Every later step takes frame k to be at time k / fps. Phones record with a variable frame rate: in
 * dim light a camera lengthens its exposure and slows from 30 to 24 or 15 fps, mid-recording too. Read
 * by index at the file's average rate, a stretch recorded at 15 fps in a 30 fps video lasts half as long
 * as it did, and its heart rate reads twice as high. Where the time stamps stray from an even grid by
 * more than one frame interval somewhere, the video is read on an even grid at its most common frame
 * interval instead: each grid time shows the frame taken nearest to it (a frame may be shown twice where
 * the camera slowed, or left out where it sped up). A small jitter of the stamps (under one interval) is
 * left alone, as reading by index reads it.
 */
final class FrameTimes {

	/** Grid frames allowed per file frame: more means the stamps are not times (a gap of minutes, a bad stamp). */
	static final int MAX_GRID_PER_FRAME = 4;

	/** The file's frame for each grid frame, in presentation order (0-based). */
	private final int[] source;
	private final double fps, minInterval, maxInterval;
	private final int frames;

	private FrameTimes(final int[] source, final double fps, final double minInterval, final double maxInterval,
		final int frames)
	{
		this.source = source;
		this.fps = fps;
		this.minInterval = minInterval;
		this.maxInterval = maxInterval;
		this.frames = frames;
	}

	/**
	 * The even grid for frames taken at {@code seconds} (any order; one per frame), or null where reading
	 * them by index is right: the stamps lie within one frame interval of an even grid, or there are too
	 * few, or some are missing (NaN) or are not times.
	 */
	static FrameTimes of(final double[] seconds) {
		final int n = seconds.length;
		if (n < 3) return null;
		final double[] t = seconds.clone();
		for (final double v : t)
			if (!Double.isFinite(v)) return null;
		Arrays.sort(t);
		final double[] d = new double[n - 1];
		for (int i = 1; i < n; i++)
			d[i - 1] = t[i] - t[i - 1];
		final double[] sorted = d.clone();
		Arrays.sort(sorted);
		final double median = sorted[(n - 1) / 2];
		if (!(median > 0)) return null; // stamps repeated: not times PulseJ can use
		// the mean of the intervals near the median: stamps on a millisecond clock (MKV, WebM) make 30 fps
		// intervals of 33 and 34 ms, whose median alone would read 29.4 fps
		double sum = 0;
		int common = 0;
		for (final double x : d)
			if (Math.abs(x - median) <= 0.25 * median) {
				sum += x;
				common++;
			}
		final double m = sum / common;
		// an even grid through the first and the last frame: a file whose average rate is its rate reads by index
		final double step = (t[n - 1] - t[0]) / (n - 1);
		double off = 0;
		for (int i = 0; i < n; i++)
			off = Math.max(off, Math.abs(t[i] - t[0] - i * step));
		if (off <= m) return null;
		final long grid = Math.round((t[n - 1] - t[0]) / m) + 1;
		if (grid > (long) MAX_GRID_PER_FRAME * n) return null;
		final int[] source = new int[(int) grid];
		int i = 0;
		for (int k = 0; k < grid; k++) {
			final double at = t[0] + k * m;
			while (i + 1 < n && Math.abs(t[i + 1] - at) <= Math.abs(t[i] - at))
				i++;
			source[k] = i;
		}
		return new FrameTimes(source, 1 / m, sorted[0], sorted[n - 2], n);
	}

	/** Frames on the grid. */
	int gridFrames() {
		return source.length;
	}

	/** The file's frame (0-based, presentation order) shown at grid frame {@code k} (0-based). */
	int source(final int k) {
		return source[k];
	}

	/** The grid's rate: 1 / the most common frame interval. */
	double fps() {
		return fps;
	}

	/** What the log says of it. */
	String note(final String fileName) {
		int twice = 0, used = 0;
		for (int k = 0; k < source.length; k++) {
			if (k > 0 && source[k] == source[k - 1]) twice++;
			else used++;
		}
		return String.format(Locale.ROOT, "%s has a variable frame rate (frames %.1f to %.1f ms apart): it is read at " +
			"the times its frames were taken, %s fps at its most common interval (%d of %d frames used, %d shown twice), " +
			"so that a stretch the camera recorded more slowly keeps its true duration and heart rate.", fileName, 1e3 *
				minInterval, 1e3 * maxInterval, Messages.num(Math.round(fps * 1000) / 1000.0), used, frames, twice);
	}
}

package org.pulsej.video;

import java.util.Locale;

import org.pulsej.util.PulseJException;

/**
 * Refuses, before any pixel is decoded, a video that would not fit in the memory Java may use, so
 * the user gets a message with the way out instead of an {@link OutOfMemoryError} deep in ImageJ.
 */
public final class MemoryBudget {

	/**
	 * Streaming keeps one decoded frame, but decoding it takes the reader's buffers as well (the
	 * compressed bytes, an AWT image for JPEG frames, the ImageJ processor): room for this many
	 * decoded frames is asked for.
	 */
	static final int STREAMING_FRAMES = 4;

	private MemoryBudget() {}

	/** A video read frame by frame (a virtual stack). */
	public static void checkStreaming(final String name, final int width, final int height,
		final int bytesPerPixel)
	{
		final String what = "decoding one " + width + "x" + height + " frame";
		if (!fits(width, height, bytesPerPixel, STREAMING_FRAMES)) check(name, width, height, bytesPerPixel,
			STREAMING_FRAMES, what, available(), Runtime.getRuntime().maxMemory());
	}

	/** A video that ImageJ can only read whole into memory (e.g. a compressed TIFF stack). */
	public static void checkInMemory(final String name, final int width, final int height, final int bytesPerPixel,
		final int frames)
	{
		if (!fits(width, height, bytesPerPixel, frames + 1L)) check(name, width, height, bytesPerPixel, frames + 1L,
			"holding its " + frames + " frames of " + width + "x" + height +
				" in memory (ImageJ cannot read this file frame by frame)", available(), Runtime.getRuntime().maxMemory());
	}

	/**
	 * @param frames decoded frames that must fit at once
	 * @param available bytes free now; {@code max} the most Java may ever use
	 */
	static void check(final String name, final int width, final int height, final int bytesPerPixel,
		final long frames, final String what, final long available, final long max)
	{
		if (width <= 0 || height <= 0) return; // the reader reports a broken header itself
		final double need = (double) width * height * Math.max(1, bytesPerPixel) * frames;
		if (need <= available) return;
		throw new PulseJException(String.format(Locale.ROOT,
			"Reading %s needs about %s for %s, but Java has only %s free (of at most %s).", name, size(need), what, size(
				available), size(max)), FIX);
	}

	/**
	 * Refuses work that must hold {@code bytes} in the heap at once (e.g. the face volumes of every
	 * training video) when they do not fit in what Java may still use, before the work starts.
	 *
	 * @param what what needs the memory, e.g. "Training on 12 videos (…)"
	 */
	public static void checkHeld(final String what, final double bytes, final String fix) {
		if (!fits(bytes)) checkHeld(what, bytes, fix, available(), Runtime.getRuntime().maxMemory());
	}

	static void checkHeld(final String what, final double bytes, final String fix, final long available,
		final long max)
	{
		if (bytes <= available) return;
		throw new PulseJException(String.format(Locale.ROOT, "%s needs about %s of memory, but Java has only %s free " +
			"(of at most %s).", what, size(bytes), size(available), size(max)), fix);
	}

	static final String FIX = "Give Java more memory (Fiji: Edit > Options > Memory & Threads; bin/pulsej: " +
		"PULSEJ_JAVA_OPTS=-Xmx8g), or make the video smaller first, e.g. ffmpeg -i VIDEO -vf scale=640:-2 -c:v mjpeg " +
		"-q:v 2 -an SMALL.avi (an AVI is read frame by frame, so its length does not matter).";

	/** For an {@link OutOfMemoryError} that a check could not foresee. */
	static PulseJException tooLarge(final String name, final String what) {
		return new PulseJException(String.format(Locale.ROOT, "Java ran out of memory reading %s of %s (at most %s).",
			what, name, size(Runtime.getRuntime().maxMemory())), FIX);
	}

	private static boolean fits(final int width, final int height, final int bytesPerPixel, final long frames) {
		return fits((double) width * height * Math.max(1, bytesPerPixel) * frames);
	}

	/**
	 * Whether {@code need} bytes fit now; if not, after a garbage collection, since memory in use
	 * includes garbage of earlier videos that Java has not yet reclaimed.
	 */
	public static boolean fits(final double need) {
		if (need <= available()) return true;
		System.gc();
		return need <= available();
	}

	/** Bytes Java can still allocate: the heap limit minus what is in use. */
	public static long available() {
		final Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	public static String size(final double bytes) {
		return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.0f MB",
			bytes / 1e6);
	}
}

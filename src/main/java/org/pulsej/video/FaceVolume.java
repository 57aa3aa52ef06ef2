package org.pulsej.video;

/**
 * A face video as the network sees it: {@code channels × frames × height × width} floats in one
 * row-major array (index = ((c·T + t)·H + y)·W + x), at {@code fps} frames per second. Produced by
 * the face stage (crop, colour transform, normalisation) and consumed by the {@code nn} stage.
 */
public final class FaceVolume {

	private final float[] data;
	private final int channels, frames, height, width;
	private final double fps;

	public FaceVolume(final float[] data, final int channels, final int frames, final int height, final int width,
		final double fps)
	{
		if ((long) channels * frames * height * width != data.length) throw new IllegalArgumentException(
			"data length " + data.length + " != " + channels + "x" + frames + "x" + height + "x" + width);
		this.data = data;
		this.channels = channels;
		this.frames = frames;
		this.height = height;
		this.width = width;
		this.fps = fps;
	}

	public static FaceVolume zeros(final int channels, final int frames, final int height, final int width,
		final double fps)
	{
		return new FaceVolume(new float[channels * frames * height * width], channels, frames, height, width, fps);
	}

	public float[] data() {
		return data;
	}

	public int channels() {
		return channels;
	}

	public int frames() {
		return frames;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public double fps() {
		return fps;
	}

	public int index(final int c, final int t, final int y, final int x) {
		return ((c * frames + t) * height + y) * width + x;
	}

	public float get(final int c, final int t, final int y, final int x) {
		return data[index(c, t, y, x)];
	}

	public void set(final int c, final int t, final int y, final int x, final float v) {
		data[index(c, t, y, x)] = v;
	}

	/** Frames [from, to) as a new volume (a copy: the network wants contiguous input). */
	public FaceVolume frames(final int from, final int to) {
		final int n = to - from;
		final float[] out = new float[channels * n * height * width];
		final int plane = height * width;
		for (int c = 0; c < channels; c++)
			System.arraycopy(data, (c * frames + from) * plane, out, c * n * plane, n * plane);
		return new FaceVolume(out, channels, n, height, width, fps);
	}
}

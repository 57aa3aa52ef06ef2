package org.pulsej.input;

/**
 * A face video as the network sees it: {@code channels × frames × height × width} floats in one
 * row-major array (index = ((c·T + t)·H + y)·W + x), at {@code fps} frames per second. Produced by
 * the face stage (crop, colour transform, normalisation) and consumed by the {@code nn} stage.
 * <p>
 * A volume is held in an array, or (for training sets larger than the heap) read from a
 * {@link Storage} such as a scratch file; {@link #read} and {@link #get} work on both,
 * {@link #data()} and {@link #set} only on an array.
 */
public final class FaceVolume {

	/** Where the values of a volume live when they are not held in an array (e.g. a scratch file). */
	@FunctionalInterface
	public interface Storage {

		/** Copies the values [index, index + length) of the row-major volume into {@code dst[off…]}. */
		void read(long index, float[] dst, int off, int length);
	}

	private final float[] data;
	private final Storage storage;
	private final int channels, frames, height, width;
	private final double fps;
	/** Per-frame nuisance traces (K × frames), or null; see {@link #nuisance()}. */
	private float[][] nuisance;

	public FaceVolume(final float[] data, final int channels, final int frames, final int height, final int width,
		final double fps)
	{
		if ((long) channels * frames * height * width != data.length) throw new IllegalArgumentException(
			"data length " + data.length + " != " + channels + "x" + frames + "x" + height + "x" + width);
		this.data = data;
		this.storage = null;
		this.channels = channels;
		this.frames = frames;
		this.height = height;
		this.width = width;
		this.fps = fps;
	}

	private FaceVolume(final Storage storage, final int channels, final int frames, final int height,
		final int width, final double fps)
	{
		this.data = null;
		this.storage = storage;
		this.channels = channels;
		this.frames = frames;
		this.height = height;
		this.width = width;
		this.fps = fps;
	}

	/** A read-only volume whose values come from {@code storage}. */
	public static FaceVolume stored(final Storage storage, final int channels, final int frames, final int height,
		final int width, final double fps)
	{
		return new FaceVolume(java.util.Objects.requireNonNull(storage), channels, frames, height, width, fps);
	}

	public static FaceVolume zeros(final int channels, final int frames, final int height, final int width,
		final double fps)
	{
		return new FaceVolume(new float[channels * frames * height * width], channels, frames, height, width, fps);
	}

	/** The array of a volume held in memory (see {@link #inMemory()}). */
	public float[] data() {
		if (data == null) throw new IllegalStateException("this face volume is stored outside the heap; read it with read()");
		return data;
	}

	/** Whether the values are held in an array ({@link #data()}), not read from a {@link Storage}. */
	public boolean inMemory() {
		return data != null;
	}

	/** Number of values, channels × frames × height × width. */
	public long size() {
		return (long) channels * frames * height * width;
	}

	/** Copies the values [index, index + length) into {@code dst[off…]}, wherever they are stored. */
	public void read(final long index, final float[] dst, final int off, final int length) {
		if (data != null) System.arraycopy(data, Math.toIntExact(index), dst, off, length);
		else storage.read(index, dst, off, length);
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
		return value(index(c, t, y, x));
	}

	/** The value at a row-major {@link #index}. */
	public float value(final long index) {
		if (data != null) return data[Math.toIntExact(index)];
		final float[] one = new float[1];
		storage.read(index, one, 0, 1);
		return one[0];
	}

	public void set(final int c, final int t, final int y, final int x, final float v) {
		data()[index(c, t, y, x)] = v;
	}

	/**
	 * Signals of the same video that are not the pulse but can look like it, one value per frame: how
	 * the face moves inside the stabilised crop (horizontally, vertically, in size) and the brightness
	 * of the background. Training uses them to keep the network from learning a nuisance that is
	 * periodic in the heart-rate band (a nodding head, a lamp's ripple). Null when not measured.
	 */
	public float[][] nuisance() {
		return nuisance;
	}

	/** Attaches {@link #nuisance()} traces ({@code K × frames}); returns this volume. */
	public FaceVolume withNuisance(final float[][] traces) {
		if (traces != null) for (final float[] t : traces)
			if (t.length != frames) throw new IllegalArgumentException("a nuisance trace of " + t.length +
				" values for " + frames + " frames");
		nuisance = traces;
		return this;
	}

	/** Frames [from, to) as a new volume (a copy: the network wants contiguous input). */
	public FaceVolume frames(final int from, final int to) {
		final int n = to - from;
		final float[] out = new float[channels * n * height * width];
		final int plane = height * width;
		for (int c = 0; c < channels; c++)
			read((long) (c * frames + from) * plane, out, c * n * plane, n * plane);
		return new FaceVolume(out, channels, n, height, width, fps);
	}
}

package org.pulsej.nn;

import org.pulsej.input.FaceVolume;

/**
 * Cuts network-ready clips out of a face volume: linear interpolation in time (which also stretches
 * clips for augmentation and converts the video's frame rate to the network's) and {@link SpatialFit}
 * in space. The volume itself is never modified or copied whole.
 */
final class ClipReader {

	private final FaceVolume v;
	private final SpatialFit fit;
	private final int outPlane, outH, outW;
	private final float[] plane;
	private final double[] rowBuf;
	private float[] twoPlanes;

	ClipReader(final FaceVolume v, final PhysNetConfig c) {
		this.v = v;
		fit = new SpatialFit(v.height(), v.width(), c.inputHeight(), c.inputWidth());
		outH = c.inputHeight();
		outW = c.inputWidth();
		outPlane = outH * outW;
		plane = new float[v.height() * v.width()];
		rowBuf = new double[v.width()];
	}

	int outHeight() {
		return outH;
	}

	int outWidth() {
		return outW;
	}

	FaceVolume volume() {
		return v;
	}

	/**
	 * Writes {@code tOut} frames, which cover {@code span} source frames from source frame {@code start},
	 * as {@code C × tOut × H × W} at {@code dst[dstOff]}.
	 */
	void read(final double start, final double span, final int tOut, final float[] dst, final int dstOff) {
		final FrequencyResampler.Taps taps = FrequencyResampler.taps(v.frames(), tOut, start, span);
		final int inPlane = v.height() * v.width();
		// a volume outside the heap (a scratch file) is read two source planes at a time into planes;
		// the arithmetic is the same as on the array, so both give the same clip bit for bit
		final boolean held = v.inMemory();
		final float[] data = held ? v.data() : planes();
		for (int c = 0; c < v.channels(); c++)
			for (int i = 0; i < tOut; i++) {
				final int a = taps.i0()[i], b = taps.i1()[i];
				final double w = taps.w()[i];
				final int out = dstOff + (c * tOut + i) * outPlane;
				final int offA = held ? v.index(c, a, 0, 0) : 0;
				if (!held) v.read(v.index(c, a, 0, 0), data, 0, inPlane);
				if (w == 0 || a == b) fit.fit(data, offA, dst, out, rowBuf);
				else {
					final int offB = held ? v.index(c, b, 0, 0) : inPlane;
					if (!held) v.read(v.index(c, b, 0, 0), data, inPlane, inPlane);
					final float wa = (float) (1 - w), wb = (float) w;
					for (int k = 0; k < inPlane; k++)
						plane[k] = wa * data[offA + k] + wb * data[offB + k];
					fit.fit(plane, 0, dst, out, rowBuf);
				}
			}
	}

	/** Nuisance traces of the volume ({@link FaceVolume#nuisance()}); 0 when it has none. */
	int nuisanceTraces() {
		return v.nuisance() == null ? 0 : v.nuisance().length;
	}

	/**
	 * Writes the first {@code k} nuisance traces over the same frames as {@link #read} (same
	 * interpolation) as {@code k × tOut} at {@code dst[dstOff]}; traces the volume lacks stay 0 (a
	 * constant trace, which the loss ignores).
	 */
	void readNuisance(final double start, final double span, final int tOut, final int k, final float[] dst,
		final int dstOff)
	{
		final float[][] n = v.nuisance();
		if (n == null) return;
		final FrequencyResampler.Taps taps = FrequencyResampler.taps(v.frames(), tOut, start, span);
		for (int j = 0; j < Math.min(k, n.length); j++)
			for (int i = 0; i < tOut; i++)
				dst[dstOff + j * tOut + i] = (float) taps.at(i, n[j]);
	}

	/** Room for two source planes, for volumes read from a {@link FaceVolume.Storage}. */
	private float[] planes() {
		if (twoPlanes == null) twoPlanes = new float[2 * v.height() * v.width()];
		return twoPlanes;
	}
}

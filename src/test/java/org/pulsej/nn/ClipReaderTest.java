package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.pulsej.input.FaceVolume;

class ClipReaderTest {

	@Test
	void spatialFitCropsToTheAspectAndAveragesAreas() {
		// 6×4 → 2×2: crop the central 4×4 rows 1..4, then 2×2 block means
		final float[] src = new float[24];
		for (int i = 0; i < 24; i++)
			src[i] = i;
		final float[] dst = new float[4];
		new SpatialFit(6, 4, 2, 2).fit(src, 0, dst, 0, new double[4]);
		assertArrayEquals(new float[] { (4 + 5 + 8 + 9) / 4f, (6 + 7 + 10 + 11) / 4f, (12 + 13 + 16 + 17) / 4f, (14 +
			15 + 18 + 19) / 4f }, dst, 1e-5f);
		// a constant stays constant at a fractional factor (24×24 → 16×16)
		final float[] c = new float[24 * 24];
		java.util.Arrays.fill(c, 3.5f);
		final float[] out = new float[256];
		new SpatialFit(24, 24, 16, 16).fit(c, 0, out, 0, new double[24]);
		for (final float v : out)
			assertEquals(3.5f, v, 1e-5f);
		// the mean is kept when only shrinking (no crop)
		final float[] r = new float[24 * 24];
		double mean = 0;
		for (int i = 0; i < r.length; i++) {
			r[i] = (float) Math.sin(i * 0.37);
			mean += r[i] / r.length;
		}
		new SpatialFit(24, 24, 16, 16).fit(r, 0, out, 0, new double[24]);
		double m2 = 0;
		for (final float v : out)
			m2 += v / 256.0;
		assertEquals(mean, m2, 1e-5);
	}

	/** A volume in which every pixel of every channel is sin(2π·hz·t). */
	private static FaceVolume sines(final double hz, final double fps, final int frames) {
		final FaceVolume v = FaceVolume.zeros(3, frames, 8, 8, fps);
		for (int c = 0; c < 3; c++)
			for (int t = 0; t < frames; t++)
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++)
						v.set(c, t, y, x, (float) Math.sin(2 * Math.PI * hz * t / fps));
		return v;
	}

	private static double clipHz(final float[] clip, final int frames, final double fps) {
		final double[] s = new double[frames];
		for (int t = 0; t < frames; t++)
			s[t] = clip[t * 16 * 16 + 5]; // channel 0, one pixel
		return PpgQuality.dominantBpm(s, fps, 30, 300, 0.1) / 60;
	}

	@Test
	void clipsAreResampledToTheNetworkRateAndStretched() {
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		final int frames = 120;
		final float[] clip = new float[3 * frames * 256];
		// a 30 fps video read at the network's 15 fps: same pulse in Hz
		final ClipReader r30 = new ClipReader(sines(1.5, 30, 600), c);
		r30.read(10, frames * 2.0, frames, clip, 0);
		assertEquals(1.5, clipHz(clip, frames, 15), 0.02);
		// stretched: 0.75·W seconds shown as W seconds slows the pulse to 0.75×
		final ClipReader r15 = new ClipReader(sines(1.5, 15, 300), c);
		r15.read(20, frames * 0.75, frames, clip, 0);
		assertEquals(1.5 * 0.75, clipHz(clip, frames, 15), 0.02);
		// unstretched at the same rate: exact frames
		r15.read(7, frames, frames, clip, 0);
		for (int t = 0; t < frames; t++)
			assertEquals(Math.sin(2 * Math.PI * 1.5 * (t + 7) / 15), clip[t * 256], 1e-5);
	}

	@Test
	void trainingClipsStayInsideTheVideo() {
		final PhysNetConfig c = new PhysNetConfig(4, 16, 16, 3, null, null);
		final FaceVolume v = FaceVolume.zeros(3, 100, 16, 16, 10);
		for (int t = 0; t < 100; t++)
			for (int ch = 0; ch < 3; ch++)
				for (int k = 0; k < 256; k++)
					v.data()[(ch * 100 + t) * 256 + k] = t; // the value is the frame number
		final ClipReader r = new ClipReader(v, c);
		final java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
		final float[] clip = new float[3 * 80 * 256];
		double minStretch = 1;
		for (int i = 0; i < 200; i++) {
			ContrastiveTrainer.readRandomClip(r, 10, 80, 2.0 / 3, rnd, clip, 0);
			final double first = clip[0], last = clip[79 * 256], span = last - first;
			assertTrue(first >= 0 && last <= 99, first + ".." + last);
			minStretch = Math.min(minStretch, span / 79);
			assertTrue(span / 79 >= 2.0 / 3 - 0.01 && span / 79 <= 1 + 1e-6, "stretch " + span / 79);
		}
		assertTrue(minStretch < 0.75, "stretches down to 2/3 are drawn: " + minStretch);
		// epoch schedule: every video once per pass, filled up with a new pass
		final int[] order = ContrastiveTrainer.schedule(3, 8, new java.util.SplittableRandom(2));
		assertEquals(8, order.length);
		assertEquals(java.util.Set.of(0, 1, 2), java.util.Set.of(order[0], order[1], order[2]));
		assertEquals(java.util.Set.of(0, 1, 2), java.util.Set.of(order[3], order[4], order[5]));
	}

	@Test
	void aClipReadFromStorageEqualsTheClipReadFromTheArrayBitForBit() {
		final int c = 3, t = 50, h = 24, w = 16;
		final float[] a = new float[c * t * h * w];
		final java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
		for (int i = 0; i < a.length; i++)
			a[i] = (float) rnd.nextGaussian();
		final FaceVolume held = new FaceVolume(a, c, t, h, w, 30);
		final int[] reads = new int[1];
		// a storage outside the heap, reading from its own copy
		final float[] copy = a.clone();
		final FaceVolume stored = FaceVolume.stored((index, dst, off, n) -> {
			reads[0]++;
			System.arraycopy(copy, (int) index, dst, off, n);
		}, c, t, h, w, 30);
		final PhysNetConfig config = new PhysNetConfig(4, 16, 16, 3, null, null);
		final ClipReader fromArray = new ClipReader(held, config), fromStorage = new ClipReader(stored, config);
		// whole frames (no interpolation), a fractional start, and a stretched span (interpolated planes)
		final double[][] cuts = { { 0, 16 }, { 3.4, 16 }, { 10, 11.3 }, { 49 - 20.5, 20.5 } };
		for (final double[] cut : cuts) {
			final float[] x = new float[c * 16 * 16 * 16], y = new float[x.length];
			fromArray.read(cut[0], cut[1], 16, x, 0);
			fromStorage.read(cut[0], cut[1], 16, y, 0);
			assertArrayEquals(x, y, "start " + cut[0] + " span " + cut[1]);
		}
		assertTrue(reads[0] > 0, "read through the storage");
		assertThrows(IllegalStateException.class, stored::data);
		assertEquals(held.get(2, 17, 5, 9), stored.get(2, 17, 5, 9));
		assertArrayEquals(held.frames(7, 19).data(), stored.frames(7, 19).data());
	}
}

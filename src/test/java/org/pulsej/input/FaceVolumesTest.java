package org.pulsej.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImageStack;
import ij.process.ImageProcessor;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** The one-pass network input (track and crop while reading) is exactly the two-pass one. */
class FaceVolumesTest {

	/** The reference: track, crop to an image stack, convert, fill overexposed pixels, normalise (the stages one by one). */
	private static FaceVolume twoPass(final Video video, final FaceTrack track, final PhysNetConfig c) {
		final int[] size = FaceVolumes.cropSize(c.input());
		final ImageStack crop = FaceCropper.crop(video, track, size[0], size[1], Progress.NONE);
		final ColorTransforms.ColorSpace space = ColorTransforms.ColorSpace.valueOf(c.colorSpace().toUpperCase(
			Locale.ROOT));
		final FaceVolume v = ColorTransforms.toVolume(crop, video.fps(), space);
		final boolean[][] clipped = new boolean[video.frames()][];
		if (FaceVolumes.fillsClipped(space)) for (int t = 0; t < video.frames(); t++)
			clipped[t] = FaceCropper.clipped(video.frame(t), FaceCropper.cropBox(track.stabilised(t), video.width(), video
				.height(), size[0], size[1]), size[0], size[1]);
		FaceVolumes.fillMasked(v, c.skinFill() ? FaceVolumes.offSkin(v, clipped) : clipped, 3, c.skinFill());
		ColorTransforms.zNormalizeOverTime(v, FaceVolumes.zNorm(c.normalization()));
		return v;
	}

	@Test
	void onePassGivesTheTwoPassTrackAndVolumeBitForBit() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(240, 180).seconds(3)
			.translationPx(10).suddenMoves(1).noiseSigma(2).seed(31)).video(), 0);
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			for (final int every : new int[] { 1, 3 }) {
				final FaceTracker tracker = new FaceTracker(d, new FaceTracker.Options(every, 0.75, 0.25, 0.25, 192, 128));
				// chromaticity: overexposed pixels filled (the synthetic face has some), YUV: as they are
				for (final PhysNetConfig c : new PhysNetConfig[] { PhysNetConfig.cpu(), PhysNetConfig.paper(), PhysNetConfig
					.cpu().withColorSpace(ColorTransforms.ColorSpace.CHROMA), PhysNetConfig.cpu().withColorSpace(
						ColorTransforms.ColorSpace.CHROMA).withSkinFill(true) }) {
					final FaceVolumes.Tracked one = FaceVolumes.trackAndPrepare(video, tracker, c.input(), Progress.NONE);
					final FaceTrack track = tracker.track(video, Progress.NONE);
					for (int t = 0; t < video.frames(); t++) {
						assertEquals(track.stabilised(t), one.track().stabilised(t), "frame " + t);
						assertEquals(track.raw(t), one.track().raw(t), "frame " + t);
					}
					assertEquals(track.detectorRuns(), one.track().detectorRuns());
					final FaceVolume ref = twoPass(video, track, c);
					assertArrayEquals(ref.data(), one.volume().data(), "every " + every + ", " + c);
					assertArrayEquals(ref.data(), FaceVolumes.prepare(video, track, c.input(), Progress.NONE).data());
				}
			}
		}
	}

	@Test
	void fixedBoxesAndGreyVideosToo() {
		final Video colour = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(160, 120).seconds(1)
			.seed(4)).video(), 0);
		final ImageStack grey = new ImageStack(160, 120);
		for (int t = 0; t < colour.frames(); t++)
			grey.addSlice(colour.frame(t).convertToByte(false));
		for (final Video v : new Video[] { colour, new Video(grey, 8, colour.fps(), "grey", null) }) {
			final FaceTrack fixed = FaceTracker.fixed(v, new Box(30.5, 10.25, 90, 100));
			final PhysNetConfig c = PhysNetConfig.cpu();
			assertArrayEquals(twoPass(v, fixed, c).data(), FaceVolumes.prepare(v, fixed, c.input(), Progress.NONE).data(), v
				.name());
		}
	}

	/**
	 * A NaN or infinite pixel of a 32-bit video in the face crop: the z-normalisation spread it over the
	 * whole volume, and PhysNet refused the video as "The signal has the value NaN at frame 0. Remove or
	 * interpolate missing frames"; the crop now names the video, the frame and method=GREEN. Such pixels
	 * outside the crop (the background) are skipped.
	 */
	@Test
	void nonFinitePixelsInTheFaceCropAreNamedWithTheirFrame() {
		final Video colour = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(160, 120).seconds(1)
			.seed(4)).video(), 0);
		final PhysNetConfig c = PhysNetConfig.cpu();
		final Box box = new Box(30.5, 10.25, 90, 100);
		for (final float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY }) {
			final ImageStack grey = new ImageStack(160, 120);
			for (int t = 0; t < colour.frames(); t++) {
				final ImageProcessor fp = colour.frame(t).convertToFloat();
				if (t == 12) fp.setf(70, 60, bad);
				if (t == 20) fp.setf(2, 118, bad); // outside the crop: skipped
				grey.addSlice(fp);
			}
			final Video v = new Video(grey, 32, colour.fps(), "f32", null);
			final PulseJException e = assertThrows(PulseJException.class, () -> FaceVolumes.prepare(v, FaceTracker.fixed(
				v, box), c.input(), Progress.NONE));
			assertTrue(e.getMessage().startsWith("f32 has NaN or infinite pixels in its face crop (the first in frame 12, " +
				"at 0.40 s)") && e.getMessage().contains("method=GREEN"), e.getMessage());
			grey.getProcessor(13).setf(70, 60, 100);
			final FaceVolumes.Tracked ok = FaceVolumes.prepareTracked(v, FaceTracker.fixed(v, box), c.input(),
				Progress.NONE);
			assertTrue(Double.isFinite(ok.background()), "background " + ok.background());
		}
	}

	/**
	 * The nuisance traces show what is not the pulse: a head shaking at 1.1 Hz puts a 66 bpm peak in the
	 * face's offset inside its box, a lamp rippling at 1.9 Hz a 114 bpm peak in the background; a fixed
	 * box over the whole frame has none (its "background" would be the face itself).
	 */
	@Test
	void nuisanceTracesCarryTheHeadShakeAndTheLampRipple() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video shaking = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(240, 180).seconds(
			12).shake(12, 1.1).noiseSigma(2).seed(5)).video(), 0);
		final Video lamp = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(240, 180).seconds(12)
			.translationPx(3).flickerHz(1.9).flickerAmplitude(0.02).noiseSigma(2).seed(6)).video(), 0);
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			final FaceTracker tracker = new FaceTracker(d, FaceTracker.Options.defaults());
			final float[][] n = FaceVolumes.trackAndPrepare(shaking, tracker, PhysNetConfig.cpu().input(), Progress.NONE).volume()
				.nuisance();
			assertEquals(4, n.length, "x, y, size, background");
			assertEquals(shaking.frames(), n[0].length);
			assertEquals(66, org.pulsej.nn.PpgQuality.dominantBpm(toDouble(n[0]), 30, 40, 180, 0.5), 2, "shake in x");
			final float[][] l = FaceVolumes.trackAndPrepare(lamp, tracker, PhysNetConfig.cpu().input(), Progress.NONE).volume()
				.nuisance();
			assertEquals(114, org.pulsej.nn.PpgQuality.dominantBpm(toDouble(l[l.length - 1]), 30, 40, 180, 0.5), 2,
				"lamp in the background");
		}
		final FaceTrack whole = FaceTracker.fixed(lamp, new Box(0, 0, lamp.width(), lamp.height()));
		assertEquals(null, FaceVolumes.prepareTracked(lamp, whole, PhysNetConfig.cpu().input(), Progress.NONE).volume()
			.nuisance());
	}

	/**
	 * colors=chroma_luma on a face under a lamp rippling at 1.9 Hz (2 %, four times the pulse): the
	 * face's brightness relative to the background (third channel, the mean over the crop) peaks at the
	 * pulse, 72 bpm, where YUV's luma peaks at the lamp, 114 bpm. The background comes from the frame
	 * outside the box, measured in the same pass.
	 */
	@Test
	void chromaLumaTakesTheLampOutOfTheFacesBrightness() {
		final Video lamp = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(160, 120).seconds(12)
			.hrBpm(72).flickerHz(1.9).flickerAmplitude(0.02).noiseSigma(1).seed(8)).video(), 0);
		final FaceTrack box = FaceTracker.fixed(lamp, new Box(50, 25, 60, 70));
		final PhysNetConfig yuv = PhysNetConfig.cpu().withColorSpace(ColorTransforms.ColorSpace.YUV);
		final double[] y = meanOverCrop(FaceVolumes.prepare(lamp, box, yuv.input(), Progress.NONE), 0);
		assertEquals(114, org.pulsej.nn.PpgQuality.dominantBpm(y, 30, 40, 180, 0.5), 2, "YUV's luma follows the lamp");
		final PhysNetConfig cl = yuv.withColorSpace(ColorTransforms.ColorSpace.CHROMA_LUMA);
		final double[] rel = meanOverCrop(FaceVolumes.prepare(lamp, box, cl.input(), Progress.NONE), 2);
		assertEquals(72, org.pulsej.nn.PpgQuality.dominantBpm(rel, 30, 40, 180, 0.5), 2, "relative luma: the pulse");
	}

	/** Channel {@code c} of {@code v}, averaged over the crop, frame by frame. */
	private static double[] meanOverCrop(final FaceVolume v, final int c) {
		final double[] m = new double[v.frames()];
		for (int t = 0; t < v.frames(); t++) {
			for (int yy = 0; yy < v.height(); yy++)
				for (int x = 0; x < v.width(); x++)
					m[t] += v.get(c, t, yy, x);
			m[t] /= v.height() * v.width();
		}
		return m;
	}

	private static double[] toDouble(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}

	/**
	 * With the appearance, the volume is the plain one (the same values, bit for bit) followed by 3
	 * channels that do not change over time: each pixel's mean colour, zero mean and unit spread across
	 * the crop. A crop of one colour throughout gives 0 there, not NaN. The light traces come with it,
	 * but no background one where the box covers the whole frame.
	 */
	@Test
	void theAppearanceChannelsFollowThePlainVolume() {
		final Video v = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(160, 120).seconds(1)
			.noiseSigma(2).seed(4)).video(), 0);
		final FaceTrack fixed = FaceTracker.fixed(v, new Box(30.5, 10.25, 90, 100));
		final PhysNetConfig plain = PhysNetConfig.cpu().withColorSpace(ColorTransforms.ColorSpace.CHROMA), look = plain
			.withAppearance(true);
		assertTrue(FaceVolumes.hasAppearance(look.input()) && !FaceVolumes.hasAppearance(plain.input()));
		assertEquals(3, FaceVolumes.colourChannels(look.input()));
		final FaceVolume p = FaceVolumes.prepare(v, fixed, plain.input(), Progress.NONE);
		final FaceVolumes.Tracked t = FaceVolumes.prepareTracked(v, fixed, look.input(), Progress.NONE);
		final FaceVolume a = t.volume();
		assertEquals(6, a.channels());
		final int plane = a.height() * a.width(), n = a.frames();
		assertArrayEquals(p.data(), java.util.Arrays.copyOf(a.data(), p.data().length));
		for (int c = 3; c < 6; c++) {
			final float[] first = new float[plane], row = new float[plane];
			a.read(a.index(c, 0, 0, 0), first, 0, plane);
			double sum = 0, sq = 0;
			for (final float x : first) {
				sum += x;
				sq += x * x;
			}
			assertEquals(0, sum / plane, 1e-4, "channel " + c);
			assertEquals(1, Math.sqrt(sq / plane), 1e-3, "channel " + c);
			for (int f = 1; f < n; f++) {
				a.read(a.index(c, f, 0, 0), row, 0, plane);
				assertArrayEquals(first, row, "channel " + c + ", frame " + f);
			}
		}
		assertEquals(n, t.faceLight().length);
		assertEquals(n, t.backgroundLight().length);
		// inside the box: the face, brighter than the generator's background
		assertTrue(t.faceLight()[0] > 0 && t.backgroundLight()[0] > 0 && t.faceLight()[0] != t.backgroundLight()[0]);

		final ImageStack flat = new ImageStack(40, 30);
		for (int f = 0; f < 40; f++) {
			final ij.process.ColorProcessor cp = new ij.process.ColorProcessor(40, 30);
			cp.setColor(new java.awt.Color(120 + f % 3, 90, 70));
			cp.fill();
			flat.addSlice(cp);
		}
		final Video uniform = new Video(flat, 24, 20, "flat", null);
		final FaceVolumes.Tracked u = FaceVolumes.prepareTracked(uniform, FaceTracker.fixed(uniform, new Box(0, 0, 40,
			30)), look.input(), Progress.NONE);
		for (final float x : u.volume().data())
			assertTrue(Float.isFinite(x));
		final float[] last = new float[u.volume().height() * u.volume().width()];
		u.volume().read(u.volume().index(5, 0, 0, 0), last, 0, last.length);
		assertArrayEquals(new float[last.length], last, "a uniform crop has no appearance");
		assertEquals(null, u.backgroundLight(), "the box covers the frame: no background");
	}

	@Test
	void overexposedCropPixelsHoldTheirMeanOverTheFramesWhereTheyWereNot() {
		// 3 channels × 4 frames × 4 pixels: pixel 0 clips in frames 1 and 2, pixel 1 never, pixel 2 in frames 0-2,
		// pixel 3 always
		final FaceVolume v = FaceVolume.zeros(3, 4, 1, 4, 30);
		final float[][] values = { { 1, 9, 9, 3 }, { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 2, 4, 6, 8 } };
		for (int c = 0; c < 3; c++)
			for (int t = 0; t < 4; t++)
				for (int p = 0; p < 4; p++)
					v.data()[v.index(c, t, 0, p)] = values[p][t] + 10 * c;
		final boolean[][] clipped = { { false, false, true, true }, { true, false, true, true }, { true, false, true,
			true }, { false, false, false, true } };
		FaceVolumes.fillMasked(v, clipped, 2, false);
		final float[][] expected = { { 1, 2, 2, 3 }, { 1, 2, 3, 4 }, { 8, 8, 8, 8 }, { 5, 5, 5, 5 } };
		for (int c = 0; c < 2; c++)
			for (int p = 0; p < 4; p++) {
				final float[] got = new float[4];
				for (int t = 0; t < 4; t++)
					got[t] = v.data()[v.index(c, t, 0, p)] - 10 * c;
				assertArrayEquals(expected[p], got, 1e-5f, "channel " + c + ", pixel " + p);
			}
		// the third channel was not asked for (an appearance channel, filled later from the colours)
		assertEquals(29, v.data()[v.index(2, 1, 0, 0)], 1e-6f);
		final float[] before = v.data().clone();
		FaceVolumes.fillMasked(v, new boolean[4][], 3, false);
		assertArrayEquals(before, v.data(), "no clipped frame: nothing changes");
	}

	@Test
	void theCropKnowsWhichOfItsPixelsTookInOverexposedLight() {
		final ij.process.ColorProcessor frame = new ij.process.ColorProcessor(80, 60);
		frame.setColor(new java.awt.Color(180, 120, 100));
		frame.fill();
		final Box box = new Box(20, 10, 40, 40);
		assertEquals(null, FaceCropper.clipped(frame, box, 8, 8), "nothing clipped");
		frame.setColor(new java.awt.Color(255, 200, 180)); // red clipped in the box's top-left quarter
		frame.fillRect(20, 10, 20, 20);
		frame.setColor(new java.awt.Color(255, 255, 255)); // outside the box: not the crop's concern
		frame.fillRect(70, 50, 10, 10);
		final boolean[] m = FaceCropper.clipped(frame, box, 8, 8);
		int n = 0;
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 8; x++) {
				if (m[y * 8 + x]) n++;
				if (x < 3 && y < 3) assertTrue(m[y * 8 + x], "inside the clipped quarter: " + x + "," + y);
				if (x > 4 || y > 4) assertTrue(!m[y * 8 + x], "far from it: " + x + "," + y);
			}
		assertTrue(n >= 16 && n <= 25, "about a quarter of the crop, its edge included: " + n);
		frame.setColor(new java.awt.Color(249, 249, 249)); // just under the limit is not clipped
		frame.fill();
		assertEquals(null, FaceCropper.clipped(frame, box, 8, 8));
		assertEquals(null, FaceCropper.clipped(new ij.process.ByteProcessor(80, 60), box, 8, 8), "grey: never");
	}

	/**
	 * Log chromaticity (log R/G, log B/G) of a 16 × 16 crop over 60 frames: skin at (0.4, −0.2) with a
	 * little noise and a pulse in log R/G ({@link #pulse}), and a grey 3 × 8 "brow" (0, 0) that moves up and
	 * down by 0–4 rows at 1 Hz.
	 */
	private static FaceVolume movingBrow(final boolean[][] browAt) {
		final int n = 60, h = 16, w = 16;
		final FaceVolume v = FaceVolume.zeros(3, n, h, w, 30);
		final java.util.Random r = new java.util.Random(5);
		for (int t = 0; t < n; t++) {
			final int top = 4 + (int) Math.round(2 + 2 * Math.sin(2 * Math.PI * t / 30.0));
			browAt[t] = new boolean[h * w];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final boolean brow = y >= top && y < top + 3 && x >= 4 && x < 12;
					browAt[t][y * w + x] = brow;
					v.data()[v.index(0, t, y, x)] = brow ? 0 : 0.4f + (float) pulse(t) + 0.01f * (float) r.nextGaussian();
					v.data()[v.index(1, t, y, x)] = brow ? 0 : -0.2f + 0.01f * (float) r.nextGaussian();
					v.data()[v.index(2, t, y, x)] = v.data()[v.index(0, t, y, x)] - v.data()[v.index(1, t, y, x)];
				}
		}
		return v;
	}

	/** The skin's pulse in log R/G: 0.002 at 78 bpm (30 fps). */
	private static double pulse(final int t) {
		return 0.002 * Math.sin(2 * Math.PI * t / 23.0);
	}

	@Test
	void whatIsNotSkinIsMaskedFrameByFrameAndFilledSoThatItsMotionIsGone() {
		final boolean[][] brow = new boolean[60][];
		final FaceVolume v = movingBrow(brow);
		final boolean[][] clipped = new boolean[60][];
		clipped[7] = new boolean[256];
		clipped[7][0] = true; // an overexposed skin pixel stays masked
		final boolean[][] m = FaceVolumes.offSkin(v, clipped);
		for (int t = 0; t < 60; t++)
			for (int i = 0; i < 256; i++)
				assertEquals(brow[t][i] || t == 7 && i == 0, m[t] != null && m[t][i], "frame " + t + ", pixel " + i);
		assertTrue(!clipped[7][1] && clipped[3] == null, "the caller's mask is not changed");
		// a pixel the brow passes over: before, it jumps between skin and grey at the motion's 1 Hz; filled, it
		// holds the skin's colour
		final int i = 6 * 16 + 8;
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		FaceVolumes.fillMasked(v, m, 3, true);
		for (int t = 0; t < 60; t++) {
			lo = Math.min(lo, v.data()[v.index(0, t, 6, 8)]);
			hi = Math.max(hi, v.data()[v.index(0, t, 6, 8)]);
		}
		int covered = 0;
		for (int t = 0; t < 60; t++)
			if (brow[t][i]) covered++;
		assertTrue(covered > 10 && covered < 50, "the brow passes pixel " + i + " in " + covered + " frames");
		assertTrue(hi - lo < 0.06 && lo > 0.3, "filled: " + lo + ".." + hi);
		// where it is filled, it follows the skin's mean change: the pulse, with the noise of 200 pixels averaged
		double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
		int k = 0;
		for (int t = 0; t < 60; t++)
			if (m[t][i]) {
				mx += v.data()[v.index(0, t, 6, 8)];
				my += pulse(t);
				k++;
			}
		mx /= k;
		my /= k;
		for (int t = 0; t < 60; t++)
			if (m[t][i]) {
				final double x = v.data()[v.index(0, t, 6, 8)] - mx, y = pulse(t) - my;
				sxy += x * y;
				sxx += x * x;
				syy += y * y;
			}
		assertTrue(sxy / Math.sqrt(sxx * syy) > 0.8, "follows the pulse: r = " + sxy / Math.sqrt(sxx * syy));
	}

	@Test
	void aSkinFitOnFlatOrTinyOrClippedCropsMasksNothingItShouldNot() {
		// a flat face (no spread at all) with sensor-like noise of 0.005: the variance floor keeps it skin
		final FaceVolume flat = FaceVolume.zeros(3, 20, 8, 8, 30);
		final java.util.Random r = new java.util.Random(2);
		for (int k = 0; k < flat.data().length; k++)
			flat.data()[k] = 0.3f + 0.005f * (float) r.nextGaussian();
		final boolean[][] none = new boolean[20][];
		final boolean[][] m = FaceVolumes.offSkin(flat, none);
		for (final boolean[] f : m)
			assertEquals(null, f, "flat skin: nothing masked");
		// constant: zero variance, still a fit and nothing masked
		final FaceVolume constant = FaceVolume.zeros(3, 20, 8, 8, 30);
		java.util.Arrays.fill(constant.data(), 0.25f);
		for (final boolean[] f : FaceVolumes.offSkin(constant, none))
			assertEquals(null, f, "constant: nothing masked");
		// a 1 × 1 crop: too few samples to fit (fewer than 16), the mask is the clipped one
		final FaceVolume tiny = FaceVolume.zeros(3, 4, 1, 1, 30);
		assertTrue(FaceVolumes.offSkin(tiny, new boolean[4][]) != null);
		final boolean[][] tinyMask = new boolean[4][];
		assertTrue(FaceVolumes.offSkin(tiny, tinyMask) == tinyMask, "no fit: the overexposed mask as it was");
		// every central pixel overexposed in every frame: nothing to fit the skin to
		final boolean[][] all = new boolean[20][];
		for (int t = 0; t < 20; t++) {
			all[t] = new boolean[64];
			java.util.Arrays.fill(all[t], true);
		}
		assertTrue(FaceVolumes.offSkin(flat, all) == all);
	}

	@Test
	void skinFillIsRecordedInTheNormalisationAndKeepsTheAppearance() {
		final PhysNetConfig chroma = PhysNetConfig.cpu().withColorSpace(ColorTransforms.ColorSpace.CHROMA);
		final PhysNetConfig both = chroma.withAppearance(true).withSkinFill(true);
		assertTrue(both.skinFill() && both.appearance() && both.channels() == 6);
		assertTrue(both.normalization().startsWith(FaceVolumes.SKIN_FILLED), both.normalization());
		assertEquals(both, chroma.withSkinFill(true).withAppearance(true), "either order");
		assertEquals(chroma.withAppearance(true), both.withSkinFill(false));
		assertEquals(chroma.withSkinFill(true), both.withAppearance(false));
		assertEquals(FaceVolumes.zNorm(chroma.normalization()), FaceVolumes.zNorm(both.normalization()));
		final PulseJException e = assertThrows(PulseJException.class, () -> PhysNetConfig.cpu().withSkinFill(true));
		assertTrue(e.getMessage().contains("log chromaticity") && e.fix().contains("colors=chroma"), e.getMessage());
	}
}

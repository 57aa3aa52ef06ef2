package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;

import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.GroundTruth;

class SyntheticFaceVideoTest {

	/** A small, quiet video: only what a test switches on changes between frames. */
	private static SyntheticVideoSpec quiet() {
		return new SyntheticVideoSpec().size(96, 72).seconds(2).noiseSigma(0).respirationAmplitude(0);
	}

	@Test
	void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(96, 72).seconds(1).translationPx(3).rotationDeg(
			2).scaleAmplitude(0.02).suddenMoves(1).driftFraction(0.1).flickerHz(5).flickerAmplitude(0.02).noiseSigma(3)
			.seed(11);
		final ImageStack a = SyntheticFaceVideo.generate(spec, Progress.NONE).video().getStack();
		final ImageStack b = SyntheticFaceVideo.generate(spec, Progress.NONE).video().getStack();
		final ImageStack c = SyntheticFaceVideo.generate(spec.copy().seed(12), Progress.NONE).video().getStack();
		final ImageStack lazy = SyntheticFaceVideo.virtual(spec).video().getStack();
		assertEquals(30, a.getSize());
		assertTrue(lazy.isVirtual());
		int differing = 0;
		for (int t = 1; t <= a.getSize(); t++) {
			assertArrayEquals((int[]) a.getPixels(t), (int[]) b.getPixels(t), "frame " + t);
			assertArrayEquals((int[]) a.getPixels(t), (int[]) lazy.getPixels(t), "rendered on demand, frame " + t);
			if (!Arrays.equals((int[]) a.getPixels(t), (int[]) c.getPixels(t))) differing++;
		}
		assertEquals(a.getSize(), differing, "another seed changes every frame");
	}

	@Test
	void theVideoIsAnRgbImageWithItsFrameRate() {
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.generate(quiet().fps(25), Progress.NONE);
		final ImagePlus imp = r.video();
		assertEquals(24, imp.getBitDepth());
		assertEquals(50, imp.getNFrames());
		assertEquals(25, imp.getCalibration().fps);
		assertEquals(96, imp.getWidth());
		assertEquals("synthetic_72bpm_seed1", imp.getTitle());
		assertEquals(50, r.truth().frames());
		assertEquals(25, r.truth().fps());
		assertEquals(0.04, r.truth().timeSeconds()[1], 1e-12);
	}

	@Test
	void theSkinPulsesAt72BpmInTheMeanGreen() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(160, 120).seconds(30).hrBpm(72);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final boolean[] skin = mask(plan.frames.skinCoverage(0), 0.99f);
		final ImageStack frames = SyntheticFaceVideo.generate(spec, Progress.NONE).video().getStack();
		final double[] green = new double[frames.getSize()];
		for (int t = 0; t < green.length; t++)
			green[t] = Spectra.mean((int[]) frames.getPixels(t + 1), skin, 1);
		final double bpm = 60 * Spectra.peakHz(green, 30, 0.7, 4);
		System.out.printf("72 bpm video (160x120, 30 s, noise 1, breathing): skin-mean green peaks at %.2f bpm%n", bpm);
		assertEquals(72, bpm, 1);
		// the pixels carry the ground-truth pulse: skin darkens as blood volume rises (breathing and noise blur it)
		final double r = Spectra.pearson(green, plan.truth.ppg());
		System.out.printf("correlation of skin-mean green with ground-truth ppg: %.3f%n", r);
		assertTrue(r < -0.6, "green follows −ppg: r = " + r);
	}

	@Test
	void pulseChangesRedGreenAndBlueInTheRatioOfBloodAbsorption() {
		final SyntheticVideoSpec spec = quiet().size(160, 120).seconds(4).pulseAmplitude(0.02).hrBpm(90);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final boolean[] skin = mask(plan.frames.skinCoverage(0), 0.99f);
		final int n = spec.frames();
		final double[][] rel = new double[3][n];
		for (int c = 0; c < 3; c++) {
			double mean = 0;
			for (int t = 0; t < n; t++)
				mean += (rel[c][t] = Spectra.mean(plan.frames.render(t), skin, c)) / n;
			for (int t = 0; t < n; t++)
				rel[c][t] = rel[c][t] / mean - 1;
		}
		final double red = slope(rel[1], rel[0]), blue = slope(rel[1], rel[2]);
		System.out.printf("relative pulse R:G:B = %.3f : 1 : %.3f (expected %.3f : 1 : %.3f)%n", red, blue,
			FrameRenderer.PULSE_RGB[0], FrameRenderer.PULSE_RGB[2]);
		assertEquals(FrameRenderer.PULSE_RGB[0], red, 0.03);
		assertEquals(FrameRenderer.PULSE_RGB[2], blue, 0.03);
		// green swings by about ± pulseAmplitude
		final double swing = (Arrays.stream(rel[1]).max().getAsDouble() - Arrays.stream(rel[1]).min().getAsDouble()) / 2;
		assertEquals(0.02, swing, 0.004);
	}

	@Test
	void onlySkinPulses() {
		final SyntheticVideoSpec spec = quiet().pulseAmplitude(0.02);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final float[] skin = plan.frames.skinCoverage(0);
		final int[] first = plan.frames.render(0);
		int notSkin = 0, skinPixels = 0;
		final boolean[] changed = new boolean[first.length];
		for (int t = 1; t < spec.frames(); t++) {
			final int[] f = plan.frames.render(t);
			for (int p = 0; p < f.length; p++) {
				if (skin[p] == 0) assertEquals(first[p], f[p], "pixel " + p + " is not skin and must not change");
				if (f[p] != first[p]) changed[p] = true;
			}
		}
		int changedSkin = 0;
		for (int p = 0; p < first.length; p++) {
			if (skin[p] == 0) notSkin++;
			if (skin[p] > 0.99f) {
				skinPixels++;
				if (changed[p]) changedSkin++;
			}
		}
		assertTrue(notSkin > first.length / 2, "background, hair, eyes, clothes: " + notSkin);
		assertTrue(skinPixels > 300, "skin pixels: " + skinPixels);
		assertTrue(changedSkin > 0.9 * skinPixels, changedSkin + " of " + skinPixels + " skin pixels pulse");
	}

	@Test
	void theHeartRateRampsWithTheRightPhase() {
		final SyntheticVideoSpec spec = quiet().seconds(30).hrRamp(60, 100);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final GroundTruth gt = plan.truth;
		final int n = gt.frames();
		assertEquals(60, gt.hrBpm()[0], 1e-12);
		assertEquals(100, gt.hrBpm()[n - 1], 1e-12);
		assertEquals(80, gt.hrBpm()[(n - 1) / 2], 0.05);
		// systolic peaks: each beat lasts 60 / hr(t) at its own time (a wrongly integrated phase drifts to 140 bpm)
		final double[] ppg = gt.ppg();
		int beats = 0;
		double last = Double.NaN, worst = 0;
		for (int t = 1; t < n - 1; t++) {
			if (ppg[t] > 1 && ppg[t] > ppg[t - 1] && ppg[t] >= ppg[t + 1]) {
				final double time = gt.timeSeconds()[t];
				if (!Double.isNaN(last)) {
					final double hrMid = 60 + 40 * ((time + last) / 2) / gt.timeSeconds()[n - 1];
					worst = Math.max(worst, Math.abs((time - last) - 60 / hrMid));
				}
				last = time;
				beats++;
			}
		}
		assertEquals(80 / 60.0 * gt.timeSeconds()[n - 1], beats, 1.01, "mean 80 bpm over 30 s");
		assertTrue(worst < 0.045, "beat intervals within 1.5 frames of 60 / hr: worst " + worst + " s");
		// and the pixels follow the ramp too
		final boolean[] skin = mask(plan.frames.skinCoverage(0), 0.99f);
		final double[] green = new double[n];
		for (int t = 0; t < n; t++)
			green[t] = Spectra.mean(plan.frames.render(t), skin, 1);
		assertTrue(Spectra.pearson(green, ppg) < -0.9, "r = " + Spectra.pearson(green, ppg));
	}

	@Test
	void translationMovesTheTrueFaceBoxAndTheFaceWithIt() {
		final SyntheticVideoSpec spec = quiet().size(160, 120).seconds(10).translationPx(10);
		final SyntheticFaceVideo.Plan still = SyntheticFaceVideo.plan(quiet().size(160, 120).seconds(10),
			new PaintedFaceRenderer());
		final SyntheticFaceVideo.Plan moving = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final Rectangle2D.Double rest = still.truth.faceBox()[0];
		assertEquals(0.5 * 120, rest.height, 1e-9, "face height = faceHeightFraction × frame height");
		double peak = 0;
		for (int t = 0; t < spec.frames(); t++) {
			final Rectangle2D.Double b = moving.truth.faceBox()[t];
			assertEquals(rest.width, b.width, 1e-9);
			assertEquals(rest.height, b.height, 1e-9);
			peak = Math.max(peak, Math.hypot(b.getCenterX() - rest.getCenterX(), b.getCenterY() - rest.getCenterY()));
		}
		assertEquals(10, peak, 1e-6, "the box moves by translationPx at most, and reaches it");
		// the drawn face moves with its box
		final double[] c0 = skinCentroid(moving, 0);
		for (int t = 30; t < spec.frames(); t += 60) {
			final double[] c = skinCentroid(moving, t);
			final Rectangle2D.Double b0 = moving.truth.faceBox()[0], b = moving.truth.faceBox()[t];
			assertEquals(b.x - b0.x, c[0] - c0[0], 0.3, "x shift at frame " + t);
			assertEquals(b.y - b0.y, c[1] - c0[1], 0.3, "y shift at frame " + t);
		}
	}

	@Test
	void rotationScaleAndSuddenMovesChangeTheBox() {
		final Rectangle2D.Double rest = SyntheticFaceVideo.plan(quiet().size(160, 120).seconds(10),
			new PaintedFaceRenderer()).truth.faceBox()[0];
		final GroundTruth tilted = SyntheticFaceVideo.plan(quiet().size(160, 120).seconds(10).rotationDeg(15),
			new PaintedFaceRenderer()).truth;
		final GroundTruth zoomed = SyntheticFaceVideo.plan(quiet().size(160, 120).seconds(10).scaleAmplitude(0.1),
			new PaintedFaceRenderer()).truth;
		final GroundTruth jumpy = SyntheticFaceVideo.plan(quiet().size(160, 120).seconds(10).suddenMoves(3),
			new PaintedFaceRenderer()).truth;
		double widest = 0, scale = 0, fastest = 0;
		for (int t = 0; t < tilted.frames(); t++) {
			widest = Math.max(widest, tilted.faceBox()[t].width / rest.width);
			scale = Math.max(scale, Math.abs(zoomed.faceBox()[t].height / rest.height - 1));
			if (t > 0) fastest = Math.max(fastest, Math.abs(jumpy.faceBox()[t].getCenterX() - jumpy.faceBox()[t - 1]
				.getCenterX()));
		}
		assertTrue(widest > 1.02, "a 15° tilt widens the box: × " + widest);
		assertEquals(0.1, scale, 1e-6, "the box scales by scaleAmplitude at most, and reaches it");
		assertTrue(fastest > 2, "a sudden move shifts the box by " + fastest + " px in one frame");
	}

	@Test
	void aTurningHeadMovesItsFaceAndFeaturesButNotTheRest() {
		final SyntheticVideoSpec plain = quiet().size(160, 120).seconds(10);
		// turning off by default: asking for none draws the same pixels as never asking
		assertArrayEquals(SyntheticFaceVideo.plan(plain, new PaintedFaceRenderer()).frames.render(40), SyntheticFaceVideo
			.plan(plain.copy().turn(0, 0.5), new PaintedFaceRenderer()).frames.render(40));
		final SyntheticFaceVideo.Plan turning = SyntheticFaceVideo.plan(plain.copy().turn(25, 0.3),
			new PaintedFaceRenderer());
		final Rectangle2D.Double rest = SyntheticFaceVideo.plan(plain, new PaintedFaceRenderer()).truth.faceBox()[0];
		final int n = plain.frames();
		final double[] boxX = new double[n], skinX = new double[n], skinArea = new double[n];
		double narrowest = Double.MAX_VALUE;
		for (int t = 0; t < n; t++) {
			final Rectangle2D.Double b = turning.truth.faceBox()[t];
			boxX[t] = b.getCenterX();
			narrowest = Math.min(narrowest, b.width / rest.width);
			assertEquals(rest.height, b.height, 1e-9, "a turn keeps the face's height");
			final double[] c = skinCentroid(turning, t);
			skinX[t] = c[0];
			final float[] cover = turning.frames.skinCoverage(t, true);
			for (final float v : cover)
				skinArea[t] += v;
		}
		assertTrue(narrowest < 0.97, "a 25° turn narrows the visible face: × " + narrowest);
		assertTrue(Spectra.pearson(boxX, skinX) > 0.95, "the drawn face moves with its box: r = " + Spectra.pearson(boxX,
			skinX));
		final double[] x = boxX.clone();
		Arrays.sort(x);
		assertTrue(x[n - 1] - x[0] > 10, "the face's centre swings by " + (x[n - 1] - x[0]) + " px");
		// the rhythm: the main one at 0.3 Hz, a faster one at 3.1 × 0.3 = 0.93 Hz
		assertEquals(0.3, Spectra.peakHz(boxX, 30, 0.1, 0.6), 0.1);
		assertEquals(0.93, Spectra.peakHz(boxX, 30, 0.6, 1.3), 0.1);
		// the skin stays skin: its area changes with the turn by a fraction, not by appearing or vanishing
		final double[] area = skinArea.clone();
		Arrays.sort(area);
		assertTrue(area[0] > 0.8 * area[n - 1], "skin area " + area[0] + " .. " + area[n - 1]);
	}

	@Test
	void aSideLightShadesOneSideAndClipsBrightSkin() {
		final SyntheticVideoSpec plain = quiet().size(160, 120).seconds(1).pulseAmplitude(0);
		final SyntheticFaceVideo.Plan lit = SyntheticFaceVideo.plan(plain.copy().sideLight(1), new PaintedFaceRenderer());
		final boolean[] skin = mask(lit.frames.skinCoverage(0, true), 0.99f);
		final Rectangle2D.Double box = lit.truth.faceBox()[0];
		final int[] px = lit.frames.render(0), unlit = SyntheticFaceVideo.plan(plain, new PaintedFaceRenderer()).frames
			.render(0);
		double left = 0, right = 0;
		int nl = 0, nr = 0;
		for (int p = 0; p < px.length; p++) {
			if (!skin[p]) continue;
			final double x = p % 160 + 0.5;
			final double gain = (double) (px[p] >> 8 & 0xff) / Math.max(1, unlit[p] >> 8 & 0xff);
			if (x < box.x + 0.3 * box.width) { left += gain; nl++; }
			else if (x > box.x + 0.7 * box.width) { right += gain; nr++; }
		}
		left /= nl;
		right /= nr;
		assertTrue(right > 1.15 && left < 0.75, "the light from the right lights the right side × " + right +
			" and shades the left × " + left);
		// clipping needs light skin (the first seed that draws it); at brightness 1 its lit side clips
		SyntheticVideoSpec light = null;
		for (int seed = 1; seed <= 30 && light == null; seed++) {
			final SyntheticVideoSpec spec = plain.copy().seed(seed);
			final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
			if (Spectra.mean(plan.frames.render(0), mask(plan.frames.skinCoverage(0, true), 0.99f), 0) > 160) light = spec;
		}
		assertTrue(light != null, "some seed draws light skin");
		final long side = redClipped(light.copy().sideLight(0.5)), front = redClipped(light.copy());
		assertTrue(side > front + 50, side + " red pixels clip with the light from the side, " + front + " from the front");
	}

	@Test
	void glossySkinShinesWhiteWhereItFacesHalfwayToTheLight() {
		final SyntheticVideoSpec lit = quiet().size(160, 120).seconds(1).pulseAmplitude(0).sideLight(0.5);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(lit, new PaintedFaceRenderer());
		final int[] matt = plan.frames.render(0), shiny = SyntheticFaceVideo.plan(lit.copy().gloss(0.6),
			new PaintedFaceRenderer()).frames.render(0);
		final float[] skin = plan.frames.skinCoverage(0);
		final Rectangle2D.Double box = plan.truth.faceBox()[0];
		int brightest = 0;
		double x = 0;
		for (int p = 0; p < matt.length; p++) {
			final int more = (shiny[p] & 0xff) - (matt[p] & 0xff); // blue: the shine is white, the skin has least blue
			if (skin[p] == 0) assertEquals(matt[p], shiny[p], "no shine off the skin, pixel " + p);
			if (more > brightest) {
				brightest = more;
				x = p % 160 + 0.5;
			}
		}
		assertTrue(brightest > 40, "the shine adds " + brightest + " grey levels of blue");
		assertTrue(x > box.getCenterX(), "on the side of the light: x " + x + ", face centre " + box.getCenterX());
		final SyntheticVideoSpec front = quiet().size(160, 120).seconds(1).pulseAmplitude(0).gloss(0.6);
		final PulseJException e = assertThrows(PulseJException.class, () -> SyntheticFaceVideo.plan(front,
			new PaintedFaceRenderer()), "gloss without the side light would draw no shine: refused");
		assertTrue(e.getMessage().contains("gloss=0.6") && e.getMessage().contains("side_light is 0") && e.fix()
			.contains("side_light="), e.getMessage() + " / " + e.fix());
	}

	private static long redClipped(final SyntheticVideoSpec spec) {
		return Arrays.stream(SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer()).frames.render(0)).filter(p -> (p >> 16 &
			0xff) == 255).count();
	}

	@Test
	void lightDriftsStepsFlickersAndDims() {
		final double[] drift = frameMeans(quiet().seconds(4).pulseAmplitude(0).driftFraction(0.2));
		assertEquals(1.2, drift[drift.length - 1] / drift[0], 0.005);
		final double[] step = frameMeans(quiet().seconds(4).pulseAmplitude(0).stepFraction(-0.3).stepAtSeconds(1));
		assertEquals(step[0], step[29], 1e-9);
		assertEquals(0.7, step[30] / step[29], 0.005, "step at 1 s = frame 30");
		final double[] flicker = frameMeans(quiet().seconds(4).pulseAmplitude(0).flickerHz(3).flickerAmplitude(0.05));
		assertEquals(3, Spectra.peakHz(flicker, 30, 0.5, 14.9), 0.05);
		final double[] mains = frameMeans(quiet().seconds(4).pulseAmplitude(0).flickerHz(100).flickerAmplitude(0.05));
		assertEquals(10, Spectra.peakHz(mains, 30, 0.5, 14.9), 0.05, "100 Hz sampled at 30 fps aliases to 10 Hz");
		final double bright = frameMeans(quiet().seconds(0.1))[0];
		final double dark = frameMeans(quiet().seconds(0.1).brightness(0.3))[0];
		assertEquals(0.3, dark / bright, 0.01);
	}

	@Test
	void sensorNoiseHasTheGivenSigma() {
		final SyntheticVideoSpec spec = quiet().seconds(0.2).pulseAmplitude(0).noiseSigma(5);
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final int[] a = plan.frames.render(0), b = plan.frames.render(1);
		double sum = 0, sum2 = 0;
		int n = 0;
		for (int p = 0; p < a.length; p++) {
			final int ga = a[p] >> 8 & 0xff, gb = b[p] >> 8 & 0xff;
			if (ga < 20 || ga > 235) continue; // clipping would shrink the noise
			sum += ga - gb;
			sum2 += (ga - gb) * (ga - gb);
			n++;
		}
		final double sd = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
		// difference of two frames: √2 σ, plus the rounding to whole grey levels
		assertEquals(Math.sqrt(2 * (25 + 1 / 12.0)), sd, 0.3);
		assertEquals(0, sum / n, 0.15);
	}

	@Test
	void cancellingStopsTheRendering() {
		final Progress cancel = TestProgress.cancelled();
		assertThrows(CancellationException.class, () -> SyntheticFaceVideo.generate(quiet().seconds(20), cancel));
	}

	@Test
	void aDifferentRendererCanBePluggedIn() {
		// a flat grey "face" square: the generator animates whatever scene it is given
		final FaceRenderer flat = (w, h, faceHeightPx, margin, random) -> {
			final int s = (int) faceHeightPx;
			final float[] head = new float[s * s * Layer.STRIDE];
			for (int i = 0; i < s * s; i++) {
				head[i * Layer.STRIDE] = head[i * Layer.STRIDE + 1] = head[i * Layer.STRIDE + 2] = 128;
				head[i * Layer.STRIDE + 3] = head[i * Layer.STRIDE + 4] = head[i * Layer.STRIDE + 5] = 1;
			}
			final double x0 = (w - s) / 2.0, y0 = (h - s) / 2.0;
			return new Scene(w, h, new float[w * h * 3], new Layer(1, 1, 0, 0, new float[Layer.STRIDE]), new Layer(s, s,
				x0, y0, head), w / 2.0, h / 2.0, new double[] { x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s });
		};
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.generate(quiet().pulseAmplitude(0.05), flat,
			Progress.NONE);
		final Rectangle2D.Double box = r.truth().faceBox()[0];
		assertEquals(36, box.width, 1e-9);
		final int[] px = (int[]) r.video().getStack().getPixels(1);
		assertEquals(0, px[0], "black background");
		final int centre = px[36 * 96 + 48] >> 8 & 0xff;
		assertTrue(Math.abs(centre - 128) <= 7, "grey skin, ± 5% pulse: " + centre);
	}

	// -- helpers --

	private static boolean[] mask(final float[] coverage, final float min) {
		final boolean[] m = new boolean[coverage.length];
		for (int i = 0; i < m.length; i++)
			m[i] = coverage[i] >= min;
		return m;
	}

	private static double[] frameMeans(final SyntheticVideoSpec spec) {
		final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
		final double[] m = new double[spec.frames()];
		for (int t = 0; t < m.length; t++) {
			final int[] f = plan.frames.render(t);
			for (int c = 0; c < 3; c++)
				m[t] += Spectra.mean(f, null, c) / 3;
		}
		return m;
	}

	/** Centroid of the head's skin in frame t. */
	private static double[] skinCentroid(final SyntheticFaceVideo.Plan plan, final int t) {
		final float[] skin = plan.frames.skinCoverage(t, true);
		final int w = plan.spec.width();
		double sx = 0, sy = 0, s = 0;
		for (int i = 0; i < skin.length; i++) {
			sx += skin[i] * (i % w);
			sy += skin[i] * (i / w);
			s += skin[i];
		}
		assertFalse(s == 0);
		return new double[] { sx / s, sy / s };
	}

	private static double slope(final double[] x, final double[] y) {
		double sxy = 0, sxx = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += x[i] * y[i];
			sxx += x[i] * x[i];
		}
		return sxy / sxx;
	}
}

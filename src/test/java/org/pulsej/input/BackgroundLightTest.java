package org.pulsej.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import org.junit.jupiter.api.Test;
import org.pulsej.testing.Waves;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.video.Video;

class BackgroundLightTest {

	private static final double FPS = 30;

	private static double[] sine(final int n, final double hz, final double amplitude, final double phase) {
		return Waves.sine(n, FPS, hz, amplitude, phase);
	}

	private static double correlation(final double[] a, final double[] b) {
		return Waves.correlation(a, b);
	}

	@Test
	void aLampRippleThatOutweighsThePulseIsTakenOutAndThePulseStays() {
		final int n = 900;
		final double[] pulse = sine(n, 64 / 60.0, 1, 0), lamp = sine(n, 1.9, 1, 0.3);
		final double[] ppg = new double[n], light = new double[n];
		for (int i = 0; i < n; i++) {
			ppg[i] = pulse[i] + 2 * lamp[i]; // the ripple has 4 times the pulse's power in the signal
			light[i] = 0.02 * lamp[i]; // the background's brightness: the ripple alone, at its own scale
		}
		final BackgroundLight.Fit fit = BackgroundLight.regressOut(ppg, light);
		assertTrue(fit.removed());
		assertEquals(0.8, fit.explained(), 0.02);
		assertTrue(correlation(fit.signal(), pulse) > 0.999, "the pulse remains: r = " + correlation(fit.signal(), pulse));
	}

	@Test
	void aBackgroundThatExplainsLittleIsLeftAlone() {
		final int n = 900;
		final double[] ppg = sine(n, 1.2, 1, 0), light = new double[n];
		final Random rnd = new Random(1);
		for (int i = 0; i < n; i++)
			light[i] = rnd.nextGaussian();
		final BackgroundLight.Fit fit = BackgroundLight.regressOut(ppg, light);
		assertFalse(fit.removed(), "explained " + fit.explained());
		assertTrue(fit.explained() < BackgroundLight.MIN_EXPLAINED);
		assertArrayEquals(ppg, fit.signal(), 0);
	}

	@Test
	void aConstantOrSilentBackgroundOrSignalGivesNoNaN() {
		final int n = 300;
		final double[] ppg = sine(n, 1.2, 1, 0), zero = new double[n];
		final BackgroundLight.Fit still = BackgroundLight.regressOut(ppg, zero);
		assertFalse(still.removed());
		assertEquals(0, still.explained());
		assertArrayEquals(ppg, still.signal(), 0);
		final BackgroundLight.Fit silent = BackgroundLight.regressOut(zero, ppg);
		assertFalse(silent.removed());
		assertArrayEquals(zero, silent.signal(), 0);
		assertArrayEquals(ppg, BackgroundLight.project(ppg, zero), 0);
	}

	/**
	 * PhysNet's time convolutions delay what they pass: a ripple a quarter-turn late is orthogonal to the
	 * background's, so the plain fit finds almost nothing to take out; the fit on the light and its rate of
	 * change takes it out and leaves the pulse.
	 */
	@Test
	void aDelayedRippleIsTakenOutByTheDelayedFit() {
		final int n = 900;
		final double[] pulse = sine(n, 64 / 60.0, 1, 0), late = sine(n, 1.9, 1, 0.3 + 1.4), light = sine(n, 1.9, 0.02,
			0.3);
		final double[] ppg = new double[n];
		for (int i = 0; i < n; i++)
			ppg[i] = pulse[i] + 2 * late[i];
		final BackgroundLight.Fit plain = BackgroundLight.regressOut(ppg, light);
		assertFalse(plain.removed(), "explained " + plain.explained());
		final double[] rate = BackgroundLight.rateOfChange(light);
		final BackgroundLight.Fit delayed = BackgroundLight.regressOutDelayed(ppg, light, rate);
		assertTrue(delayed.removed());
		assertEquals(0.8, delayed.explained(), 0.02);
		assertTrue(correlation(delayed.signal(), pulse) > 0.999, "r = " + correlation(delayed.signal(), pulse));
		assertTrue(correlation(BackgroundLight.projectDelayed(ppg, light, rate), pulse) > 0.999);
	}

	@Test
	void theDelayedFitLeavesNoiseAndSilenceAloneWithoutNaN() {
		final int n = 300;
		final double[] ppg = sine(n, 1.2, 1, 0), zero = new double[n], noise = new double[n];
		final Random rnd = new Random(3);
		for (int i = 0; i < n; i++)
			noise[i] = rnd.nextGaussian();
		final BackgroundLight.Fit random = BackgroundLight.regressOutDelayed(ppg, noise, BackgroundLight.rateOfChange(
			noise));
		assertFalse(random.removed(), "explained " + random.explained());
		assertArrayEquals(ppg, random.signal(), 0);
		for (final double[][] c : new double[][][] { { ppg, zero }, { zero, ppg }, { { 1, 2 }, { 3, 4 } } }) {
			final double[] rate = BackgroundLight.rateOfChange(c[1]);
			final BackgroundLight.Fit f = BackgroundLight.regressOutDelayed(c[0], c[1], rate);
			assertFalse(f.removed());
			assertTrue(Double.isFinite(f.explained()));
			assertArrayEquals(c[0], f.signal(), 0);
			assertArrayEquals(c[0], BackgroundLight.projectDelayed(c[0], c[1], rate), 0);
		}
	}

	/**
	 * A lamp whose strength in the pulse signal follows where the head is (its gain swings through zero as
	 * the head sways): one fixed gain explains little of it, and leaves its sidebands; a gain that follows the
	 * region's position takes it out and leaves the pulse.
	 */
	@Test
	void aLampWhoseStrengthFollowsTheHeadIsTakenOutByTheFitWithMotion() {
		final int n = 900;
		final double[] pulse = sine(n, 64 / 60.0, 1, 0), lamp = sine(n, 1.8, 1, 0.3), sway = sine(n, 0.15, 1, 0.7);
		final double[] ppg = new double[n], light = new double[n], x = new double[n], still = new double[n];
		for (int i = 0; i < n; i++) {
			ppg[i] = pulse[i] + 3 * lamp[i] * (0.2 + sway[i]);
			light[i] = 0.02 * lamp[i];
			x[i] = 160 + 20 * sway[i]; // the region's centre, pixels
			still[i] = 120;
		}
		final BackgroundLight.Fit plain = BackgroundLight.regressOut(ppg, light);
		assertFalse(plain.removed(), "one gain explains " + plain.explained());
		final BackgroundLight.Fit moving = BackgroundLight.regressOutWithMotion(ppg, light, new double[][] { x, still });
		assertTrue(moving.removed());
		assertEquals(1 - 0.5 / (0.5 + 9 * (0.04 + 0.5) / 2), moving.explained(), 0.02, "all of the lamp, none of the pulse");
		assertTrue(correlation(moving.signal(), pulse) > 0.999, "r = " + correlation(moving.signal(), pulse));
		assertTrue(correlation(BackgroundLight.projectWithMotion(ppg, light, new double[][] { x }), pulse) > 0.999);
		// a region that stood still: the fixed gain alone, as the plain fit
		assertArrayEquals(BackgroundLight.project(ppg, light), BackgroundLight.regressOutWithMotion(ppg, light,
			new double[][] { still }).signal(), 1e-9);
		assertArrayEquals(BackgroundLight.project(ppg, light), BackgroundLight.regressOutWithMotion(ppg, light, null)
			.signal(), 1e-9);
	}

	@Test
	void theFitWithMotionGivesNoNaNForSilenceOrTooFewFrames() {
		final int n = 300;
		final double[] ppg = sine(n, 1.2, 1, 0), zero = new double[n], x = sine(n, 0.2, 10, 0);
		for (final double[][] c : new double[][][] { { ppg, zero }, { zero, ppg } }) {
			final BackgroundLight.Fit f = BackgroundLight.regressOutWithMotion(c[0], c[1], new double[][] { x });
			assertFalse(f.removed());
			assertTrue(Double.isFinite(f.explained()));
			assertArrayEquals(c[0], f.signal(), 0);
			assertArrayEquals(c[0], BackgroundLight.projectWithMotion(c[0], c[1], new double[][] { x }), 0);
		}
		// four values cannot tell a light and its gain apart from a pulse
		final double[] four = { 1, -1, 2, 0 };
		assertFalse(BackgroundLight.regressOutWithMotion(four, new double[] { 1, 2, 1, 2 }, new double[][] { { 1, 2, 3,
			4 } }).removed());
		final double[] lightNaN = sine(n, 1.8, 1, 0);
		lightNaN[5] = Double.NaN;
		assertFalse(BackgroundLight.regressOutWithMotion(ppg, lightNaN, null).removed(), "a light that is not a number");
	}

	private static Video frames(final int w, final int h, final int n) {
		final ImageStack s = new ImageStack(w, h);
		for (int t = 0; t < n; t++) {
			final ColorProcessor cp = new ColorProcessor(w, h);
			// brightness rises with y and the frame number: each point's mean tells which rows were averaged
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int v = Math.min(255, y + t);
					cp.set(x, y, (v << 16) | (v << 8) | v);
				}
			s.addSlice(cp);
		}
		return Video.of(new ImagePlus("v", s), FPS, "v", null);
	}

	@Test
	void theBackgroundLeavesOutTheFaceAndEverythingBelowIt() {
		final Video v = frames(192, 144, 2);
		final FaceTrack face = FaceTracker.fixed(v, new Box(70, 20, 50, 60));
		final BackgroundLight bg = BackgroundLight.of(face, v.width(), v.height());
		assertNotNull(bg);
		// rows from 0 up to the box's lower edge (y = 80) only: their mean brightness is below 80
		final double mean = bg.mean(v.frame(0));
		assertTrue(mean < 80 && mean > 20, "mean row " + mean);
		assertEquals(mean + 1, bg.mean(v.frame(1)), 1e-9, "the same points in every frame");
	}

	@Test
	void aFaceThatFillsTheFrameHasNoBackground() {
		final Video v = frames(64, 48, 1);
		assertNull(BackgroundLight.of(FaceTracker.fixed(v, new Box(2, 2, 60, 44)), v.width(), v.height()));
	}

	@Test
	void aStillBackgroundChangesNothingInThePipeline() {
		final int n = 600;
		final double[] raw = sine(n, 1.2, 1, 0), light = new double[n];
		java.util.Arrays.fill(light, 87.25);
		final java.util.List<String> log = new java.util.ArrayList<>();
		final org.pulsej.pipeline.HeartRatePipeline p = new org.pulsej.pipeline.HeartRatePipeline(
			new org.pulsej.pipeline.EstimateOptions()).log(log::add);
		final org.pulsej.signal.RgbTrace trace = new org.pulsej.signal.RgbTrace(raw, raw, raw);
		final double[] plain = p.fromTrace("v", withGreen(trace, raw), FPS).ppg();
		final double[] withStill = p.fromTrace("v", withGreen(trace, raw).withBackground(light), FPS).ppg();
		assertArrayEquals(plain, withStill, 0);
		assertTrue(log.isEmpty(), String.valueOf(log));
	}

	/** A trace whose green carries {@code pulse} on a skin-like level, red and blue steady. */
	private static org.pulsej.signal.RgbTrace withGreen(final org.pulsej.signal.RgbTrace t, final double[] pulse) {
		final double[] r = new double[pulse.length], g = new double[pulse.length], b = new double[pulse.length];
		for (int i = 0; i < pulse.length; i++) {
			r[i] = 180 + 0.2 * pulse[i];
			g[i] = 120 + 0.5 * pulse[i];
			b[i] = 100 + 0.3 * pulse[i];
		}
		return new org.pulsej.signal.RgbTrace(r, g, b);
	}

	/**
	 * R, G, B of skin (a pulse that darkens green most) under a lamp whose ripple {@code light} is warm
	 * (stronger in red, weaker in blue) and a steady light {@code black} that does not ripple.
	 */
	private static org.pulsej.signal.RgbTrace skin(final double[] pulse, final double[] light, final double black) {
		final int n = pulse.length;
		final double[] r = new double[n], g = new double[n], b = new double[n];
		for (int i = 0; i < n; i++) {
			r[i] = 180 * (1 + 1.2 * light[i]) * (1 - 0.43 * 0.0015 * pulse[i]) + black;
			g[i] = 120 * (1 + light[i]) * (1 - 0.0015 * pulse[i]) + black;
			b[i] = 100 * (1 + 0.8 * light[i]) * (1 - 0.69 * 0.0015 * pulse[i]) + black;
		}
		return new org.pulsej.signal.RgbTrace(r, g, b);
	}

	private static double[] background(final double[] relative) {
		final double[] x = new double[relative.length];
		for (int i = 0; i < x.length; i++)
			x[i] = 90 * (1 + relative[i]);
		return x;
	}

	@Test
	void aLampSeenOnFaceAndBackgroundIsTakenOutOfTheColourSignal() {
		final int n = 900;
		final double[] pulse = sine(n, 72 / 60.0, 1, 0), lamp = sine(n, 1.9, 0.02, 0.4);
		// GREEN cancels no change of brightness: its signal is mostly the ripple (POS cancels a clean one;
		// the generated lamp videos show what it keeps of a real one)
		final org.pulsej.signal.RgbTrace trace = skin(pulse, lamp, 12).withBackground(background(lamp));
		final java.util.List<String> log = new java.util.ArrayList<>();
		final org.pulsej.pipeline.EstimateOptions green = new org.pulsej.pipeline.EstimateOptions().method(
			org.pulsej.signal.PulseMethod.GREEN);
		final double[] removed = new org.pulsej.pipeline.HeartRatePipeline(green).log(log::add).fromTrace("v", trace,
			FPS).ppg();
		final double[] kept = new org.pulsej.pipeline.HeartRatePipeline(green.copy().removeBackgroundLight(false))
			.fromTrace("v", trace, FPS).ppg();
		final double before = Math.abs(correlation(kept, pulse)), after = Math.abs(correlation(removed, pulse));
		assertTrue(before < 0.2 && after > 0.97, "r with the pulse: " + before + " kept, " + after + " removed");
		assertTrue(log.stream().anyMatch(s -> s.contains("background's light explained")), String.valueOf(log));
	}

	@Test
	void theFacesOwnPulseSeenInTheBackgroundStays() {
		final int n = 900;
		final double[] pulse = sine(n, 72 / 60.0, 1, 0), leak = new double[n];
		for (int i = 0; i < n; i++)
			leak[i] = -0.00005 * pulse[i]; // skin just outside the box: the same pulse, a thirtieth as strong
		final org.pulsej.signal.RgbTrace trace = skin(pulse, new double[n], 0).withBackground(background(leak));
		final java.util.List<String> log = new java.util.ArrayList<>();
		final double[] ppg = new org.pulsej.pipeline.HeartRatePipeline(new org.pulsej.pipeline.EstimateOptions()).log(
			log::add).fromTrace("v", trace, FPS).ppg();
		final double[] kept = new org.pulsej.pipeline.HeartRatePipeline(new org.pulsej.pipeline.EstimateOptions()
			.removeBackgroundLight(false)).fromTrace("v", trace, FPS).ppg();
		// without the relative-change test, the leak explained all of the pulse signal and took it out
		assertTrue(BackgroundLight.regressOut(kept, org.pulsej.pipeline.HeartRatePipeline.clean(background(leak), FPS,
			org.pulsej.signal.BpmBand.HEART)).explained() > 0.9);
		assertArrayEquals(kept, ppg, 0);
		assertTrue(log.isEmpty(), String.valueOf(log));
	}
}

package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class PulseExtractorTest {

	private static final double FPS = 30;

	/** Relative pulse amplitude per colour (blood-volume signature of skin), R:G:B. */
	private static final double[] PBV = { 0.33, 0.77, 0.53 };

	/** Blood volume at 72 bpm with a second harmonic. */
	private static double bloodVolume(final double s) {
		return Math.sin(2 * Math.PI * 1.2 * s) + 0.3 * Math.sin(2 * Math.PI * 2.4 * s + 0.5);
	}

	/**
	 * Skin colour whose reflectance drops by 0.5 %·PBV with blood volume, under an illumination
	 * that drifts by several percent and flickers at 108 bpm with 1 % amplitude, plus sensor noise.
	 */
	private static RgbTrace skin(final int n, final double fps, final double flicker, final double drift) {
		final double[] base = { 150, 110, 90 };
		final double[][] c = new double[3][n];
		final Random rnd = new Random(42);
		for (int t = 0; t < n; t++) {
			final double s = t / fps;
			final double light = 1 + drift * (s / 30 + 0.5 * Math.sin(2 * Math.PI * 0.07 * s)) + flicker * Math.sin(2 *
				Math.PI * 1.8 * s);
			for (int k = 0; k < 3; k++)
				c[k][t] = base[k] * light * (1 - 0.005 * PBV[k] * bloodVolume(s)) + 0.05 * rnd.nextGaussian();
		}
		return new RgbTrace(c[0], c[1], c[2]);
	}

	private static double[] clean(final double[] raw) {
		return BandPass.filter(Detrend.smoothnessPriors(raw, 100), FPS, BpmBand.HEART);
	}

	@Test
	void posAndChromCancelIlluminationThatFoolsGreen() {
		final RgbTrace trace = skin(900, FPS, 0.01, 0.04);
		final double pos = HeartRate.fromPpg(clean(new Pos().extract(trace, FPS)), FPS, BpmBand.HEART);
		final double chrom = HeartRate.fromPpg(clean(new Chrom().extract(trace, FPS)), FPS, BpmBand.HEART);
		final double green = HeartRate.fromPpg(clean(new Green().extract(trace, FPS)), FPS, BpmBand.HEART);
		assertEquals(72, pos, 1, "POS");
		assertEquals(72, chrom, 1, "CHROM");
		assertTrue(Math.abs(green - 72) > 10, "GREEN should lock onto the 108 bpm flicker: " + green);
		// and the raw outputs (no cleaning) already give the right rate for POS and CHROM
		assertEquals(72, HeartRate.fromPpg(new Pos().extract(trace, FPS), FPS, BpmBand.HEART), 1);
		assertEquals(72, HeartRate.fromPpg(new Chrom().extract(trace, FPS), FPS, BpmBand.HEART), 1);
	}

	@Test
	void posAlphaTuningCancelsAColouredFlicker() {
		// light whose colour flickers at 108 bpm (e.g. a monitor): relative change (0, −0.1, +0.3)·i(t)
		// gives S1 = −0.4·i and S2 = +0.2·i, which only S1 + (σ1/σ2)·S2 = S1 + 2·S2 cancels
		final int n = 900;
		final double[] tint = { 0, -0.1, 0.3 }, base = { 150, 110, 90 };
		final double[][] c = new double[3][n];
		final Random rnd = new Random(3);
		for (int t = 0; t < n; t++) {
			final double s = t / FPS, flicker = 0.02 * Math.sin(2 * Math.PI * 1.8 * s);
			for (int k = 0; k < 3; k++)
				c[k][t] = base[k] * (1 + tint[k] * flicker) * (1 - 0.005 * PBV[k] * bloodVolume(s)) + 0.05 * rnd
					.nextGaussian();
		}
		final RgbTrace trace = new RgbTrace(c[0], c[1], c[2]);
		assertEquals(72, HeartRate.fromPpg(clean(new Pos().extract(trace, FPS)), FPS, BpmBand.HEART), 1);
	}

	@Test
	void allMethodsRiseWithBloodVolumeUnderSteadyLight() {
		final int n = 600;
		final RgbTrace trace = skin(n, FPS, 0, 0);
		final double[] truth = new double[n];
		for (int t = 0; t < n; t++)
			truth[t] = bloodVolume(t / FPS);
		for (final PulseMethod m : PulseMethod.values()) {
			final double[] raw = m.extractor().extract(trace, FPS);
			assertEquals(n, raw.length, m.name());
			final double[] ppg = clean(raw);
			// leave out the first and last window, where the overlap-add ramps
			final double r = Metrics.pearson(slice(ppg, 60, n - 60), slice(truth, 60, n - 60));
			assertTrue(r > 0.9, m + " correlation with blood volume " + r);
		}
	}

	@Test
	void outputHasOneValuePerFrameForAnyLengthAndRate() {
		for (final double fps : new double[] { 25, 29.97, 30, 60 })
			for (final int n : new int[] { 97, 300, 611 }) {
				final RgbTrace trace = skin(n, fps, 0.005, 0.02);
				for (final PulseMethod m : PulseMethod.values()) {
					final double[] s = m.extractor().extract(trace, fps);
					assertEquals(n, s.length, m + " " + fps + " fps " + n);
					for (final double v : s)
						assertTrue(Double.isFinite(v), m + " " + fps + " fps " + n);
				}
			}
	}

	@Test
	void chromCoversTheTail() {
		// the last second must carry pulse, not the zeros the original overlap-add leaves
		final int n = 611;
		final double[] s = clean(new Chrom().extract(skin(n, FPS, 0, 0), FPS));
		final double[] truth = new double[n];
		for (int t = 0; t < n; t++)
			truth[t] = bloodVolume(t / FPS);
		assertTrue(Metrics.pearson(slice(s, n - 60, n - 10), slice(truth, n - 60, n - 10)) > 0.8);
	}

	@Test
	void greenWorksOnGreyVideo() {
		final int n = 600;
		final double[] y = new double[n];
		for (int t = 0; t < n; t++)
			y[t] = 120 * (1 - 0.004 * bloodVolume(t / FPS));
		final double[] ppg = clean(new Green().extract(RgbTrace.grey(y), FPS));
		assertEquals(72, HeartRate.fromPpg(ppg, FPS, BpmBand.HEART), 0.5);
		// POS sees no colour at all in a grey trace: nothing comes out, and nothing blows up
		for (final double v : new Pos().extract(RgbTrace.grey(y), FPS))
			assertEquals(0, v, 1e-12);
	}

	@Test
	void tooShortTraceNamesTheMinimum() {
		final RgbTrace t = skin(30, FPS, 0, 0);
		final PulseJException e = assertThrows(PulseJException.class, () -> new Pos().extract(t, FPS));
		assertTrue(e.getMessage().contains("48 frames at 30 fps"), e.getMessage());
		assertThrows(PulseJException.class, () -> new Chrom().extract(t, FPS));
	}

	@Test
	void methodsParseAndKnowWhetherTheyNeedColour() {
		assertEquals(PulseMethod.POS, PulseMethod.parse("pos"));
		assertEquals(PulseMethod.CHROM, PulseMethod.parse(" Chrom "));
		assertEquals(PulseMethod.GREEN, PulseMethod.parse("GREEN"));
		final PulseJException e = assertThrows(PulseJException.class, () -> PulseMethod.parse("ica"));
		assertTrue(e.getMessage().contains("POS, CHROM, GREEN"), e.getMessage());
		assertThrows(PulseJException.class, () -> PulseMethod.parse(null));
		assertTrue(PulseMethod.POS.needsColour());
		assertTrue(PulseMethod.CHROM.needsColour());
		assertFalse(PulseMethod.GREEN.needsColour());
		assertTrue(PulseMethod.POS.extractor() instanceof Pos);
		assertTrue(PulseMethod.CHROM.extractor() instanceof Chrom);
		assertTrue(PulseMethod.GREEN.extractor() instanceof Green);
	}

	@Test
	void traceRejectsUnequalOrMissingValues() {
		assertThrows(PulseJException.class, () -> new RgbTrace(new double[3], new double[3], new double[2]));
		assertThrows(PulseJException.class, () -> new RgbTrace(new double[] { 1, Double.NaN }, new double[2],
			new double[2]));
		final double[] r = { 1, 2, 3 };
		final RgbTrace t = new RgbTrace(r, r, r);
		r[0] = 99;
		assertEquals(1, t.r()[0], "copied in");
		t.g()[1] = 99;
		assertEquals(2, t.g()[1], "copied out");
	}

	private static double[] slice(final double[] x, final int from, final int to) {
		return java.util.Arrays.copyOfRange(x, from, to);
	}
}

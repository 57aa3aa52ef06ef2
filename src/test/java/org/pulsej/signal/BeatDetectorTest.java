package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.pulsej.synth.BeatSequence;
import org.pulsej.synth.PulseWaveform;
import org.pulsej.synth.SyntheticVideoSpec;

/** Beats, HRV and breathing from synthetic PPGs whose beats are known exactly. */
class BeatDetectorTest {

	/** A PPG of known beats: the generator's waveform on a beat sequence, sampled at fps, plus noise. */
	record Known(double[] ppg, double[] beats, double seconds, double fps) {}

	static Known known(final SyntheticVideoSpec spec, final double noise, final long seed) {
		final double fps = spec.fps();
		final int n = spec.frames();
		final double duration = (n - 1) / fps;
		final DoubleUnaryOperator phase = new BeatSequence(spec, duration, 0.3, 0.7, new SplittableRandom(seed));
		final double[] x = new double[n];
		final double[] e = Signals.noise(n, noise, seed + 1);
		for (int t = 0; t < n; t++)
			x[t] = PulseWaveform.at(phase.applyAsDouble(t / fps)) + e[t];
		return new Known(x, BeatSequence.peakTimes(phase, duration), n / fps, fps);
	}

	static BeatComparison compare(final Known k) {
		final BeatDetector.Beats b = BeatDetector.detect(k.ppg(), k.fps(), Double.NaN, BpmBand.HEART);
		final BeatComparison c = BeatComparison.of(b, k.beats(), 0, k.seconds());
		System.out.printf("%s; matched %d/%d, |err| median %.2f ms, bias %.2f ms, SDNN %.1f vs %.1f ms (%+.1f %%), " +
			"RMSSD %.1f vs %.1f ms (%+.1f %%) %s%n", BeatDetector.describe(b), c.matched(), c.reference(), c
				.medianAbsErrorMs(), c.meanErrorMs(), c.sdnnEstMs(), c.sdnnRefMs(), 100 * c.sdnnRelativeError(), c
					.rmssdEstMs(), c.rmssdRefMs(), 100 * c.rmssdRelativeError(), b.rejectionSummary());
		return c;
	}

	static final SyntheticVideoSpec BASE = new SyntheticVideoSpec().seconds(120).hrBpm(72).respirationBpm(15);

	@Test
	void respiratorySinusArrhythmiaIsTimedWithinAFewMilliseconds() {
		final BeatComparison c = compare(known(BASE.copy().rsaBpm(5), 0.1, 1));
		assertTrue(c.matched() >= c.reference() - 1, "every beat found");
		assertTrue(c.medianAbsErrorMs() <= 5, "timing error " + c.medianAbsErrorMs() + " ms");
		assertEquals(0, c.rmssdRelativeError(), 0.1);
		assertEquals(0, c.sdnnRelativeError(), 0.05);
		assertTrue(c.sdnnRefMs() > 30, "±5 bpm around 72 bpm swings the intervals by ±58 ms (SDNN ≈ 41 ms): " + c
			.sdnnRefMs());
	}

	@Test
	void aSeriesOfKnownRmssdKeepsItsRmssd() {
		final BeatComparison c = compare(known(BASE.copy().rmssdMs(40), 0.2, 2));
		assertEquals(40, c.rmssdRefMs(), 8, "the generator's jitter");
		assertTrue(c.medianAbsErrorMs() <= 5, "timing error " + c.medianAbsErrorMs() + " ms");
		assertEquals(0, c.rmssdRelativeError(), 0.1);
		assertEquals(0, c.sdnnRelativeError(), 0.05);
	}

	@Test
	void peaksAreTimedWithoutBiasFrom50To150Bpm() {
		for (final double hr : new double[] { 50, 72, 100, 150 }) {
			final BeatComparison c = compare(known(BASE.copy().seconds(60).hrBpm(hr).rsaBpm(3), 0.05, 3));
			assertTrue(Math.abs(c.meanErrorMs()) < 5, hr + " bpm: bias " + c.meanErrorMs() + " ms");
			assertTrue(c.matched() >= c.reference() - 1, hr + " bpm: " + c.matched() + " of " + c.reference());
		}
	}

	/**
	 * At the band's edges (40 and 180 bpm) half of the intervals lie outside it, as a heart's rate varies
	 * about its mean: each was rejected, so HRV came from the shorter (or longer) half alone or was empty
	 * (SDNN 30 ms for 92). The band bounds the rate, with a margin for single beats.
	 */
	@Test
	void beatsAtTheBandsEdgesKeepTheirIntervals() {
		for (final double hr : new double[] { 40, 180 }) {
			final Known k = known(BASE.copy().seconds(60).hrBpm(hr).rsaBpm(3), 0.05, 5);
			final BeatDetector.Beats b = BeatDetector.detect(k.ppg(), k.fps(), Double.NaN, BpmBand.HEART);
			assertTrue(b.validIntervals() >= 0.9 * b.intervals(), hr + " bpm: " + b.rejectionSummary());
			// at 40 bpm ±3 the intervals swing by ±110 ms, which SDNN must keep (at 180, by ±6 ms: frame timing's size)
			if (hr == 40) assertEquals(0, compare(k).sdnnRelativeError(), 0.15, hr + " bpm");
		}
	}

	@Test
	void noiseHasNoBeatsQualityZeroAndNoNumbers() {
		for (long seed = 10; seed < 16; seed++) {
			final double[] noise = Signals.noise(3600, 1, seed);
			final BeatDetector.Beats b = BeatDetector.detect(noise, 30, Double.NaN, BpmBand.HEART);
			assertTrue(b.count() > 50, "noise has peaks");
			final HeartRateVariability h = HeartRateVariability.of(b);
			assertEquals(0, h.quality(), 0, "seed " + seed + ": " + BeatDetector.describe(b) + " " + b.rejectionSummary());
			assertTrue(Double.isNaN(h.sdnnMs()) && Double.isNaN(h.rmssdMs()) && Double.isNaN(h.hrBpm()) && Double.isNaN(h
				.pnn50Pct()), "no numbers");
			assertTrue(h.note().startsWith("too few valid intervals"), h.note());
			assertTrue(Double.isNaN(RespirationRate.fromBeats(b, BpmBand.RESPIRATION).bpm()));
		}
		// pure white noise: every stretch fails the pulse check
		final BeatDetector.Beats b = BeatDetector.detect(Signals.noise(3600, 1, 11), 30, Double.NaN, BpmBand.HEART);
		assertEquals(0, b.quality(), 0.0, b.rejectionSummary());
		assertTrue(b.rejected().get(BeatDetector.Reason.NO_PULSE) > 50);
		final BeatDetector.Beats flat = BeatDetector.detect(new double[900], 30, Double.NaN, BpmBand.HEART);
		assertEquals(0, flat.count());
		assertEquals(0, HeartRateVariability.of(flat).quality());
		assertEquals("no beats found", HeartRateVariability.of(flat).note());
	}

	@Test
	void aMissingBeatIsRejectedWithItsReason() {
		final Known k = known(BASE.copy().seconds(60), 0.02, 4);
		// flatten one beat: the interval across it is twice as long
		final int at = (int) Math.round(k.beats()[30] * 30);
		for (int i = at - 12; i <= at + 12; i++)
			k.ppg()[i] = k.ppg()[at - 13];
		final BeatDetector.Beats b = BeatDetector.detect(k.ppg(), 30, 72, BpmBand.HEART);
		final java.util.Map<BeatDetector.Reason, Integer> r = b.rejected();
		assertTrue(!r.isEmpty() && r.keySet().stream().allMatch(x -> x == BeatDetector.Reason.IRREGULAR ||
			x == BeatDetector.Reason.LOW_AMPLITUDE || x == BeatDetector.Reason.SHAPE), b.rejectionSummary());
		assertTrue(b.intervals() - b.validIntervals() <= 3, b.rejectionSummary());
		for (int j = 0; j < b.count(); j++)
			if (b.valid(j)) assertEquals(833, b.ibiMs()[j], 40, "valid intervals are single beats");
	}

	@Test
	void timeDomainMeasuresOfAKnownSeries() {
		// intervals alternate 800, 900 ms: SDNN = 50 (n-1: a bit more), RMSSD = 100, pNN50 = 100 %
		final int n = 101;
		final double[] t = new double[n];
		for (int k = 1; k < n; k++)
			t[k] = t[k - 1] + (k % 2 == 0 ? 0.8 : 0.9);
		final HeartRateVariability h = HeartRateVariability.of(BeatComparison.reference(t, t[n - 1] + 0.5, 0));
		assertEquals(100, h.rmssdMs(), 1e-6);
		assertEquals(50 * Math.sqrt(100.0 / 99), h.sdnnMs(), 1e-6);
		assertEquals(100, h.pnn50Pct(), 1e-9);
		assertEquals(60000 / 850.0, h.hrBpm(), 1e-6);
		assertEquals(1, h.quality());
		assertTrue(Double.isNaN(h.lfHf()) && h.note().contains("LF/HF needs at least 120 s"), h.note());
	}

	@Test
	void lfHfFollowsTheRhythmOfTheIntervals() {
		assertTrue(lfHf(0.1) > 5, "a 0.1 Hz (Mayer wave) rhythm is LF");
		assertTrue(lfHf(0.25) < 0.2, "a 0.25 Hz (breathing) rhythm is HF");
	}

	private static double lfHf(final double hz) {
		final double[] t = new double[400];
		for (int k = 1; k < t.length; k++)
			t[k] = t[k - 1] + 0.8 + 0.05 * Math.sin(2 * Math.PI * hz * t[k - 1]);
		final HeartRateVariability h = HeartRateVariability.of(BeatComparison.reference(t, t[t.length - 1] + 0.5, 0));
		assertEquals("", h.note());
		return h.lfHf();
	}

	@Test
	void slidingWindowsOfSixtySecondsEveryTen() {
		final Known k = known(BASE.copy().rsaBpm(5), 0.1, 5);
		final BeatDetector.Beats b = BeatDetector.detect(k.ppg(), 30, Double.NaN, BpmBand.HEART);
		final java.util.List<HeartRateVariability> w = HeartRateVariability.windows(b, 60, 10);
		assertEquals(7, w.size(), "0-60 ... 60-120 s");
		for (final HeartRateVariability h : w) {
			assertEquals(72, h.hrBpm(), 1.5);
			assertTrue(h.quality() > 0.9);
			assertTrue(Double.isNaN(h.lfHf()));
		}
		final HeartRateVariability all = HeartRateVariability.of(b);
		assertTrue(!Double.isNaN(all.lfHf()), "120 s: LF/HF " + all.note());
	}

	@Test
	void breathingFromTheBeatsOfAPpg() {
		for (final double breaths : new double[] { 9, 15, 20 }) {
			final Known k = known(BASE.copy().seconds(60).respirationBpm(breaths).rsaBpm(5), 0.1, 6);
			final RespirationRate.FromBeats r = RespirationRate.fromBeats(BeatDetector.detect(k.ppg(), 30, Double.NaN,
				BpmBand.HEART), BpmBand.RESPIRATION);
			System.out.println(breaths + "/min: " + r);
			assertEquals(breaths, r.bpm(), 1, r.reason());
		}
		for (long seed = 7; seed < 17; seed++) {
			final Known steady = known(BASE.copy().seconds(60).rmssdMs(seed == 7 ? 0.01 : 20), 0.05, seed);
			final RespirationRate.FromBeats none = RespirationRate.fromBeats(BeatDetector.detect(steady.ppg(), 30,
				Double.NaN, BpmBand.HEART), BpmBand.RESPIRATION);
			System.out.println("no breathing in the beats: " + none);
			assertTrue(Double.isNaN(none.bpm()) && none.reason().startsWith("no breathing rhythm"), none.reason());
		}
	}
}

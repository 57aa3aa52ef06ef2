package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class HeartRateTest {

	private static final double FPS = 30;

	@Test
	void noisySineAt72BpmOver10And30Seconds() {
		for (final double seconds : new double[] { 10, 30 }) {
			final double[] x = Signals.plus(Signals.sine(72, FPS, seconds, 1, 0.3), Signals.noise((int) (seconds * FPS),
				0.3, 7));
			final double hr = HeartRate.fromPpg(x, FPS, BpmBand.HEART);
			assertEquals(72, hr, 0.2, seconds + " s");
		}
	}

	@Test
	void segmentOverloadUsesOnlyTheSegment() {
		final double[] a = Signals.sine(60, FPS, 20, 1, 0), b = Signals.sine(120, FPS, 20, 1, 0);
		final double[] x = new double[a.length + b.length];
		System.arraycopy(a, 0, x, 0, a.length);
		System.arraycopy(b, 0, x, a.length, b.length);
		assertEquals(60, HeartRate.fromPpg(x, 0, a.length, FPS, BpmBand.HEART), 0.2);
		assertEquals(120, HeartRate.fromPpg(x, a.length, x.length, FPS, BpmBand.HEART), 0.2);
	}

	@Test
	void subBinRefinementBeatsTheRawBin() {
		// no padding: the raw grid is 6 bpm for 10 s, so the raw bin alone is off by up to 3 bpm
		double rawErr = 0, refinedErr = 0, maxRefined = 0;
		int count = 0;
		for (double bpm = 61.3; bpm < 170; bpm += 3.7) {
			final double[] x = Signals.sine(bpm, FPS, 10, 1, 0.7);
			final PowerSpectrum s = PowerSpectrum.of(x, 0, x.length, FPS, 1);
			final double raw = s.frequencyHz()[HeartRate.peakBin(s, BpmBand.HEART)] * 60;
			final double refined = HeartRate.fromSpectrum(s, BpmBand.HEART);
			rawErr += Math.abs(raw - bpm);
			refinedErr += Math.abs(refined - bpm);
			maxRefined = Math.max(maxRefined, Math.abs(refined - bpm));
			count++;
		}
		rawErr /= count;
		refinedErr /= count;
		assertTrue(refinedErr < rawErr / 3, "refined " + refinedErr + " vs raw " + rawErr);
		// the shift is bounded by half a bin
		assertTrue(maxRefined < 0.5 * FPS / 512 * 60 + 1.0, "max refined error " + maxRefined);
	}

	@Test
	void defaultPaddingLeavesNegligibleGridError() {
		double maxGrid = 0, maxErr30 = 0;
		for (double bpm = 40.17; bpm < 180; bpm += 2.37)
			for (final double seconds : new double[] { 10, 30 }) {
				final double[] x = Signals.sine(bpm, FPS, seconds, 1, 0.2);
				final double hr = HeartRate.fromPpg(x, FPS, BpmBand.HEART);
				// 64× padding stands in for the continuous spectrum (it agrees with 256× within 0.0002 bpm)
				maxGrid = Math.max(maxGrid, Math.abs(hr - HeartRate.fromPpg(x, 0, x.length, FPS, BpmBand.HEART, 64)));
				if (seconds == 30) maxErr30 = Math.max(maxErr30, Math.abs(hr - bpm));
			}
		assertTrue(maxGrid < 0.002, "max difference to 64× padding " + maxGrid + " bpm");
		assertTrue(maxErr30 < 0.02, "max error for clean 30 s sines " + maxErr30 + " bpm");
	}

	@Test
	void bandEdgesAreHonoured() {
		// a strong 30 bpm component (e.g. breathing/motion) must be ignored in 40–180 bpm
		final double[] x = Signals.plus(Signals.sine(30, FPS, 30, 2, 0), Signals.sine(72, FPS, 30, 1, 1));
		assertEquals(72, HeartRate.fromPpg(x, FPS, BpmBand.HEART), 0.2);
		// with only out-of-band content the answer still lies inside the band
		final double hr = HeartRate.fromPpg(Signals.sine(30, FPS, 30, 1, 0), FPS, BpmBand.HEART);
		assertTrue(BpmBand.HEART.contains(hr), "hr " + hr);
		assertTrue(hr < 45, "the only in-band power is leakage from the 30 bpm peak, largest near the lower edge: " + hr);
		// the same signal with a band that includes 30 bpm finds it
		assertEquals(30, HeartRate.fromPpg(x, FPS, new BpmBand(20, 40)), 0.2);
	}

	@Test
	void flatSignalHasNoHeartRate() {
		assertTrue(Double.isNaN(HeartRate.fromPpg(new double[300], FPS, BpmBand.HEART)));
	}

	@Test
	void badInputIsExplained() {
		final double[] x = Signals.sine(72, 5, 20, 1, 0);
		final PulseJException e = assertThrows(PulseJException.class, () -> HeartRate.fromPpg(x, 5, BpmBand.HEART));
		assertTrue(e.getMessage().contains("half the frame rate"), e.getMessage());
		final double[] y = Signals.sine(72, FPS, 10, 1, 0);
		y[5] = Double.NaN;
		assertThrows(PulseJException.class, () -> HeartRate.fromPpg(y, FPS, BpmBand.HEART));
		assertThrows(PulseJException.class, () -> HeartRate.fromPpg(y, 10, 5, FPS, BpmBand.HEART));
	}
}

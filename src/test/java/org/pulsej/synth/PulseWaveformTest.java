package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PulseWaveformTest {

	@Test
	void oneBeatHasASystolicPeakADicroticNotchAndADiastolicPeak() {
		final int n = 1000;
		final double[] w = new double[n];
		double mean = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (int i = 0; i < n; i++) {
			w[i] = PulseWaveform.at(i / (double) n);
			mean += w[i] / n;
			min = Math.min(min, w[i]);
			max = Math.max(max, w[i]);
		}
		assertEquals(0, mean, 1e-3);
		assertEquals(2, max - min, 1e-3);
		final List<Integer> peaks = new ArrayList<>(), troughs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final double a = w[(i + n - 1) % n], b = w[i], c = w[(i + 1) % n];
			if (b > a && b >= c) peaks.add(i);
			if (b < a && b <= c) troughs.add(i);
		}
		assertEquals(2, peaks.size(), "systolic and diastolic peaks: " + peaks);
		assertEquals(2, troughs.size(), "notch and end-diastole: " + troughs);
		final int systole = peaks.get(0), diastole = peaks.get(1), notch = troughs.get(0);
		assertTrue(systole < notch && notch < diastole, "the notch lies between the peaks");
		assertTrue(w[diastole] < w[systole] && w[notch] < w[diastole]);
		// not a sine: the second harmonic carries real power
		final double[] p = Spectra.power(repeat(w, 8));
		final int f1 = 8 * 16, f2 = 2 * f1; // 8 cycles, zero-padded 16×
		assertTrue(p[f2] > 0.05 * p[f1], "second harmonic " + p[f2] / p[f1] + " of the fundamental");
	}

	@Test
	void phaseIntegratesARampingRate() {
		// 60 → 120 bpm over 60 s: mean 90 bpm, so 90 beats
		assertEquals(90, PulseWaveform.phase(60, 60, 120, 60), 1e-12);
		assertEquals(0, PulseWaveform.phase(0, 60, 120, 60));
		// instantaneous frequency = derivative of the phase = hr(t) / 60
		final double t = 20, dt = 1e-4;
		final double f = (PulseWaveform.phase(t + dt, 60, 120, 60) - PulseWaveform.phase(t - dt, 60, 120, 60)) / (2 * dt);
		assertEquals(80 / 60.0, f, 1e-9);
		assertEquals(PulseWaveform.at(0.3), PulseWaveform.at(7.3), 1e-12, "periodic");
	}

	private static double[] repeat(final double[] w, final int times) {
		final double[] r = new double[w.length * times];
		for (int i = 0; i < r.length; i++)
			r[i] = w[i % w.length];
		return r;
	}
}

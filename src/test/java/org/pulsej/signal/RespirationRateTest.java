package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.ColorTraces;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/** Breathing rate from the colour trace: known traces, then synthetic face videos with breathing. */
class RespirationRateTest {

	static final double FPS = 30;

	/** Skin colour with breathing (blood-colour direction), pulse, a light step and a drift. */
	static RgbTrace trace(final double breathsPerMinute, final double seconds) {
		final int n = (int) Math.round(seconds * FPS);
		final double[] r = new double[n], g = new double[n], b = new double[n];
		for (int t = 0; t < n; t++) {
			final double time = t / FPS;
			final double breath = 0.003 * Math.sin(2 * Math.PI * breathsPerMinute / 60 * time + 0.4);
			final double pulse = -0.004 * Math.sin(2 * Math.PI * 72 / 60.0 * time);
			final double light = (1 + 0.1 * time / seconds) * (time > seconds / 2 ? 1.15 : 1);
			r[t] = 150 * (1 + 0.43 * (breath + pulse)) * light;
			g[t] = 100 * (1 + breath + pulse) * light;
			b[t] = 80 * (1 + 0.69 * (breath + pulse)) * light;
		}
		return new RgbTrace(r, g, b);
	}

	@Test
	void knownBreathingThroughALightStepAndDrift() {
		for (final double bpm : new double[] { 6, 12, 18, 24 })
			assertEquals(bpm, RespirationRate.fromTrace(trace(bpm, 40), FPS), 0.3, "breathing at " + bpm + "/min");
	}

	/** Breathing beyond 5–25 per minute read as the band's edge (5 for 4, 25 for 26), as if measured: left out now. */
	@Test
	void breathingBeyondTheBandIsNotReadAsItsEdge() {
		for (final double bpm : new double[] { 4, 26 })
			assertTrue(Double.isNaN(RespirationRate.fromTrace(trace(bpm, 40), FPS)), bpm + "/min: " + RespirationRate
				.fromTrace(trace(bpm, 40), FPS));
		assertEquals(5.7, RespirationRate.fromTrace(trace(5.7, 40), FPS), 0.3, "near the edge, inside");
	}

	@Test
	void plainGreenWouldFollowTheLightStepWhereTheChrominanceDoesNot() {
		// the reason for the chrominance: the same trace's green channel alone gives the step's spectrum
		final RgbTrace t = trace(15, 40);
		final double green = RespirationRate.fromTrace(RgbTrace.grey(t.g()), FPS);
		assertTrue(Math.abs(green - 15) > 2, "green alone: " + green);
		assertEquals(15, RespirationRate.fromTrace(t, FPS), 0.3);
	}

	@Test
	void greyVideoUsesTheIntensity() {
		final double[] x = new double[(int) (40 * FPS)];
		for (int t = 0; t < x.length; t++)
			x[t] = 100 * (1 + 0.004 * Math.sin(2 * Math.PI * 10 / 60.0 * t / FPS));
		assertEquals(10, RespirationRate.fromTrace(RgbTrace.grey(x), FPS), 0.3);
	}

	@Test
	void tooShortIsRefusedWithTheMinimum() {
		assertEquals(360, RespirationRate.minimumFrames(FPS, BpmBand.RESPIRATION), "one breath at 5/min");
		final PulseJException e = assertThrows(PulseJException.class, () -> RespirationRate.fromTrace(trace(15, 10),
			FPS));
		assertTrue(e.getMessage().contains("360 frames") && e.getMessage().contains("300"), e.getMessage());
	}

	/** Synthetic face videos (whole frame, as a face-cropped video): within ±2 breaths/min. */
	@Test
	void syntheticVideosWithinTwoBreathsPerMinute() {
		final List<SyntheticVideoSpec> specs = new ArrayList<>();
		final List<String> names = new ArrayList<>();
		final SyntheticVideoSpec base = new SyntheticVideoSpec().size(128, 96).seconds(30).fps(FPS);
		specs.add(base.copy().respirationBpm(6).hrBpm(65).seed(1));
		names.add("still");
		specs.add(base.copy().respirationBpm(11).hrBpm(80).brightness(0.3).seed(2));
		names.add("dim (0.3)");
		specs.add(base.copy().respirationBpm(17).hrBpm(95).driftFraction(0.2).seed(3));
		names.add("light drift 20 %");
		specs.add(base.copy().respirationBpm(24).hrBpm(70).flickerHz(100).flickerAmplitude(0.02).seed(4));
		names.add("100 Hz flicker");
		specs.add(base.copy().respirationBpm(9).hrBpm(110).noiseSigma(4).seed(5));
		names.add("sensor noise 4");
		specs.add(base.copy().respirationBpm(20).hrRamp(60, 90).rotationDeg(3).seed(6));
		names.add("head tilt 3°, HR ramp");
		specs.add(base.copy().respirationBpm(14).hrBpm(75).respirationAmplitude(0.001).seed(7));
		names.add("weak breathing (0.1 %)");
		specs.add(base.copy().respirationBpm(16).hrBpm(85).seconds(60).seed(8));
		names.add("60 s");
		final StringBuilder table = new StringBuilder("video                      true   est\n");
		double worst = 0;
		for (int i = 0; i < specs.size(); i++) {
			final SyntheticVideoSpec spec = specs.get(i);
			final Video v = Video.of(SyntheticFaceVideo.virtual(spec).video(), FPS, names.get(i), null);
			final RgbTrace tr = ColorTraces.means(v, t -> new Rectangle(0, 0, v.width(), v.height()), Progress.NONE);
			final double est = RespirationRate.fromTrace(tr, FPS);
			table.append(String.format(Locale.ROOT, "%-25s %5.1f %5.2f%n", names.get(i), spec.respirationBpm(), est));
			worst = Math.max(worst, Math.abs(est - spec.respirationBpm()));
		}
		System.out.print(table);
		assertTrue(worst <= 2, "worst error " + worst + " breaths/min:\n" + table);
	}
}

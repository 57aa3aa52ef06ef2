package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.input.FaceVolume;
import org.pulsej.signal.Metrics;
import org.pulsej.util.Progress;

/**
 * Train PhysNet's {@code companion_pulse=}: the PPG of a companion's clip is asked to follow the pulse the
 * companion was drawn with, read over the clip's frames; the user's clips are left to the label-free loss.
 */
class CompanionPulseTest {

	private static final int T = 64;

	private static float[] wave(final double cycles, final double phase, final double scale, final double offset) {
		final float[] x = new float[T];
		for (int i = 0; i < T; i++)
			x[i] = (float) (offset + scale * Math.sin(2 * Math.PI * cycles * i / T + phase));
		return x;
	}

	private static float penalty(final float[] y0, final float[] y1, final float[] target0, final float[] mask,
		final double weight)
	{
		final float[] y = new float[2 * T], target = new float[2 * T];
		System.arraycopy(y0, 0, y, 0, T);
		System.arraycopy(y1, 0, y, T, T);
		System.arraycopy(target0, 0, target, 0, T);
		try (NDManager m = TestEngine.get().newBaseManager()) {
			final NDArray ya = m.create(y, new Shape(2, T));
			return new ContrastiveTrainer.CompanionPulse(target, mask, weight).penalty(ya, m).getFloat();
		}
	}

	@Test
	void theTermIsOneMinusTheCorrelationOfTheCompanionsClipsAlone() {
		final float[] pulse = wave(6, 0.3, 1, 0), noise = wave(13, 1, 5, 2);
		final float[] companionFirst = { 1, 0 };
		// the same rhythm, scaled and offset: r = 1, nothing to pay, whatever the user's clip (second) holds
		assertEquals(0, penalty(wave(6, 0.3, 3, 7), noise, pulse, companionFirst, 2), 1e-4);
		// the pulse upside down: r = -1, the weight twice
		assertEquals(4, penalty(wave(6, 0.3, -1, 0), noise, pulse, companionFirst, 2), 1e-4);
		// a quarter beat late: r = 0
		assertEquals(2, penalty(wave(6, 0.3 - Math.PI / 2, 1, 0), noise, pulse, companionFirst, 2), 1e-3);
		// the user's clip is not scored: its PPG may be anything
		assertEquals(penalty(wave(6, 0.3, 1, 0), wave(3, 0, 1, 0), pulse, companionFirst, 1), penalty(wave(6, 0.3, 1, 0),
			wave(9, 2, 4, 1), pulse, companionFirst, 1), 1e-6);
	}

	@Test
	void aSilentClipOrAFlatPulseCostsTheWeightAndStaysFinite() {
		final float[] pulse = wave(6, 0.3, 1, 0), flat = new float[T];
		java.util.Arrays.fill(flat, 0.25f);
		final float[] one = { 1, 0 };
		// a constant PPG (a silent clip) has no correlation with anything: r = 0, not NaN
		assertEquals(1, penalty(flat, flat, pulse, one, 1), 1e-6);
		assertEquals(1, penalty(wave(6, 0.3, 1, 0), flat, flat, one, 1), 1e-6);
		// a huge PPG does not overflow
		final float v = penalty(wave(6, 0.3, 1e18, 0), flat, pulse, one, 1);
		assertTrue(Float.isFinite(v) && Math.abs(v) < 1e-3, "huge PPG: " + v);
	}

	@Test
	void aCompanionsPulseIsReadOverTheFramesOfItsClip() {
		final double[] ppg = new double[300];
		for (int i = 0; i < ppg.length; i++)
			ppg[i] = i; // a ramp: the value read is the source frame
		final ContrastiveTrainer.CompanionPulse p = new ContrastiveTrainer.CompanionPulse(new float[2 * 10], new float[2],
			1);
		assertFalse(p.any());
		// clip 1 of the batch read 10 frames over 45 source frames from frame 100 (stretched by 4.5)
		p.set(1, ppg, new ContrastiveTrainer.ClipSpan(100, 45), 10);
		assertTrue(p.any());
		assertEquals(0, p.mask()[0]);
		assertEquals(1, p.mask()[1]);
		final FrequencyResampler.Taps taps = FrequencyResampler.taps(300, 10, 100, 45);
		for (int i = 0; i < 10; i++) {
			assertEquals(0, p.target()[i], 0, "clip 0 is the user's");
			assertEquals(taps.i0()[i] + taps.w()[i] * (taps.i1()[i] - taps.i0()[i]), p.target()[10 + i], 1e-4);
		}
		assertTrue(p.target()[10] >= 100 && p.target()[10] < 105, "first frame " + p.target()[10]);
		assertTrue(p.target()[19] > 140 && p.target()[19] <= 145, "last frame " + p.target()[19]);
	}

	@Test
	void trainingWithACompanionsPulseLearnsThePulseAsItBeats(@TempDir final Path dir) {
		// a tiny network, the paper's loss, one user video and one companion with its pulse: the companion's PPG
		// comes out with the pulse's sign and timing (a label-free loss cannot tell the PPG from its negative)
		final List<FaceVolume> mine = List.of(SyntheticFaces.standard().volume(72, 10, 10, 16, 41));
		final LabelledVolume companion = SyntheticFaces.standard().labelled("companion-1", 95, 10, 10, 16, 42);
		final TrainOptions o = ContrastiveTrainerTest.tiny().withEpochs(5).withSamplesPerEpoch(16);
		final ContrastiveTrainerTest.Recorder rec = new ContrastiveTrainerTest.Recorder();
		final double with = trainedCorrelation(mine, companion, o.withCompanionPulse(1), dir.resolve("with"), rec);
		assertTrue(rec.messages.stream().anyMatch(m -> m.contains("companion_pulse=1")), rec.messages.toString());
		final double without = trainedCorrelation(mine, companion, o.withCompanionPulse(0), dir.resolve("without"),
			Progress.NONE);
		System.out.printf("PPG of the companion against its pulse: r = %.3f with companion_pulse=1, %.3f with 0%n", with,
			without);
		assertTrue(with > 0.5, "with: r = " + with);
		assertTrue(with > without + 0.3, "with " + with + ", without " + without);
	}

	private static double trainedCorrelation(final List<FaceVolume> mine, final LabelledVolume companion,
		final TrainOptions o, final Path dir, final Progress p)
	{
		new ContrastiveTrainer().train(mine, List.of(companion), List.of(), ContrastiveTrainerTest.TINY, o, dir, p);
		try (PhysNetModel m = PhysNetModel.load(dir, "cpu")) {
			return Metrics.pearson(m.predictPpg(companion.volume(), Progress.NONE), companion.ppg());
		}
	}
}

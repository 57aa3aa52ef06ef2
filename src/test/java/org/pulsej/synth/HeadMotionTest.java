package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HeadMotionTest {

	@Test
	void smoothMotionPeaksAtTheAmplitudesAsked() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().seconds(20).respirationAmplitude(0).translationPx(12)
			.rotationDeg(8).scaleAmplitude(0.05);
		final HeadMotion m = new HeadMotion(spec, 120, 0, new SplittableRandom(3));
		double shift = 0, angle = 0, scale = 0, step = 0;
		for (int t = 0; t < spec.frames(); t++) {
			shift = Math.max(shift, Math.hypot(m.dx[t], m.dy[t]));
			angle = Math.max(angle, Math.abs(m.angle[t]));
			scale = Math.max(scale, Math.abs(m.scale[t] - 1));
			if (t > 0) step = Math.max(step, Math.hypot(m.dx[t] - m.dx[t - 1], m.dy[t] - m.dy[t - 1]));
			assertEquals(1, m.squash[t], "no turns without sudden moves");
			assertEquals(m.dx[t], m.bodyDx[t], 1e-12, "the body shifts with the head");
			assertEquals(m.dy[t], m.bodyDy[t], 1e-12);
		}
		assertEquals(12, shift, 1e-9);
		assertEquals(Math.toRadians(8), angle, 1e-12);
		assertEquals(0.05, scale, 1e-12);
		assertTrue(step < 12 * 2 * Math.PI * 0.35 * 3 / spec.fps(), "smooth: at most " + step + " px per frame");
	}

	@Test
	void suddenMovesAreQuickAndComeBack() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().seconds(30).respirationAmplitude(0).suddenMoves(4);
		final HeadMotion m = new HeadMotion(spec, 120, 0, new SplittableRandom(5));
		double step = 0, far = 0;
		int still = 0;
		for (int t = 1; t < spec.frames(); t++) {
			step = Math.max(step, Math.abs(m.dx[t] - m.dx[t - 1]));
			far = Math.max(far, Math.abs(m.dx[t]));
			if (m.dx[t] == 0 && m.dy[t] == 0) still++;
		}
		assertTrue(far >= 0.12 * 120, "a jump moves the head by at least 12% of the face height: " + far);
		assertTrue(step > 3, "jumps are fast: " + step + " px per frame");
		assertTrue(still > spec.frames() / 2, "the head rests between jumps: " + still + " still frames");
		assertEquals(0, m.dx[spec.frames() - 1], 1e-9, "and is back at rest by the end");
	}

	@Test
	void breathingMovesHeadAndShouldersUpAndDown() {
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().seconds(8).respirationBpm(15).respirationAmplitude(
			0.01);
		final HeadMotion m = new HeadMotion(spec, 100, 0.3, new SplittableRandom(1));
		double max = 0;
		for (int t = 0; t < spec.frames(); t++) {
			assertEquals(0, m.dx[t]);
			assertEquals(m.dy[t], m.bodyDy[t], 1e-12);
			assertEquals(Math.sin(2 * Math.PI * 0.25 * t / 30 + 0.3), m.dy[t], 1e-9, "± 1% of 100 px at 15/min");
			max = Math.max(max, m.dy[t]);
		}
		assertEquals(1, max, 0.01);
	}
}

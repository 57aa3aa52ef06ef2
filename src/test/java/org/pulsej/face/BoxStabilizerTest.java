package org.pulsej.face;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxStabilizerTest {

	private static final Box FACE = new Box(100, 80, 80, 100);

	@Test
	void firstBoxIsTheBufferedFace() {
		final BoxStabilizer s = new BoxStabilizer(0.25, 8);
		assertNull(s.next(null));
		final Box b = s.next(FACE);
		assertEquals(100, b.w(), 1e-9);
		assertEquals(125, b.h(), 1e-9);
		assertEquals(FACE.centreX(), b.centreX(), 1e-9);
		assertEquals(FACE.centreY(), b.centreY(), 1e-9);
	}

	@Test
	void jitterInsideTheBufferDoesNotMoveTheBox() {
		final BoxStabilizer s = new BoxStabilizer(0.25, 8);
		final Box first = s.next(FACE);
		final Random rnd = new Random(1);
		// The buffer adds 10 px left/right and 12.5 px top/bottom; jitter of +-8 px and +-2 % size stays inside.
		for (int t = 0; t < 300; t++) {
			final double scale = 1 + 0.02 * (2 * rnd.nextDouble() - 1);
			final double dx = 8 * (2 * rnd.nextDouble() - 1), dy = 8 * (2 * rnd.nextDouble() - 1);
			final Box face = Box.centred(FACE.centreX() + dx, FACE.centreY() + dy, FACE.w() * scale, FACE.h() * scale);
			assertTrue(first.contains(face), "test jitter must stay inside the buffer");
			assertEquals(first, s.next(face), "frame " + t);
		}
	}

	@Test
	void aStepIsFollowedSmoothlyInSmoothFrames() {
		final int n = 8; // round(0.25 s * 30 fps)
		assertEquals(n, BoxStabilizer.smoothFrames(0.25, 30));
		final BoxStabilizer s = new BoxStabilizer(0.25, n);
		final Box start = s.next(FACE);
		final Box moved = new Box(FACE.x() + 60, FACE.y() - 20, FACE.w(), FACE.h());
		final Box goal = moved.scaled(1.25);
		Box prev = start;
		final double distance = start.maxEdgeShift(goal);
		for (int k = 1; k <= n; k++) {
			final Box b = s.next(moved);
			// Monotonic along x (right) and y (up), never beyond the goal.
			assertTrue(b.x() >= prev.x() - 1e-9 && b.x() <= goal.x() + 1e-9, "x monotonic at " + k);
			assertTrue(b.y() <= prev.y() + 1e-9 && b.y() >= goal.y() - 1e-9, "y monotonic at " + k);
			// No jumps: smoothstep's steepest step is 1.5 x the mean step.
			assertTrue(prev.maxEdgeShift(b) <= 1.5 * distance / n + 1e-9, "step " + prev.maxEdgeShift(b) + " at " + k);
			if (k < n) assertTrue(b.maxEdgeShift(goal) > 1e-6, "arrived early at " + k);
			prev = b;
		}
		assertEquals(0, prev.maxEdgeShift(goal), 1e-9, "arrives on frame n");
		assertEquals(goal, s.next(moved), "stays");
	}

	@Test
	void framesWithoutFaceKeepTheBoxAndFinishAMove() {
		final int n = 4;
		final BoxStabilizer s = new BoxStabilizer(0.25, n);
		s.next(FACE);
		final Box moved = new Box(FACE.x() + 100, FACE.y(), FACE.w(), FACE.h());
		s.next(moved);
		Box b = null;
		for (int k = 0; k < 10; k++) b = s.next(null);
		assertEquals(moved.scaled(1.25), b);
	}

	@Test
	void retargetingDuringAMoveHasNoJump() {
		final int n = 8;
		final BoxStabilizer s = new BoxStabilizer(0.25, n);
		Box prev = s.next(FACE);
		// A face drifting right by 5 px per frame for 60 frames keeps leaving the target box.
		double maxStep = 0;
		for (int t = 1; t <= 60; t++) {
			final Box b = s.next(new Box(FACE.x() + 5 * t, FACE.y(), FACE.w(), FACE.h()));
			maxStep = Math.max(maxStep, prev.maxEdgeShift(b));
			assertTrue(b.x() >= prev.x() - 1e-9, "never moves backwards");
			prev = b;
		}
		// Each move covers at most the buffer margin plus the drift: well below a jump to the face.
		assertTrue(maxStep < 10, "largest step " + maxStep);
		// And it keeps up: the face (x = 400) is inside the output at the end.
		assertTrue(prev.x2() > FACE.x() + 300, "follows the drift: " + prev);
	}

	@Test
	void zeroSmoothFramesJumps() {
		final BoxStabilizer s = new BoxStabilizer(0.25, 0);
		s.next(FACE);
		final Box moved = new Box(FACE.x() + 100, FACE.y(), FACE.w(), FACE.h());
		assertEquals(moved.scaled(1.25), s.next(moved));
	}
}

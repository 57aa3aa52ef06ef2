package org.pulsej.face;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxTest {

	private static final double EPS = 1e-12;

	@Test
	void iouOfKnownOverlaps() {
		final Box a = new Box(0, 0, 10, 10);
		assertEquals(1, a.iou(a), EPS);
		// Half shifted: intersection 50, union 150.
		assertEquals(1.0 / 3, a.iou(new Box(5, 0, 10, 10)), EPS);
		// Nested: 25 / 100.
		assertEquals(0.25, a.iou(new Box(2, 2, 5, 5)), EPS);
		assertEquals(0, a.iou(new Box(10, 0, 5, 5)), EPS); // touching edges only
		assertEquals(0, a.iou(new Box(3, 3, 0, 0)), EPS); // empty box
	}

	@Test
	void containsIsInclusiveOfEdges() {
		final Box a = new Box(0, 0, 10, 10);
		assertTrue(a.contains(new Box(0, 0, 10, 10)));
		assertTrue(a.contains(new Box(2, 3, 4, 5)));
		assertFalse(a.contains(new Box(-0.1, 3, 4, 5)));
		assertFalse(a.contains(new Box(7, 3, 3.5, 5)));
	}

	@Test
	void scaledKeepsCentre() {
		final Box b = new Box(10, 20, 40, 80).scaled(1.25);
		assertEquals(30, b.centreX(), EPS);
		assertEquals(60, b.centreY(), EPS);
		assertEquals(50, b.w(), EPS);
		assertEquals(100, b.h(), EPS);
	}

	@Test
	void withAspectGrowsOneSideAroundCentre() {
		// Square face, crop 192 x 128 (h x w): height grows to 1.5 x width.
		final Box tall = new Box(0, 0, 100, 100).withAspect(192.0 / 128);
		assertEquals(100, tall.w(), EPS);
		assertEquals(150, tall.h(), EPS);
		assertEquals(50, tall.centreY(), EPS);
		// Too tall already: width grows.
		final Box wide = new Box(0, 0, 100, 300).withAspect(1.5);
		assertEquals(200, wide.w(), EPS);
		assertEquals(300, wide.h(), EPS);
		assertEquals(50, wide.centreX(), EPS);
	}

	@Test
	void clippedToFrame() {
		assertEquals(new Box(0, 0, 30, 40), new Box(-10, -5, 40, 45).clippedTo(100, 100));
		assertEquals(new Box(90, 80, 10, 20), new Box(90, 80, 30, 40).clippedTo(100, 100));
		assertTrue(new Box(200, 10, 5, 5).clippedTo(100, 100).isEmpty());
	}

	@Test
	void slidIntoMovesWithoutResizingWhereItFits() {
		assertEquals(new Box(0, 60, 30, 40), new Box(-10, 70, 30, 40).slidInto(100, 100));
		// Wider than the frame: x unchanged, y slides.
		assertEquals(new Box(-20, 0, 140, 40), new Box(-20, -5, 140, 40).slidInto(100, 100));
	}

	@Test
	void rejectsBadNumbers() {
		assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, -1, 1));
		assertThrows(IllegalArgumentException.class, () -> new Box(Double.NaN, 0, 1, 1));
	}
}

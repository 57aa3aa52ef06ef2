package org.pulsej.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

/** The region's position travels with the trace, copied in and out, beside the background. */
class RgbTraceTest {

	@Test
	void aPositionIsKeptBesideTheBackgroundAndCopied() {
		final double[] v = { 1, 2, 3 };
		final double[][] position = { { 10, 11, 12 }, { 5, 5, 5 } };
		final RgbTrace t = new RgbTrace(v, v, v).withMotion(position).withBackground(new double[] { 7, 8, 9 });
		position[0][0] = -1; // the caller's array is not the trace's
		assertArrayEquals(new double[] { 10, 11, 12 }, t.motion()[0]);
		t.motion()[1][0] = -1;
		assertArrayEquals(new double[] { 5, 5, 5 }, t.motion()[1]);
		assertArrayEquals(new double[] { 7, 8, 9 }, t.background());
		assertArrayEquals(new double[] { 7, 8, 9 }, t.withMotion(null).background(), "dropping one keeps the other");
		assertNull(t.withMotion(null).motion());
		final RgbTrace plain = new RgbTrace(v, v, v);
		assertSame(plain, plain.withMotion(null));
	}

	@Test
	void aPositionOfAnotherLengthOrNotANumberIsRefused() {
		final double[] v = { 1, 2, 3 };
		final RgbTrace t = new RgbTrace(v, v, v);
		assertThrows(IllegalArgumentException.class, () -> t.withMotion(new double[][] { { 1, 2 } }));
		assertThrows(PulseJException.class, () -> t.withMotion(new double[][] { { 1, Double.NaN, 2 } }));
	}
}

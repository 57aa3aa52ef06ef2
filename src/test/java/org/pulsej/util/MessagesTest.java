package org.pulsej.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessagesTest {

	@Test
	void numbersReadAsAPersonWritesThem() {
		assertEquals("40", Messages.num(40));
		assertEquals("-3.25", Messages.num(-3.25));
		assertEquals("29.97", Messages.num(30000.0 / 1001));
		assertEquals("60", Messages.num(59.9988), "a ground truth rate close to 60 Hz");
		assertEquals("2997", Messages.num(2996.6667), "the whole part is never cut");
		assertEquals("58.59", Messages.num(58.59375));
		assertEquals("0.5", Messages.num(0.5));
		assertEquals("1.0E-5", Messages.num(1e-5));
		assertEquals("NaN", Messages.num(Double.NaN));
		assertEquals("-Infinity", Messages.num(Double.NEGATIVE_INFINITY));
	}
}

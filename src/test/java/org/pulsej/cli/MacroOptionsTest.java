package org.pulsej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class MacroOptionsTest {

	@Test
	void parsesPlainBracketedQuotedAndBareKeys() {
		final Map<String, String> m = MacroOptions.parse(
			"input=[/data/my videos/a [1].avi] Output=/tmp/out method=POS name='x y' plots");
		assertEquals("/data/my videos/a [1].avi", m.get("input"));
		assertEquals("/tmp/out", m.get("output"), "keys are lower-cased as in Fiji");
		assertEquals("POS", m.get("method"));
		assertEquals("x y", m.get("name"));
		assertEquals("true", m.get("plots"), "a bare key is a ticked checkbox");
		assertEquals(5, m.size());
	}

	@Test
	void emptyAndNullGiveNoOptions() {
		assertEquals(0, MacroOptions.parse("").size());
		assertEquals(0, MacroOptions.parse(null).size());
		assertEquals(0, MacroOptions.parse("   ").size());
	}

	@Test
	void unclosedBracketIsAClearError() {
		final PulseJException e = assertThrows(PulseJException.class, () -> MacroOptions.parse("input=[/a b"));
		assertEquals(true, e.getMessage().contains("input"), e.getMessage());
	}
}

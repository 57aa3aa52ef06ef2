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

	/**
	 * A path holding a ']' without a '[' before it (b]x.avi): its value ends at that ']', as in ImageJ,
	 * and the rest was refused as an unknown parameter "x.avi]", naming neither the path nor the bracket.
	 */
	@Test
	void aBracketThatClosesAValueEarlyIsNamed() {
		final PulseJException e = assertThrows(PulseJException.class, () -> MacroOptions.parse(
			"input=[/data/b]x.avi] output=/tmp/o"));
		assertEquals(true, e.getMessage().startsWith("The value of 'input' holds a ']' that closes its '[' early: " +
			"input=[/data/b] is read, then 'x.avi]'"), e.getMessage());
		assertEquals(true, e.fix().contains("(e.g. b_x.avi)") && e.fix().contains("give the folder that holds it as " +
			"input="), e.fix());
		// brackets that match, and a value followed by the next key, are read as before
		assertEquals("/d/a [1].avi", MacroOptions.parse("input=[/d/a [1].avi] fps=30").get("input"));
		assertEquals("x", MacroOptions.parse("input=[x]").get("input"));
		assertEquals("30", MacroOptions.parse("input=[x],fps=\"30\"").get("fps"), "SciJava's commas");
	}

	/**
	 * Spaces around '=' (fps = 25, as in the macro language's own assignments): ImageJ reads a ticked
	 * checkbox fps, then "=" and "25"; it was refused as "fps=true is not a number".
	 */
	@Test
	void spacesAroundTheEqualsSignAreNamed() {
		for (final String written : new String[] { "fps = 25", "fps =25", "fps= 25" }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> MacroOptions.parse("input=[/a b] " +
				written + " method=POS"));
			assertEquals("'" + written + "' has spaces around '=', so ImageJ does not read 25 as the value of fps.", e
				.problem());
			assertEquals(true, e.fix().startsWith("Write fps=25 with no spaces around '='"), e.fix());
		}
		// an empty value before another key, a bare key before one, and '=' inside brackets stay as they were
		final Map<String, String> m = MacroOptions.parse("fps= method=POS plots output=[a = b]");
		assertEquals("", m.get("fps"));
		assertEquals("true", m.get("plots"));
		assertEquals("a = b", m.get("output"));
	}

	@Test
	void readsFijisRunSyntaxToo() {
		final Map<String, String> m = MacroOptions.parse(
			"input=\"/data/my videos\",output=\"/data/re\\\"sults\",method=\"POS\", fps=30.0,compare_regions=\"face,box\",plots=false");
		assertEquals("/data/my videos", m.get("input"));
		assertEquals("/data/re\"sults", m.get("output"), "an escaped quote is kept");
		assertEquals("POS", m.get("method"));
		assertEquals("30.0", m.get("fps"), "a plain value ends at the comma");
		assertEquals("face,box", m.get("compare_regions"), "a quoted list keeps its commas");
		assertEquals("false", m.get("plots"));
		assertEquals(6, m.size());
		assertEquals(m, MacroOptions.parse("input=[/data/my videos] output=[/data/re\"sults] method=POS fps=30.0 " +
			"compare_regions=face,box plots=false"), "both syntaxes give the same options");
	}

	@Test
	void theFijiLinesOfTheDocsParse() throws java.io.IOException {
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("--run \"([^\"]+)\" '([^']+)'").matcher(java.nio
			.file.Files.readString(java.nio.file.Path.of("docs/headless-and-cluster.md")));
		int lines = 0;
		while (m.find()) {
			final Map<String, String> o = MacroOptions.parse(m.group(2));
			assertEquals(true, o.containsKey("input") && !o.get("input").contains("\""), m.group(2) + " -> " + o);
			lines++;
		}
		assertEquals(true, lines >= 3, "docs/headless-and-cluster.md shows Fiji's --run lines: " + lines);
	}

	@Test
	void unclosedDoubleQuoteIsAClearError() {
		final PulseJException e = assertThrows(PulseJException.class, () -> MacroOptions.parse("input=\"/a b"));
		assertEquals(true, e.getMessage().contains("input"), e.getMessage());
	}
}

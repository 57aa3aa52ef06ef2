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

	record Sized(int width) {}

	@Test
	void jsonProblemsInWords() {
		final com.google.gson.Gson gson = new com.google.gson.Gson();
		assertEquals("a number is written as \"x\"", Messages.fileProblem(org.junit.jupiter.api.Assertions.assertThrows(
			RuntimeException.class, () -> gson.fromJson("{\"width\": \"x\"}", Sized.class))));
		assertEquals("the file ends early", Messages.fileProblem(org.junit.jupiter.api.Assertions.assertThrows(
			RuntimeException.class, () -> com.google.gson.JsonParser.parseString("{\"width\": "))));
		assertEquals("it holds no JSON object {...}", Messages.fileProblem(org.junit.jupiter.api.Assertions
			.assertThrows(RuntimeException.class, () -> com.google.gson.JsonParser.parseString("garbage")
				.getAsJsonObject())));
		final String syntax = Messages.fileProblem(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
			() -> gson.fromJson("{\"width\": 3,, }", Sized.class)));
		org.junit.jupiter.api.Assertions.assertFalse(syntax.matches("(?s).*(java\\.|Exception|https?://|^$).*"), syntax);
	}

	@Test
	void aDialogMessageIsTheProblemAndTheFixInLinesOfAtMostTheWidth() {
		final String m = "ImageJ cannot read /data/videos/session one/a.avi (codec H264): Unsupported compression. — " +
			"Convert it to image frames, e.g. `ffmpeg -i VIDEO frames/%05d.png`, and give input=frames fps=N.";
		final String w = Messages.wrap(m, 40);
		final String[] lines = w.split("\n", -1);
		for (final String line : lines)
			org.junit.jupiter.api.Assertions.assertTrue(line.length() <= 40 || !line.contains(" "), line);
		org.junit.jupiter.api.Assertions.assertTrue(w.contains("\n\nConvert it"), w);
		org.junit.jupiter.api.Assertions.assertEquals(m.replace(" — ", " "), w.replaceAll("\n+", " "),
			"no word lost or changed");
		org.junit.jupiter.api.Assertions.assertEquals("short — fix".replace(" — ", "\n\n"), Messages.wrap("short — fix",
			90));
	}

	@Test
	void countIsSingularForOneOnly() {
		assertEquals("1 epoch", Messages.count(1, "epoch"));
		assertEquals("0 epochs", Messages.count(0, "epoch"));
		assertEquals("12 epochs", Messages.count(12, "epoch"));
	}
}

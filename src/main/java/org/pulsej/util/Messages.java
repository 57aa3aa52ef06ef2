package org.pulsej.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How numbers and file problems appear in PulseJ's messages (errors, warnings, notes), in one place. */
public final class Messages {

	private Messages() {}

	/**
	 * A number as a message shows it: whole numbers as they are ({@code 40}), others to four significant
	 * digits without trailing zeros ({@code 29.97}, {@code 0.5}, {@code 60} for 59.9988) but never fewer
	 * than the digits of their whole part ({@code 2997} for 2996.67); very large or very small ones in
	 * Java's notation ({@code 1.0E-5}); NaN and infinities by name.
	 */
	public static String num(final double v) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		if (Math.abs(v) >= 1e15 || Math.abs(v) < 1e-4) return Double.toString(v);
		final int whole = Math.abs(v) < 1 ? 1 : (int) Math.floor(Math.log10(Math.abs(v))) + 1;
		final BigDecimal d = new BigDecimal(v).round(new MathContext(Math.max(4, whole), RoundingMode.HALF_UP));
		return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
	}

	/** {@code n} and the noun, singular for 1 ({@code 1 epoch}, {@code 3 epochs}); the plural adds an s. */
	public static String count(final long n, final String noun) {
		return n + " " + (n == 1 ? noun : noun + "s");
	}

	/**
	 * Why a file PulseJ wrote (a model's description or weights, a batch record) could not be read, in
	 * words: library messages are Java class names ({@code java.lang.NumberFormatException: For input
	 * string: "x"}), links to the library's troubleshooting page, parser states ("Expected BEGIN_OBJECT
	 * but was BEGIN_ARRAY"), "Input length = 1" or nothing at all ("(null)" in a message).
	 */
	public static String fileProblem(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		final String m = t.getMessage() == null ? "" : t.getMessage();
		if (t instanceof NumberFormatException) {
			final int q = m.indexOf('"');
			return "a number is written as " + (q >= 0 ? m.substring(q) : "text");
		}
		if (t instanceof java.io.EOFException || m.contains("End of input")) return "the file ends early";
		if (t instanceof java.nio.charset.CharacterCodingException) return "it holds bytes that are not text";
		if (m.startsWith("Expected BEGIN_OBJECT") || m.startsWith("Not a JSON Object")) return "it holds no JSON " +
			"object {...}";
		if (m.contains("Failed to invoke constructor") || m.contains("null") && m.contains("record")) return "a field " +
			"is missing or empty";
		final String words = m.replaceAll("(?s)\\s*See https?://\\S+.*$", "").replaceAll(
			"(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "").trim();
		return words.isEmpty() ? "its contents do not match the expected layout" : words;
	}

	/**
	 * A message laid out for a dialog: the problem and its fix (joined by " — ") as two paragraphs, each
	 * broken at spaces into lines of at most {@code width} characters (a longer word, e.g. a path, keeps
	 * its line). A one-line message of 300 characters made Fiji's dialog wider than the screen.
	 */
	public static String wrap(final String message, final int width) {
		final StringBuilder out = new StringBuilder();
		for (final String paragraph : message.split(" — ", 2)) {
			if (out.length() > 0) out.append("\n\n");
			int line = 0;
			for (final String word : paragraph.trim().split(" +")) {
				if (line > 0 && line + 1 + word.length() > width) {
					out.append('\n');
					line = 0;
				}
				else if (line > 0) {
					out.append(' ');
					line++;
				}
				out.append(word);
				line += word.length();
			}
		}
		return out.toString();
	}
}

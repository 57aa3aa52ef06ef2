package org.pulsej.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The CSV dialect of PulseJ's output files: plain decimals, RFC 4180 quoting. */
public final class Csv {

	private Csv() {}

	/** {@code v} with at most {@code digits} decimals, trailing zeros dropped; NaN and infinities by name. */
	public static String num(final double v, final int digits) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		return String.format(Locale.ROOT, "%." + digits + "f", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$",
			"");
	}

	/** A cell, quoted when it holds a comma, a quote or a line break; null is empty. */
	public static String quote(final String s) {
		if (s == null) return "";
		if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
		return s;
	}

	/** The cells of one line, quotes removed. */
	public static List<String> split(final String line) {
		final List<String> out = new ArrayList<>();
		final StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			final char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cur.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else cur.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			}
			else cur.append(c);
		}
		out.add(cur.toString());
		return out;
	}
}

package org.pulsej.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.pulsej.util.PulseJException;

/**
 * Parses an ImageJ macro option string the way ImageJ does: {@code key=value}, {@code key=[value
 * with spaces]} (brackets may nest), {@code key='value'}, and a bare {@code key} for a ticked checkbox.
 * Keys are lower-cased.
 * <p>
 * Fiji's {@code --run} takes SciJava's syntax instead, {@code key="value",key=1.5}: an option string
 * with a double-quoted value is read that way (values in double quotes, {@code \"} and {@code \\}
 * escaped, pairs separated by commas), so the line printed for Fiji also works with
 * {@code bin/pulsej --run}.
 */
public final class MacroOptions {

	private MacroOptions() {}

	public static Map<String, String> parse(final String options) {
		return parse(options, null);
	}

	/**
	 * As {@link #parse(String)}, adding to {@code bare} (when not null) the keys given without '=' (read as
	 * "true", a ticked checkbox, as ImageJ reads them).
	 */
	public static Map<String, String> parse(final String options, final java.util.Set<String> bare) {
		final Map<String, String> out = new LinkedHashMap<>();
		if (options == null) return out;
		final String s = options.trim();
		final boolean scijava = s.contains("=\"");
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || scijava && s.charAt(i) == ','))
				i++;
			if (i >= s.length()) break;
			final int keyStart = i;
			while (i < s.length() && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i)) && !(scijava && s
				.charAt(i) == ','))
				i++;
			final String key = s.substring(keyStart, i).toLowerCase(Locale.ROOT);
			// "fps = 25" (spaces around '='): ImageJ reads a ticked checkbox fps, then "=" and "25"; it was refused
			// as "fps=true is not a number", or as an unknown key "25"
			if (key.isEmpty() || i < s.length() && s.charAt(i) != '=' && s.substring(i).stripLeading().startsWith("="))
				throw spacedEquals(s, keyStart);
			if (i >= s.length() || s.charAt(i) != '=') {
				if (out.containsKey(key)) throw new PulseJException(key + " is given twice.", "Give each key once.");
				out.put(key, "true");
				if (bare != null) bare.add(key);
				continue;
			}
			i++; // '='
			final String value;
			if (i < s.length() && s.charAt(i) == '[') {
				// brackets may nest, as in ImageJ: a path like [a [b] c] keeps its inner brackets
				int depth = 0, end = -1;
				for (int j = i; j < s.length(); j++) {
					if (s.charAt(j) == '[') depth++;
					else if (s.charAt(j) == ']' && --depth == 0) {
						end = j;
						break;
					}
				}
				if (end < 0) throw new PulseJException("The value of '" + key + "' opens '[' but never closes it.",
					"Write " + key + "=[value with spaces].");
				value = s.substring(i + 1, end);
				refuseRunOn(s, end, key, value, '[', ']', scijava);
				i = end + 1;
			}
			else if (i < s.length() && s.charAt(i) == '"') {
				final StringBuilder v = new StringBuilder();
				int j = i + 1;
				for (; j < s.length() && s.charAt(j) != '"'; j++) {
					if (s.charAt(j) == '\\' && j + 1 < s.length()) j++;
					v.append(s.charAt(j));
				}
				if (j >= s.length()) throw new PulseJException("The value of '" + key + "' opens a double quote but " +
					"never closes it.", "Write " + key + "=\"value\" (Fiji's --run) or " + key + "=[value] (a macro).");
				value = v.toString();
				i = j + 1;
			}
			else if (i < s.length() && s.charAt(i) == '\'') {
				final int end = s.indexOf('\'', i + 1);
				if (end < 0) throw new PulseJException("The value of '" + key + "' opens a quote but never closes it.",
					"Write " + key + "=[value with spaces].");
				value = s.substring(i + 1, end);
				refuseRunOn(s, end, key, value, '\'', '\'', scijava);
				i = end + 1;
			}
			else {
				final int valueStart = i;
				// a plain value ends at a space; in SciJava's syntax also at a comma (a list is quoted there)
				while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && !(scijava && s.charAt(i) == ','))
					i++;
				value = s.substring(valueStart, i);
				// "fps= 25": an empty value, then a word that is no key=value
				if (value.isEmpty() && i < s.length()) {
					final String rest = s.substring(i).stripLeading();
					final String next = rest.split("\\s+", 2)[0];
					if (!next.isEmpty() && !next.contains("=")) throw spacedEquals(s, keyStart);
				}
			}
			// a key given twice is ambiguous (ImageJ's own parser takes the first, a map the last): refused
			if (out.containsKey(key)) throw new PulseJException(key + " is given twice (" + key + "=" + out.get(key) +
				" and " + key + "=" + value + ").", "Give each key once.");
			out.put(key, value);
		}
		return out;
	}

	/** A key and value written with spaces around '=' (fps = 25, fps =25, fps= 25), from {@code start}. */
	/**
	 * Refuses text that runs on after a value closed at {@code end} (up to the next space, or SciJava's comma):
	 * a path holding the closing mark ({@code b]x.avi}) ends its value there, as in ImageJ, and the rest was
	 * refused as an unknown key "x.avi]", naming neither the path nor the mark.
	 */
	private static void refuseRunOn(final String s, final int end, final String key, final String value,
		final char open, final char close, final boolean scijava)
	{
		int after = end + 1;
		while (after < s.length() && !Character.isWhitespace(s.charAt(after)) && !(scijava && s.charAt(after) == ','))
			after++;
		if (after == end + 1) return;
		final String rest = s.substring(end + 1, after), c = String.valueOf(close);
		throw new PulseJException("The value of '" + key + "' holds a '" + close + "' that closes its '" + open +
			"' early: " + key + "=" + open + value + close + " is read, then '" + rest + "' (ImageJ's key=" + open +
			"value" + close + " syntax ends a value at the '" + close + "' that matches its '" + open + "').",
			"Rename the file or folder so that its path holds no '" + close + "'" + (open == close ? "" : " without a '" +
				open + "' before it") + " (e.g. " + (value + c + rest.replaceAll(java.util.regex.Pattern.quote(c) + "$",
					"")).replace(c, "_").replaceAll("^.*/", "") + "); or give the folder that holds it as " + key +
				"=, where its name is read as it is.");
	}

	private static PulseJException spacedEquals(final String s, final int start) {
		final int eq = s.indexOf('=', start);
		int end = eq + 1;
		while (end < s.length() && Character.isWhitespace(s.charAt(end)))
			end++;
		final int valueStart = end;
		while (end < s.length() && !Character.isWhitespace(s.charAt(end)))
			end++;
		final String key = s.substring(start, eq).strip(), value = s.substring(valueStart, end);
		return new PulseJException("'" + s.substring(start, end) + "' has spaces around '=', so ImageJ does not read " +
			(value.isEmpty() ? "what follows" : value) + " as the value of " + (key.isEmpty() ? "a key" : key) + ".",
			"Write " + (key.isEmpty() ? "key" : key) + "=" + (value.isEmpty() ? "value" : value) + " with no spaces " +
				"around '=' (a value with spaces goes in brackets: key=[a b]).");
	}
}

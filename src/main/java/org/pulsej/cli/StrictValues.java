package org.pulsej.cli;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.pulsej.util.PulseJException;

/**
 * The one parser of every number and yes/no a PulseJ command takes as a macro key, headless and in
 * Fiji: a value is used only when it is exactly what the key needs, otherwise the key and the value
 * given are named. Nothing becomes 0 silently: an empty value, text, NaN, infinity, a number too large
 * for its key and a fraction for a whole-number key are all refused.
 */
public final class StrictValues {

	private StrictValues() {}

	private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	/** Whether {@link #parse} decides the values of this type (numbers and booleans). */
	public static boolean handles(final Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class ||
			type == double.class || type == Double.class || type == float.class || type == Float.class ||
			type == boolean.class || type == Boolean.class;
	}

	/**
	 * The value of {@code key=text} as {@code type}.
	 *
	 * @throws PulseJException naming the key and the value when the text is not one
	 */
	public static Object parse(final String key, final String text, final Class<?> type) {
		final String t = text == null ? "" : text.trim();
		if (type == boolean.class || type == Boolean.class) {
			if (t.equalsIgnoreCase("true")) return Boolean.TRUE;
			if (t.equalsIgnoreCase("false")) return Boolean.FALSE;
			throw new PulseJException(key + "=" + text + " is not true or false.", "Give " + key + "=true or " + key +
				"=false.");
		}
		final boolean whole = type == int.class || type == Integer.class || type == long.class || type == Long.class;
		final String example = key + "=" + (whole ? "2" : "30");
		if (t.isEmpty()) throw new PulseJException(key + "= is empty, but " + key + " needs " + (whole
			? "a whole number." : "a number."), "Give a value, e.g. " + example + ", or leave the key out for its default.");
		if (whole) {
			if (!WHOLE.matcher(t).matches()) {
				if (DECIMAL.matcher(t).matches() && Double.isFinite(Double.parseDouble(t))) throw new PulseJException(key +
					"=" + text + " is not a whole number, but " + key + " counts things.", "Give a whole number, e.g. " +
						example + ".");
				throw notANumber(key, text, example);
			}
			try {
				final long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
				if (type == int.class || type == Integer.class) {
					if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw tooLarge(key, text, example);
					return (int) v;
				}
				return v;
			}
			catch (final NumberFormatException e) {
				throw tooLarge(key, text, example);
			}
		}
		if (!DECIMAL.matcher(t).matches()) throw notANumber(key, text, example);
		final double v = Double.parseDouble(t);
		if (Double.isInfinite(v) || (type == float.class || type == Float.class) && Float.isInfinite((float) v))
			throw tooLarge(key, text, example);
		return type == float.class || type == Float.class ? (Object) (float) v : (Object) v;
	}

	private static PulseJException notANumber(final String key, final String text, final String example) {
		// a decimal comma, as many locales write numbers: name it and give the number with a dot
		final String t = text.trim();
		if (DECIMAL.matcher(t.replace(',', '.')).matches() && t.indexOf(',') == t.lastIndexOf(',')) return new PulseJException(
			key + "=" + text + " has a comma for decimals, which PulseJ does not read.", "Give " + key + "=" + t.replace(
				',', '.') + " (a dot for decimals).");
		return new PulseJException(key + "=" + text + " is not a number.", "Give " + key +
			" as digits (a dot for decimals), e.g. " + example + ".");
	}

	private static PulseJException tooLarge(final String key, final String text, final String example) {
		return new PulseJException(key + "=" + text + " is too large a number for " + key + ".",
			"Give a sensible value, e.g. " + example + ".");
	}

	/**
	 * Checks the numbers and yes/no keys of a macro option string against the fields of a command
	 * (its {@code @Parameter} fields, named as the keys), for the way Fiji fills them: ImageJ's macro
	 * options reach the command as text there, converted without these checks.
	 */
	public static void checkOptions(final String options, final Class<?> command) {
		final java.util.Set<String> bare = new java.util.HashSet<>();
		final Map<String, String> given = MacroOptions.parse(options, bare);
		for (Class<?> c = command; c != null && c != Object.class; c = c.getSuperclass())
			for (final Field f : c.getDeclaredFields()) {
				if (!f.isAnnotationPresent(org.scijava.plugin.Parameter.class)) continue;
				final String key = f.getName().toLowerCase(Locale.ROOT);
				if (bare.contains(key)) checkNotBare(key, f.getType());
				if (handles(f.getType()) && given.containsKey(key)) parse(key, given.get(key), f.getType());
			}
	}

	/**
	 * Refuses a key other than a yes/no given without '=' ({@code "input=" + v + " output"}, a macro's
	 * {@code "output " + dir}): ImageJ reads it as a ticked checkbox, "true", and {@code output} alone wrote
	 * the results into a folder named "true" in the working folder, exit 0.
	 */
	public static void checkNotBare(final String key, final Class<?> type) {
		if (type == boolean.class || type == Boolean.class) return;
		final boolean path = type == java.io.File.class, folder = path && "output".equals(key);
		throw new PulseJException(key + " is given without a value (no '=' after it), so ImageJ reads it as a " +
			"ticked checkbox, 'true'" + (path ? ", and would use a " + (folder ? "folder" : "file") + " named 'true' in " +
				"the working folder." : "."), "Give " + key + "=VALUE" + (path ? ", e.g. " + key + "=[/path/to/" + (folder
					? "folder" : "video.avi") + "]; in a macro, join a key and its value with '=', as in \"" + key +
					"=[\" + " + (folder ? "dir" : "path") + " + \"]\"" : "") + ", or leave the key out.");
	}

}

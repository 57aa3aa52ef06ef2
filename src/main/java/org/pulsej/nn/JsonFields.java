package org.pulsej.nn;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What the checks of PulseJ's model files (model.json, confidence.json, specialists.json) share, so that a
 * damaged or hand-edited file is named by its field and the value found there.
 */
final class JsonFields {

	private JsonFields() {}

	/** The JSON object of {@code json}; null when the text is not JSON or not an object (left to the caller). */
	static JsonObject object(final String json) {
		try {
			final JsonElement root = JsonParser.parseString(json);
			return root.isJsonObject() ? root.getAsJsonObject() : null;
		}
		catch (final JsonParseException e) {
			return null;
		}
	}

	static boolean isNumber(final JsonElement e) {
		return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
	}

	static boolean isText(final JsonElement e) {
		return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
	}

	/**
	 * A file's "formatVersion" {@code v} as a whole number; {@code otherwise} where it is missing or not a whole
	 * number of a sensible size (read before the other fields, whose layout another version may change).
	 */
	static int version(final JsonElement v, final int otherwise) {
		if (v == null || !isNumber(v)) return otherwise;
		final double d = v.getAsDouble();
		return d == Math.rint(d) && Math.abs(d) < 1e9 ? (int) d : otherwise;
	}

	/** A JSON value as found, shortened to 40 characters. */
	static String shown(final JsonElement v) {
		final String s = v.toString();
		return s.length() <= 40 ? s : s.substring(0, 37) + "...";
	}
}

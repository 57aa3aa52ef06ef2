package org.pulsej.util;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

/**
 * PulseJ's JSON: pretty-printed, and valid JSON whatever the numbers — a non-finite double (a score
 * that does not exist, such as the MCC of a run without labels) is written as {@code null} and read
 * back as NaN, so that every JSON reader (Python's, R's, jq) can read PulseJ's files. Older files that
 * hold a bare {@code NaN} are still read.
 */
public final class Json {

	private Json() {}

	private static final TypeAdapter<Double> DOUBLES = new TypeAdapter<>() {

		@Override
		public void write(final JsonWriter out, final Double v) throws IOException {
			if (v == null || !Double.isFinite(v)) out.nullValue();
			else out.value(v);
		}

		@Override
		public Double read(final JsonReader in) throws IOException {
			if (in.peek() == JsonToken.NULL) {
				in.nextNull();
				return Double.NaN;
			}
			return in.nextDouble(); // lenient: also NaN and Infinity as older PulseJ wrote them
		}
	};

	/** A Gson for PulseJ's files (see the class comment). */
	public static Gson gson() {
		return new GsonBuilder().setPrettyPrinting().registerTypeAdapter(double.class, DOUBLES).registerTypeAdapter(
			Double.class, DOUBLES).create();
	}
}

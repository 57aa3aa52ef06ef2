package org.pulsej.nn;

import org.pulsej.util.Json;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * What {@code model.json} in a model folder says about the trained PhysNet: enough to rebuild the
 * network, to prepare input the way it was trained, and to tell the user what it was trained on.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION} when written; loading refuses other versions
 * @param pulsejVersion PulseJ version that trained the model
 * @param created ISO-8601 time of the last write
 * @param weights file name of the selected weights (DJL .params) in the same folder
 * @param width network width (see {@link PhysNetConfig})
 * @param inputHeight frame height the network sees
 * @param inputWidth frame width the network sees
 * @param channels colour channels
 * @param colorSpace colour space of the face volumes it was trained on
 * @param normalization the face stage's normalisation of those volumes
 * @param inNetworkNormalization what the network itself does to each clip
 * @param fps frame rate the network was trained at (videos at other rates are resampled in time)
 * @param clipSeconds W, length of the training clips; also the window length used when applying
 * @param clipFrames W in frames at {@code fps}
 * @param lowBpm lower edge of the heart-rate band of the loss
 * @param highBpm upper edge of the heart-rate band of the loss
 * @param parameterCount trainable parameters
 * @param training how it was trained
 */
public record ModelDescription(String format, int formatVersion, String pulsejVersion, String created,
	String weights, int width, int inputHeight, int inputWidth, int channels, String colorSpace, String normalization,
	String inNetworkNormalization, double fps, double clipSeconds, int clipFrames, double lowBpm, double highBpm,
	long parameterCount, Training training)
{
	public static final String FORMAT = "pulsej-physnet";
	public static final int FORMAT_VERSION = 1;
	public static final String FILE = "model.json";
	public static final String WEIGHTS = "physnet.params";

	/**
	 * @param videos videos used
	 * @param videoSeconds their total length
	 * @param epochsCompleted finished epochs
	 * @param selectedEpoch the epoch whose weights are in {@code weights}
	 * @param selectedIpr its irrelevant power ratio (label-free quality, lower is better)
	 * @param selection how the epoch was chosen, in words
	 * @param options all training settings
	 * @param criterion IPR, MCC, COMPANIONS or BOTH ({@link EpochSelection.Criterion}); null in older models (IPR)
	 * @param selectedMcc the selected epoch's MCC with the labelled videos' ground truth, or the companions' pulse (NaN for IPR)
	 */
	public record Training(int videos, double videoSeconds, int epochsCompleted, int selectedEpoch,
		double selectedIpr, String selection, TrainOptions options, String criterion, double selectedMcc)
	{}

	/** The network configuration this model was trained with. */
	public PhysNetConfig config() {
		return new PhysNetConfig(width, inputHeight, inputWidth, channels, colorSpace, normalization);
	}

	private static final Gson GSON = Json.gson();

	public String toJson() {
		return GSON.toJson(this);
	}

	/** The fields model.json must hold, each with the JSON type it must have: 's' text, 'i' whole number, 'n' number. */
	private static final String[][] REQUIRED = { { "format", "s" }, { "formatVersion", "i" }, { "weights", "s" }, {
		"width", "i" }, { "inputHeight", "i" }, { "inputWidth", "i" }, { "channels", "i" }, { "colorSpace", "s" }, {
			"fps", "n" }, { "clipSeconds", "n" }, { "clipFrames", "i" }, { "lowBpm", "n" }, { "highBpm", "n" } };

	/** Fields that may be left out, with their types as in {@link #REQUIRED} ('l' a whole number of any size). */
	private static final String[][] OPTIONAL = { { "pulsejVersion", "s" }, { "created", "s" }, { "normalization",
		"s" }, { "inNetworkNormalization", "s" }, { "parameterCount", "l" } };

	/**
	 * What is wrong with the fields of model.json ({@link JsonFields#object} of its text), naming the field
	 * and the value found ({@code "fps" is "thirty", not a number}), or null when every field PulseJ reads has
	 * its type. A damaged or hand-edited model.json was reported as "a number is written as ..." or "a field
	 * is missing or empty" without naming the field.
	 */
	static String fieldProblem(final com.google.gson.JsonObject o) {
		// another kind of file, or another format version (whose fields may differ), is named as such by the caller
		final com.google.gson.JsonElement format = o.get("format"), version = o.get("formatVersion");
		if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) return null;
		if (version != null && JsonFields.isNumber(version) && version.getAsDouble() != FORMAT_VERSION) return null;
		for (final String[] f : REQUIRED) {
			if (!o.has(f[0])) return "it has no \"" + f[0] + "\" field";
			final String p = typeProblem(f[0], o.get(f[0]), f[1]);
			if (p != null) return p;
		}
		for (final String[] f : OPTIONAL)
			if (o.has(f[0]) && !o.get(f[0]).isJsonNull()) {
				final String p = typeProblem(f[0], o.get(f[0]), f[1]);
				if (p != null) return p;
			}
		if (o.has("training") && !o.get("training").isJsonNull() && !o.get("training").isJsonObject())
			return "\"training\" is " + JsonFields.shown(o.get("training")) + ", not an object {...}";
		return null;
	}

	private static String typeProblem(final String key, final com.google.gson.JsonElement v, final String type) {
		final String name = "\"" + key + "\" is " + JsonFields.shown(v);
		if (type.equals("s")) return JsonFields.isText(v) ? null : name + ", not a text in quotes";
		if (!JsonFields.isNumber(v)) return name + ", not a number";
		if (type.equals("n")) return null;
		final java.math.BigDecimal d = v.getAsBigDecimal();
		if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) return name + ", not a whole number";
		final java.math.BigInteger i = d.toBigInteger();
		final boolean fits = type.equals("l") ? i.bitLength() < 64 : i.bitLength() < 32;
		return fits ? null : name + ", too large a number";
	}

	/**
	 * The "format" and "formatVersion" of model.json ({@link JsonFields#object} of its text) as a description
	 * with only these two set (format null, version 0 where absent or of another type). Read before the other
	 * fields, so that a model of a newer format, whose fields may differ, is named as such rather than as
	 * damaged.
	 */
	static ModelDescription header(final com.google.gson.JsonObject o) {
		final com.google.gson.JsonElement f = o.get("format"), made = o.get("pulsejVersion");
		final String format = f != null && f.isJsonPrimitive() ? f.getAsString() : null;
		final int version = JsonFields.version(o.get("formatVersion"), 0);
		return new ModelDescription(format, version, made != null && made.isJsonPrimitive() ? made.getAsString() :
			"unknown", null, null, 0, 0, 0, 0, null, null, null, 0, 0, 0, 0, 0, 0,
			null);
	}

	/** Parses model.json text; throws {@link JsonParseException} for malformed text. */
	static ModelDescription fromJson(final String json) {
		final ModelDescription d = GSON.fromJson(json, ModelDescription.class);
		if (d == null) throw new JsonParseException("empty file");
		return d;
	}

	/** "; chosen by MCC 0.812" and the like, or "" for IPR and models without a training record. */
	private static String chosenBy(final Training t) {
		if (t == null || t.criterion() == null) return "";
		return switch (t.criterion()) {
			case "MCC" -> String.format(java.util.Locale.ROOT, "; chosen by MCC %.3f", t.selectedMcc());
			case "COMPANIONS" -> String.format(java.util.Locale.ROOT, "; chosen by the companions' MCC %.3f", t.selectedMcc());
			case "BOTH" -> String.format(java.util.Locale.ROOT, "; chosen by %s, the companions' MCC %.3f", EpochSelection
				.scoreName(EpochSelection.Criterion.BOTH), t.selectedMcc());
			default -> "";
		};
	}

	/** One line for logs and dialogs. */
	public String summary() {
		return String.format(java.util.Locale.ROOT,
			"PhysNet width %d, %dx%d %s input, %.4g fps, %.4g s windows, %,d parameters; trained on %d video(s) " +
				"(%.0f s), epoch %d of %d (IPR %.3f%s), PulseJ %s", width, inputHeight, inputWidth, colorSpace, fps,
			clipSeconds, parameterCount, training == null ? 0 : training.videos(), training == null ? 0 : training
				.videoSeconds(), training == null ? 0 : training.selectedEpoch(), training == null ? 0 : training
					.epochsCompleted(), training == null ? Double.NaN : training.selectedIpr(), chosenBy(training),
			pulsejVersion);
	}
}

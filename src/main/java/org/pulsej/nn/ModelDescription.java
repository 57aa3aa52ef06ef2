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
	 * @param criterion IPR or MCC ({@link EpochSelection.Criterion}); null in older models (IPR)
	 * @param selectedMcc the selected epoch's MCC with the labelled videos' ground truth (NaN for IPR)
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

	/** Parses model.json text; throws {@link JsonParseException} for malformed text. */
	static ModelDescription fromJson(final String json) {
		final ModelDescription d = GSON.fromJson(json, ModelDescription.class);
		if (d == null) throw new JsonParseException("empty file");
		return d;
	}

	/** One line for logs and dialogs. */
	public String summary() {
		return String.format(java.util.Locale.ROOT,
			"PhysNet width %d, %dx%d %s input, %.4g fps, %.4g s windows, %,d parameters; trained on %d video(s) " +
				"(%.0f s), epoch %d of %d (IPR %.3f%s), PulseJ %s", width, inputHeight, inputWidth, colorSpace, fps,
			clipSeconds, parameterCount, training == null ? 0 : training.videos(), training == null ? 0 : training
				.videoSeconds(), training == null ? 0 : training.selectedEpoch(), training == null ? 0 : training
					.epochsCompleted(), training == null ? Double.NaN : training.selectedIpr(), training != null && "MCC".equals(
						training.criterion()) ? String.format(java.util.Locale.ROOT, "; chosen by MCC %.3f", training
							.selectedMcc()) : "", pulsejVersion);
	}
}

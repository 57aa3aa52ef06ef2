package org.pulsej.nn;

import org.pulsej.input.ColorTransforms;
import org.pulsej.input.FaceVolumes;
import org.pulsej.input.InputSpec;
import org.pulsej.util.PulseJException;

/**
 * Size of the modified PhysNet (paper Table 1) and what its input looks like.
 *
 * @param width channels of the inner layers; the first convolution has {@code width/2} (paper: 64, first 32)
 * @param inputHeight frame height the network sees (paper: 192)
 * @param inputWidth frame width the network sees (paper: 128)
 * @param channels channels of the input: 3 colours, 6 with the appearance channels ({@link #appearance()})
 * @param colorSpace colour space of the face volume, recorded in the model ("YUV" as in the paper)
 * @param normalization how the face stage normalised the volume, recorded in the model
 */
public record PhysNetConfig(int width, int inputHeight, int inputWidth, int channels, String colorSpace,
	String normalization)
{
	/** The face stage's normalisation the paper uses (Sec. 5.2). */
	public static final String Z_SCORE = "z-score per pixel over time";

	public PhysNetConfig {
		if (width < 2 || width % 2 != 0) throw new PulseJException("PhysNet width " + width + " is not usable.",
			"Use an even width of at least 2 (paper: 64; CPU: 16).");
		if (inputHeight < 16 || inputHeight % 16 != 0 || inputWidth < 16 || inputWidth % 16 != 0)
			throw new PulseJException("PhysNet input size " + inputHeight + "x" + inputWidth + " is not usable.",
				"Use a height and width that are multiples of 16 (four 2x poolings), e.g. 192x128 or 64x64.");
		if (channels < 1) throw new PulseJException("PhysNet needs at least one input channel, not " + channels + ".",
			"Use channels=3 for colour video.");
		if (colorSpace == null || colorSpace.isBlank()) colorSpace = "YUV";
		colorSpace = ColorTransforms.ColorSpace.parse(colorSpace).name(); // a clear error for an unknown one
		if (normalization == null || normalization.isBlank()) normalization = Z_SCORE;
		if (FaceVolumes.fillsSkin(normalization) && !ColorTransforms.ColorSpace.parse(colorSpace).needsColour())
			throw new PulseJException("Filling what is not skin needs the input colours in log chromaticity, not " +
				colorSpace + ": the skin is told by its chromaticity.", "Train with colors=chroma (the default), or with " +
					"skin=false.");
		if (FaceVolumes.hasAppearance(normalization) && channels != 6) throw new PulseJException(
			"A PhysNet input with the appearance channels has 6 channels (3 colours and their means), not " + channels +
				".", "Give \"channels\": 6 with this normalization in model.json, or train the model again.");
	}

	/** The paper's network: 64 channels (32 in the first layer), 192×128 YUV input. */
	public static PhysNetConfig paper() {
		return new PhysNetConfig(64, 192, 128, 3, "YUV", Z_SCORE);
	}

	/** A network small enough to train on a laptop CPU: 16 channels (8 first), 64×64 input. */
	public static PhysNetConfig cpu() {
		return new PhysNetConfig(16, 64, 64, 3, "YUV", Z_SCORE);
	}

	/**
	 * Whether the network also sees the face's appearance: each pixel's mean colour over the video as 3
	 * constant channels after the 3 z-scored ones ({@link FaceVolumes#Z_SCORE_WITH_APPEARANCE}).
	 */
	public boolean appearance() {
		return FaceVolumes.hasAppearance(normalization);
	}

	/** The same network with or without the appearance channels ({@link #appearance()}). */
	public PhysNetConfig withAppearance(final boolean on) {
		final String skin = skinFill() ? FaceVolumes.SKIN_FILLED : "";
		return on == appearance() ? this : on ? new PhysNetConfig(width, inputHeight, inputWidth, 6, colorSpace, skin +
			FaceVolumes.Z_SCORE_WITH_APPEARANCE) : new PhysNetConfig(width, inputHeight, inputWidth, 3, colorSpace, skin +
				Z_SCORE);
	}

	/**
	 * Whether the network's input has, in every frame, the pixels off the face's skin filled with their mean
	 * over the frames where they were skin plus the skin's mean change ({@link FaceVolumes#SKIN_FILLED}).
	 */
	public boolean skinFill() {
		return FaceVolumes.fillsSkin(normalization);
	}

	/** The same network with or without what is not skin filled ({@link #skinFill()}). */
	public PhysNetConfig withSkinFill(final boolean on) {
		return on == skinFill() ? this : new PhysNetConfig(width, inputHeight, inputWidth, channels, colorSpace, on
			? FaceVolumes.SKIN_FILLED + normalization : normalization.substring(FaceVolumes.SKIN_FILLED.length()));
	}

	/** Channels of the first convolution (paper: 32 for width 64). */
	public int firstWidth() {
		return width / 2;
	}

	public PhysNetConfig withWidth(final int w) {
		return new PhysNetConfig(w, inputHeight, inputWidth, channels, colorSpace, normalization);
	}

	/** What the network sees of a video, for the input stage that builds its volumes. */
	public InputSpec input() {
		return new InputSpec(inputHeight, inputWidth, channels, colorSpace, normalization);
	}

	/** The same network on input in another colour space ({@link ColorTransforms.ColorSpace}). */
	public PhysNetConfig withColorSpace(final ColorTransforms.ColorSpace space) {
		return new PhysNetConfig(width, inputHeight, inputWidth, channels, space.name(), normalization);
	}

	public PhysNetConfig withInputSize(final int h, final int w) {
		return new PhysNetConfig(width, h, w, channels, colorSpace, normalization);
	}
}

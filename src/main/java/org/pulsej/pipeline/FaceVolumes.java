package org.pulsej.pipeline;

import ij.ImageStack;

import java.util.Locale;

import org.pulsej.face.ColorTransforms;
import org.pulsej.face.FaceCropper;
import org.pulsej.face.FaceTrack;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.util.Progress;
import org.pulsej.video.FaceVolume;
import org.pulsej.video.Video;

/**
 * The network's input, as the paper prepares it (section 2.1, 5.2): the stabilised face box cropped to
 * a 3:2 (height:width) volume, converted to YUV and z-normalised over time.
 */
public final class FaceVolumes {

	/** The paper's crop: 192 high, 128 wide. */
	public static final int PAPER_HEIGHT = 192, PAPER_WIDTH = 128;

	private FaceVolumes() {}

	/**
	 * Crop size for a network: the paper's 3:2 crop scaled so that the network's centred input window
	 * is read at its own resolution (e.g. 96×64 for a 64×64 network, 192×128 for the paper's). Smaller
	 * crops keep long videos in memory; no detail the network would see is lost.
	 */
	public static int[] cropSize(final PhysNetConfig c) {
		final double s = Math.max(c.inputHeight() / (double) PAPER_HEIGHT, c.inputWidth() / (double) PAPER_WIDTH);
		return new int[] { (int) Math.round(PAPER_HEIGHT * s), (int) Math.round(PAPER_WIDTH * s) };
	}

	/** Crop → colour space of the model → z-normalisation of the model. */
	public static FaceVolume prepare(final Video video, final FaceTrack track, final PhysNetConfig c,
		final Progress progress)
	{
		final int[] size = cropSize(c);
		progress.status("Cropping the face of " + video.name() + " to " + size[0] + "x" + size[1]);
		final ImageStack crop = FaceCropper.crop(video, track, size[0], size[1], progress);
		final ColorTransforms.ColorSpace space = ColorTransforms.ColorSpace.valueOf(c.colorSpace().toUpperCase(
			Locale.ROOT));
		final FaceVolume v = ColorTransforms.toVolume(crop, video.fps(), space);
		ColorTransforms.zNormalizeOverTime(v, zNorm(c.normalization()));
		return v;
	}

	/** The model records how its training volumes were normalised; apply the same. */
	static ColorTransforms.ZNorm zNorm(final String normalization) {
		return normalization != null && normalization.toLowerCase(Locale.ROOT).contains("per pixel")
			? ColorTransforms.ZNorm.PER_PIXEL_OVER_TIME : ColorTransforms.ZNorm.PER_CHANNEL;
	}
}

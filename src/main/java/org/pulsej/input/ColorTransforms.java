package org.pulsej.input;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.pulsej.face.Planes;
import org.pulsej.util.PulseJException;

/**
 * Turns a face crop into the network's input volume: colour space (paper Sec. 2.1: RGB at first, YUV in
 * later experiments) and z-normalisation (paper Sec. 5.2).
 */
public final class ColorTransforms {

	private ColorTransforms() {}

	public enum ColorSpace {
		/** R, G, B scaled to 0..1. */
		RGB,
		/**
		 * Analogue YUV with BT.601 luma, as OpenCV's {@code COLOR_RGB2YUV} on 0..1 data (the conversion in
		 * the paper's code base): Y = 0.299 R + 0.587 G + 0.114 B, U = 0.492 (B − Y) + 0.5,
		 * V = 0.877 (R − Y) + 0.5. Not YCbCr.
		 */
		YUV,
		/**
		 * Log chromaticity: log(R/G), log(B/G) and log(R/B), each ratio of values offset by one 8-bit grey
		 * level ({@link #CHROMA_OFFSET}) so that black stays finite. A change of brightness that scales R, G
		 * and B alike — a lamp's ripple, a light step, shading as the head turns, the camera's exposure —
		 * cancels in every channel, while the pulse, which darkens green more than red and blue, remains
		 * (the idea behind the POS and CHROM methods). Not in the paper; the network then cannot learn
		 * those nuisances as the pulse.
		 */
		CHROMA,
		/**
		 * Log chromaticity and relative luma: log(R/G) and log(B/G) as in {@link #CHROMA}, and, in place of
		 * its third channel log(R/B) (which is their difference, so holds nothing new), the face's log luma
		 * minus the log of the background's mean intensity in the same frame. Part of the pulse is a change
		 * of brightness (skin darkens in R, G and B as blood volume rises: in a dark face with a weak pulse
		 * chromaticity keeps a third of it), and that part is lost in {@link #CHROMA}. A lamp's ripple or
		 * the camera's exposure scales the face and the background alike and cancels in the difference; the
		 * face's own shading as it moves does not. Where the frame has no background (a video already cropped
		 * to the face) the whole frame is the reference, which takes the pulse out of the third channel as
		 * well: such videos gain nothing over {@link #CHROMA}. Not in the paper.
		 */
		CHROMA_LUMA;

		/**
		 * Whether a change of brightness common to the face's R, G and B (a lamp, the exposure) cancels in
		 * this space, or nearly: a network fed it sees a lamp's ripple only as a small leak beside the pulse.
		 */
		public boolean cancelsBrightness() {
			return this == CHROMA || this == CHROMA_LUMA;
		}

		/** yuv, chroma or chroma_luma (also rgb), ignoring case. */
		public static ColorSpace parse(final String s) {
			for (final ColorSpace c : values())
				if (c.name().equalsIgnoreCase(s == null ? "" : s.trim())) return c;
			throw new PulseJException("Unknown colour space '" + s + "'.",
				"Use colors=yuv (the paper's), colors=chroma (log chromaticity: brightness changes cancel) or " +
					"colors=chroma_luma (log chromaticity and the face's luma relative to the background).");
		}

		/** Whether the space is made of colour ratios, which a grey video holds constant. */
		public boolean needsColour() {
			return this == CHROMA || this == CHROMA_LUMA;
		}
	}

	/**
	 * Refuses a grey video for a colour space of ratios ({@link ColorSpace#needsColour}), which a grey video
	 * holds at zero in every frame: without this, every input was zero and the video was refused as "the same
	 * in every frame (a still picture …)", blaming the video, after face detection.
	 *
	 * @param reads who reads the ratios, completing "but … colour ratios", e.g. "this PhysNet model reads"
	 * @param fix what to do instead
	 */
	public static void refuseGrey(final org.pulsej.video.Video video, final String colorSpace, final String reads,
		final String fix)
	{
		if (!ColorSpace.parse(colorSpace).needsColour()) return;
		if (!video.isColor()) throw new PulseJException(video.name() + " is a " + video.bitDepth() + "-bit grey video, " +
			"but " + reads + " colour ratios (log R/G, log B/G), which a grey video holds at zero in every frame.", fix);
		// a grey video stored as colour (an MKV or MP4 of gray pixels, decoded as RGB) was refused as "the same in
		// every frame (a still picture, a frozen or repeated frame)"
		if (greyInColour(video)) throw new PulseJException(video.name() + " is a grey video stored as colour (red, " +
			"green and blue are equal in its pixels), but " + reads + " colour ratios (log R/G, log B/G), which a " +
				"grey video holds at zero in every frame.", fix);
	}

	/**
	 * Whether the first, middle and last frame of a colour video are grey: in every pixel red, green and
	 * blue differ by at most 2 levels (a codec's rounding), where skin differs by tens.
	 */
	static boolean greyInColour(final org.pulsej.video.Video video) {
		final int n = video.frames();
		for (final int t : new int[] { 0, n / 2, n - 1 }) {
			final ij.process.ImageProcessor ip = video.frame(t);
			if (!(ip instanceof ij.process.ColorProcessor cp)) return false;
			for (final int c : (int[]) cp.getPixels()) {
				final int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
				if (Math.abs(r - g) > 2 || Math.abs(g - b) > 2) return false;
			}
		}
		return true;
	}

	/** Offset added to R, G and B (on the 0..1 scale) before the ratios of {@link ColorSpace#CHROMA}. */
	public static final float CHROMA_OFFSET = 1f / 255;

	/** Over which axes {@link #zNormalizeOverTime(FaceVolume, ZNorm)} takes mean and standard deviation. */
	public enum ZNorm {
		/**
		 * Every channel of every pixel over time: the paper's "zero mean and unit standard deviation across
		 * time" (Sec. 5.2, after RhythmNet). Removes the face's appearance and keeps its changes over time.
		 */
		PER_PIXEL_OVER_TIME,
		/**
		 * Every channel over the whole clip (time, height and width together), as the cited code does
		 * inside the network's forward pass.
		 */
		PER_CHANNEL
	}

	/**
	 * The crop as a {@code 3 × T × H × W} volume with values scaled to 0..1 (RGB and 8-bit: /255, 16-bit:
	 * /65535, 32-bit as is), in {@code space}. Grey crops are replicated to R, G and B (in YUV that gives
	 * U = V = 0.5). The stack is not modified.
	 */
	public static FaceVolume toVolume(final ImageStack crop, final double fps, final ColorSpace space) {
		return toVolume(crop, fps, space, null);
	}

	/**
	 * As {@link #toVolume(ImageStack, double, ColorSpace)}, with each frame's background intensity
	 * ({@code background[f]} on the 0..1 scale, NaN or a null array: none) for {@link ColorSpace#CHROMA_LUMA}.
	 */
	public static FaceVolume toVolume(final ImageStack crop, final double fps, final ColorSpace space,
		final double[] background)
	{
		if (crop == null || crop.getSize() == 0) throw new PulseJException("The face crop has no frames.", "Crop the face from a video with at least one frame.");
		final int t = crop.getSize(), h = crop.getHeight(), w = crop.getWidth();
		final FaceVolume v = FaceVolume.zeros(3, t, h, w, fps);
		for (int f = 0; f < t; f++)
			writeFrame(crop.getProcessor(f + 1), v, f, space, background == null ? Double.NaN : background[f]);
		return v;
	}

	/** Writes crop frame {@code ip} (of {@code v}'s height and width) as frame {@code f} of {@code v}, as {@link #toVolume} does. */
	public static void writeFrame(final ImageProcessor ip, final FaceVolume v, final int f, final ColorSpace space) {
		writeFrame(ip, v, f, space, Double.NaN);
	}

	/**
	 * As {@link #writeFrame(ImageProcessor, FaceVolume, int, ColorSpace)}, with the frame's background
	 * intensity (0..1; NaN: none) for {@link ColorSpace#CHROMA_LUMA}.
	 */
	public static void writeFrame(final ImageProcessor ip, final FaceVolume v, final int f, final ColorSpace space,
		final double background)
	{
		final float scale = ip instanceof ColorProcessor || ip.getBitDepth() == 8 ? 1f / 255 : ip.getBitDepth() == 16 ? 1f / 65535 : 1f;
		writeFrame(Planes.channels(ip), scale, v, f, space, background);
	}

	/**
	 * Writes frame {@code f} of the 3-channel volume {@code v} from one (grey, replicated) or three
	 * channel planes times {@code scale}, converted to {@code space}; {@code background} is the frame's
	 * background intensity on the 0..1 scale (NaN: none), which only {@link ColorSpace#CHROMA_LUMA} reads.
	 */
	static void writeFrame(final float[][] ch, final float scale, final FaceVolume v, final int f,
		final ColorSpace space, final double background)
	{
		// an unknown background is no reference: plain log luma; a black one is offset like the face's values
		final float logBackground = Double.isFinite(background) ? (float) Math.log(Math.max(0, background) +
			CHROMA_OFFSET) : 0f;
		final float[] d = v.data();
		final int plane = v.height() * v.width();
		final int o0 = v.index(0, f, 0, 0), o1 = v.index(1, f, 0, 0), o2 = v.index(2, f, 0, 0);
		final float[] r = ch[0], g = ch[ch.length == 3 ? 1 : 0], b = ch[ch.length == 3 ? 2 : 0];
		for (int i = 0; i < plane; i++) {
			final float rv = r[i] * scale, gv = g[i] * scale, bv = b[i] * scale;
			if (space == ColorSpace.YUV) {
				final float y = yuvY(rv, gv, bv);
				d[o0 + i] = y;
				d[o1 + i] = yuvU(bv, y);
				d[o2 + i] = yuvV(rv, y);
			}
			else if (space == ColorSpace.CHROMA || space == ColorSpace.CHROMA_LUMA) {
				// negative values (32-bit input) are clamped: a ratio of light has no meaning below 0
				final float lr = (float) Math.log(Math.max(0, rv) + CHROMA_OFFSET), lg = (float) Math.log(Math.max(0, gv) +
					CHROMA_OFFSET), lb = (float) Math.log(Math.max(0, bv) + CHROMA_OFFSET);
				d[o0 + i] = lr - lg;
				d[o1 + i] = lb - lg;
				d[o2 + i] = space == ColorSpace.CHROMA ? lr - lb : (float) Math.log(Math.max(0, yuvY(rv, gv, bv)) +
					CHROMA_OFFSET) - logBackground;
			}
			else {
				d[o0 + i] = rv;
				d[o1 + i] = gv;
				d[o2 + i] = bv;
			}
		}
	}

	private static float yuvY(final float r, final float g, final float b) {
		return 0.299f * r + 0.587f * g + 0.114f * b;
	}

	private static float yuvU(final float b, final float y) {
		return 0.492f * (b - y) + 0.5f;
	}

	private static float yuvV(final float r, final float y) {
		return 0.877f * (r - y) + 0.5f;
	}

	/** Converts a 3-channel RGB volume (0..1) to YUV in place; see {@link ColorSpace#YUV}. */
	public static void rgbToYuv(final FaceVolume v) {
		if (v.channels() != 3) throw new IllegalArgumentException("RGB to YUV needs 3 channels, not " + v.channels());
		final float[] d = v.data();
		final int n = v.frames() * v.height() * v.width();
		final int g0 = n, b0 = 2 * n;
		for (int i = 0; i < n; i++) {
			final float r = d[i], g = d[g0 + i], b = d[b0 + i];
			final float y = yuvY(r, g, b);
			d[i] = y;
			d[g0 + i] = yuvU(b, y);
			d[b0 + i] = yuvV(r, y);
		}
	}

	/** Z-normalises in place every channel of every pixel over time ({@link ZNorm#PER_PIXEL_OVER_TIME}). */
	public static void zNormalizeOverTime(final FaceVolume v) {
		zNormalizeOverTime(v, ZNorm.PER_PIXEL_OVER_TIME);
	}

	/**
	 * Z-normalises in place: subtracts the mean and divides by the standard deviation (with N − 1, as
	 * {@code torch.std}) taken over the axes {@code axes} names, over all frames of {@code v} (pass a clip
	 * to normalise per clip). Values with zero spread become 0.
	 */
	public static void zNormalizeOverTime(final FaceVolume v, final ZNorm axes) {
		final float[] d = v.data();
		final int t = v.frames(), plane = v.height() * v.width();
		if (axes == ZNorm.PER_CHANNEL) {
			for (int c = 0; c < v.channels(); c++)
				normalise(d, c * t * plane, 1, t * plane);
			return;
		}
		// Pixels in blocks, each block frame by frame (memory in order), blocks on all cores. Every pixel's
		// sums still run over time in order, so the values are those of normalising it alone.
		final int block = 1024, perChannel = (plane + block - 1) / block;
		java.util.stream.IntStream.range(0, v.channels() * perChannel).parallel().forEach(j -> {
			final int c = j / perChannel, p0 = (j % perChannel) * block, p1 = Math.min(plane, p0 + block);
			normaliseOverTime(d, c * t * plane, plane, t, p0, p1);
		});
	}

	/** {@link #normalise} for each pixel p0 ≤ p < p1 of {@code t} planes of {@code plane} values from {@code base}. */
	private static void normaliseOverTime(final float[] d, final int base, final int plane, final int t, final int p0,
		final int p1)
	{
		final int m = p1 - p0;
		final double[] mean = new double[m], ss = new double[m];
		for (int k = 0; k < t; k++) {
			final int o = base + k * plane + p0;
			for (int i = 0; i < m; i++) mean[i] += d[o + i];
		}
		for (int i = 0; i < m; i++) mean[i] /= t;
		for (int k = 0; k < t; k++) {
			final int o = base + k * plane + p0;
			for (int i = 0; i < m; i++) {
				final double e = d[o + i] - mean[i];
				ss[i] += e * e;
			}
		}
		final double[] inv = ss; // reused: 1 / standard deviation
		for (int i = 0; i < m; i++) {
			final double sd = t > 1 ? Math.sqrt(ss[i] / (t - 1)) : 0;
			inv[i] = sd > 1e-7 ? 1 / sd : 0; // float noise on a constant is no signal
		}
		for (int k = 0; k < t; k++) {
			final int o = base + k * plane + p0;
			for (int i = 0; i < m; i++) d[o + i] = (float) ((d[o + i] - mean[i]) * inv[i]);
		}
	}

	/** Z-normalises the {@code n} values at {@code offset + k · stride}. */
	private static void normalise(final float[] d, final int offset, final int stride, final int n) {
		double sum = 0;
		for (int k = 0; k < n; k++) sum += d[offset + k * stride];
		final double mean = sum / n;
		double ss = 0;
		for (int k = 0; k < n; k++) {
			final double e = d[offset + k * stride] - mean;
			ss += e * e;
		}
		final double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
		final double inv = sd > 1e-7 ? 1 / sd : 0; // float noise on a constant is no signal
		for (int k = 0; k < n; k++) {
			final int i = offset + k * stride;
			d[i] = (float) ((d[i] - mean) * inv);
		}
	}
}

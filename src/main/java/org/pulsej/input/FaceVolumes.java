package org.pulsej.input;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.util.Locale;
import java.util.function.IntFunction;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.FramePrefetch;
import org.pulsej.video.MemoryBudget;
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
	public static int[] cropSize(final InputSpec c) {
		final double s = Math.max(c.height() / (double) PAPER_HEIGHT, c.width() / (double) PAPER_WIDTH);
		return new int[] { (int) Math.round(PAPER_HEIGHT * s), (int) Math.round(PAPER_WIDTH * s) };
	}

	/** Heap bytes of one frame of a face volume for this network (float values). */
	public static double bytesPerFrame(final InputSpec c) {
		final int[] crop = cropSize(c);
		return (double) c.channels() * crop[0] * crop[1] * Float.BYTES;
	}

	/** How a face volume for this network looks, for messages: e.g. "96x64, 3 channels". */
	public static String shape(final InputSpec c) {
		final int[] crop = cropSize(c);
		return crop[0] + "x" + crop[1] + ", " + c.channels() + " channels";
	}

	/** The first words of every "not enough memory for a face volume" fix. */
	static final String MORE_MEMORY = "Give Java more memory (Fiji: Edit > Options > Memory & Threads; bin/pulsej: " +
		"PULSEJ_JAVA_OPTS=-Xmx16g), ";

	/** The last words of those fixes. */
	public static final String CUT_VIDEO = "or cut the video into parts, e.g. ffmpeg -i VIDEO -f segment -segment_time 300 " +
		"-c copy PART_%03d.mkv"; // MKV holds any codec a video file may bring (an AVI is refused some)

	/**
	 * Heap needed beside the face volume while it is built and measured (the decoder's frame, the face
	 * detector, the network's windows, the POS pass of pos_weight): a 14400-frame volume of 1.06 GB ran out of
	 * memory with -Xmx1g, where the check without this let it start, and was measured with -Xmx1200m.
	 */
	static final double WORKING_BYTES = 128e6;

	/**
	 * A video's whole face volume is built in the heap (the z-normalisation spans the whole video, and
	 * training spills a volume only once it is built): refuse one that cannot fit before a frame is
	 * read, rather than run out of memory near its end.
	 *
	 * @param smaller the middle of the fix: how to make the volume smaller for this purpose
	 */
	public static void checkFits(final Video video, final InputSpec c, final String smaller) {
		org.pulsej.video.MemoryBudget.checkHeld(String.format(Locale.ROOT,
			"PhysNet on %s holds its whole face volume (%d frames of %s) and", video.name(), video.frames(), shape(c)),
			video.frames() * bytesPerFrame(c) + WORKING_BYTES, MORE_MEMORY + smaller + CUT_VIDEO);
	}

	/**
	 * What the paper clusters videos by for its specialist models (5.3), in words (also written into
	 * the specialists' router).
	 */
	public static final String BACKGROUND_FEATURE = "mean intensity (R+G+B)/3 of the pixels outside the stabilised " +
		"face box, as a fraction of full scale (0 = black, 1 = white), averaged over all frames; the whole frame " +
		"when the box covers it (videos already cropped to the face)";

	/**
	 * The face stage's normalisation with the face's appearance: z-scored per pixel over time, as the
	 * paper does, followed by as many constant channels holding each pixel's mean over time of each
	 * colour channel, standardised across the crop. The z-scoring removes the appearance, and with it
	 * every cue to tell skin from eyes, hair and background; these channels give it back, so the
	 * network can weigh the pixels where the pulse is (docs/training.md, "Loss, region and colours").
	 */
	public static final String Z_SCORE_WITH_APPEARANCE = "z-score per pixel over time, then each pixel's mean over " +
		"time as constant channels (standardised across the crop)";

	/** Whether volumes for {@code c} carry the appearance channels of {@link #Z_SCORE_WITH_APPEARANCE}. */
	public static boolean hasAppearance(final InputSpec c) {
		return hasAppearance(c.normalization());
	}

	/** Whether volumes normalised as {@code normalization} says carry the appearance channels. */
	public static boolean hasAppearance(final String normalization) {
		return normalization != null && normalization.endsWith(Z_SCORE_WITH_APPEARANCE);
	}

	/**
	 * The start of the normalisation of a model whose input has what is not skin filled ({@link #offSkin}),
	 * before the z-normalisation (and the appearance channels) the rest of it names. Recorded in the model,
	 * so that it measures with the input it was trained on; a model without it sees every pixel as it is.
	 */
	public static final String SKIN_FILLED = "pixels off the skin hold their mean over the frames they were skin " +
		"plus the skin's mean change, then ";

	/** Whether volumes normalised as {@code normalization} says have what is not skin filled ({@link #SKIN_FILLED}). */
	public static boolean fillsSkin(final String normalization) {
		return normalization != null && normalization.startsWith(SKIN_FILLED);
	}

	/** Colour channels of a volume for {@code c}: all of its channels, or half of them with the appearance. */
	public static int colourChannels(final InputSpec c) {
		return hasAppearance(c) ? c.channels() / 2 : c.channels();
	}

	/**
	 * A face track, the network input cut along it, and the video's mean background intensity
	 * ({@link #BACKGROUND_FEATURE}), with the mean intensities per frame (0..1) outside and inside the
	 * box the input was cut from: the light a lamp casts on the background and on the face.
	 */
	public record Tracked(FaceTrack track, FaceVolume volume, double background, double[] backgroundLight,
		double[] faceLight) {}

	/** Crop → colour space of the model → z-normalisation of the model, along a known track. */
	public static FaceVolume prepare(final Video video, final FaceTrack track, final InputSpec c,
		final Progress progress)
	{
		return prepareTracked(video, track, c, progress).volume();
	}

	/** As {@link #prepare}, with the background intensity measured in the same pass. */
	public static Tracked prepareTracked(final Video video, final FaceTrack track, final InputSpec c,
		final Progress progress)
	{
		return prepareAlong(video, track, track::stabilised, c, progress);
	}

	/**
	 * As {@link #prepareTracked}, cut along {@code boxes} (a box per frame, e.g. one that moves with the
	 * face every frame) instead of the track's stabilised box.
	 */
	public static Tracked prepareAlong(final Video video, final FaceTrack track, final IntFunction<Box> boxes,
		final InputSpec c, final Progress progress)
	{
		if (track.frames() != video.frames() || track.width() != video.width() || track.height() != video.height())
			throw new PulseJException("The face track (" + track.frames() + " frames of " + track.width() + "x" + track
				.height() + ") does not belong to " + video + ".", "Track the face on this video first.");
		final Volume v = new Volume(video, c);
		progress.status("Cropping the face of " + video.name() + " to " + v.height + "x" + v.width);
		try (FramePrefetch<Void> frames = new FramePrefetch<>(video, FramePrefetch.defaultThreads(), 8, (t, ip) -> {
			v.add(t, ip, boxes.apply(t));
			return null;
		})) {
			while (frames.hasNext()) {
				progress.checkCancelled();
				final int t = frames.next().t();
				progress.fraction((t + 1.0) / video.frames());
			}
		}
		return v.tracked(track, c);
	}

	/**
	 * Tracks the face and cuts the network input along the track in one pass over the video: each frame
	 * is read once and cropped as soon as its stabilised box is known. The same volume as
	 * {@link FaceTracker#track} followed by {@link #prepare}.
	 */
	public static Tracked trackAndPrepare(final Video video, final FaceTracker tracker, final InputSpec c,
		final Progress progress)
	{
		final Volume v = new Volume(video, c);
		final FaceTrack track = tracker.track(video, progress, (t, frame, box) -> v.add(t, frame, box));
		return v.tracked(track, c);
	}

	/**
	 * The nuisance traces of {@link FaceVolume#nuisance()}: where the detected face sits in its
	 * stabilised box (centre offset in x and y, and size, relative to the box) and the background's
	 * brightness, per frame. A trace that never changes (a fixed box; a box covering the whole frame,
	 * whose "background" would be the face itself) is left out.
	 */
	static float[][] nuisance(final FaceTrack track, final double[] background) {
		final int n = track.frames();
		final float[][] all = new float[4][n];
		for (int t = 0; t < n; t++) {
			final Box r = track.raw(t), s = track.stabilised(t);
			final double w = Math.max(1e-9, s.w()), h = Math.max(1e-9, s.h());
			if (r == null) { // no face in this frame: the face is where it was last seen
				for (int k = 0; k < 3; k++)
					all[k][t] = t > 0 ? all[k][t - 1] : 0;
			}
			else {
				all[0][t] = (float) ((r.x() + r.w() / 2 - s.x() - s.w() / 2) / w);
				all[1][t] = (float) ((r.y() + r.h() / 2 - s.y() - s.h() / 2) / h);
				all[2][t] = (float) (r.w() / w);
			}
			all[3][t] = (float) background[t];
		}
		final boolean wholeFrame = track.isFixed() && track.stabilised(0).w() >= track.width() && track.stabilised(0)
			.h() >= track.height();
		final java.util.List<float[]> kept = new java.util.ArrayList<>();
		for (int k = 0; k < all.length; k++)
			if (!(k == 3 && wholeFrame) && varies(all[k])) kept.add(all[k]);
		return kept.isEmpty() ? null : kept.toArray(new float[0][]);
	}

	private static boolean varies(final float[] x) {
		for (final float v : x)
			if (v != x[0]) return true;
		return false;
	}

	/**
	 * Whether any value of the crop differs from frame 0's: a crop that never changes holds no pulse,
	 * and the network would still turn its (normalised-away) input into a rhythm of its own. A real video
	 * differs in its first values already (sensor noise), so this costs next to nothing.
	 */
	static boolean changes(final FaceVolume v) {
		final int plane = v.height() * v.width();
		final float[] row0 = new float[plane], row = new float[plane];
		for (int c = 0; c < v.channels(); c++) {
			v.read(v.index(c, 0, 0, 0), row0, 0, plane);
			for (int t = 1; t < v.frames(); t++) {
				v.read(v.index(c, t, 0, 0), row, 0, plane);
				if (!java.util.Arrays.equals(row0, row)) return true;
			}
		}
		return false;
	}

	/** The volume being filled frame by frame (any order, any thread). */
	private static final class Volume {

		final FaceVolume data;
		final int height, width, frameW, frameH;
		final ColorTransforms.ColorSpace space;
		final double[] background, face;
		/** Per frame, the crop pixels that take in an overexposed pixel ({@link FaceCropper#clipped}); null: none. */
		final boolean[][] clipped;
		/** Whether some frame's box left no background sample outside it (set by any frame's thread; only ever to true). */
		volatile boolean boxCoveredFrame;
		final String name;
		final double fps;
		/** The first frame whose crop holds a NaN or infinite value, else Integer.MAX_VALUE (frames come in any order). */
		final java.util.concurrent.atomic.AtomicInteger firstNonFinite = new java.util.concurrent.atomic.AtomicInteger(
			Integer.MAX_VALUE);

		Volume(final Video video, final InputSpec c) {
			final int[] size = cropSize(c);
			height = size[0];
			width = size[1];
			frameW = video.width();
			frameH = video.height();
			space = ColorTransforms.ColorSpace.parse(c.colorSpace());
			// the appearance channels, if any, are filled in by finish(): the crop writes the first three
			data = FaceVolume.zeros(FaceVolumes.hasAppearance(c) ? c.channels() : 3, video.frames(), height, width,
				video.fps());
			name = video.name();
			fps = video.fps();
			background = new double[video.frames()];
			face = new double[video.frames()];
			clipped = new boolean[video.frames()][];
		}

		void add(final int t, final ImageProcessor frame, final Box stabilised) {
			// measured first: colors=chroma_luma writes the face's luma relative to it
			final double[] light = intensities(frame, stabilised);
			background[t] = light[0];
			face[t] = light[1];
			if (light[2] == 0) boxCoveredFrame = true; // its "background" is the face itself
			final Box crop = FaceCropper.cropBox(stabilised, frameW, frameH, height, width);
			FaceCropper.cropInto(frame, crop, data, t, space, background[t]);
			if (fillsClipped(space)) clipped[t] = FaceCropper.clipped(frame, crop, height, width);
			if (!finite(t)) firstNonFinite.accumulateAndGet(t, Math::min);
		}

		/** Whether frame t of the crop holds finite values only. */
		private boolean finite(final int t) {
			final float[] plane = new float[height * width];
			for (int c = 0; c < data.channels(); c++) {
				data.read(data.index(c, t, 0, 0), plane, 0, plane.length);
				for (final float v : plane)
					if (!Float.isFinite(v)) return false;
			}
			return true;
		}

		/** The volume finished, with its track and light traces (none of the background where the box covered a frame). */
		Tracked tracked(final FaceTrack track, final InputSpec c) {
			return new Tracked(track, finish(c).withNuisance(nuisance(track, background)), background(), boxCoveredFrame
				? null : background, face);
		}

		double background() {
			double s = 0;
			for (final double b : background)
				s += b;
			return s / background.length;
		}

		FaceVolume finish(final InputSpec c) {
			// a NaN or infinite pixel of a 32-bit video: the z-normalisation spread it over the whole volume, and the
			// video was refused as "The signal has the value NaN at frame 0. Remove or interpolate missing frames"
			final int bad = firstNonFinite.get();
			if (bad < Integer.MAX_VALUE) throw new PulseJException(String.format(Locale.ROOT, "%s has NaN or " +
				"infinite pixels in its face crop (the first in frame %d, at %.2f s), and PhysNet's network takes every " +
				"pixel of the crop: one such pixel makes its whole output not a number.", name, bad, bad / fps),
				"Use method=GREEN (POS or CHROM for a colour video), which skips such pixels; or replace them in " +
					"ImageJ (NaN: Process > Math > Remove NaNs) and save the video again.");
			if (!changes(data)) throw Video.still(name);
			final int colours = colourChannels(c);
			final boolean skin = fillsSkin(c.normalization());
			fillMasked(data, skin ? offSkin(data, clipped) : clipped, Math.min(colours, 3), skin);
			final float[][] look = hasAppearance(c) ? appearance(data, colours) : null;
			ColorTransforms.zNormalizeOverTime(data, zNorm(c.normalization()));
			if (look != null) for (int k = 0; k < look.length; k++)
				for (int t = 0; t < data.frames(); t++)
					System.arraycopy(look[k], 0, data.data(), data.index(colours + k, t, 0, 0), look[k].length);
			return data;
		}
	}

	/**
	 * Whether volumes in {@code space} have their overexposed pixels filled ({@link #fillMasked}): the
	 * chromaticity inputs of Train PhysNet's defaults. YUV models (the bundled one, the paper's) see the crop
	 * as they were trained on it: filled, the bundled model read five turning-head videos worse (7.09 → 8.16
	 * bpm MAE), as a model meets input it was not trained on.
	 */
	static boolean fillsClipped(final ColorTransforms.ColorSpace space) {
		return space == ColorTransforms.ColorSpace.CHROMA || space == ColorTransforms.ColorSpace.CHROMA_LUMA;
	}

	/**
	 * Replaces, in the first {@code colours} channels, each crop pixel's values in the frames where it is
	 * masked ({@code masked[t]}: it took in overexposed pixels, or is off the skin, {@link #offSkin}) by its
	 * mean over the frames where it is not (its mean over all frames where it always is). A clipped channel
	 * stops following the light, so overexposed skin changes colour with its brightness: as a face turns under a
	 * bright light, its lit side clips and unclips with the turn, and the network was shown the head's motion as
	 * a change of colour. Filled, those pixels hold still.
	 *
	 * @param follow whether a filled value also follows the frame's mean change of the pixels not masked in it
	 *        (each taken from its own mean): the masked pixels then carry the pulse of the skin around them,
	 *        averaged over it, where they held still
	 */
	static void fillMasked(final FaceVolume v, final boolean[][] masked, final int colours, final boolean follow) {
		final int frames = v.frames(), plane = v.height() * v.width();
		boolean any = false;
		for (final boolean[] m : masked)
			any |= m != null;
		if (!any) return;
		final float[] d = v.data();
		final int[] kept = new int[plane];
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < plane; i++)
				if (masked[t] == null || !masked[t][i]) kept[i]++;
		for (int c = 0; c < colours; c++) {
			final double[] mean = new double[plane], all = new double[plane];
			for (int t = 0; t < frames; t++) {
				final int o = v.index(c, t, 0, 0);
				for (int i = 0; i < plane; i++) {
					all[i] += d[o + i];
					if (masked[t] == null || !masked[t][i]) mean[i] += d[o + i];
				}
			}
			for (int i = 0; i < plane; i++)
				mean[i] = kept[i] > 0 ? mean[i] / kept[i] : all[i] / frames;
			for (int t = 0; t < frames; t++) {
				if (masked[t] == null) continue;
				final int o = v.index(c, t, 0, 0);
				double change = 0;
				if (follow) {
					int k = 0;
					for (int i = 0; i < plane; i++)
						if (!masked[t][i]) {
							change += d[o + i] - mean[i];
							k++;
						}
					change = k > 0 ? change / k : 0;
				}
				for (int i = 0; i < plane; i++)
					if (masked[t][i]) d[o + i] = (float) (mean[i] + change);
			}
		}
	}

	/** Mahalanobis distance beyond which a crop pixel's chromaticity is not the face's skin. */
	static final double SKIN_K = 3;
	/** Trimming of the skin fit: rounds, and the distance of the pixels each round keeps. */
	private static final int SKIN_TRIM_ROUNDS = 3;
	private static final double SKIN_TRIM_K = 2.5;
	/** Floor of the skin fit's variance in log chromaticity: a flat-coloured face is not left without skin by noise. */
	private static final double SKIN_FLOOR = 0.02 * 0.02;

	/**
	 * {@code clipped} with, in every frame, the crop pixels whose chromaticity (log R/G, log B/G: channels 0
	 * and 1) lies farther than {@link #SKIN_K} standard deviations (Mahalanobis) from the face's skin, fitted
	 * to the central half of the crop with trimming. What is not skin — eyes, brows, lips, hair, background —
	 * changes colour when it moves across a pixel; skin hardly does, so filled ({@link #fillMasked}, following
	 * the skin), the face's motion no longer shows as a change of colour: a turning head's rhythm was read as
	 * the pulse (docs/training.md). Returns {@code clipped} itself where no skin can be fitted.
	 */
	static boolean[][] offSkin(final FaceVolume v, final boolean[][] clipped) {
		final int n = v.frames(), h = v.height(), w = v.width(), plane = h * w;
		final float[] d = v.data();
		final int step = Math.max(1, n / 64);
		final int y0 = h / 4, y1 = Math.max(y0 + 1, 3 * h / 4), x0 = w / 4, x1 = Math.max(x0 + 1, 3 * w / 4);
		final int cap = ((n + step - 1) / step) * (y1 - y0) * (x1 - x0);
		final float[] a = new float[cap], b = new float[cap];
		int m = 0;
		for (int t = 0; t < n; t += step) {
			final int oa = v.index(0, t, 0, 0), ob = v.index(1, t, 0, 0);
			for (int y = y0; y < y1; y++)
				for (int x = x0; x < x1; x++) {
					final int i = y * w + x;
					if (clipped[t] != null && clipped[t][i]) continue;
					a[m] = d[oa + i];
					b[m] = d[ob + i];
					m++;
				}
		}
		if (m < 16) return clipped;
		// mean and inverse covariance of (a, b): started from the medians and median deviations, so that eyes and
		// brows in the central half cannot pull the first fit off the skin, then refitted on the samples near it
		double ma = median(a, m), mb = median(b, m);
		double ia = 1 / (Math.pow(1.4826 * mad(a, m, ma), 2) + SKIN_FLOOR), ib = 0, ic = 1 / (Math.pow(1.4826 * mad(b, m,
			mb), 2) + SKIN_FLOOR);
		final boolean[] near = new boolean[m];
		for (int round = 0; round < SKIN_TRIM_ROUNDS; round++) {
			double sa = 0, sb = 0;
			int used = 0;
			for (int j = 0; j < m; j++) {
				near[j] = dist2(a[j] - ma, b[j] - mb, ia, ib, ic) <= SKIN_TRIM_K * SKIN_TRIM_K;
				if (near[j]) {
					sa += a[j];
					sb += b[j];
					used++;
				}
			}
			if (used < 16) break;
			final double na = sa / used, nb = sb / used;
			double caa = 0, cab = 0, cbb = 0;
			for (int j = 0; j < m; j++)
				if (near[j]) {
					final double u = a[j] - na, q = b[j] - nb;
					caa += u * u;
					cab += u * q;
					cbb += q * q;
				}
			caa = caa / used + SKIN_FLOOR;
			cbb = cbb / used + SKIN_FLOOR;
			cab /= used;
			final double det = caa * cbb - cab * cab;
			if (!(det > 0) || !Double.isFinite(det)) break;
			ma = na;
			mb = nb;
			ia = cbb / det;
			ib = -cab / det;
			ic = caa / det;
		}
		final boolean[][] out = new boolean[n][];
		for (int t = 0; t < n; t++) {
			final int oa = v.index(0, t, 0, 0), ob = v.index(1, t, 0, 0);
			boolean[] f = clipped[t] == null ? null : clipped[t].clone();
			for (int i = 0; i < plane; i++)
				if (dist2(d[oa + i] - ma, d[ob + i] - mb, ia, ib, ic) > SKIN_K * SKIN_K) {
					if (f == null) f = new boolean[plane];
					f[i] = true;
				}
			out[t] = f;
		}
		return out;
	}

	private static double median(final float[] x, final int m) {
		final float[] s = java.util.Arrays.copyOf(x, m);
		java.util.Arrays.sort(s);
		return (s[(m - 1) / 2] + s[m / 2]) / 2.0;
	}

	/** Median absolute deviation of the first {@code m} values of {@code x} from {@code centre}. */
	private static double mad(final float[] x, final int m, final double centre) {
		final float[] d = new float[m];
		for (int j = 0; j < m; j++)
			d[j] = (float) Math.abs(x[j] - centre);
		return median(d, m);
	}

	private static double dist2(final double u, final double q, final double ia, final double ib, final double ic) {
		return ia * u * u + 2 * ib * u * q + ic * q * q;
	}

	/**
	 * Mean intensity of one frame outside {@code face} ({@link #BACKGROUND_FEATURE}), on a grid of about
	 * 64 × 64 samples (a mean over a smooth background needs no more).
	 */
	static double backgroundIntensity(final ImageProcessor frame, final Box face) {
		return intensities(frame, face)[0];
	}

	/**
	 * {@link #backgroundIntensity} and the mean intensity inside {@code face} on the same grid (the whole
	 * frame's where no sample falls inside), both on the 0..1 scale, and the number of samples outside.
	 */
	static double[] intensities(final ImageProcessor frame, final Box face) {
		final int w = frame.getWidth(), h = frame.getHeight();
		final int step = Math.max(1, Math.min(w, h) / 64);
		final double x0 = face.x(), y0 = face.y(), x1 = face.x() + face.w(), y1 = face.y() + face.h();
		final double scale = frame instanceof ColorProcessor ? 3 * 255.0 : frame.getBitDepth() == 8 ? 255.0 : frame
			.getBitDepth() == 16 ? 65535.0 : 1.0;
		double out = 0, all = 0;
		long nOut = 0, nAll = 0;
		for (int y = step / 2; y < h; y += step)
			for (int x = step / 2; x < w; x += step) {
				final double v;
				if (frame instanceof ColorProcessor cp) {
					final int c = cp.get(x, y);
					v = ((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff);
				}
				else v = frame.getf(x, y);
				if (!Double.isFinite(v)) continue; // a NaN or infinite pixel of a 32-bit frame
				all += v;
				nAll++;
				if (x + 0.5 < x0 || x + 0.5 > x1 || y + 0.5 < y0 || y + 0.5 > y1) {
					out += v;
					nOut++;
				}
			}
		final long nIn = nAll - nOut;
		return new double[] { (nOut > 0 ? out / nOut : all / nAll) / scale, (nIn > 0 ? (all - out) / nIn : all / nAll) /
			scale, nOut };
	}

	/**
	 * Each of the first {@code colours} channels' per-pixel mean over time, standardised across the crop
	 * (zero mean, unit standard deviation; all 0 for a uniform one): the face's appearance, for
	 * {@link #Z_SCORE_WITH_APPEARANCE}.
	 */
	static float[][] appearance(final FaceVolume v, final int colours) {
		final int plane = v.height() * v.width(), n = v.frames();
		final float[][] out = new float[colours][plane];
		final float[] row = new float[plane];
		for (int c = 0; c < colours; c++) {
			final double[] mean = new double[plane];
			for (int t = 0; t < n; t++) {
				v.read(v.index(c, t, 0, 0), row, 0, plane);
				for (int i = 0; i < plane; i++)
					mean[i] += row[i];
			}
			double m = 0;
			for (int i = 0; i < plane; i++) {
				mean[i] /= n;
				m += mean[i];
			}
			m /= plane;
			double ss = 0;
			for (int i = 0; i < plane; i++)
				ss += (mean[i] - m) * (mean[i] - m);
			final double sd = Math.sqrt(ss / plane);
			// float noise on a uniform crop is no appearance
			final double inv = sd > 1e-6 ? 1 / sd : 0;
			for (int i = 0; i < plane; i++)
				out[c][i] = (float) ((mean[i] - m) * inv);
		}
		return out;
	}

	/** The model records how its training volumes were normalised; apply the same. */
	static ColorTransforms.ZNorm zNorm(final String normalization) {
		return normalization != null && normalization.toLowerCase(Locale.ROOT).contains("per pixel")
			? ColorTransforms.ZNorm.PER_PIXEL_OVER_TIME : ColorTransforms.ZNorm.PER_CHANNEL;
	}
}

package org.pulsej.face;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import org.pulsej.util.PulseJException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's short-range BlazeFace detector (128×128 input, 896 anchors) run by DJL's ONNX Runtime
 * engine. The model file is fetched at build time and shipped inside the jar (see pom.xml); nothing is
 * downloaded at run time. {@link #detect} may be called from several threads at once: each concurrent
 * caller gets its own predictor on the shared model session.
 */
public final class BlazeFaceDetector implements FaceDetector {

	/** Resource name of the model next to this class. */
	static final String MODEL_RESOURCE = "face_detection_front_128x128_barracuda.onnx";
	/** Side of the square model input. */
	static final int INPUT = 128;
	/** MediaPipe's default confidence threshold for this model. */
	public static final double DEFAULT_MIN_SCORE = 0.75;
	/** Boxes overlapping by at least this IoU are merged into one face (MediaPipe's weighted NMS). */
	static final double NMS_IOU = 0.3;
	static final int ANCHORS = 896, REGRESSORS = 16, KEYPOINTS = 6;
	/**
	 * BlazeFace's box is a square from about the eyebrows to just above the chin. PulseJ's face box
	 * reaches from the hairline to the chin, like the face boxes of the paper's detector (S3FD) and the
	 * face outline: the same width and centre, {@value} times as high, its bottom
	 * {@link #CHIN_MARGIN} widths lower. The forehead, a strong pulse region, is then inside the box the
	 * paper buffers. 1.3 is the usual hairline-to-chin height of a face over its width; with the chin
	 * margin it gives a mean IoU of 0.93 (least 0.89) with the true face outline on the first frames of
	 * synthetic faces with seeds 1–12; moving faces with other seeds are checked in the tests.
	 */
	public static final double FACE_HEIGHT_RATIO = 1.3;
	/** See {@link #FACE_HEIGHT_RATIO}. */
	public static final double CHIN_MARGIN = 0.02;
	/**
	 * Threads ONNX Runtime may use within one inference ({@code -Dpulsej.face.threads=N} overrides). One:
	 * the model takes about a millisecond, and on a busy 2-core machine a second (spinning) thread made
	 * detection 2–3 times slower in wall time (FaceDetectionBench) while taking a core from other stages.
	 */
	static final int THREADS = Math.max(1, Integer.getInteger("pulsej.face.threads", 1));

	private static final float[][] ANCHOR_CENTRES = anchors();

	private final Model model;
	/** Predictors not in use; one more is made when all are busy (DJL predictors are single-threaded). */
	private final java.util.concurrent.ConcurrentLinkedQueue<Predictor<float[], float[][]>> idle =
		new java.util.concurrent.ConcurrentLinkedQueue<>();
	private final List<Predictor<float[], float[][]>> all = new ArrayList<>();
	private final double minScore;
	private boolean closed;
	/** Detections in flight hold it shared; closing waits for them (freeing a running session crashes). */
	private final java.util.concurrent.locks.ReentrantReadWriteLock running =
		new java.util.concurrent.locks.ReentrantReadWriteLock();

	private BlazeFaceDetector(final Model model, final double minScore) {
		this.model = model;
		this.minScore = minScore;
		idle.add(newPredictor());
	}

	private Predictor<float[], float[][]> newPredictor() {
		synchronized (all) {
			if (closed) throw new IllegalStateException("the face detector is closed");
			final Predictor<float[], float[][]> p = model.newPredictor(new OutputsTranslator());
			all.add(p);
			return p;
		}
	}

	/** Whether the build included the model (it needs npm at build time). */
	public static boolean isAvailable() {
		return BlazeFaceDetector.class.getResource(MODEL_RESOURCE) != null;
	}

	/**
	 * Loads the model on ONNX Runtime (CPU). Faces scoring below {@code minScore} (0..1; MediaPipe uses
	 * {@value #DEFAULT_MIN_SCORE}) are not reported.
	 *
	 * @throws PulseJException when the model is not in this build or the engine cannot start
	 */
	public static BlazeFaceDetector open(final double minScore) {
		if (!(minScore >= 0 && minScore <= 1)) throw new PulseJException("The minimum face score must be between 0 and 1, not " + minScore + ".",
			"Use a value such as " + DEFAULT_MIN_SCORE + ".");
		if (!isAvailable()) throw new PulseJException(
			"The face-detection model (BlazeFace) is missing from this PulseJ build.",
			"It is fetched while building: install npm (Node.js), make sure the npm registry can be reached, and rebuild PulseJ with 'mvn package'. Meanwhile, draw a rectangle ROI around the face to use it as a fixed face box.");
		// No telemetry or downloads at run time; keep PyTorch (also on the class path) out of this model.
		setIfUnset("ai.djl.offline", "true");
		setIfUnset("ai.djl.onnx.disable_alternative", "true");
		org.pulsej.util.TempFolder.check("the face detector (ONNX Runtime)");
		OnnxRuntimeNatives.useCache(); // no onnxruntime-java* folder left in /tmp per run
		Model model = null;
		try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
			model = Model.newInstance("blazeface", Device.cpu(), "OnnxRuntime");
			// Own session options only to quieten ONNX Runtime's load-time warnings about unused
			// initialisers in this model file; the model closes them.
			final OrtSession.SessionOptions session = new OrtSession.SessionOptions();
			session.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
			model.load(in, Map.of("sessionOptions", session, "interOpNumThreads", "1",
				"intraOpNumThreads", String.valueOf(THREADS)));
			return new BlazeFaceDetector(model, minScore);
		}
		catch (final Exception | UnsatisfiedLinkError e) {
			if (model != null) model.close();
			throw new PulseJException("The face detector could not start on ONNX Runtime: " + e.getMessage(),
				"Check that the ONNX Runtime jar (com.microsoft.onnxruntime) is installed with PulseJ for this platform, or draw a rectangle ROI around the face to use it as a fixed face box.", e);
		}
	}

	private static void setIfUnset(final String key, final String value) {
		if (System.getProperty(key) == null) System.setProperty(key, value);
	}

	public double minScore() {
		return minScore;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The whole frame is letterboxed into the model input first. This short-range model misses faces
	 * smaller than about a seventh of the frame's larger side; when the whole frame yields no face, the
	 * frame is searched again in overlapping square tiles of half its larger side (twice the resolution),
	 * which finds faces down to about a fourteenth, and then, in frames of at least 4 × 128 pixels, in
	 * tiles of a quarter (about a 28th: a face 70 px wide in a 1920 × 1080 video, a subject a few metres
	 * from an HD camera, which the two passes missed). A frame without a face costs the most: 1 + 6 + 35
	 * model runs at 640 × 480 (about 1.6 ms each).
	 */
	@Override
	public List<Detection> detect(final ImageProcessor frame) {
		final int w = frame.getWidth(), h = frame.getHeight();
		final Window whole = Window.letterbox(w, h);
		// RGB frames are resampled straight from their pixels; float planes only where needed
		final float[][] rgb = frame instanceof ColorProcessor ? null : Planes.rgb255(frame);
		final List<Detection> found = infer(rgb == null ? toInput((int[]) frame.getPixels(), whole) : toInput(rgb,
			whole), whole);
		float[][] planes = rgb;
		for (int zoom = 2; found.isEmpty() && Math.max(w, h) >= zoom * INPUT && zoom <= MAX_ZOOM; zoom *= 2) {
			if (planes == null) planes = Planes.rgb255(frame);
			for (final Window tile : Window.tiles(w, h, zoom)) found.addAll(infer(toInput(planes, tile), tile));
		}
		final List<Detection> faces = new ArrayList<>();
		for (final Detection d : weightedNms(found, NMS_IOU)) faces.add(new Detection(faceBox(d.box()), d.score(), d.keypoints()));
		return faces;
	}

	/** The finest tiling searched for a small face: tiles of a quarter of the frame's larger side. */
	static final int MAX_ZOOM = 4;

	/** PulseJ's face box for a BlazeFace box; see {@link #FACE_HEIGHT_RATIO}. */
	static Box faceBox(final Box blazeFace) {
		final double w = blazeFace.w(), h = FACE_HEIGHT_RATIO * w;
		return new Box(blazeFace.x(), blazeFace.y2() + CHIN_MARGIN * w - h, w, h);
	}

	/** Unmerged detections of one model run on the model input {@code input} made from {@code window}. */
	private List<Detection> infer(final float[] input, final Window window) {
		running.readLock().lock();
		Predictor<float[], float[][]> p = null;
		try {
			p = idle.poll();
			if (p == null) p = newPredictor();
			final float[][] out = p.predict(input);
			return decode(out[0], out[1], minScore, window);
		}
		catch (final TranslateException e) {
			throw new PulseJException("Face detection failed on a " + window.frameW() + "x" + window.frameH() + " frame: " + e.getMessage(),
				"Try again; if it keeps failing, draw a rectangle ROI around the face to use a fixed face box.", e);
		}
		finally {
			if (p != null) idle.add(p);
			running.readLock().unlock();
		}
	}

	@Override
	public boolean isThreadSafe() {
		return true;
	}

	@Override
	public void close() {
		running.writeLock().lock(); // waits for detections in flight
		try {
			synchronized (all) {
				if (closed) return;
				closed = true;
				for (final Predictor<float[], float[][]> p : all) p.close();
				all.clear();
			}
			idle.clear();
			model.close();
		}
		finally {
			running.writeLock().unlock();
		}
	}

	/**
	 * A frame region {@code [rx, rx + rw) × [ry, ry + rh)} and where it lands in the square model input:
	 * {@code [ox, ox + nw) × [oy, oy + nh)}; the rest of the input is black padding.
	 */
	record Window(int frameW, int frameH, double rx, double ry, double rw, double rh, int ox, int oy, int nw, int nh) {

		/** The whole frame, scaled to fit with its aspect kept, centred. */
		static Window letterbox(final int w, final int h) {
			final double s = (double) INPUT / Math.max(w, h);
			final int nw = Math.max(1, (int) Math.round(w * s)), nh = Math.max(1, (int) Math.round(h * s));
			return new Window(w, h, 0, 0, w, h, (INPUT - nw) / 2, (INPUT - nh) / 2, nw, nh);
		}

		/** Square tiles of a {@code zoom}th of the larger side, overlapping by half, covering the frame. */
		static List<Window> tiles(final int w, final int h, final int zoom) {
			final int side = Math.max(w, h) / zoom;
			final List<Window> tiles = new ArrayList<>();
			for (final int y : starts(h, side))
				for (final int x : starts(w, side)) tiles.add(new Window(w, h, x, y, side, side, 0, 0, INPUT, INPUT));
			return tiles;
		}

		/** Tile starts every half tile, the last one flush with the end (a single tile when it covers it). */
		private static List<Integer> starts(final int size, final int side) {
			final List<Integer> s = new ArrayList<>();
			if (side >= size) {
				s.add((size - side) / 2);
				return s;
			}
			for (int p = 0; p + side < size; p += side / 2) s.add(p);
			s.add(size - side);
			return s;
		}

		/** Frame x of a normalised (0..1) model-input x. */
		double frameX(final double nx) {
			return rx + (nx * INPUT - ox) * rw / nw;
		}

		double frameY(final double ny) {
			return ry + (ny * INPUT - oy) * rh / nh;
		}
	}

	/** As {@link #toInput(float[][], Window)} for packed RGB pixels (the same values, no float planes). */
	static float[] toInput(final int[] argb, final Window win) {
		final Resampler.Kernel kx = Resampler.kernel(win.rx(), win.rw(), win.nw(), win.frameW());
		final Resampler.Kernel ky = Resampler.kernel(win.ry(), win.rh(), win.nh(), win.frameH());
		final float[][] planes = Resampler.resampleRgb(argb, win.frameW(), kx, ky);
		final float[] input = new float[INPUT * INPUT * 3];
		Arrays.fill(input, -1f);
		for (int c = 0; c < 3; c++) {
			final float[] plane = planes[c];
			for (int y = 0; y < win.nh(); y++)
				for (int x = 0; x < win.nw(); x++)
					input[((y + win.oy()) * INPUT + x + win.ox()) * 3 + c] = plane[y * win.nw() + x] / 127.5f - 1f;
		}
		return input;
	}

	/** The model input: NHWC RGB in [-1, 1] of {@code window} of the 0..255 planes {@code rgb}. */
	static float[] toInput(final float[][] rgb, final Window win) {
		final int w = win.frameW(), h = win.frameH();
		final Resampler.Kernel kx = Resampler.kernel(win.rx(), win.rw(), win.nw(), w);
		final Resampler.Kernel ky = Resampler.kernel(win.ry(), win.rh(), win.nh(), h);
		final float[] input = new float[INPUT * INPUT * 3];
		Arrays.fill(input, -1f);
		for (int c = 0; c < 3; c++) {
			if (c > 0 && rgb[c] == rgb[c - 1]) { // grey: repeat the channel just written
				for (int i = 0; i < INPUT * INPUT; i++) input[i * 3 + c] = input[i * 3 + c - 1];
				continue;
			}
			final float[] plane = Resampler.resample(rgb[c], w, kx, ky);
			for (int y = 0; y < win.nh(); y++)
				for (int x = 0; x < win.nw(); x++)
					input[((y + win.oy()) * INPUT + x + win.ox()) * 3 + c] = plane[y * win.nw() + x] / 127.5f - 1f;
		}
		return input;
	}

	/**
	 * Anchor centres (normalised 0..1) in the model's output order: a 16×16 grid with 2 anchors per cell,
	 * then an 8×8 grid with 6 per cell. All anchors have size 1, so regressors are in input pixels.
	 */
	static float[][] anchors() {
		final float[][] a = new float[ANCHORS][];
		int i = 0;
		for (final int[] layer : new int[][] { { 16, 2 }, { 8, 6 } }) {
			final int grid = layer[0], perCell = layer[1];
			for (int row = 0; row < grid; row++)
				for (int col = 0; col < grid; col++)
					for (int k = 0; k < perCell; k++)
						a[i++] = new float[] { (col + 0.5f) / grid, (row + 0.5f) / grid };
		}
		return a;
	}

	/**
	 * Boxes of all anchors scoring at least {@code minScore}, in frame pixels (not yet merged).
	 *
	 * @param logits 896 score logits
	 * @param regressors 896 × 16: box centre offset (dx, dy), size (w, h), 6 keypoints (x, y), in input pixels
	 */
	static List<Detection> decode(final float[] logits, final float[] regressors, final double minScore,
		final Window lb)
	{
		final List<Detection> found = new ArrayList<>();
		for (int i = 0; i < ANCHORS; i++) {
			final double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logits[i]))));
			if (score < minScore) continue;
			final int r = i * REGRESSORS;
			final float ax = ANCHOR_CENTRES[i][0], ay = ANCHOR_CENTRES[i][1];
			final double cx = ax + regressors[r] / INPUT, cy = ay + regressors[r + 1] / INPUT;
			final double bw = regressors[r + 2] / INPUT, bh = regressors[r + 3] / INPUT;
			if (!(bw > 0 && bh > 0)) continue;
			final double x1 = lb.frameX(cx - bw / 2), y1 = lb.frameY(cy - bh / 2);
			final double x2 = lb.frameX(cx + bw / 2), y2 = lb.frameY(cy + bh / 2);
			final float[] kp = new float[2 * KEYPOINTS];
			for (int k = 0; k < KEYPOINTS; k++) {
				kp[2 * k] = (float) lb.frameX(ax + regressors[r + 4 + 2 * k] / INPUT);
				kp[2 * k + 1] = (float) lb.frameY(ay + regressors[r + 5 + 2 * k] / INPUT);
			}
			found.add(new Detection(new Box(x1, y1, x2 - x1, y2 - y1), score, kp));
		}
		return found;
	}

	/**
	 * MediaPipe-style non-maximum suppression: take the most confident remaining box, gather every remaining
	 * box overlapping it by at least {@code iouThreshold}, and replace the group by its score-weighted mean
	 * box and keypoints, keeping the top score. Returns the merged faces, most confident first.
	 */
	static List<Detection> weightedNms(final List<Detection> detections, final double iouThreshold) {
		final List<Detection> remaining = new ArrayList<>(detections);
		remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
		final List<Detection> merged = new ArrayList<>();
		while (!remaining.isEmpty()) {
			final Detection top = remaining.get(0);
			double sw = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0;
			final float[] kp = new float[top.keypoints().length];
			final List<Detection> group = new ArrayList<>();
			for (final Detection d : remaining) {
				if (d != top && d.box().iou(top.box()) < iouThreshold) continue;
				group.add(d);
				final double s = d.score();
				sw += s;
				x1 += s * d.box().x();
				y1 += s * d.box().y();
				x2 += s * d.box().x2();
				y2 += s * d.box().y2();
				for (int k = 0; k < kp.length && k < d.keypoints().length; k++) kp[k] += (float) (s * d.keypoints()[k]);
			}
			remaining.removeAll(group);
			for (int k = 0; k < kp.length; k++) kp[k] /= (float) sw;
			merged.add(new Detection(new Box(x1 / sw, y1 / sw, (x2 - x1) / sw, (y2 - y1) / sw), top.score(), kp));
		}
		return merged;
	}

	/** Feeds one input tensor; returns {logits, regressors} of all 896 anchors in anchor order. */
	private static final class OutputsTranslator implements NoBatchifyTranslator<float[], float[][]> {

		@Override
		public NDList processInput(final TranslatorContext ctx, final float[] input) {
			return new NDList(ctx.getNDManager().create(input, new Shape(1, INPUT, INPUT, 3)));
		}

		@Override
		public float[][] processOutput(final TranslatorContext ctx, final NDList list) {
			// The outputs are told apart by shape, which is unique for each of the four.
			float[] s512 = null, s384 = null, r512 = null, r384 = null;
			for (final NDArray a : list) {
				final Shape sh = a.getShape();
				final long n = sh.get(1), last = sh.get(sh.dimension() - 1);
				if (n == 512 && last == 1) s512 = a.toFloatArray();
				else if (n == 384 && last == 1) s384 = a.toFloatArray();
				else if (n == 512 && last == REGRESSORS) r512 = a.toFloatArray();
				else if (n == 384 && last == REGRESSORS) r384 = a.toFloatArray();
			}
			if (s512 == null || s384 == null || r512 == null || r384 == null)
				throw new IllegalStateException("unexpected BlazeFace outputs: " + list.getShapes());
			return new float[][] { concat(s512, s384), concat(r512, r384) };
		}

		private static float[] concat(final float[] a, final float[] b) {
			final float[] c = Arrays.copyOf(a, a.length + b.length);
			System.arraycopy(b, 0, c, a.length, b.length);
			return c;
		}
	}
}

package org.pulsej.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

/**
 * A trained PhysNet from a model folder, applied to whole videos.
 * <p>
 * A video longer than the training clip length W is cut into equally long windows of at most W
 * frames whose neighbours overlap by at least {@link #overlapSeconds()} (default
 * {@value #DEFAULT_OVERLAP_SECONDS} s; the reference implementation overlaps by W/2, which runs the
 * network on about twice the frames of the video — give W/2 in seconds to get its behaviour). Each
 * window's PPG has its mean removed, its outer samples (a quarter of the overlap, at most 0.5 s)
 * dropped where a neighbour covers them, and is weighted by a Hamming taper; the windows are added
 * and divided by the summed weights, so neighbours cross-fade where they overlap. A video shorter than
 * one window is processed in one piece (it needs at least
 * {@link #MIN_FRAMES} frames). Videos at another frame rate than the model's (more than 1 % off) are
 * resampled in time to the model's rate and the PPG is resampled back, so the result always has one
 * sample per video frame.
 * <p>
 * Close it to free the native memory of the network.
 */
public final class PhysNetModel implements AutoCloseable {

	/** What the network does to each clip before the first layer. */
	public static final String IN_NETWORK_NORMALIZATION = "per clip and channel: zero mean, unit variance over (T,H,W)";

	/** Fewest frames (at the model's rate) a video must have. */
	public static final int MIN_FRAMES = 16;

	/**
	 * Default overlap of neighbouring windows, in seconds: enough for a cross-fade of 1 s after
	 * dropping each window's outer 0.5 s, for 1.25× the network work on long videos instead of 2×.
	 */
	public static final double DEFAULT_OVERLAP_SECONDS = 2.0;

	private double overlapSeconds = DEFAULT_OVERLAP_SECONDS;

	private final Block block;
	private final NDManager manager;
	private final ModelDescription description;
	private final PhysNetConfig config;
	private final ParameterStore ps;
	private final PhysNet.Inference inference;
	private final String deviceMessage;

	PhysNetModel(final Block block, final NDManager manager, final ModelDescription description,
		final String deviceMessage)
	{
		this.block = block;
		this.manager = manager;
		this.description = description;
		this.config = description.config();
		this.ps = new ParameterStore(manager, false);
		this.inference = new PhysNet.Inference(block, manager);
		this.deviceMessage = deviceMessage;
	}

	/**
	 * Loads the model in {@code modelDir} onto {@code device} (auto, cpu or gpu). Every problem with the
	 * folder — missing, not a model, incompatible format version, damaged files — is a
	 * {@link PulseJException} that names the problem and the fix.
	 */
	public static PhysNetModel load(final Path modelDir, final String device) {
		final ModelDescription d = readDescription(modelDir);
		final List<String> messages = new ArrayList<>();
		final Device dev = Devices.choose(device, messages::add);
		final NDManager manager = Devices.engine().newBaseManager(dev);
		try {
			final PhysNetConfig c = d.config();
			final Block block = PhysNet.build(c);
			PhysNet.initialize(block, manager, c, 0);
			final Map<String, Shape> expected = new LinkedHashMap<>();
			for (final Pair<String, Parameter> p : block.getParameters())
				expected.put(p.getKey(), p.getValue().getShape());
			ModelFiles.loadWeights(block, manager, modelDir.resolve(d.weights()));
			for (final Pair<String, Parameter> p : block.getParameters())
				if (!p.getValue().getArray().getShape().equals(expected.get(p.getKey()))) throw new PulseJException(
					"The weights in " + modelDir.resolve(d.weights()) + " do not fit the network model.json describes (" +
						p.getKey() + " is " + p.getValue().getArray().getShape() + ", expected " + expected.get(p.getKey()) +
						").", "Copy the model folder again from its source, or train the model again.");
			return new PhysNetModel(block, manager, d, String.join(" ", messages));
		}
		catch (final RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/** The largest magnitude of any weight (to show how far {@link ModelFiles#MAX_WEIGHT} is from a trained network's). */
	float largestWeight() {
		float m = 0;
		for (final Pair<String, Parameter> p : block.getParameters())
			for (final float v : p.getValue().getArray().toFloatArray())
				m = Math.max(m, Math.abs(v));
		return m;
	}

	/**
	 * A randomly initialised (untrained) network of size {@code c}, applied in windows of
	 * {@code clipFrames} frames at {@code fps}: for benchmarks (speed does not depend on the weights) and
	 * tests. Its PPG means nothing.
	 */
	public static PhysNetModel untrained(final PhysNetConfig c, final double fps, final int clipFrames,
		final long seed, final String device)
	{
		if (clipFrames < PhysNet.TIME_STRIDE || clipFrames % PhysNet.TIME_STRIDE != 0 || !(fps > 0))
			throw new IllegalArgumentException("clip of " + clipFrames + " frames at " + fps + " fps");
		final Device dev = Devices.choose(device, m -> {});
		final NDManager manager = Devices.engine().newBaseManager(dev);
		try {
			final Block b = PhysNet.build(c);
			PhysNet.initialize(b, manager, c, seed);
			final ModelDescription d = new ModelDescription(ModelDescription.FORMAT, ModelDescription.FORMAT_VERSION,
				org.pulsej.PulseJ.VERSION, "", ModelDescription.WEIGHTS, c.width(), c.inputHeight(), c.inputWidth(), c
					.channels(), c.colorSpace(), c.normalization(), IN_NETWORK_NORMALIZATION, fps, clipFrames / fps,
				clipFrames, 40, 180, PhysNet.parameterCount(c), null);
			return new PhysNetModel(b, manager, d, "");
		}
		catch (final RuntimeException e) {
			manager.close();
			throw e;
		}
	}

	/** The largest input side and network width a model description may state (the paper's are 192 and 64). */
	static final int MAX_INPUT_SIDE = 1024, MAX_WIDTH = 512;

	/** Reads and checks model.json of a model folder. */
	public static ModelDescription readDescription(final Path modelDir) {
		final String fix = "Choose a folder written by PulseJ's PhysNet training (it holds model.json and " +
			ModelDescription.WEIGHTS + ").";
		if (modelDir != null && Files.isRegularFile(modelDir)) {
			// a file chosen in a file dialog (model.json, physnet.params) was "The model folder … does not exist"
			final Path parent = modelDir.toAbsolutePath().getParent();
			throw new PulseJException("The model folder " + modelDir + " is a file, not a folder: a PhysNet model is " +
				"the folder that holds model.json and " + ModelDescription.WEIGHTS + ".", parent != null && Files
					.isRegularFile(parent.resolve(ModelDescription.FILE)) ? "Give its folder, model=" + parent + "." : fix);
		}
		if (modelDir == null || !Files.isDirectory(modelDir)) throw new PulseJException("The model folder " + modelDir +
			" does not exist.", fix);
		final Path json = modelDir.resolve(ModelDescription.FILE);
		if (!Files.isRegularFile(json)) {
			// a training's checkpoint folder (or another sub-folder of a model) is not the model itself
			final Path parent = modelDir.toAbsolutePath().getParent();
			if (parent != null && Files.isRegularFile(parent.resolve(ModelDescription.FILE))) throw new PulseJException(
				"The folder " + modelDir + " holds no " + ModelDescription.FILE + ": it lies inside the model folder " +
					parent + (ContrastiveTrainer.CHECKPOINT_DIR.equals(String.valueOf(modelDir.getFileName()))
						? " (it is the training's checkpoint, kept for resume)" : "") + ".", "Give model=" + parent + ".");
			if (Files.isRegularFile(modelDir.resolve(ConfidenceModel.DESCRIPTION))) throw new PulseJException("The folder " +
				modelDir + " holds a confidence model (" + ConfidenceModel.DESCRIPTION + "), not a PhysNet model.",
				"Give it as confidence=" + modelDir + ", and as model= a folder written by Train PhysNet (or leave " +
					"model= empty for the bundled model).");
			// a specialists training stopped before every specialist had an epoch: its cluster-N folders, no router yet
			// (it was called "not a PulseJ model", with a fix to choose a folder PulseJ's training wrote)
			if (Files.isDirectory(modelDir.resolve(SpecialistRouter.folder(0)))) {
				final Path first = modelDir.resolve(SpecialistRouter.folder(0));
				throw new PulseJException("The folder " + modelDir + " holds an unfinished specialists training: its " +
					SpecialistRouter.folder(0) + "… sub-folders, but no " + SpecialistRouter.FILE + ", which is written once " +
					"every specialist has finished an epoch.", "Finish it: run Train PhysNet again with the same videos, " +
						"the same clusters= and resume=true" + (Files.isRegularFile(first.resolve(ModelDescription.FILE))
							? "; or measure with one specialist alone, model=" + first : "") + ".");
			}
			if (Files.isDirectory(modelDir.resolve(ContrastiveTrainer.CHECKPOINT_DIR))) throw new PulseJException(
				"The folder " + modelDir + " holds an unfinished training (its " + ContrastiveTrainer.CHECKPOINT_DIR +
					" folder) but no " + ModelDescription.FILE + " yet.", "Finish it: run Train PhysNet again with the " +
						"same videos and settings and resume=true.");
			throw new PulseJException("The folder " + modelDir + " holds no " + ModelDescription.FILE +
				", so it is not a PulseJ model.", fix);
		}
		final ModelDescription d;
		final String damaged = "Copy the model folder again from its source, or train the model again.";
		try {
			final String text = Files.readString(json, StandardCharsets.UTF_8);
			final com.google.gson.JsonObject o = JsonFields.object(text); // null: not JSON, named by fromJson
			if (o != null) {
				checkFormat(ModelDescription.header(o), json, modelDir, fix);
				final String field = ModelDescription.fieldProblem(o);
				if (field != null) throw new PulseJException("The model description " + json + " is damaged (" + field +
					").", damaged);
			}
			d = ModelDescription.fromJson(text);
		}
		catch (IOException | JsonParseException | IllegalStateException | NumberFormatException | ClassCastException |
			UnsupportedOperationException | NullPointerException e) {
			// NumberFormatException and the rest: valid JSON with a field of another type than PulseJ writes
			throw new PulseJException("The model description " + json + " is damaged (" + Messages.fileProblem(e) + ").",
				damaged, e);
		}
		checkFormat(d, json, modelDir, fix);
		final String bad = badField(d);
		if (bad != null) throw new PulseJException("The model description " + json + " is damaged (" + bad + ").",
			damaged);
		// sizes no PulseJ training writes (the largest is the paper's 192x128, width 64): a damaged file, not a
		// request for more memory
		if (d.inputHeight() > MAX_INPUT_SIDE || d.inputWidth() > MAX_INPUT_SIDE || d.width() > MAX_WIDTH || d
			.channels() > 16) throw new PulseJException("The model description " + json + " is damaged (a network of " +
				d.inputHeight() + "x" + d.inputWidth() + " input, width " + d.width() + ", " + d.channels() +
				" channels, larger than any PulseJ trains: \"inputHeight\" " + d.inputHeight() + ", \"inputWidth\" " + d
					.inputWidth() + ", \"width\" " + d.width() + ", \"channels\" " + d.channels() + ").", damaged);
		try {
			d.config(); // throws for an unusable network size or colour space
		}
		catch (final PulseJException e) {
			// PhysNetConfig's own fix names Train PhysNet's keys, which a user cannot give a model file
			throw new PulseJException("The model description " + json + " is damaged (" + e.problem().replaceAll(
				"\\.$", "") + ").", damaged, e);
		}
		return d;
	}

	/** Refuses another kind of file, or a model of another format version. */
	private static void checkFormat(final ModelDescription d, final Path json, final Path modelDir, final String fix) {
		if (!ModelDescription.FORMAT.equals(d.format())) throw new PulseJException(json + " does not describe a " +
			"PulseJ PhysNet model (format '" + d.format() + "').", fix);
		if (d.formatVersion() > ModelDescription.FORMAT_VERSION) throw new PulseJException("The model in " + modelDir +
			" has format version " + d.formatVersion() + " (made by PulseJ " + d.pulsejVersion() +
			"); this PulseJ reads version " + ModelDescription.FORMAT_VERSION + ".", "Update PulseJ (Help > Update...).");
		if (d.formatVersion() < ModelDescription.FORMAT_VERSION) throw new PulseJException("The model in " + modelDir +
			" has the old format version " + d.formatVersion() + " (made by PulseJ " + d.pulsejVersion() +
			"); this PulseJ reads version " + ModelDescription.FORMAT_VERSION + ".",
			"Train the model again with this PulseJ, or use the PulseJ version that made it.");
	}

	/**
	 * The first value of {@code d} that no PulseJ training writes, named by its key in model.json with
	 * the value found and what it should be; null when none. A damaged file was reported as "is
	 * incomplete or inconsistent (weights ..., fps ..., clip frames ...)", naming neither the key nor
	 * which value was wrong.
	 */
	static String badField(final ModelDescription d) {
		final String w = d.weights();
		if (w == null || w.isEmpty() || w.contains("/") || w.contains("\\") || w.startsWith(".")) return "\"weights\" is " +
			(w == null ? "null" : "\"" + w + "\"") + ", not the name of a weights file in the model folder (PulseJ writes \"" +
			ModelDescription.WEIGHTS + "\")";
		if (!(d.fps() > 0) || d.fps() > org.pulsej.video.Video.MAX_FPS) return "\"fps\" is " + Messages
			.num(d.fps()) + ", not a frame rate of a face video";
		if (d.clipFrames() < PhysNet.TIME_STRIDE || d.clipFrames() % PhysNet.TIME_STRIDE != 0) return "\"clipFrames\" is " +
			d.clipFrames() + ", but a clip is a positive multiple of " + PhysNet.TIME_STRIDE + " frames";
		if (d.channels() < 1) return "\"channels\" is " + d.channels() + ", but a network reads at least one";
		if (!(Math.abs(d.clipSeconds() * d.fps() - d.clipFrames()) <= 1)) return "\"clipSeconds\" is " + Messages.num(d
			.clipSeconds()) + ", but \"clipFrames\" " + d.clipFrames() + " at \"fps\" " + Messages.num(d.fps()) +
			" last " + Messages.num(d.clipFrames() / d.fps()) + " s";
		if (!(d.lowBpm() >= 1) || !(d.lowBpm() < 600)) return "\"lowBpm\" is " + Messages.num(d.lowBpm()) +
			", not the lower edge of a heart-rate band (PulseJ trains with 40)";
		if (!(d.highBpm() > 1) || !(d.highBpm() <= 600)) return "\"highBpm\" is " + Messages.num(d.highBpm()) +
			", not the upper edge of a heart-rate band (PulseJ trains with 180)";
		if (!(d.lowBpm() < d.highBpm())) return "\"lowBpm\" " + Messages.num(d.lowBpm()) + " is not below \"highBpm\" " +
			Messages.num(d.highBpm());
		return null;
	}

	/** Writes this model (weights + model.json) to {@code modelDir}. */
	public void save(final Path modelDir) {
		AtomicFiles.ensureWritableDirectory(modelDir);
		ModelFiles.saveWeights(block, modelDir.resolve(description.weights()));
		AtomicFiles.writeString(modelDir.resolve(ModelDescription.FILE), description.toJson());
	}

	public ModelDescription description() {
		return description;
	}

	/** Overlap of neighbouring windows on videos longer than one training clip, in seconds. */
	public double overlapSeconds() {
		return overlapSeconds;
	}

	/**
	 * Sets the overlap of neighbouring windows (seconds, from 0 to half the clip length; more is
	 * capped there). Larger overlaps blend more and cost more network time.
	 */
	public PhysNetModel overlapSeconds(final double seconds) {
		if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new PulseJException("The window overlap " +
			seconds + " s is not a duration.", "Give a window overlap of 0 s or more, e.g. " +
				DEFAULT_OVERLAP_SECONDS + ".");
		overlapSeconds = seconds;
		return this;
	}

	/** What {@link Devices#choose} said when the model was loaded (device used, fallback reason). */
	public String deviceMessage() {
		return deviceMessage;
	}

	/**
	 * The PPG of {@code video}: one value per frame, arbitrary scale and offset (larger = more blood
	 * volume as the network learned it; the sign is whatever training settled on). The video is not
	 * modified.
	 */
	public double[] predictPpg(final FaceVolume video, final Progress p) {
		if (video.channels() != config.channels()) throw new PulseJException("The video has " + video.channels() +
			" colour channel(s); the model expects " + config.channels() + " (" + config.colorSpace() + ").",
			"Prepare the face volume with the same face stage settings the model was trained with.");
		final double fps = description.fps();
		final int clip = description.clipFrames();
		final int n = video.frames();
		final boolean sameRate = Math.abs(video.fps() / fps - 1) <= 0.01;
		final double srcPerNet = sameRate ? 1 : video.fps() / fps;
		final int nNet = sameRate ? n : (int) Math.round(n / srcPerNet);
		if (nNet < MIN_FRAMES) throw new PulseJException(String.format(Locale.ROOT,
			"The video has %d frames (%.2f s); PhysNet needs at least %d frames (%.2f s at %.4g fps).", n, n / video
				.fps(), MIN_FRAMES, MIN_FRAMES / fps, fps), "Use a longer video.");
		final ClipReader reader = new ClipReader(video, config);
		final Windows w = Windows.covering(nNet, clip, (int) Math.round(overlapSeconds * fps));
		final double[] out;
		if (w.count() == 1) {
			out = window(reader, 0, n, nNet);
			removeMean(out);
			p.fraction(1);
		}
		else {
			final double[][] ppg = windows(video, w, srcPerNet, p);
			out = overlapAdd(nNet, w, w.border((int) Math.round(0.5 * fps)), s0 -> ppg[w.index(s0)],
				Progress.NONE);
		}
		for (int t = 0; t < out.length; t++)
			if (!Double.isFinite(out[t])) throw new PulseJException(String.format(Locale.ROOT, "PhysNet gave no number " +
				"at frame %d of its output (%s): its arithmetic overflowed on this video.", t, out[t]), "Check the model " +
					"with a video it measured before; if that fails too, copy the model folder again or train it again; " +
					"otherwise measure this video with method=POS, and please report it.");
		return nNet == n ? out : FrequencyResampler.resample(out, n);
	}

	/**
	 * Native memory one window may take while it runs (its largest activations: the first layer's output,
	 * its activation and a temporary), to decide how many windows run at once.
	 */
	long windowBytes() {
		return 3L * Float.BYTES * description.clipFrames() * config.firstWidth() * config.inputHeight() * config
			.inputWidth();
	}

	/** Native memory PulseJ lets windows that run at the same time take together. */
	static final long PARALLEL_BUDGET_BYTES = 1536L << 20;

	/**
	 * The mean-free PPG of each window (network frames {@code s0 .. s0 + clip} for each start), in the
	 * order of {@code starts}. Where the windows are small enough, several run at once, each on one
	 * engine thread: a small network keeps one core busy far better than two (about twice the frames
	 * per CPU-second on two cores, and much more on a busy machine). Large windows run one after the
	 * other, each on all cores.
	 */
	private double[][] windows(final FaceVolume video, final Windows w, final double step, final Progress p) {
		final int[] starts = w.starts();
		final int clip = w.length();
		final double[][] ppg = new double[starts.length][];
		final int cores = Runtime.getRuntime().availableProcessors();
		final int parallel = manager.getDevice().isGpu() ? 1 : (int) Math.max(1, Math.min(Math.min(cores, starts
			.length), PARALLEL_BUDGET_BYTES / Math.max(1, windowBytes())));
		final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(), done =
			new java.util.concurrent.atomic.AtomicInteger();
		final Runnable worker = () -> {
			final ClipReader reader = new ClipReader(video, config);
			final ParameterStore store = new ParameterStore(manager, false);
			for (int k = next.getAndIncrement(); k < ppg.length; k = next.getAndIncrement()) {
				p.checkCancelled();
				final int s0 = starts[k];
				final double[] y = window(reader, store, s0 * step, clip * step, clip);
				removeMean(y);
				ppg[k] = y;
				p.fraction((double) done.incrementAndGet() / ppg.length);
			}
		};
		if (parallel == 1) {
			worker.run();
			return ppg;
		}
		final int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
		final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel,
			r -> {
				final Thread t = new Thread(r, "PulseJ PhysNet window");
				t.setDaemon(true);
				return t;
			});
		try {
			final List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
			for (int i = 0; i < parallel; i++)
				jobs.add(pool.submit(() -> {
					// engine threads are set per thread; each window gets its share of the cores
					ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, cores / parallel));
					worker.run();
				}));
			for (final java.util.concurrent.Future<?> j : jobs)
				j.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.util.concurrent.CancellationException("Interrupted while PhysNet was running.");
		}
		catch (final java.util.concurrent.ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error err) throw err;
			throw new IllegalStateException(e.getCause());
		}
		finally {
			pool.shutdownNow();
			ai.djl.pytorch.jni.JniUtils.setNumThreads(before); // the default for threads that start later
		}
		return ppg;
	}

	/**
	 * Equally long windows that cover {@code n} samples.
	 *
	 * @param length samples per window
	 * @param starts first sample of each window, increasing; the first is 0 and the last ends at n
	 */
	record Windows(int length, int[] starts) {

		/**
		 * The fewest windows of at most {@code clip} samples whose neighbours overlap by at least
		 * {@code overlap} samples (capped at clip/2), spread evenly over {@code n} samples; their length is
		 * a multiple of the network's time stride where that still fits in a clip. One window of n
		 * samples when {@code n ≤ clip}.
		 */
		static Windows covering(final int n, final int clip, final int overlap) {
			if (n <= clip) return new Windows(n, new int[] { 0 });
			final int o = Math.max(0, Math.min(overlap, clip / 2));
			final int k = (int) Math.ceil((n - o) / (double) (clip - o));
			int length = (int) Math.ceil((n + (k - 1.0) * o) / k);
			length = Math.min(clip, (length + PhysNet.TIME_STRIDE - 1) / PhysNet.TIME_STRIDE * PhysNet.TIME_STRIDE);
			final int[] starts = new int[k];
			for (int i = 0; i < k; i++)
				starts[i] = (int) Math.round(i * (n - length) / (k - 1.0));
			return new Windows(length, starts);
		}

		int count() {
			return starts.length;
		}

		/** The window that starts at sample {@code start}. */
		int index(final int start) {
			return java.util.Arrays.binarySearch(starts, start);
		}

		/** Samples that neighbours share, at the least. */
		int minOverlap() {
			int o = length;
			for (int i = 1; i < starts.length; i++)
				o = Math.min(o, length - (starts[i] - starts[i - 1]));
			return o;
		}

		/**
		 * Samples each window drops at an edge a neighbour covers (where the network sees no context):
		 * a quarter of the overlap, at most {@code max} and length/8, so the kept parts still overlap
		 * by half the overlap and cross-fade there.
		 */
		int border(final int max) {
			return Math.max(0, Math.min(Math.min(max, length / 8), minOverlap() / 4));
		}
	}

	/** The PPG of one window of W samples starting at a given sample. */
	@FunctionalInterface
	interface WindowPpg {
		double[] at(int start);
	}

	/**
	 * Stitches the windows {@code w} into a signal of {@code n} samples: each window loses
	 * {@code border} samples at each end that a neighbour covers, is weighted by a Hamming taper and
	 * added; the sum is divided by the summed weights (so a signal that every window reproduces
	 * exactly comes out unchanged).
	 */
	static double[] overlapAdd(final int n, final Windows w, final int border, final WindowPpg ppg,
		final Progress p)
	{
		final int[] starts = w.starts();
		final int clip = w.length();
		final double[] acc = new double[n], wsum = new double[n];
		for (int k = 0; k < starts.length; k++) {
			p.checkCancelled();
			final int s0 = starts[k];
			final double[] y = ppg.at(s0);
			final int lo = k == 0 ? 0 : border, hi = k == starts.length - 1 ? clip : clip - border;
			for (int j = lo; j < hi; j++) {
				final double weight = 0.54 - 0.46 * Math.cos(2 * Math.PI * (j - lo + 0.5) / (hi - lo));
				acc[s0 + j] += weight * y[j];
				wsum[s0 + j] += weight;
			}
			p.fraction((k + 1.0) / starts.length);
		}
		final double[] out = new double[n];
		for (int i = 0; i < n; i++)
			out[i] = acc[i] / wsum[i];
		return out;
	}

	/** The network's PPG for {@code frames} network frames covering {@code span} video frames from {@code start}. */
	private double[] window(final ClipReader reader, final double start, final double span, final int frames) {
		return window(reader, ps, start, span, frames);
	}

	private double[] window(final ClipReader reader, final ParameterStore store, final double start,
		final double span, final int frames)
	{
		final float[] x = new float[config.channels() * frames * config.inputHeight() * config.inputWidth()];
		reader.read(start, span, frames, x, 0);
		try (NoGrad noGrad = new NoGrad(); NDManager sub = manager.newSubManager()) {
			final NDArray in = sub.create(x, new Shape(1, config.channels(), frames, config.inputHeight(), config
				.inputWidth()));
			return ContrastiveTrainer.toDouble(inference.run(store, in).toFloatArray());
		}
	}

	private static void removeMean(final double[] y) {
		double m = 0;
		for (final double v : y)
			m += v;
		m /= y.length;
		for (int i = 0; i < y.length; i++)
			y[i] -= m;
	}

	@Override
	public void close() {
		manager.close();
	}
}

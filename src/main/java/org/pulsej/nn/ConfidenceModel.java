package org.pulsej.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jtransforms.fft.DoubleFFT_1D;
import org.pulsej.PulseJ;
import org.pulsej.signal.Stats;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The confidence model of the paper, Sec. 3: from the PPG alone, a per-frame confidence c in
 * [0, 1] that the instantaneous heart rate is right; the pipeline then reports
 * {@code c·h_instant + (1 − c)·h_median} (Eq. 1), so frames where the PPG is lost (sudden movement)
 * fall back to the video's median.
 * <p>
 * Input: the short-time Fourier transform of the PPG with a window of 64 frames and a step of 1,
 * magnitude, the 33 non-negative frequency bins as channels, one column per frame (a centred STFT
 * has T + 1 columns; the last is dropped). Network: eight 1D convolutions (kernel 5, stride 1,
 * padding 2, 64 hidden channels) alternating with ELU activations, the eighth reducing to one
 * channel, then a sigmoid. Choices where the paper is silent: the STFT uses a periodic Hann window
 * and reflected padding (as a centred STFT usually does), and the PPG is first divided by its
 * robust standard deviation (1.4826 × median absolute deviation), because the classical methods'
 * PPG has arbitrary units that change with brightness; a robust scale keeps clean stretches near 1
 * however large the motion artefacts are.
 * <p>
 * Saved as a directory: {@code confidence-0000.params} (DJL parameters) and {@code confidence.json}
 * (format name and version, PulseJ version, architecture, training details). Close the model to
 * free its native memory.
 */
public final class ConfidenceModel implements AutoCloseable {

	public static final int STFT_WINDOW = 64, CHANNELS = STFT_WINDOW / 2 + 1, CONVOLUTIONS = 8, HIDDEN = 64,
		KERNEL = 5;

	/** Value of "format" in the description file. */
	public static final String FORMAT = "pulsej-confidence-model";

	/** Version of the saved layout; a later PulseJ that changes it raises this. */
	public static final int FORMAT_VERSION = 1;

	static final String PARAMS = "confidence";
	public static final String DESCRIPTION = "confidence.json";
	static final String ENGINE = "PyTorch";

	private final Model model;
	private final JsonObject description;

	private ConfidenceModel(final Model model, final JsonObject description) {
		this.model = model;
		this.description = description;
	}

	/** A new model with random weights (seeded), to be trained by {@link ConfidenceTrainer}. */
	public static ConfidenceModel create(final long seed) {
		engine().setRandomSeed((int) seed);
		final Model model = Model.newInstance("pulsej-confidence", Device.cpu(), ENGINE);
		final Block block = block();
		model.setBlock(block);
		block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, CHANNELS, STFT_WINDOW));
		final JsonObject d = new JsonObject();
		d.addProperty("format", FORMAT);
		d.addProperty("formatVersion", FORMAT_VERSION);
		d.addProperty("pulsejVersion", PulseJ.VERSION);
		final JsonObject arch = new JsonObject();
		arch.addProperty("stftWindow", STFT_WINDOW);
		arch.addProperty("stftStep", 1);
		arch.addProperty("channels", CHANNELS);
		arch.addProperty("convolutions", CONVOLUTIONS);
		arch.addProperty("hidden", HIDDEN);
		arch.addProperty("kernel", KERNEL);
		d.add("architecture", arch);
		return new ConfidenceModel(model, d);
	}

	/** The network of Sec. 3 (input N × 33 × T, output N × 1 × T). */
	static Block block() {
		final SequentialBlock net = new ChannelsLastSequential();
		for (int i = 0; i < CONVOLUTIONS; i++) {
			final boolean last = i == CONVOLUTIONS - 1;
			net.add(Conv1d.builder().setKernelShape(new Shape(KERNEL)).optPadding(new Shape(KERNEL / 2)).setFilters(last
				? 1 : HIDDEN).build());
			net.add(last ? Activation.sigmoidBlock() : Activation.eluBlock(1f));
		}
		return net;
	}

	/**
	 * Reads a model saved by {@link #save}.
	 *
	 * @throws PulseJException when the directory holds no confidence model, one of a newer format,
	 *           or damaged files
	 */
	public static ConfidenceModel load(final Path dir) {
		final Path json = dir.resolve(DESCRIPTION);
		if (Files.isRegularFile(dir)) {
			// a file chosen in a file dialog (confidence.json) was "The confidence model folder … does not exist"
			final Path parent = dir.toAbsolutePath().getParent();
			throw new PulseJException("The confidence model folder " + dir + " is a file, not a folder: a confidence " +
				"model is the folder that holds " + DESCRIPTION + ".", parent != null && Files.isRegularFile(parent
					.resolve(DESCRIPTION)) ? "Give its folder, confidence=" + parent + "." : "Give the folder written by " +
						"Train Confidence Model (it holds " + DESCRIPTION + ").");
		}
		if (!Files.isDirectory(dir)) throw new PulseJException("The confidence model folder " + dir +
			" does not exist.", "Give the folder written by Train Confidence Model (it holds " + DESCRIPTION + ").");
		if (!Files.isRegularFile(json) && (Files.isRegularFile(dir.resolve(ModelDescription.FILE)) || SpecialistRouter
			.isRouter(dir))) throw new PulseJException(dir + " holds a PhysNet model, not a confidence model.",
				"Give it as model=" + dir + " (with method=PhysNet), and as confidence= a folder written by Train " +
					"Confidence Model.");
		if (!Files.isRegularFile(json)) throw new PulseJException(dir + " holds no " + DESCRIPTION +
			", so it is not a PulseJ confidence model.", "Give the folder written by Train Confidence Model.");
		final JsonObject d;
		try {
			final com.google.gson.JsonElement e = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8));
			if (!e.isJsonObject()) throw new IllegalStateException("Not a JSON Object: " + e);
			d = e.getAsJsonObject();
		}
		catch (final IOException | JsonParseException | IllegalStateException e) {
			throw new PulseJException("Cannot read " + json + " (" + Messages.fileProblem(e) + ").",
				"Train the model again with Train Confidence Model.", e);
		}
		final String train = "Train the model again with Train Confidence Model.";
		final com.google.gson.JsonElement format = d.get("format");
		if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) throw new PulseJException(
			json + " does not describe a PulseJ confidence model.", "Give the folder written by Train Confidence Model.");
		// a field missing or of another type is named with the value found ("a field is missing or of the wrong
		// type" named neither)
		final int version = whole(d, "formatVersion", json, train);
		if (version < 1 || version > FORMAT_VERSION) throw new PulseJException("The confidence model in " + dir +
			" has format version " + version + " (made by PulseJ " + str(d, "pulsejVersion") + "); this PulseJ (" +
			PulseJ.VERSION + ") reads version " + FORMAT_VERSION + ".", "Update PulseJ, or train the model again.");
		final com.google.gson.JsonElement a = d.get("architecture");
		if (a == null || !a.isJsonObject()) throw new PulseJException("Cannot read " + json + " (" + (a == null
			? "it has no \"architecture\" field" : "\"architecture\" is " + JsonFields.shown(a) + ", not an object {...}") + ").",
			train);
		final JsonObject arch = a.getAsJsonObject();
		if (whole(arch, "stftWindow", json, train) != STFT_WINDOW || whole(arch, "hidden", json, train) != HIDDEN ||
			whole(arch, "convolutions", json, train) != CONVOLUTIONS || whole(arch, "kernel", json, train) != KERNEL)
			throw new PulseJException("The confidence model in " + dir + " has another architecture (" + arch + ").",
				"Train the model again with this PulseJ.");
		if (!hasWeights(dir)) throw new PulseJException("The confidence model in " + dir + " has no weights file (" +
			PARAMS + "-0000.params).", "Copy the whole model folder, or train the model again with Train Confidence " +
				"Model.");
		engine();
		final Model model = Model.newInstance("pulsej-confidence", Device.cpu(), ENGINE);
		model.setBlock(block());
		try {
			model.load(dir, PARAMS);
			// damaged bytes can load without error and leave weights unset: found here, once, not per video
			for (final var p : model.getBlock().getParameters().values())
				if (!p.isInitialized()) throw new MalformedModelException("weight " + p.getName() + " is not in the file");
			ModelFiles.refuseDamaged(model.getBlock(), dir, train);
		}
		catch (final PulseJException e) {
			model.close();
			throw e;
		}
		catch (final IOException | MalformedModelException | RuntimeException e) {
			model.close();
			throw new PulseJException("The weights of the confidence model in " + dir + " cannot be read (" + Messages
				.fileProblem(e) + ").", "Train the model again with Train Confidence Model.", e);
		}
		return new ConfidenceModel(model, d);
	}

	private static boolean hasWeights(final Path dir) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PARAMS + "-*.params")) {
			return files.iterator().hasNext();
		}
		catch (final IOException e) {
			return false;
		}
	}

	/**
	 * Writes the model to {@code dir} (created if needed): the parameters first, then the
	 * description, each replaced atomically, so a reader never sees a half-written model.
	 */
	public void save(final Path dir) {
		AtomicFiles.ensureWritableDirectory(dir);
		Path tmp = null;
		try {
			tmp = Files.createTempDirectory(dir, ".confidence");
			model.save(tmp, PARAMS);
			// weights and description as one set: written one after the other, an immutable or locked
			// confidence.json (or a full disk) left the new weights beside the old description
			final java.util.Map<Path, AtomicFiles.Content> set = new java.util.LinkedHashMap<>();
			try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, PARAMS + "-*.params")) {
				for (final Path f : files)
					set.put(dir.resolve(f.getFileName()), out -> Files.copy(f, out));
			}
			set.put(dir.resolve(DESCRIPTION), AtomicFiles.utf8(w -> w.write(description.toString())));
			AtomicFiles.writeAll(set);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot write the confidence model to " + dir + " (" + AtomicFiles.ioProblem(e) +
				").", "Check that the disk is not full and that you may write there.", e);
		}
		finally {
			if (tmp != null) deleteTree(tmp);
		}
	}

	/** The description written to {@code confidence.json}; trainers add their details here. */
	public JsonObject description() {
		return description;
	}

	/**
	 * Per-frame confidence of the instantaneous heart rate; uses the PPG only (the paper's input). The
	 * pipeline takes it as its {@code ConfidenceEstimator}.
	 */
	public double[] confidence(final double[] ppg, final double[] hrInstant, final double fps) {
		final int n = ppg.length;
		if (n == 0) return new double[0];
		// grad mode is per thread and on by default outside the engine's own start-up thread
		try (NoGrad noGrad = new NoGrad(); NDManager m = model.getNDManager().newSubManager()) {
			final NDArray x = m.create(flatFeatures(ppg), new Shape(1, CHANNELS, n));
			final NDArray c = forward(new ParameterStore(m, false), x, false);
			final float[] f = c.toFloatArray();
			final double[] out = new double[n];
			for (int t = 0; t < n; t++)
				out[t] = f[t];
			return out;
		}
	}

	/** N × 33 × T features → N × T confidences. */
	NDArray forward(final ParameterStore ps, final NDArray features, final boolean training) {
		final NDList out = model.getBlock().forward(ps, new NDList(features), training);
		final NDArray c = out.singletonOrThrow();
		return c.reshape(c.getShape().get(0), c.getShape().get(2));
	}

	Model model() {
		return model;
	}

	@Override
	public void close() {
		model.close();
	}

	// -- features --

	/**
	 * The STFT magnitude of the robustly scaled PPG: {@code [bin][frame]}, 33 × T. Frame t is the
	 * Hann-windowed 64-sample segment centred on t (reflected at the ends).
	 */
	public static float[][] features(final double[] ppg) {
		final int n = ppg.length;
		final double scale = robustScale(ppg);
		final double centre = Stats.median(ppg);
		final double[] window = Stats.hannPeriodic(STFT_WINDOW);
		// 2 / Σw: a sine of amplitude 1 (one robust std ≈ 0.7) gives a magnitude of about 1 at its bin
		final double gain = 2 / Arrays.stream(window).sum();
		final DoubleFFT_1D fft = new DoubleFFT_1D(STFT_WINDOW);
		final double[] buf = new double[STFT_WINDOW];
		final float[][] out = new float[CHANNELS][n];
		final int half = STFT_WINDOW / 2;
		for (int t = 0; t < n; t++) {
			for (int i = 0; i < STFT_WINDOW; i++)
				buf[i] = gain * window[i] * (ppg[reflect(t - half + i, n)] - centre) / scale;
			fft.realForward(buf);
			// packing: [Re0, Re32, Re1, Im1, ..., Re31, Im31]
			out[0][t] = (float) Math.abs(buf[0]);
			out[CHANNELS - 1][t] = (float) Math.abs(buf[1]);
			for (int k = 1; k < CHANNELS - 1; k++)
				out[k][t] = (float) Math.hypot(buf[2 * k], buf[2 * k + 1]);
		}
		return out;
	}

	/** {@link #features} flattened channel-major (for an NDArray of shape 33 × T). */
	static float[] flatFeatures(final double[] ppg) {
		final float[][] f = features(ppg);
		final int n = ppg.length;
		final float[] flat = new float[CHANNELS * n];
		for (int k = 0; k < CHANNELS; k++)
			System.arraycopy(f[k], 0, flat, k * n, n);
		return flat;
	}

	/** 1.4826 × median absolute deviation (the standard deviation for Gaussian data); falls back to the std, then 1. */
	static double robustScale(final double[] x) {
		final double med = Stats.median(x);
		final double[] dev = new double[x.length];
		for (int i = 0; i < x.length; i++)
			dev[i] = Math.abs(x[i] - med);
		double s = 1.4826 * Stats.median(dev);
		if (!(s > 0)) s = Stats.std(x);
		return s > 0 && Double.isFinite(s) ? s : 1;
	}

	/** Index i mirrored into [0, n) without repeating the edge sample (numpy/torch "reflect"). */
	static int reflect(int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	// -- helpers --

	static Engine engine() {
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		try {
			final Engine e = Engine.getEngine(ENGINE);
			if (e == null) throw new IllegalStateException("no PyTorch engine on the class path");
			return e;
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			throw new PulseJException("The deep-learning engine (DJL, PyTorch) could not be loaded: " + e.getMessage(),
				"Check that PulseJ's ai.djl pytorch-engine, pytorch-jni and pytorch-native-cpu jars are installed (and " +
					"no other DJL version), and that ~/.djl.ai (or DJL_CACHE_DIR) is writable.", e);
		}
	}

	private static String str(final JsonObject d, final String key) {
		final com.google.gson.JsonElement v = d.get(key);
		return v == null ? "?" : v.isJsonPrimitive() ? v.getAsString() : JsonFields.shown(v);
	}

	/** The whole number {@code key} of {@code o}, or a refusal naming the key and the value found. */
	private static int whole(final JsonObject o, final String key, final Path json, final String fix) {
		final com.google.gson.JsonElement v = o.get(key);
		final String problem;
		if (v == null) problem = "it has no \"" + key + "\" field";
		else if (!JsonFields.isNumber(v)) problem = "\"" + key + "\" is " + JsonFields.shown(v) +
			", not a number";
		else {
			final double x = v.getAsDouble();
			if (x == Math.rint(x) && Math.abs(x) <= Integer.MAX_VALUE) return (int) x;
			problem = "\"" + key + "\" is " + JsonFields.shown(v) + ", not a whole number of the size PulseJ writes";
		}
		throw new PulseJException("Cannot read " + json + " (" + problem + ").", fix);
	}

	private static void deleteTree(final Path dir) {
		try (var walk = Files.walk(dir)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException e) {
			// a leftover hidden temporary folder is harmless
		}
	}

	@Override
	public String toString() {
		return "ConfidenceModel" + Arrays.asList(description.toString());
	}
}

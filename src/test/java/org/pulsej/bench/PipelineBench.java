package org.pulsej.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import ij.ImageStack;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.ContrastiveTrainer;
import org.pulsej.nn.Devices;
import org.pulsej.nn.PhysNet;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.nn.TrainOptions;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.input.FaceVolumes;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.input.FaceVolume;
import org.pulsej.video.FramePrefetch;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Speed of every stage of the apply pipeline on a generated 640×480, 30 fps MJPEG face video, and of
 * one contrastive training step, in one run (not a unit test). Run it with {@code mvn -B -Pbench verify}
 * (see docs/performance.md, "Speed").
 * <p>
 * Each stage is warmed up, then timed by wall clock and by the process's CPU time (all threads): on a
 * machine shared with other work the wall time grows with the load, the CPU time much less. Frames per
 * second are video frames (input) per wall second; "× real time" divides by the video's 30 fps.
 * PhysNet's GFLOP/s count the convolutions' multiply-accumulates × 2 from the layer shapes
 * ({@link PhysNet#multiplyAccumulates}) and are set against a dense float32 matmul on the same engine,
 * threads and device, timed right before and after.
 * <p>
 * System properties: {@code bench.seconds} (video length, default 30), {@code bench.only} (comma list of
 * decode, face, crop, nn, hr, pos, pipeline, train; default all).
 */
public final class PipelineBench {

	private static final double FPS = 30;
	private static final int WIDTH = 640, HEIGHT = 480;
	/** PhysNet windows: 10 s as in the paper (the training clip length W). */
	private static final int CLIP = 300;
	/** Frames held decoded in memory for the stages after decoding (10 s, 370 MB). */
	private static final int IN_MEMORY = 300;

	private static final com.sun.management.OperatingSystemMXBean OS =
		(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	/** One timed stage. {@code flop} is 0 where no FLOP count applies. */
	record Row(String stage, double frames, double wallS, double cpuS, double load, double flop, String note) {

		double fps() {
			return frames / wallS;
		}
	}

	private final List<Row> rows = new ArrayList<>();
	private final Set<String> only;
	private final double seconds;

	private PipelineBench(final double seconds, final Set<String> only) {
		this.seconds = seconds;
		this.only = only;
	}

	public static void main(final String[] args) throws Exception {
		final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "30"));
		final String o = System.getProperty("bench.only", "").trim();
		final Set<String> only = o.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(o.split("\\s*,\\s*")));
		final Path dir = Files.createTempDirectory("pulsej-bench");
		try {
			new PipelineBench(seconds, only).run(dir);
		}
		finally {
			try (Stream<Path> s = Files.walk(dir)) {
				s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		System.exit(0); // DJL and ONNX Runtime leave non-daemon threads
	}

	private boolean wants(final String group) {
		return only.isEmpty() || only.contains(group);
	}

	private void run(final Path dir) throws IOException {
		header();
		final Engine engine = Devices.engine();
		final int gpus = gpuCount(engine);
		System.out.println("PyTorch OpenMP threads: " + Devices.openMpPolicy());
		System.out.println(gpus > 0 ? "GPU: " + gpus + " device(s), PyTorch " + engine.getVersion()
			: "GPU: not available (PyTorch " + engine.getVersion() + " sees no CUDA device; CPU figures only)");

		// -- the video --
		final SyntheticVideoSpec spec = SyntheticFaceVideo.demoSpec().size(WIDTH, HEIGHT).fps(FPS).seconds(seconds);
		long t0 = System.nanoTime();
		SyntheticFaceVideo.write(spec, dir.toFile(), "bench", true, Progress.NONE);
		final File avi = dir.resolve("bench.avi").toFile();
		System.out.printf(Locale.ROOT, "Video: %dx%d, %.0f fps, %.0f s (%d frames), MJPEG q90, %.1f MB; generated in %.1f s%n%n",
			WIDTH, HEIGHT, FPS, seconds, spec.frames(), avi.length() / 1e6, (System.nanoTime() - t0) / 1e9);
		final int n = spec.frames();

		// -- decode: every frame once, from the file --
		final ImageStack kept = new ImageStack(WIDTH, HEIGHT);
		if (wants("decode") || wants("face") || wants("crop") || wants("pipeline")) {
			final Video file = VideoReader.open(avi, 0, Progress.NONE);
			for (int t = 0; t < Math.min(60, n); t++)
				file.frame(t); // warm-up
			time("decode (MJPEG, ImageJ AVI reader)", n, "", () -> {
				for (int t = 0; t < n; t++) {
					final var ip = file.frame(t);
					if (t < IN_MEMORY) kept.addSlice(null, ip.getPixels());
				}
			});
		}
		if (wants("decode")) {
			final Video file = VideoReader.open(avi, 0, Progress.NONE);
			time("decode, read ahead on all cores (FramePrefetch)", n, FramePrefetch.defaultThreads() + " threads", () -> {
				try (FramePrefetch<Void> frames = new FramePrefetch<>(file, FramePrefetch.defaultThreads(), 16, null)) {
					while (frames.hasNext())
						frames.next();
				}
			});
		}
		final Video memory = kept.getSize() > 0 ? new Video(kept, 24, FPS, "bench-memory", null) : null;
		final int m = memory == null ? 0 : memory.frames();

		// -- face detection and tracking (frames already decoded) --
		FaceTrack tracked = null;
		if (memory != null) {
			try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
				final FaceTracker tracker = new FaceTracker(detector, FaceTracker.Options.defaults());
				tracker.track(memory, Progress.NONE); // warm-up
				if (wants("face")) {
					time("face detection (BlazeFace, every frame)", m, "1 model run per frame", () -> {
						for (int t = 0; t < m; t++)
							detector.detect(memory.frame(t));
					});
				}
				final FaceTrack[] tr = new FaceTrack[1];
				time("face tracking (detect every 2nd, stabilise)", m, "", () -> tr[0] = tracker.track(memory,
					Progress.NONE));
				tracked = tr[0];
				rows.set(rows.size() - 1, withNote(rows.get(rows.size() - 1), tracked.detectorRuns() + " detector runs"));
			}
		}

		final FaceTrack track = tracked;

		// -- crop + YUV + z-normalisation --
		final PhysNetConfig small = PhysNetConfig.cpu(), paper = PhysNetConfig.paper();
		if (memory != null && wants("crop")) {
			for (final PhysNetConfig c : new PhysNetConfig[] { small, paper }) {
				final int[] size = FaceVolumes.cropSize(c.input());
				FaceVolumes.prepare(memory, track, c.input(), Progress.NONE); // warm-up
				time("crop+YUV+z-norm to " + size[0] + "x" + size[1], m, "for the " + c.inputHeight() + "x" + c
					.inputWidth() + " network", () -> FaceVolumes.prepare(memory, track, c.input(), Progress.NONE));
			}
		}

		// -- PhysNet inference --
		if (wants("nn")) {
			physNet(Device.cpu(), "CPU");
			if (gpus > 0) physNet(Device.gpu(0), "GPU");
		}

		// -- heart rate from the PPG --
		if (wants("hr")) {
			final double[] ppg = new double[n];
			final java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
			for (int t = 0; t < n; t++)
				ppg[t] = Math.sin(2 * Math.PI * 1.2 * t / FPS) + 0.3 * (rnd.nextDouble() - 0.5);
			// the default (window_hr=track) against the paper's per-window peak, as a ratio of the same run
			final double[] wall = new double[2];
			for (final boolean onePath : new boolean[] { false, true }) {
				final EstimateOptions eo = new EstimateOptions().trackHeartRate(onePath);
				final HeartRatePipeline hr = new HeartRatePipeline(eo);
				for (int i = 0; i < 5; i++)
					hr.fromPpg("bench", HeartRatePipeline.clean(ppg, FPS, eo.band()), FPS, "PhysNet", "");
				final int reps = 20;
				time("heart rate (detrend, band-pass, 10 s PSD windows, window_hr=" + (onePath ? "track" : "peak") + ")",
					(double) n * reps, reps + " videos", () -> {
						for (int i = 0; i < reps; i++)
							hr.fromPpg("bench", HeartRatePipeline.clean(ppg, FPS, eo.band()), FPS, "PhysNet", "");
					});
				wall[onePath ? 1 : 0] = rows.get(rows.size() - 1).wallS();
			}
			System.out.printf(Locale.ROOT, "heart rate: window_hr=track takes %.2f× the time of window_hr=peak%n",
				wall[1] / wall[0]);
		}

		// -- the whole POS pipeline (face tracking, colour signal of each region, heart rate, CSV files) --
		if (wants("pos")) {
			final Path out = Files.createDirectories(dir.resolve("out-pos"));
			for (final org.pulsej.pipeline.RoiMode roi : new org.pulsej.pipeline.RoiMode[] {
				org.pulsej.pipeline.RoiMode.TRACKED, org.pulsej.pipeline.RoiMode.BOX, org.pulsej.pipeline.RoiMode.FACE })
			{
				try (EstimateJob job = new EstimateJob(new EstimateOptions().roi(roi, null), out, false, s -> {})) {
					job.run(avi, 0, Progress.NONE); // warm-up: loads the detector
					for (int rep = 0; rep < 2; rep++)
						time("WHOLE PIPELINE, POS, roi=" + roi.key(), n, "AVI -> CSV, run " + (rep + 1), () -> job.run(avi, 0,
							Progress.NONE));
				}
			}
		}

		// -- the whole apply pipeline, from the AVI file to the CSV files --
		if (wants("pipeline")) {
			// the bars: 64x64 input (the CPU width and the paper's) and 192x128 at the paper's width
			for (final PhysNetConfig c : new PhysNetConfig[] { small, paper.withInputSize(64, 64), paper }) {
				final Path model = dir.resolve("model-" + c.width() + "-" + c.inputHeight());
				try (PhysNetModel pm = PhysNetModel.untrained(c, FPS, CLIP, 1, "cpu")) {
					pm.save(model);
				}
				final Path out = Files.createDirectories(dir.resolve("out"));
				// the paper's stabilised crop, cut while the face is tracked (one pass over the file), and the
				// default region, which follows the face and is cut in a second pass (at two sizes)
				for (final RoiMode roi : c == small || c == paper ? new RoiMode[] { RoiMode.FACE, RoiMode.TRACKED }
					: new RoiMode[] { RoiMode.FACE }) {
					try (EstimateJob job = new EstimateJob(new EstimateOptions().physNet(model, "cpu").roi(roi, null), out,
						false, s -> {})) {
						job.run(memory, Progress.NONE); // warm-up: loads the detector and the model
						time(String.format(Locale.ROOT, "WHOLE PIPELINE, PhysNet w%d %dx%d, roi=%s", c.width(), c
							.inputHeight(), c.inputWidth(), roi.key()), n, "AVI -> CSV", () -> job.run(avi, 0, Progress.NONE));
					}
				}
			}
		}

		// -- one contrastive training step --
		if (wants("train")) train(dir, memory, track);

		report(n);
	}

	/** Network throughput on one 10 s window, and the windowed apply (predictPpg) on the whole video. */
	private void physNet(final Device device, final String name) {
		final Engine engine = Devices.engine();
		final PhysNetConfig[] configs = { PhysNetConfig.cpu(), PhysNetConfig.paper().withInputSize(64, 64),
			PhysNetConfig.paper() };
		for (final PhysNetConfig c : configs) {
			try (NDManager manager = engine.newBaseManager(device)) {
				final Block net = PhysNet.build(c);
				PhysNet.initialize(net, manager, c, 1);
				final ParameterStore ps = new ParameterStore(manager, false);
				final PhysNet.Inference inference = new PhysNet.Inference(net, manager); // as PhysNetModel runs it
				final NDArray x = manager.randomNormal(new Shape(1, c.channels(), CLIP, c.inputHeight(), c.inputWidth()));
				final Runnable once = () -> {
					try (NDManager sub = manager.newSubManager()) {
						final NDArray in = x.duplicate();
						in.attach(sub);
						inference.run(ps, in).toFloatArray();
					}
				};
				once.run(); // warm-up: kernels chosen, memory pools filled
				final boolean big = c.width() * c.inputHeight() * c.inputWidth() > 64 * 64 * 64;
				final int reps = big ? 1 : c.width() == 64 ? 2 : 5, rounds = big ? 2 : 3;
				final double flop = 2.0 * PhysNet.multiplyAccumulates(c, CLIP) * reps;
				final String stage = String.format(Locale.ROOT, "PhysNet %s w%d %dx%d, one %d-frame window", name, c
					.width(), c.inputHeight(), c.inputWidth(), CLIP);
				// Paper width: interleaved with the matmul, best of each kept, so that both see the same load.
				final boolean paperWidth = c.width() == 64;
				Row bestNet = null, bestMm = null;
				for (int r = 0; r < rounds; r++) {
					if (paperWidth) bestMm = best(bestMm, matmul(manager, name));
					bestNet = best(bestNet, measure(stage, (double) CLIP * reps, flop, "network frames, best of " + rounds,
						() -> {
							for (int i = 0; i < reps; i++)
								once.run();
						}));
				}
				rows.add(bestNet);
				if (paperWidth) rows.add(withNote(bestMm, "best of " + rounds + ", interleaved with the row above"));
			}
		}
		if (!device.isGpu()) oneDnnKernels(configs);
		// windowed apply over the whole video: what the pipeline pays per video frame, at PulseJ's default
		// overlap and, for the paper's network, at the reference implementation's half-window overlap
		for (final PhysNetConfig c : new PhysNetConfig[] { PhysNetConfig.cpu(), PhysNetConfig.paper() }) {
			try (PhysNetModel model = PhysNetModel.untrained(c, FPS, CLIP, 1, device.isGpu() ? "gpu" : "cpu")) {
				final int[] size = FaceVolumes.cropSize(c.input());
				final int n = (int) Math.round(seconds * FPS);
				final FaceVolume v = FaceVolume.zeros(c.channels(), n, size[0], size[1], FPS);
				final java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
				final float[] d = v.data();
				for (int i = 0; i < d.length; i++)
					d[i] = (float) (rnd.nextDouble() * 2 - 1);
				model.predictPpg(v.frames(0, CLIP + CLIP / 2), Progress.NONE); // warm-up
				final double[] overlaps = c.width() == 64 ? new double[] { PhysNetModel.DEFAULT_OVERLAP_SECONDS, CLIP / FPS /
					2 } : new double[] { PhysNetModel.DEFAULT_OVERLAP_SECONDS };
				for (final double o : overlaps) {
					model.overlapSeconds(o);
					time(String.format(Locale.ROOT, "PhysNet %s apply w%d %dx%d (10 s windows, %.0f s overlap)", name, c
						.width(), c.inputHeight(), c.inputWidth(), o), n, "video frames", () -> model.predictPpg(v,
							Progress.NONE));
				}
				model.overlapSeconds(PhysNetModel.DEFAULT_OVERLAP_SECONDS);
			}
		}
	}

	/**
	 * The oneDNN kernels behind the rows above and the share of layout conversions, and for the paper's
	 * network the same with PyTorch's plain layout, for comparison: what to look at first when PhysNet is
	 * slower on one CPU than on another with the same matmul speed.
	 */
	private static void oneDnnKernels(final PhysNetConfig[] configs) {
		try {
			for (final PhysNetConfig c : configs)
				OneDnnProfile.print(String.format(Locale.ROOT, "PhysNet w%d %dx%d", c.width(), c.inputHeight(), c
					.inputWidth()), OneDnnProfile.measure(c, true));
			final PhysNetConfig c = configs[configs.length - 1];
			OneDnnProfile.print(String.format(Locale.ROOT, "PhysNet w%d %dx%d, plain layout (-Dpulsej.physnet.channelsLast=false)",
				c.width(), c.inputHeight(), c.inputWidth()), OneDnnProfile.measure(c, false));
			System.out.println();
		}
		catch (final IOException e) {
			System.out.println("  oneDNN kernels: not measured (" + e.getMessage() + ")");
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Dense float32 matmul, 2048², on the same engine, threads and device: the machine's practical limit. */
	private Row matmul(final NDManager manager, final String name) {
		final int k = 2048, reps = 6;
		final NDArray a = manager.randomNormal(new Shape(k, k)), b = manager.randomNormal(new Shape(k, k));
		final Runnable once = () -> {
			try (NDManager sub = manager.newSubManager()) {
				final NDArray c = a.matMul(b);
				c.attach(sub);
				c.getFloat(0, 0); // waits for the result (GPU)
			}
		};
		for (int i = 0; i < 2; i++)
			once.run();
		final Row r = measure("matmul " + name + " " + k + "x" + k + " float32", 0, 2.0 * k * k * k * reps, reps +
			" products", () -> {
				for (int i = 0; i < reps; i++)
					once.run();
			});
		a.close();
		b.close();
		return r;
	}

	private static Row best(final Row a, final Row b) {
		return a == null || b.wallS() < a.wallS() ? b : a;
	}

	/** One step of the contrastive training (batch 4 × 10 s × 64×64, width 16), timed between steps. */
	private void train(final Path dir, final Video memory, final FaceTrack track) {
		if (memory == null || track == null) {
			System.out.println("train: needs the decoded frames and the face track (bench.only must include decode and face)");
			return;
		}
		for (final PhysNetConfig c : new PhysNetConfig[] { PhysNetConfig.cpu(), PhysNetConfig.paper().withInputSize(64,
			64) })
		{
			final FaceVolume v = FaceVolumes.prepare(memory, track, c.input(), Progress.NONE);
			final int steps = 3, batch = 4;
			final TrainOptions o = TrainOptions.paper().withEpochs(1).withBatchSize(batch).withSamplesPerEpoch(steps *
				batch).withDevice("cpu");
			final long[] wall = new long[steps + 1], cpu = new long[steps + 1];
			final int[] k = { 0 };
			final Progress p = new Progress() {
				@Override
				public void status(final String message) {
					if (message.startsWith("PhysNet:") && k[0] == 0) mark();
				}

				@Override
				public void fraction(final double done) {
					mark();
				}

				private void mark() {
					if (k[0] <= steps) {
						wall[k[0]] = System.nanoTime();
						cpu[k[0]] = OS.getProcessCpuTime();
						k[0]++;
					}
				}
			};
			new ContrastiveTrainer().train(List.of(v, v, v, v), c, o, dir.resolve("train-" + c.width()), p);
			// the first step warms up; the others are timed
			final double wallS = (wall[steps] - wall[1]) / 1e9 / (steps - 1), cpuS = (cpu[steps] - cpu[1]) / 1e9 / (steps -
				1);
			rows.add(new Row(String.format(Locale.ROOT, "training step w%d %dx%d, batch %d x %d frames", c.width(), c
				.inputHeight(), c.inputWidth(), batch, CLIP), 0, wallS, cpuS, load(), 0, String.format(Locale.ROOT,
					"%.2f s/step wall, %.2f s CPU", wallS, cpuS)));
			System.out.println("  " + rows.get(rows.size() - 1).stage() + ": " + rows.get(rows.size() - 1).note());
		}
	}

	// -- timing and reporting --

	private void time(final String stage, final double frames, final String note, final Runnable r) {
		time(stage, frames, 0, note, r);
	}

	private void time(final String stage, final double frames, final double flop, final String note, final Runnable r) {
		rows.add(measure(stage, frames, flop, note, r));
	}

	/** Times {@code r} once (wall clock and process CPU time) and prints the figures. */
	private static Row measure(final String stage, final double frames, final double flop, final String note,
		final Runnable r)
	{
		final double load0 = load();
		final long c0 = OS.getProcessCpuTime(), t0 = System.nanoTime();
		r.run();
		final double wall = (System.nanoTime() - t0) / 1e9, cpu = (OS.getProcessCpuTime() - c0) / 1e9;
		final Row row = new Row(stage, frames, wall, cpu, (load0 + load()) / 2, flop, note);
		System.out.printf(Locale.ROOT, "  %-58s %8.2f s wall %8.2f s CPU%s%n", stage, wall, cpu, flop > 0 ? String.format(
			Locale.ROOT, " %7.1f GFLOP/s, %.1f GFLOP per CPU-second", flop / wall / 1e9, flop / cpu / 1e9) : "");
		return row;
	}

	private static Row withNote(final Row r, final String note) {
		return new Row(r.stage(), r.frames(), r.wallS(), r.cpuS(), r.load(), r.flop(), r.note().isEmpty() ? note : r
			.note() + ", " + note);
	}

	private static double load() {
		return OS.getSystemLoadAverage();
	}

	private static void header() {
		final int cores = Runtime.getRuntime().availableProcessors();
		System.out.println("PulseJ pipeline benchmark");
		System.out.printf(Locale.ROOT, "Machine: %s, %d cores, %.1f GB RAM; load average %.2f at start%n", cpuModel(),
			cores, OS.getTotalMemorySize() / 1e9, load());
		System.out.printf(Locale.ROOT, "Java %s, heap max %.1f GB; allocator: %s; PyTorch threads: %s%n", System
			.getProperty("java.version"), Runtime.getRuntime().maxMemory() / 1e9, jemalloc() ? "jemalloc (preloaded)"
				: "glibc malloc (jemalloc NOT preloaded: PyTorch is slower; apt-get install libjemalloc2)", System
					.getProperty("ai.djl.pytorch.num_threads", "default (" + cores + ")"));
		System.out.println("PhysNet activations: " + (Boolean.parseBoolean(System.getProperty(
			"pulsej.physnet.channelsLast", "true")) ? "channels-last (default)" : "plain layout (-Dbench.channelsLast=false)"));
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1)
				.trim()).orElse(System.getProperty("os.arch"));
		}
		catch (final IOException | RuntimeException e) {
			return System.getProperty("os.arch");
		}
	}

	private static boolean jemalloc() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
			return lines.anyMatch(l -> l.contains("jemalloc"));
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	private static int gpuCount(final Engine engine) {
		try {
			return engine.getGpuCount();
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			return 0;
		}
	}

	private void report(final int n) {
		System.out.println();
		System.out.printf(Locale.ROOT, "%-62s %9s %10s %9s %6s %5s %8s %8s  %s%n", "stage", "frames/s", "x realtime",
			"CPU ms/f", "cores", "load", "GFLOP/s", "GF/CPUs", "note");
		for (final Row r : rows) {
			final boolean perFrame = r.frames() > 0;
			System.out.printf(Locale.ROOT, "%-62s %9s %10s %9s %6.2f %5.1f %8s %8s  %s%n", r.stage(), perFrame ? String
				.format(Locale.ROOT, "%.1f", r.fps()) : "-", perFrame ? String.format(Locale.ROOT, "%.2f", r.fps() / FPS)
					: "-", perFrame ? String.format(Locale.ROOT, "%.2f", 1000 * r.cpuS() / r.frames()) : "-", r.cpuS() / r
						.wallS(), r.load(), r.flop() > 0 ? String.format(Locale.ROOT, "%.1f", r.flop() / r.wallS() / 1e9) : "-",
				r.flop() > 0 ? String.format(Locale.ROOT, "%.1f", r.flop() / r.cpuS() / 1e9) : "-", r.note());
		}
		// PhysNet GFLOP/s (paper width) against the matmul measured next to it
		System.out.println();
		for (int i = 0; i + 1 < rows.size(); i++) {
			final Row r = rows.get(i), mm = rows.get(i + 1);
			if (!r.stage().startsWith("PhysNet") || !mm.stage().startsWith("matmul")) continue;
			System.out.printf(Locale.ROOT,
				"%-62s %.1f GFLOP/s = %.0f %% of matmul (%.1f); per CPU-second %.1f = %.0f %% of matmul (%.1f)%n", r
					.stage(), r.flop() / r.wallS() / 1e9, 100 * (r.flop() / r.wallS()) / (mm.flop() / mm.wallS()), mm.flop() /
						mm.wallS() / 1e9, r.flop() / r.cpuS() / 1e9, 100 * (r.flop() / r.cpuS()) / (mm.flop() / mm.cpuS()), mm
							.flop() / mm.cpuS() / 1e9);
		}
		// "x realtime" from CPU time: what the work needs per video second, whatever the machine's load
		for (final Row r : rows)
			if (r.stage().startsWith("WHOLE")) System.out.printf(Locale.ROOT,
				"%-62s %.2f CPU ms per frame: %.2f x real time per fully available core%n", r.stage(), 1000 * r.cpuS() / r
					.frames(), r.frames() / r.cpuS() / FPS);
		System.out.printf(Locale.ROOT, "%nVideo %d frames at %.0f fps; load average %.2f at the end (%d cores)%n", n,
			FPS, load(), Runtime.getRuntime().availableProcessors());
	}
}

package org.pulsej.eval;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.pulsej.pipeline.ConfidenceEstimator;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultCharts;
import org.pulsej.results.ResultWriter;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.signal.RgbTrace;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

/**
 * Measures videos that have ground truth and compares: for every method, the same output files
 * as Estimate Heart Rate (one folder per method when several are compared), plus
 * {@code evaluation.csv} (per video), {@code metrics.csv} (per method) and Bland–Altman and
 * estimate-versus-reference charts.
 * <p>
 * Each video's frames are read once; every method works on the same colour trace. Videos without
 * ground truth are skipped with a warning; a video whose ground truth or frames cannot be used is
 * a failure, reported after the others were evaluated.
 * <p>
 * <b>Ablation</b> (paper, Table 2): with {@code ablation}, each method gets a row per heart-rate
 * mode — {@code METHOD median} (the per-video median for every frame, Sec. 5.1), {@code METHOD
 * instantaneous} (the sliding-window rate, Sec. 5.3) and, with a confidence model, {@code METHOD
 * confidence} (the blend of Eq. 1, Sec. 5.5). Without it, one row per method scores the reported
 * heart rate (the blend when a confidence model is given).
 * <p>
 * <b>PhysNet</b> ({@link PhysNetRows}): a trained model folder (plain or specialists) is applied to each
 * video through {@link EstimateJob}'s own PhysNet path, into the folder {@code PhysNet}. With a second,
 * specialists folder the ablation climbs as the paper's Table 2: {@code PhysNet median} → {@code PhysNet
 * instantaneous} (the first model) → {@code PhysNet specialists} (the specialists' instantaneous rate) →
 * {@code PhysNet confidence} (the confidence blend on the specialists' PPG); the specialists' files go
 * to the folder {@code PhysNet-specialists} (with {@code specialists.csv}, which specialist measured each
 * video).
 */
public final class EvaluationJob implements AutoCloseable {

	/** Heart-rate modes of the ablation rows. */
	public enum Mode {
		MEDIAN("median"), INSTANT("instantaneous"), CONFIDENCE("confidence");

		public final String label;

		Mode(final String label) {
			this.label = label;
		}
	}

	/**
	 * A video in memory with its reference (e.g. a synthetic video).
	 *
	 * @param name stem of its output files
	 */
	public record Sample(String name, Video video, Reference reference) {}

	/**
	 * What an evaluation produced.
	 *
	 * @param metrics one row per method (and mode)
	 * @param videos one score per video and row
	 * @param results the measured results per method
	 * @param skipped videos without ground truth, with why
	 * @param failures videos that could not be evaluated, with the message
	 * @param notes things the user should know about individual videos (resampling, partial ground truth)
	 */
	public record Outcome(List<MethodScore> metrics, List<VideoScore> videos, Map<String, List<HeartRateResult>> results,
		Map<String, String> skipped, Map<String, String> failures, List<String> notes)
	{

		/** One message listing the failures. */
		public String failureMessage() {
			final StringBuilder sb = new StringBuilder();
			// a video scored with one method and failed with another is one video ("2 of 4" was said for 2)
			final java.util.Set<String> all = new java.util.HashSet<>(failures.keySet());
			videos.forEach(v -> all.add(v.video()));
			sb.append(failures.size()).append(" of ").append(all.size()).append(" videos could not be evaluated:");
			failures.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
			return sb.toString();
		}
	}

	/**
	 * PhysNet rows of an evaluation.
	 *
	 * @param model a plain or specialists model folder, scored as the rows {@code PhysNet …}
	 * @param specialists optional second (specialists) folder, scored as {@code PhysNet specialists}
	 * @param device auto, cpu or gpu
	 */
	public record PhysNetRows(Path model, Path specialists, String device) {

		public PhysNetRows {
			if (model == null) throw new PulseJException("PhysNet is to be evaluated but no model folder is given.",
				"Give model=/path/to/model (from Train PhysNet).");
			// a plain model given as specialists= was scored, with exit 0, as the row "PhysNet specialists"
			if (specialists != null && java.nio.file.Files.isRegularFile(specialists.resolve(org.pulsej.nn.ModelDescription
				.FILE)) && !org.pulsej.nn.SpecialistRouter.isRouter(specialists)) throw new PulseJException("specialists=" +
					specialists + " is a plain PhysNet model (it holds " + org.pulsej.nn.ModelDescription.FILE + ", no " +
					org.pulsej.nn.SpecialistRouter.FILE + "), not a specialists folder, so its row would be mislabelled '" +
					SPECIALISTS + "'.", "Give it as model= to score it as PhysNet, or give specialists= the folder Train " +
						"PhysNet wrote with clusters=2 or more (it holds " + org.pulsej.nn.SpecialistRouter.FILE +
						" and cluster-1, cluster-2, ...).");
		}
	}

	/** Row and folder names of the PhysNet results. */
	public static final String PHYSNET = "PhysNet", SPECIALISTS = "PhysNet specialists";

	private final EstimateOptions options;
	private final List<PulseMethod> methods;
	private final PhysNetRows physNet;
	/** Apply the PhysNet models (opened once, kept for all videos). */
	private EstimateJob physNetJob, specialistsJob;
	private final boolean ablation, plots;
	private final Path output;
	private final Consumer<String> log;
	private final FaceTracking faces;
	/** Further regions over which the classical methods are scored, a row each ({@link #compareRegions}). */
	private List<RoiMode> compareRegions = List.of();
	/** The options' confidence model for the classical rows, opened for the whole job. */
	private final ConfidenceEstimator.Opened confidence;

	/**
	 * @param options the estimate's settings; its method is set to each of {@code methods} in turn
	 * @param output folder for all files, or null to write nothing
	 */
	public EvaluationJob(final EstimateOptions options, final List<PulseMethod> methods, final boolean ablation,
		final Path output, final boolean plots, final Consumer<String> log)
	{
		this(options, methods, null, ablation, output, plots, log);
	}

	/**
	 * @param physNet PhysNet models to evaluate besides {@code methods}, or null
	 */
	public EvaluationJob(final EstimateOptions options, final List<PulseMethod> methods, final PhysNetRows physNet,
		final boolean ablation, final Path output, final boolean plots, final Consumer<String> log)
	{
		if (methods.isEmpty() && physNet == null) throw new PulseJException("No method to evaluate.",
			"Give e.g. method=POS, method=POS,CHROM,GREEN or method=PhysNet with model=.");
		if (methods.stream().distinct().count() != methods.size()) throw new PulseJException("A method is listed " +
			"twice: " + methods + ".", "List each method once.");
		options.checkWindow(); // before any video is read: the same refusal came once per video, after opening it
		this.options = options;
		this.methods = List.copyOf(methods);
		this.physNet = physNet;
		this.ablation = ablation;
		this.output = output;
		this.plots = plots;
		this.log = log;
		this.faces = new FaceTracking(options, log);
		// a model trained on another method, band or window was used without a word (Estimate warns)
		final List<String> names = new ArrayList<>(methods.stream().map(PulseMethod::name).toList());
		if (physNet != null) names.add(PHYSNET);
		confidence = ConfidenceEstimator.open(options, names, log);
		try {
			if (physNet != null) {
				// a model= or specialists= folder that cannot be read (missing, a file, no model.json) failed each video
				// in turn, after its other methods had measured it: refused here, before any folder is made
				try (org.pulsej.pipeline.PhysNetModels m = org.pulsej.pipeline.PhysNetModels.open(physNet.model(), physNet
					.device(), s -> {})) {
					// its description (or every specialist's) is read and checked
				}
				if (physNet.specialists() != null) try (org.pulsej.pipeline.PhysNetModels m = org.pulsej.pipeline.PhysNetModels
					.open(physNet.specialists(), physNet.device(), s -> {})) {
					// the same
				}
			}
			if (output != null) {
				createdOutput = org.pulsej.util.FolderLock.firstMissing(output);
				AtomicFiles.ensureWritableDirectory(output);
			}
			if (physNet != null) {
				physNetJob = new EstimateJob(physNetOptions(physNet.model()), dir(PHYSNET), plots, log);
				if (physNet.specialists() != null) specialistsJob = new EstimateJob(physNetOptions(physNet.specialists()),
					dir(SPECIALISTS), plots, log);
			}
		}
		catch (final RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * The first folder of {@code output} this run made (null: it was there), and the method folders it
	 * made inside it: a refused or failed evaluation (input= mistyped, no ground truth, every video
	 * failing) left them behind, empty, where Estimate Heart Rate leaves none.
	 */
	private Path createdOutput;
	private final List<Path> madeFolders = new ArrayList<>();

	/** The estimate's settings with a PhysNet model instead of a classical method. */
	private EstimateOptions physNetOptions(final Path model) {
		return options.copy().physNet(model, physNet.device());
	}

	/** Frees the face detector, if one was opened. */
	@Override
	public void close() {
		faces.close();
		if (physNetJob != null) physNetJob.close();
		if (specialistsJob != null) specialistsJob.close();
		confidence.close();
		// folders this run made and wrote nothing into (a folder holding anything stays)
		for (int i = madeFolders.size() - 1; i >= 0; i--)
			org.pulsej.util.FolderLock.removeIfUnused(madeFolders.get(i));
		if (output != null) org.pulsej.util.FolderLock.removeIfUnused(output, createdOutput);
	}

	/**
	 * Scores the classical methods also over each of {@code regions}, as rows {@code METHOD roi=REGION}
	 * beside the rows of the options' region, so that the choice of region can be judged on the user's
	 * own videos. Each video is read once more per region; the files written are those of the options'
	 * region alone.
	 */
	public EvaluationJob compareRegions(final List<RoiMode> regions) {
		checkCompareRegions(regions, methods);
		for (final RoiMode r : regions)
			if (r == RoiMode.MANUAL || r == options.roi()) throw new PulseJException("roi=" + r.key() +
				" cannot be compared with roi=" + options.roi().key() + ".", "Compare other regions than the measured " +
					"one, without manual (e.g. compare_regions=face,box).");
		if (regions.stream().distinct().count() != regions.size()) throw new PulseJException("A region to compare " +
			"is listed twice: compare_regions=" + String.join(",", regions.stream().map(RoiMode::key).toList()) + ".",
			"List each region once.");
		compareRegions = List.copyOf(regions);
		return this;
	}

	/**
	 * Refuses regions to compare when no classical method is evaluated: PhysNet is scored over its
	 * model's region only, so compare_regions with method=PhysNet alone was ignored without a word.
	 */
	public static void checkCompareRegions(final List<RoiMode> regions, final List<PulseMethod> methods) {
		if (!regions.isEmpty() && methods.isEmpty()) throw new PulseJException("compare_regions=" + String.join(",",
			regions.stream().map(RoiMode::key).toList()) + " scores POS, CHROM or GREEN over further regions, but " +
			"method= names none of them: PhysNet is scored over the region its model was trained on only, so the " +
			"comparison would not be made.", "Add a classical method (e.g. method=PhysNet,POS) to compare its regions, " +
				"or leave compare_regions empty.");
	}

	/** Parses {@code face,box} (case-insensitive); empty: none. */
	public static List<RoiMode> parseRegions(final String list) {
		final List<RoiMode> out = new ArrayList<>();
		if (list == null) return out;
		for (final String s : list.split("[,;\\s]+"))
			if (!s.isBlank()) try {
				out.add(RoiMode.parse(s));
			}
			catch (final PulseJException e) {
				// RoiMode's message named roi= and offered roi=manual (draw a rectangle), neither of which
				// compare_regions takes
				throw new PulseJException("compare_regions=" + list.strip() + " names '" + s + "', which is not a " +
					"region.", "List regions among tracked, box, face and whole, other than the one of roi= (e.g. " +
						"compare_regions=face,box).");
			}
		return out;
	}

	/** The row of method {@code m} measured over the compared region {@code r}. */
	static String regionRow(final PulseMethod m, final RoiMode r) {
		return m.name() + " roi=" + r.key();
	}

	/** Parses {@code POS,CHROM,GREEN} (case-insensitive, spaces allowed); {@code PhysNet} is left out. */
	public static List<PulseMethod> parseMethods(final String list) {
		final List<PulseMethod> out = new ArrayList<>();
		if (list == null || list.isBlank()) return List.of(PulseMethod.POS);
		for (final String s : list.split("[,;\\s]+"))
			if (!s.isBlank() && !s.trim().equalsIgnoreCase(PHYSNET)) try {
				out.add(PulseMethod.parse(s));
			}
			catch (final PulseJException e) {
				// Evaluate also takes PhysNet, which the pulse methods' list left out
				throw new PulseJException(e.problem(), "Use one of POS, CHROM, GREEN, " + PHYSNET + ", or several " +
					"separated by commas (e.g. method=[POS,PhysNet]).");
			}
		return out;
	}

	/** Whether a method list such as {@code POS,PhysNet} names PhysNet. */
	public static boolean namesPhysNet(final String list) {
		if (list == null) return false;
		for (final String s : list.split("[,;\\s]+"))
			if (s.trim().equalsIgnoreCase(PHYSNET)) return true;
		return false;
	}

	/** Evaluates every video found at {@code input} ({@link EvaluationSet#scan}). */
	public Outcome run(final File input, final double fps, final Progress progress) {
		// before hours of measuring, not after
		if (output != null) EvaluationWriter.checkOutput(output, input.toPath());
		final List<EvaluationSet.Item> items = EvaluationSet.scan(input);
		// its plots became frames of the video (and the folder was then refused: "the first frame
		// bland_altman_GREEN.png is 900x360")
		if (output != null) for (final EvaluationSet.Item item : items)
			org.pulsej.results.OutputGuard.refuseFrameFolder(item.video(), output,
				"evaluated; the plots written there would become frames of the video");
		final Run run = new Run(input.toPath());
		for (final EvaluationSet.Item item : items)
			if (!item.hasGroundTruth()) run.skipped.put(item.name(), "no ground truth (looked for " + GroundTruthLoader
				.expectedNames(item.video()) + ")");
		if (!run.skipped.isEmpty()) log.accept("PulseJ: skipped " + run.skipped.size() + " of " + items.size() +
			" videos without ground truth:" + list(run.skipped));
		final long usable = items.stream().filter(EvaluationSet.Item::hasGroundTruth).count();
		// the video itself given: "None of the 1 videos in v.avi has ground truth" named no file looked for
		if (usable == 0 && items.size() == 1 && items.get(0).video().getAbsoluteFile().equals(input.getAbsoluteFile()))
			throw new PulseJException(items.get(0).video().getName() + " has no " +
			"ground truth: PulseJ looked for " + GroundTruthLoader.expectedNames(items.get(0).video()) + " beside it.",
			"Put " + items.get(0).name() + "_gt.csv (frame,time_s,ppg,hr_bpm) beside it, or use a dataset layout " +
				"PulseJ reads (UBFC-rPPG ground_truth.txt, PURE SESSION.json).");
		if (usable == 0) throw new PulseJException("None of the " + items.size() + " videos in " + input +
			" has ground truth.", "Put STEM_gt.csv (frame,time_s,ppg,hr_bpm) beside each video STEM.avi, or use a " +
				"dataset layout PulseJ reads (UBFC-rPPG ground_truth.txt, PURE SESSION.json).");
		if (output != null) EvaluationWriter.markIncomplete(output, input.toPath());
		int done = 0;
		try {
			for (final EvaluationSet.Item item : items) {
				if (!item.hasGroundTruth()) continue;
				progress.checkCancelled();
				progress.status("Evaluating video " + (++done) + "/" + usable + ": " + item.name());
				try {
					final EvaluationSet.Recording recording = item.open(fps, progress, log);
					evaluate(recording.video(), recording.reference(), run, progress);
				}
				catch (final PulseJException e) {
					run.failures.put(item.name(), e.getMessage());
					log.accept("PulseJ: " + item.name() + " not evaluated — " + e.getMessage());
				}
			}
		}
		catch (final java.util.concurrent.CancellationException e) {
			throw stopped(e);
		}
		return run.finish();
	}

	/**
	 * A cancelled run's message with what it left: the note {@link EvaluationWriter#INCOMPLETE} stays in
	 * the output folder, and no metrics.csv or evaluation.csv was written.
	 */
	private java.util.concurrent.CancellationException stopped(final java.util.concurrent.CancellationException e) {
		if (output == null) return e;
		final java.util.concurrent.CancellationException c = new java.util.concurrent.CancellationException(e
			.getMessage() + " No " + EvaluationWriter.METRICS + " or " + EvaluationWriter.EVALUATION + " was written: " +
			output.resolve(EvaluationWriter.INCOMPLETE) + " says that the evaluation in " + output + " is incomplete; " +
			"run the same command again to evaluate every video.");
		c.initCause(e);
		return c;
	}

	/** Evaluates videos already in memory. */
	public Outcome run(final List<Sample> samples, final Progress progress) {
		if (output != null) EvaluationWriter.checkOutput(output);
		final Run run = new Run(null);
		if (output != null) EvaluationWriter.markIncomplete(output, null);
		int done = 0;
		try {
			for (final Sample s : samples) {
				progress.checkCancelled();
				progress.status("Evaluating video " + (++done) + "/" + samples.size() + ": " + s.name());
				try {
					evaluate(s.video().withName(s.name()), s.reference(), run, progress);
				}
				catch (final PulseJException e) {
					run.failures.put(s.name(), e.getMessage());
					log.accept("PulseJ: " + s.name() + " not evaluated — " + e.getMessage());
				}
			}
		}
		catch (final java.util.concurrent.CancellationException e) {
			throw stopped(e);
		}
		return run.finish();
	}

	/** Rows of the evaluation for one method. */
	List<String> rows(final PulseMethod m) {
		return rows(m.name());
	}

	private List<String> rows(final String m) {
		if (!ablation) return List.of(m);
		final List<String> rows = new ArrayList<>(List.of(m + " " + Mode.MEDIAN.label, m + " " + Mode.INSTANT.label));
		if (hasConfidence()) rows.add(m + " " + Mode.CONFIDENCE.label);
		return rows;
	}

	/**
	 * The PhysNet rows and which result each scores: without ablation {@code PhysNet} (and {@code PhysNet
	 * specialists}); with it median → instantaneous (→ specialists) (→ confidence, on the specialists
	 * when given).
	 */
	private List<String> physNetRows() {
		if (physNet == null) return List.of();
		final boolean spec = physNet.specialists() != null;
		if (!ablation) return spec ? List.of(PHYSNET, SPECIALISTS) : List.of(PHYSNET);
		final List<String> rows = new ArrayList<>(List.of(PHYSNET + " " + Mode.MEDIAN.label, PHYSNET + " " +
			Mode.INSTANT.label));
		if (spec) rows.add(SPECIALISTS);
		if (hasConfidence()) rows.add(PHYSNET + " " + Mode.CONFIDENCE.label);
		return rows;
	}

	/** Every row in table order. */
	private List<String> allRows() {
		final List<String> rows = new ArrayList<>();
		for (final PulseMethod m : methods)
			rows.addAll(rows(m));
		for (final RoiMode r : compareRegions)
			for (final PulseMethod m : methods)
				rows.add(regionRow(m, r));
		rows.addAll(physNetRows());
		return rows;
	}

	private boolean hasConfidence() {
		return options.confidenceModel() != null;
	}

	private void evaluate(final Video video, final Reference ref, final Run run, final Progress progress) {
		for (final PulseMethod m : methods) {
			options.method(m);
			new HeartRatePipeline(options).check(video);
		}
		new HeartRatePipeline(options).check(video);
		final FrameReference fr = FrameReference.align(ref, video.frames(), video.fps(), options);
		for (final String note : fr.notes()) {
			run.notes.add(video.name() + ": " + note);
			log.accept("PulseJ: " + video.name() + " — " + note);
		}
		evaluateClassical(video, fr, run, progress);
		if (physNet != null) evaluatePhysNet(video, fr, run, progress);
	}

	/**
	 * PhysNet through Estimate's own path (volume, routing, windows, heart rate); its files are written
	 * there, so only the scores are added here.
	 */
	private void evaluatePhysNet(final Video video, final FrameReference fr, final Run run, final Progress progress) {
		progress.checkCancelled();
		final HeartRateResult g = physNetJob.run(video, progress);
		run.results.computeIfAbsent(PHYSNET, k -> new ArrayList<>()).add(g);
		final HeartRateResult s = specialistsJob == null ? null : specialistsJob.run(video, progress);
		if (s != null) run.results.computeIfAbsent(SPECIALISTS, k -> new ArrayList<>()).add(s);
		for (final String row : physNetRows()) {
			final HeartRateResult r = row.equals(SPECIALISTS) || row.endsWith(" " + Mode.CONFIDENCE.label) && s != null ? s
				: g;
			final double[] perFrame;
			if (row.endsWith(" " + Mode.MEDIAN.label)) {
				perFrame = new double[r.frames()];
				java.util.Arrays.fill(perFrame, r.hrMedian());
			}
			else if (row.endsWith(" " + Mode.INSTANT.label) || ablation && row.equals(SPECIALISTS)) perFrame = r
				.hrInstant();
			else perFrame = r.hr();
			run.scores.computeIfAbsent(row, k -> new ArrayList<>()).add(VideoScore.of(row, r, perFrame, fr, options
				.band()));
		}
		log.accept(String.format(Locale.ROOT, "PulseJ: %s — PhysNet %.1f bpm%s, reference %.1f bpm (median)", video
			.name(), g.hrMedian(), s == null ? "" : String.format(Locale.ROOT, ", specialists %.1f bpm", s.hrMedian()), fr
				.hrMedian()));
	}

	private void evaluateClassical(final Video video, final FrameReference fr, final Run run, final Progress progress) {
		if (methods.isEmpty()) return;
		options.method(methods.get(0));
		final org.pulsej.face.FaceTrack face = faces.track(video, progress);
		final RgbTrace trace = new HeartRatePipeline(options).trace(video, face, progress);
		final boolean[] lost = org.pulsej.pipeline.UnreliableFrames.faceLost(face, video.fps()); // as Estimate scores them
		final boolean[] damaged = video.damaged().mask(video.frames()); // copies of their neighbours, as Estimate
		final String note = video.damaged().newNote();
		if (note != null) log.accept("PulseJ: " + video.name() + " — " + note);
		// the summary's warnings column was empty for every video (Estimate fills it): the same names here
		final List<String> videoWarnings = new ArrayList<>();
		if (video.damaged().any()) videoWarnings.add(org.pulsej.results.VideoWarnings.DAMAGED_FRAMES);
		if (face != null && face.lossWarning(video.name(), video.fps(), org.pulsej.pipeline.UnreliableFrames
			.MAX_BRIDGE_SECONDS) != null) videoWarnings.add(org.pulsej.results.VideoWarnings.FACE_LOST);
		if (confidence.otherSettings()) videoWarnings.add(org.pulsej.results.VideoWarnings.CONFIDENCE_SETTINGS);
		for (final PulseMethod m : methods) {
			progress.checkCancelled();
			options.method(m);
			final HeartRateResult measured = new HeartRatePipeline(options, confidence.estimator()).log(log).fromTrace(
				video.name(), trace, video.fps()).withoutConfidence(lost, damaged);
			final List<String> warned = new ArrayList<>(videoWarnings);
			if (measured.snrDb() < org.pulsej.pipeline.EstimateJob.WEAK_SNR_DB) warned.add(
				org.pulsej.results.VideoWarnings.WEAK_PULSE);
			if (org.pulsej.pipeline.EstimateJob.bandEdgeWarning(measured, options.band()) != null) warned.add(
				org.pulsej.results.VideoWarnings.BAND_EDGE);
			final HeartRateResult r = measured.withWarnings(List.copyOf(warned));
			run.results.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(r);
			write(r, m, video);
			for (final String row : rows(m)) {
				final double[] perFrame;
				if (row.endsWith(" " + Mode.MEDIAN.label)) {
					perFrame = new double[r.frames()];
					java.util.Arrays.fill(perFrame, r.hrMedian());
				}
				else if (row.endsWith(" " + Mode.INSTANT.label)) perFrame = r.hrInstant();
				else perFrame = r.hr();
				final VideoScore s = VideoScore.of(row, r, perFrame, fr, options.band());
				run.scores.computeIfAbsent(row, k -> new ArrayList<>()).add(s);
			}
			log.accept(String.format(Locale.ROOT, "PulseJ: %s — %s %.1f bpm, reference %.1f bpm (median)", video.name(),
				m, r.hrMedian(), fr.hrMedian()));
		}
		for (final RoiMode region : compareRegions)
			evaluateRegion(video, fr, region, run, progress);
	}

	/** The classical methods over another region: their reported heart rate scored as a row each. */
	private void evaluateRegion(final Video video, final FrameReference fr, final RoiMode region, final Run run,
		final Progress progress)
	{
		progress.checkCancelled();
		final EstimateOptions o = options.copy().roi(region, null).method(methods.get(0));
		final RgbTrace trace = new HeartRatePipeline(o).trace(video, faces.track(video, region, progress), progress);
		for (final PulseMethod m : methods) {
			o.method(m);
			final HeartRateResult r = new HeartRatePipeline(o, confidence.estimator()).fromTrace(video.name(), trace, video
				.fps());
			final String row = regionRow(m, region);
			run.scores.computeIfAbsent(row, k -> new ArrayList<>()).add(VideoScore.of(row, r, r.hr(), fr, options.band()));
			log.accept(String.format(Locale.ROOT, "PulseJ: %s — %s %.1f bpm, reference %.1f bpm (median)", video.name(),
				row, r.hrMedian(), fr.hrMedian()));
		}
	}

	private void write(final HeartRateResult r, final PulseMethod m, final Video video) {
		if (output == null) return;
		final Path dir = methodDir(m);
		// an Estimate Heart Rate's results of this video with another method there were replaced without a word
		final String replaced = ResultWriter.replacedNote(r, dir);
		if (replaced != null) log.accept(replaced);
		ResultWriter.write(r, dir, video.source(), plots, false);
	}

	/** The output folder itself for one method; a sub-folder per method when several are compared. */
	public Path methodDir(final PulseMethod m) {
		return dir(m.name());
	}

	/** The folder of one set of results ({@code PhysNet specialists} → {@code PhysNet-specialists}). */
	private Path dir(final String name) {
		if (output == null) return null;
		final int sets = methods.size() + (physNet == null ? 0 : physNet.specialists() == null ? 1 : 2);
		if (sets == 1) return output;
		final Path dir = output.resolve(name.replace(' ', '-'));
		if (!java.nio.file.Files.exists(dir) && !madeFolders.contains(dir)) madeFolders.add(dir);
		AtomicFiles.ensureWritableDirectory(dir);
		return dir;
	}


	private static String list(final Map<String, String> m) {
		final StringBuilder sb = new StringBuilder();
		m.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
		return sb.toString();
	}

	/** The state of one run. */
	private final class Run {

		/** The videos' folder or file (null: videos in memory), recorded with the evaluation. */
		final Path source;

		Run(final Path source) {
			this.source = source;
		}

		final Map<String, List<VideoScore>> scores = new LinkedHashMap<>();
		final Map<String, List<HeartRateResult>> results = new LinkedHashMap<>();
		final Map<String, String> skipped = new LinkedHashMap<>(), failures = new LinkedHashMap<>();
		final List<String> notes = new ArrayList<>();

		Outcome finish() {
			final List<MethodScore> metrics = new ArrayList<>();
			final List<VideoScore> all = new ArrayList<>();
			for (final String row : allRows()) {
				final List<VideoScore> s = scores.getOrDefault(row, List.of());
				if (s.isEmpty()) continue;
				metrics.add(MethodScore.of(row, s));
				all.addAll(s);
			}
			final Outcome outcome = new Outcome(List.copyOf(metrics), List.copyOf(all), results, skipped, failures,
				List.copyOf(notes));
			// the run ended: with nothing to score (every video failed, as its message says), or written below
			if (metrics.isEmpty()) {
				if (output != null) {
					EvaluationWriter.clearIncomplete(output);
					EvaluationWriter.unrecordIfUnwritten(output);
				}
				return outcome;
			}
			if (output != null) {
				for (final PulseMethod m : methods)
					if (results.containsKey(m.name())) ResultWriter.updateSummary(results.get(m.name()), methodDir(m));
				EvaluationWriter.write(outcome, output, plots, source);
				EvaluationWriter.clearIncomplete(output);
				final List<String> stale = EvaluationWriter.stalePlots(outcome, output, plots);
				if (!stale.isEmpty()) log.accept("PulseJ: " + output + " also holds " + String.join(", ", stale) +
					" of an earlier evaluation, which " + EvaluationWriter.METRICS + " and " + EvaluationWriter.EVALUATION +
					" (now this evaluation's) no longer hold; move " + (stale.size() == 1 ? "it" : "them") + " away, or " +
					"evaluate into a folder of its own");
			}
			for (final MethodScore s : metrics)
				log.accept(String.format(Locale.ROOT,
					"PulseJ: %s — %d videos: MAE %.2f bpm, RMSE %.2f bpm, r %s (per frame); per video MAE %.2f bpm",
					s.method(), s.videos(), s.mae(), s.rmse(), Double.isNaN(s.pearson()) ? "— (a rate constant over " +
						"each video has none)" : String.format(Locale.ROOT, "%.3f", s.pearson()), s.videoMae()));
			return outcome;
		}
	}
}

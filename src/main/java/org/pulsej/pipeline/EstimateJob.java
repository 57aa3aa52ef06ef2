package org.pulsej.pipeline;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.input.FaceVolumes;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.OutputGuard;
import org.pulsej.results.ResultCharts;
import org.pulsej.results.ResultWriter;
import org.pulsej.results.ShardRecord;
import org.pulsej.results.VideoWarnings;
import org.pulsej.signal.RgbTrace;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Measures one or many videos and writes the output contract. A video that fails is reported and
 * skipped, so one bad file does not cost the results of the others. Each video's row is added to
 * {@code summary.csv} as soon as its files are written (the row comes last, so a video with a row
 * is complete: {@link CompletedVideos}); a cancelled or killed run keeps every finished video.
 */
public final class EstimateJob implements AutoCloseable {

	/** Results that were measured, and the message of each video that failed (by file). */
	public record Outcome(List<HeartRateResult> results, Map<String, String> failures) {

		public boolean allFailed() {
			return results.isEmpty() && !failures.isEmpty();
		}

		/** One message for the user listing every failure. */
		public String failureMessage() {
			if (failures.size() == 1 && results.isEmpty()) return failures.values().iterator().next();
			final StringBuilder sb = new StringBuilder();
			sb.append(failures.size()).append(" of ").append(failures.size() + results.size()).append(" videos failed:");
			failures.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
			return sb.toString();
		}
	}

	private final EstimateOptions options;
	private final Path output;
	/** The outermost folder this job created for its output (null: none), removed again when nothing was written. */
	private Path createdOutput;
	private final boolean plots;
	private final Consumer<String> log;
	/** Opened on the first video that needs it, shared by all videos of the job. */
	private FaceDetector detector;
	/** Opened on the first video that needs it (a plain or a specialists model folder). */
	private PhysNetModels physNets;
	/** The options' confidence model, opened for the whole job. */
	private final ConfidenceEstimator.Opened confidenceModel;
	private ConfidenceEstimator confidence;
	/**
	 * Share of a YUV model's PPG explained by a lamp above which a video's PPG and heart rate are POS's when
	 * PhysNet is read with POS ({@link EstimateOptions#posWeight()} above 0): the bundled model's PPG was
	 * 78-98 % lamp on all ten generated lamp videos (read 1.6-50 bpm off), at most 23 % on the others.
	 */
	static final double LAMP_SHARE_FOR_POS = 0.5;

	/** What the log warned of for the video being measured ({@link VideoWarnings} names), for its summary row. */
	private final java.util.Set<String> warned = new java.util.LinkedHashSet<>();

	/** Whether the log has said that PhysNet's heart rate is read with POS's spectrum (once a job). */
	private boolean toldPosWeight;

	/** File in the output folder listing which specialist measured each video (specialists folders only). */
	public static final String SPECIALISTS_CSV = org.pulsej.results.ResultMerger.SPECIALISTS;

	/**
	 * @param output folder for CSV and PNG files, or null to write nothing
	 * @param plots whether to save PNG charts next to the CSVs
	 * @throws PulseJException when the confidence model cannot be read, or the output folder cannot be
	 *           written or holds a {@code summary.csv} that PulseJ did not write (checked before any
	 *           video is measured)
	 */
	public EstimateJob(final EstimateOptions options, final Path output, final boolean plots,
		final Consumer<String> log)
	{
		this.options = options;
		this.output = output;
		this.plots = plots;
		this.log = log;
		options.checkWindow(); // before the models open: the same refusal would otherwise come once per video
		confidenceModel = ConfidenceEstimator.open(options, log);
		confidence = confidenceModel.estimator();
		try {
			// the model's window is in its description: an overlap= beyond half of it is refused before any video is
			// read. A model folder that cannot be read (missing, a confidence model, a specialist gone) is refused
			// here too: named for each video in turn, it failed every video of a batch, whose record then held the
			// bad model= and refused the rerun with the right one as "other settings"
			if (options.physNetModel() != null) physNets().checkOverlap(options.physNetOverlapSeconds());
			if (output != null) {
				createdOutput = org.pulsej.util.FolderLock.firstMissing(output);
				AtomicFiles.ensureWritableDirectory(output);
				ResultWriter.readSummaryRows(output.resolve(ResultWriter.SUMMARY));
			}
		}
		catch (final RuntimeException e) {
			if (physNets != null) physNets.close();
			confidenceModel.close();
			throw e;
		}
	}

	/** Measures with {@code c} in place of the options' confidence model (for tests). */
	EstimateJob confidence(final ConfidenceEstimator c) {
		confidence = c;
		return this;
	}

	/** Every video found at {@code input} (a video file, a folder of videos, or a folder of frames). */
	public Outcome run(final File input, final double fps, final Progress progress) {
		// listed once: the videos and the notes about the folder are of one listing
		final VideoReader.Found found = VideoReader.find(input, "input");
		final List<File> files = found.videos();
		for (final String note : found.notes())
			log.accept("PulseJ: " + note);
		if (output != null) {
			OutputGuard.check(input, files, output);
			ShardRecord.checkMethod(output, options.methodName());
		}
		final List<HeartRateResult> results = new ArrayList<>();
		final Map<String, String> failures = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			final File f = files.get(i);
			progress.status("Video " + (i + 1) + "/" + files.size() + ": " + f.getName());
			try {
				results.add(measure(f, fps, progress));
			}
			catch (final PulseJException e) {
				failures.put(f.getName(), e.getMessage());
				log.accept("PulseJ: " + f.getName() + " skipped — " + e.getMessage());
			}
			catch (final CancellationException e) {
				final Cancelled c = cancelled(f, i, files.size(), results.size(), "");
				c.finished.addAll(results);
				throw c;
			}
			catch (final RuntimeException e) {
				// anything else thrown while measuring one video is that video's failure: the others go on
				final String message = PulseJException.unexpected(f.getName(), e).getMessage();
				failures.put(f.getName(), message);
				log.accept("PulseJ: " + f.getName() + " skipped — " + message);
			}
		}
		return new Outcome(results, failures);
	}

	/** One video already in memory (an open image). Errors propagate. */
	public HeartRateResult run(final Video video, final Progress progress) {
		if (output != null) ShardRecord.checkMethod(output, options.methodName());
		// an open image read from a file is checked as that file would be (another video's results of its name)
		if (output != null) org.pulsej.results.ResultSources.check(output, video.name(), video.source());
		try {
			return measure(video, progress, () -> {});
		}
		catch (final OutOfMemoryError e) {
			throw outOfMemoryMeasuring(video.name());
		}
	}

	/** Opens and measures one video file or folder of frames; writes its results. */
	HeartRateResult measure(final File f, final double fps, final Progress progress) {
		return measure(f, fps, progress, () -> {});
	}

	/**
	 * As {@link #measure(File, double, Progress)}, running {@code beforeWrite} just before the results are
	 * written (Batch Estimate: that its folder is still its own); it may throw.
	 */
	HeartRateResult measure(final File f, final double fps, final Progress progress, final Runnable beforeWrite) {
		progress.checkCancelled();
		if (output != null) org.pulsej.results.ResultSources.check(output, VideoReader.nameOf(f), f);
		// the file as it was opened: one replaced while it was read (rsync and copies rename a new file into place)
		// was measured from both, the face track of the old frames and the colours of the new, with exit 0
		final org.pulsej.video.FileState opened = org.pulsej.video.FileState.of(f);
		try {
			final Video video = VideoReader.open(f, fps, progress);
			video.logWarnings(f.getName(), log);
			return measure(video, progress, () -> {
				if (opened != null) opened.checkUnchanged(f);
				beforeWrite.run();
			});
		}
		catch (final OutOfMemoryError e) {
			throw outOfMemoryMeasuring(f.getName());
		}
	}

	/** Measures {@code video} and writes its results, running {@code beforeWrite} just before the writing. */
	private HeartRateResult measure(final Video video, final Progress progress, final Runnable beforeWrite) {
		warned.clear();
		final HeartRatePipeline pipeline = new HeartRatePipeline(options, confidence).log(log);
		pipeline.check(video); // refuse a too-short video before spending time on faces or networks
		HeartRateResult r;
		FaceTrack face = null;
		if (options.physNetModel() == null) r = pipeline.run(video, face = track(video, progress), progress);
		else {
			final PhysNetModels models = physNets();
			checkColour(video, models.config());
			// a smaller model is a fix only where this one's input is larger than the bundled one's
			FaceVolumes.checkFits(video, models.config().input(), models.config().input().width() > 64 ? "use a model " +
				"with a smaller input (the bundled one is 64x64), " : "");
			final FaceVolumes.Tracked tv;
			if (options.roi() == RoiMode.FACE) {
				// one pass over the video: each frame is cropped as soon as its face box is final
				tv = FaceVolumes.trackAndPrepare(video, new FaceTracker(detector(), options.face()), models.config().input(),
					progress);
				logDetections(video, face = tv.track());
			}
			else if (options.roi() == RoiMode.TRACKED || options.roi() == RoiMode.BOX) {
				// a crop that follows the face every frame (the detected box, smoothed as for the colour
				// methods, with the stabilised box's buffer around it): the face holds still in the network's
				// input instead of sliding inside a box that stands still until it leaves it (roi=box alike: the
				// skin mask that tells it from tracked is the colour methods' only)
				final FaceTrack tracked = face = track(video, progress);
				final Box[] boxes = HeartRatePipeline.trackedBoxes(tracked, RoiMode.TRACKED_HALF_WINDOW, 1 + options.face()
					.buffer());
				tv = FaceVolumes.prepareAlong(video, tracked, t -> boxes[t], models.config().input(), progress);
			}
			else tv = FaceVolumes.prepareTracked(video, face = track(video, progress), models.config().input(), progress);
			// a specialists folder routes the video by the background measured in the same pass
			final PhysNetModels.Choice choice = models.choose(tv.background());
			if (choice.cluster() >= 0) {
				log.accept(models.routing(video.name(), tv.background(), choice));
				if (output != null) recordRoute(video.name(), tv.background(), choice);
			}
			progress.status("PhysNet on " + video.name());
			final double[] raw = choice.model().overlapSeconds(options.physNetOverlapSeconds()).predictPpg(tv.volume(),
				progress);
			// a lamp that flickers in the band: its ripple in the PPG is taken out as for the colour methods, where the
			// input cancels most of it. A network fed YUV (the bundled model, the paper's) outputs mostly the ripple
			// there: taking it out left too little pulse to read (docs/measuring.md, "Flickering light")
			final boolean leak = org.pulsej.input.ColorTransforms.ColorSpace.parse(models.config().colorSpace())
				.cancelsBrightness();
			final HeartRatePipeline.PulseSignals s = pipeline.physNetSignals(video.name(), raw, leak ? tv
				.backgroundLight() : null, tv.faceLight(), video.fps());
			final HeartRatePipeline.PulseSignals pos = options.posWeight() > 0 ? posSignals(pipeline, video, face,
				progress) : null;
			final double lamp = leak ? Double.NaN : pipeline.lampShare(s.ppg(), tv.backgroundLight(), tv.faceLight(),
				video.fps());
			if (pos != null && lamp >= LAMP_SHARE_FOR_POS) {
				// a YUV model's PPG that is mostly a lamp's ripple holds little of the pulse: taking the ripple out left
				// too little to read, and mixing it in halved POS's pulse (docs/measuring.md, "Flickering light")
				log.accept(String.format(Locale.ROOT, "PulseJ: %s — the background's light flickers in the heart-rate " +
					"band (a lamp or screen) and explains %.0f %% of the PPG of the model %s, whose input (YUV) does not " +
					"cancel it: this video's PPG and heart rate are POS's (pos_weight=0 keeps PhysNet's; a model trained " +
					"on these videos with Train PhysNet's defaults, colors=chroma, cancels the lamp)", video.name(), 100 *
						lamp, choice.name()));
				r = respirationFromBeats(pipeline.fromPpg(video.name(), pos.ppg(), pos.beats(), video.fps(), options
					.methodName(), choice.name()));
			}
			else {
				r = respirationFromBeats(pipeline.fromPpg(video.name(), s.ppg(), s.beats(), pos == null ? null : pos.ppg(),
					video.fps(), options.methodName(), choice.name()));
				final String disagree = pos == null ? null : pipeline.disagreementWarning(video.name(), s.ppg(), pos.ppg(),
					video.fps());
				if (disagree != null) warn(VideoWarnings.PHYSNET_POS_DISAGREE, disagree);
				if (!Double.isNaN(lamp)) warn(VideoWarnings.LAMP, HeartRatePipeline.lampWarning(video.name(), lamp, r
					.hrMedian(), choice.name()));
			}
		}
		// a face lost for longer than a bridge: the region showed whatever was there, so those frames' rate is not
		// trusted (the warning of logDetections names the longest such run)
		// frames the file could not give (a damaged stretch) were copies of their neighbours: not the pulse
		final String damage = video.damaged().newNote();
		if (damage != null) log.accept("PulseJ: " + video.name() + " — " + damage);
		// said once per video (newNote), but every result of it carries it
		if (video.damaged().any()) warned.add(VideoWarnings.DAMAGED_FRAMES);
		r = r.withoutConfidence(UnreliableFrames.faceLost(face, video.fps()), video.damaged().mask(video.frames()));
		if (options.physNetModel() == null && Double.isNaN(r.respBpm())) log.accept("PulseJ: " + r.video() + " — no breathing rate (resp_bpm " +
			"left empty): the video is shorter than one breath at 5/min, its colour shows no breathing, or its rhythm lies " +
			"at or beyond an edge of 5–25 breaths/min");
		checkFinite(r);
		log.accept(String.format(Locale.ROOT, "PulseJ: %s — %.1f bpm (median), SNR %.1f dB, %s", r.video(), r
			.hrMedian(), r.snrDb(), r.method()));
		if (r.snrDb() < WEAK_SNR_DB) warn(VideoWarnings.WEAK_PULSE, String.format(Locale.ROOT, "PulseJ: %s — warning: the pulse signal is " +
			"weak (SNR %.1f dB, more noise than pulse), so %.1f bpm may be wrong: the true rate may lie outside " +
			"min_bpm–max_bpm (%s–%s), or the region holds too little skin, too much motion or too little light.", r
				.video(), r.snrDb(), r.hrMedian(), org.pulsej.util.Messages.num(options.band().minBpm()), org.pulsej.util.Messages
					.num(options.band().maxBpm())));
		final String edge = bandEdgeWarning(r, options.band());
		if (edge != null) warn(VideoWarnings.BAND_EDGE, edge);
		warned.addAll(pipeline.warnings());
		// said once in the log when the job opened; a batch's log is often not kept, so every row names it
		if (confidenceModel.otherSettings()) warned.add(VideoWarnings.CONFIDENCE_SETTINGS);
		r = r.withWarnings(List.copyOf(warned));
		if (output != null) {
			// the summary row last: a video with a row has all its files (see CompletedVideos)
			if (plots) ResultCharts.refuseForeign(r.video(), output);
			// another method's results of this video (method=GREEN, then method=POS into one folder) were lost without a word
			final String replaced = ResultWriter.replacedNote(r, output);
			if (replaced != null) log.accept(replaced);
			beforeWrite.run();
			ResultWriter.write(r, output, video.source(), plots, true);
			// the video's files and summary row are in place: a full disk here failed a complete video (exit 1, "skipped")
			recordSource(output, ResultWriter.ppgFile(output, r.video()), video.source(), log);
		}
		final org.pulsej.signal.BeatDetector.Beats beats = r.beats();
		log.accept("PulseJ: " + r.video() + " — " + org.pulsej.signal.BeatDetector.describe(beats) + (beats.rejected()
			.isEmpty() ? "" : "; " + beats.rejectionSummary()));
		return r;
	}

	/**
	 * Records which video the results file came from ({@link org.pulsej.results.ResultSources}); where that cannot be
	 * written, says so and goes on, since the results themselves are complete.
	 */
	static void recordSource(final Path dir, final Path results, final java.io.File source,
		final java.util.function.Consumer<String> log)
	{
		try {
			org.pulsej.results.ResultSources.record(dir, results, source);
		}
		catch (final PulseJException e) {
			log.accept("PulseJ: warning — " + results.getFileName() + " is written, but which video it came from could " +
				"not be recorded in " + org.pulsej.results.ResultSources.FILE + ": " + e.getMessage());
		}
	}

	/**
	 * POS's PPG (and the signal its beats are timed on) of the video's skin in the region the colour methods
	 * measure (the same face track), for reading PhysNet's heart rate together with it
	 * ({@link EstimateOptions#posWeight()}); null, and said in the log, where POS has nothing to read (grey
	 * pictures, a still region, a signal that is not a number): PhysNet's PPG alone then.
	 */
	private HeartRatePipeline.PulseSignals posSignals(final HeartRatePipeline pipeline, final Video video,
		final FaceTrack face, final Progress progress)
	{
		if (!toldPosWeight) {
			toldPosWeight = true;
			log.accept("PulseJ: PhysNet's heart rate is read from its PPG's spectrum and POS's of the same skin " +
				"together (pos_weight=" + org.pulsej.util.Messages.num(options.posWeight()) + "; pos_weight=0 reads " +
				"PhysNet's alone, as the paper)");
		}
		progress.checkCancelled();
		final RgbTrace trace = pipeline.measure(video, face, progress).trace();
		final String why = HeartRatePipeline.isGrey(trace) ? "its pictures are grey" : HeartRatePipeline.isStill(trace)
			? "its skin region does not change" : null;
		if (why != null) return alone(video, why);
		final double[] raw = org.pulsej.signal.PulseMethod.POS.extractor().extract(trace, video.fps());
		final HeartRatePipeline.PulseSignals signals = pipeline.signals(video.name(), raw, trace, video.fps());
		for (final double v : signals.ppg())
			if (!Double.isFinite(v)) return alone(video, "its signal is not a number");
		return signals;
	}

	private HeartRatePipeline.PulseSignals alone(final Video video, final String why) {
		log.accept("PulseJ: " + video.name() + " — heart rate from PhysNet's PPG alone: POS has nothing to read (" +
			why + ")");
		return null;
	}

	/** A grey video and a model of colour ratios: refused before the face is looked for. */
	static void checkColour(final org.pulsej.video.Video video, final org.pulsej.nn.PhysNetConfig config) {
		org.pulsej.input.ColorTransforms.refuseGrey(video, config.colorSpace(), "this PhysNet model (trained with " +
			"colors=" + config.colorSpace().toLowerCase(Locale.ROOT) + ") reads", "Use a model trained with colors=yuv " +
				"(the bundled one: leave model= empty), method=GREEN, or the colour original.");
	}

	/** A heart rate that is not a number is a failure of that video, never a result written as NaN. */
	static void checkFinite(final HeartRateResult r) {
		boolean finite = Double.isFinite(r.hrMedian()) && Double.isFinite(r.hrMean());
		for (int t = 0; finite && t < r.frames(); t++)
			finite = Double.isFinite(r.hr()[t]) && Double.isFinite(r.hrInstant()[t]);
		if (!finite) throw new PulseJException("No heart rate could be measured in " + r.video() + ": its pulse " +
			"signal is flat or not a number (a still or grey picture, a region without skin, or frames without " +
			"valid pixels), so nothing was written for it.", "Check the video and the region (roi=, rect=); for a grey " +
				"video use method=GREEN.");
	}

	/**
	 * PhysNet's PPG comes without a colour trace: its breathing rate is taken from the beats'
	 * interval and amplitude modulation ({@link org.pulsej.signal.RespirationRate#fromBeats}); when there
	 * is none, resp_bpm stays empty and the log says why.
	 */
	private HeartRateResult respirationFromBeats(final HeartRateResult r) {
		final org.pulsej.signal.RespirationRate.FromBeats b = org.pulsej.signal.RespirationRate.fromBeats(r.beats(),
			org.pulsej.signal.BpmBand.RESPIRATION);
		if (Double.isNaN(b.bpm())) log.accept("PulseJ: " + r.video() + " — no breathing rate from the PPG's beats " +
			"(resp_bpm left empty): " + b.reason());
		return r.withRespiration(b.bpm());
	}

	/**
	 * The face box per frame: tracked for {@code roi=face}; for PhysNet with a drawn rectangle or the
	 * whole frame, that fixed box; null for the classical methods, which take the rectangle directly.
	 */
	private FaceTrack track(final Video video, final Progress progress) {
		if (options.roi().tracksFace()) {
			final FaceTrack face = new FaceTracker(detector(), options.face()).track(video, progress);
			logDetections(video, face);
			return face;
		}
		if (options.physNetModel() == null) return null;
		final java.awt.Rectangle r = options.roi() == RoiMode.MANUAL ? options.manualRoi()
			: new java.awt.Rectangle(0, 0, video.width(), video.height());
		return FaceTracker.fixed(video, Box.of(r));
	}

	private void logDetections(final Video video, final FaceTrack face) {
		if (face.detectedFrames() < video.frames()) log.accept(String.format(java.util.Locale.ROOT,
			"PulseJ: %s — face found by the detector in %d of %d frames (%d detector runs); others interpolated or held",
			video.name(), face.detectedFrames(), video.frames(), face.detectorRuns()));
		refuseFaceSeenBriefly(video, face, options.windowSeconds());
		// shorter losses are bridged (UnreliableFrames); a longer one was measured on the held box without a word
		final String lost = face.lossWarning(video.name(), video.fps(), UnreliableFrames.MAX_BRIDGE_SECONDS);
		if (lost != null) warn(VideoWarnings.FACE_LOST, "PulseJ: " + lost);
	}

	/** Logs a warning about the video being measured, and names it in its summary row. */
	private void warn(final String name, final String text) {
		warned.add(name);
		log.accept(text);
	}

	private PhysNetModels physNets() {
		if (physNets == null) {
			final PhysNetModels m = PhysNetModels.open(options.physNetModel(), options.device(), log);
			try {
				physNets = m.loadAll();
			}
			catch (final RuntimeException e) {
				m.close();
				throw e;
			}
		}
		return physNets;
	}

	/**
	 * Adds (or replaces) the video's line in {@code specialists.csv}: which specialist measured it and
	 * why. A file of its own, so that summary.csv keeps its fixed columns.
	 */
	private void recordRoute(final String video, final double background, final PhysNetModels.Choice c) {
		org.pulsej.util.FolderLock.run(output, () -> writeRoute(video, background, c));
	}

	private void writeRoute(final String video, final double background, final PhysNetModels.Choice c) {
		final Path f = output.resolve(SPECIALISTS_CSV);
		final List<String> lines = new ArrayList<>();
		try {
			if (java.nio.file.Files.isRegularFile(f)) {
				final List<String> old = java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
				for (final String l : old.subList(Math.min(1, old.size()), old.size()))
					if (!l.isBlank() && !l.startsWith(ResultWriter.csv(video) + ",")) lines.add(l);
			}
		}
		catch (final java.io.IOException e) {
			log.accept("PulseJ: " + f + " could not be read and is written anew (" + e.getMessage() + ")");
		}
		lines.add(String.format(Locale.ROOT, "%s,%.6f,%d,%s", ResultWriter.csv(video), background, c.cluster() + 1,
			ResultWriter.csv(c.name())));
		AtomicFiles.writeString(f, org.pulsej.results.ResultMerger.SPECIALISTS_HEADER + "\n" + String.join("\n", lines) + "\n");
	}

	private FaceDetector detector() {
		if (detector == null) detector = BlazeFaceDetector.open(options.face().minScore());
		return detector;
	}

	@Override
	public void close() {
		// a run that wrote nothing (refused video, cancelled at once) leaves no new empty folder behind
		org.pulsej.util.FolderLock.removeIfUnused(output, createdOutput);
		if (detector != null) detector.close();
		detector = null;
		if (physNets != null) physNets.close();
		physNets = null;
		confidenceModel.close();
	}

	/**
	 * A run cancelled by the user; {@link #finished()} holds the videos measured before, which are all
	 * there is of them when no output folder was given (they are shown, not written).
	 */
	public static final class Cancelled extends CancellationException {

		private static final long serialVersionUID = 1L;
		private final transient List<HeartRateResult> finished = new ArrayList<>();

		Cancelled(final String message) {
			super(message);
		}

		public List<HeartRateResult> finished() {
			return finished;
		}
	}

	/** What a cancelled run did and did not write, for the user. */
	Cancelled cancelled(final File current, final int index, final int count, final int finished,
		final String resume)
	{
		final StringBuilder sb = new StringBuilder("Cancelled while measuring ");
		sb.append(count > 1 ? "video " + (index + 1) + " of " + count + " (" + current.getName() + ")" : current
			.getName());
		sb.append(output != null ? "; nothing was written for it." : ".");
		if (output != null && finished > 0) sb.append(" The ").append(finished).append(finished == 1 ? " video"
			: " videos").append(" finished before ").append(finished == 1 ? "is" : "are").append(" complete in ").append(
				output).append('.');
		if (output == null && finished > 0) sb.append(" The ").append(finished).append(" of ").append(count).append(
			count == 1 ? " video" : " videos").append(" finished before ").append(finished == 1 ? "is" : "are").append(
				" in the summary window (no output folder was given, so nothing was written).");
		sb.append(resume);
		return new Cancelled(sb.toString());
	}

	/**
	 * Refuses a video whose face the detector found in fewer frames than half a heart-rate window: every window
	 * then holds mostly frames without it, and the rate written (the video's median) was read on whatever the held
	 * box showed (3 s of face in 20 s: 68.4 bpm for 72, exit 0). Half, so that a video of one window's length whose
	 * face is missed in a few frames is still measured. Evaluate and Train Confidence Model refuse it too.
	 */
	public static void refuseFaceSeenBriefly(final Video video, final FaceTrack face, final double windowSeconds) {
		final int needed = (int) Math.ceil(0.5 * windowSeconds * video.fps());
		if (face == null || face.isFixed() || face.detectedFrames() >= needed) return;
		throw new PulseJException(String.format(Locale.ROOT, "The face is found in only %d of the %d frames of %s " +
			"(%.1f s), less than half of one %s s heart-rate window, so no heart rate of it can be measured: every " +
			"window would hold mostly frames without the face.", face.detectedFrames(), video.frames(), video.name(),
			face.detectedFrames() / video.fps(), org.pulsej.util.Messages.num(windowSeconds)), "Check that the face is " +
				"in view (and lit) for at least " + org.pulsej.util.Messages.num(windowSeconds) + " s; or give roi=manual " +
				"rect=x,y,w,h where the face is.");
	}

	/** How near (bpm) to an edge of the band the median rate is read as lying on it. */
	static final double BAND_EDGE_BPM = 2;

	/**
	 * A warning when the rate read lies on an edge of the band, or the beats' own rate outside it: the true rate
	 * may lie beyond the band, where the spectrum is not looked at (a pulse at 185 bpm read 176.4 with the default
	 * band, its beats at 185, without a word); null otherwise.
	 */
	public static String bandEdgeWarning(final HeartRateResult r, final org.pulsej.signal.BpmBand band) {
		final double beats = org.pulsej.signal.HeartRateVariability.of(r.beats()).hrBpm();
		final boolean low = r.hrMedian() - band.minBpm() < BAND_EDGE_BPM || beats < band.minBpm();
		final boolean high = band.maxBpm() - r.hrMedian() < BAND_EDGE_BPM || beats > band.maxBpm();
		if (!low && !high) return null;
		return String.format(Locale.ROOT, "PulseJ: %s — warning: %s (%.1f bpm%s) lies at the %s edge of the heart-rate " +
			"band %s–%s bpm: the true rate may lie %s it, which is not looked at. If it may, measure again with %s.", r
				.video(), "the heart rate", r.hrMedian(), Double.isNaN(beats) ? "" : String.format(Locale.ROOT,
					"; from the beats %.1f", beats), low ? "lower" : "upper", org.pulsej.util.Messages.num(band.minBpm()),
			org.pulsej.util.Messages.num(band.maxBpm()), low ? "below" : "above", low ? "a lower min_bpm (e.g. min_bpm=" +
				org.pulsej.util.Messages.num(Math.max(20, band.minBpm() - 15)) + ")" : "a higher max_bpm (e.g. max_bpm=" +
					org.pulsej.util.Messages.num(Math.min(300, band.maxBpm() + 40)) + ")");
	}

	/** SNR below which the log warns that the heart rate may be wrong: less power at the rate than elsewhere. */
	public static final double WEAK_SNR_DB = 0;

	/**
	 * Out of memory while measuring: with PhysNet the face volume of the whole video is what fills the heap, and
	 * making the frames smaller does not shrink it (its crop has the model's size), so the fix is to cut the video.
	 */
	private PulseJException outOfMemoryMeasuring(final String video) {
		if (options.physNetModel() == null) return outOfMemory(video);
		return new PulseJException(String.format(Locale.ROOT, "Java ran out of memory while measuring %s with PhysNet " +
			"(it may use at most %.1f GB): PhysNet holds the face crop of every frame of the video at once.", video,
			Runtime.getRuntime().maxMemory() / 1e9), "Give Java more memory (Fiji: Edit > Options > Memory & Threads; " +
				"bin/pulsej: PULSEJ_JAVA_OPTS=-Xmx8g), " + FaceVolumes.CUT_VIDEO + "; making the frames smaller does not help.");
	}

	static PulseJException outOfMemory(final String video) {
		return outOfMemory("measuring", video);
	}

	/** Out of memory while {@code doing} {@code video} ("measuring", "tracking the face in"), with the way out. */
	static PulseJException outOfMemory(final String doing, final String video) {
		return new PulseJException(String.format(Locale.ROOT,
			"Java ran out of memory while %s %s (it may use at most %.1f GB).", doing, video, Runtime.getRuntime()
				.maxMemory() / 1e9), "Give Java more memory (Fiji: Edit > Options > Memory & Threads; bin/pulsej: " +
					"PULSEJ_JAVA_OPTS=-Xmx8g), or make the video smaller, e.g. ffmpeg -i VIDEO -vf scale=640:-2 " +
					"-c:v mjpeg -q:v 2 -an SMALL.avi.");
	}
}

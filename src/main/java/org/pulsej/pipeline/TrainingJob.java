package org.pulsej.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.input.FaceVolumes;
import org.pulsej.input.ScratchVolumes;
import org.pulsej.nn.ContrastiveTrainer;
import org.pulsej.nn.LabelledVolume;
import org.pulsej.nn.LightingClusters;
import org.pulsej.nn.SpecialistRouter;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.nn.TrainingReport;
import org.pulsej.plot.Charts;
import org.pulsej.synth.CompanionVideos;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;
import org.pulsej.video.MemoryBudget;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Self-supervised training on the user's own videos (paper 2.3, 5.2): every video is face-tracked,
 * cropped, turned into a YUV z-normalised volume, and PhysNet learns from them without labels.
 */
public final class TrainingJob {

	/**
	 * The ground-truth PPG of a labelled video, one value per frame (NaN where it does not reach);
	 * throws a {@link PulseJException} saying why a video has none (Evaluate's loaders provide one).
	 */
	@FunctionalInterface
	public interface Labeller {

		double[] ppg(File file, Video video);

		/** A line for the log on which ground truth of {@code file} is used (several beside it), or null. */
		default String note(final File file) {
			return null;
		}
	}

	/** A video prepared for the network, with its name and background intensity. */
	public record Prepared(String name, FaceVolume volume, double background) {}

	/**
	 * A specialists training (paper 5.3): the router written into the model folder and one report per
	 * cluster (null for a cluster skipped after a cancel).
	 */
	public record Specialists(SpecialistRouter router, List<TrainingReport> reports) {

		public boolean cancelled() {
			return reports.stream().anyMatch(r -> r == null || r.cancelled());
		}

		/** Whether any specialist kept an epoch (a cancel before the first one's first epoch: none). */
		public boolean saved() {
			return reports.stream().anyMatch(r -> r != null && r.selectedEpoch() > 0);
		}
	}

	/**
	 * Where training keeps face volumes that do not fit in the heap ({@link ScratchVolumes}).
	 *
	 * @param folder where the {@code pulsej-volumes-*} scratch folder is made; null = java.io.tmpdir
	 * @param always spill even a set that fits in the heap (leaves the heap free; tests)
	 */
	public record Scratch(Path folder, boolean always) {

		/** The temporary folder, only when the volumes do not fit in the heap. */
		public static Scratch auto() {
			return new Scratch(null, false);
		}
	}

	private TrainingJob() {}

	/**
	 * @param inputs video files or frame folders (see {@link VideoReader#videosIn})
	 * @param region where the network input is cut (see {@link TrainingRegion}); null = the whole frame
	 */
	public static TrainingReport train(final List<File> inputs, final double fps, final TrainingRegion region,
		final PhysNetConfig config, final TrainOptions options, final Path modelDir, final Progress progress,
		final Consumer<String> log)
	{
		return train(inputs, List.of(), null, fps, region, config, options, modelDir, progress, log);
	}

	/**
	 * One generalist model; {@code labelled} videos (with {@code labeller} giving their ground truth)
	 * choose the epoch by MCC when the options' selection is AUTO or MCC (paper 5.4). A labelled video
	 * without usable ground truth is left out with a line in the log.
	 */
	public static TrainingReport train(final List<File> inputs, final List<File> labelled, final Labeller labeller,
		final double fps, final TrainingRegion region, final PhysNetConfig config, final TrainOptions options,
		final Path modelDir, final Progress progress, final Consumer<String> log)
	{
		return train(inputs, labelled, labeller, fps, region, config, options, Scratch.auto(), modelDir, progress, log);
	}

	/**
	 * As {@link #train(List, List, Labeller, double, TrainingRegion, PhysNetConfig, TrainOptions, Path,
	 * Progress, Consumer)}, with the face volumes kept in a scratch folder when they do not fit in the
	 * heap (or always, as {@code scratch} says); the folder is deleted when training ends, fails or is
	 * cancelled.
	 */
	public static TrainingReport train(final List<File> inputs, final List<File> labelled, final Labeller labeller,
		final double fps, final TrainingRegion region, final PhysNetConfig config, final TrainOptions options,
		final Scratch scratch, final Path modelDir, final Progress progress, final Consumer<String> log)
	{
		options.validate(); // clip=, batch=, samples=, lr= before any video is read, not after minutes of cropping
		ContrastiveTrainer.checkTrainable(config);
		AtomicFiles.checkOutputFolder(modelDir); // a file there was refused only once every video was prepared
		refuseVideoFolder(inputs, labelled, options, modelDir);
		ContrastiveTrainer.checkModelFolder(modelDir, options);
		if (SpecialistRouter.isRouter(modelDir)) throw new PulseJException("The folder " + modelDir +
			" holds specialist models.", "Choose a new folder, or train with the same clusters to resume it.");
		try (ScratchVolumes spill = scratchFor(inputs, labelled, fps, config, options.companions(), scratch,
			log)) {
			final List<Prepared> videos = prepareAll(inputs, fps, region, config, "training", spill, progress, log);
			// refused before the companions are drawn, not after
			ContrastiveTrainer.checkLongEnough(volumes(videos), options);
			logShort(videos, options, log);
			final List<Labelled> lab = prepareLabelled(labelled, labeller, fps, region, config, spill, progress, log);
			final List<LabelledVolume> companions = companions(options.companions(), trainingFps(options, videos), region,
				config, spill, progress, log);
			return trainOne(volumes(videos), companions, lab.stream().map(Labelled::volume).toList(), config, options,
				modelDir, progress, log, "");
		}
	}

	/**
	 * Specialist models (paper 5.3): the videos are clustered by their mean background intensity
	 * ({@link FaceVolumes#BACKGROUND_FEATURE}) with {@link LightingClusters} — {@code clusters} of them,
	 * or 0 for automatic — one PhysNet is trained per cluster into {@code modelDir/cluster-N}, and the
	 * router {@code specialists.json} is written once all have finished. Labelled videos go to the
	 * cluster their own background falls in and choose that specialist's epoch. A cluster of one video
	 * is kept (the paper trains on the videos it then measures, so a specialist for one video is
	 * legitimate), with a warning in the log.
	 */
	public static Specialists trainSpecialists(final List<File> inputs, final List<File> labelled,
		final Labeller labeller, final double fps, final TrainingRegion region, final PhysNetConfig config,
		final TrainOptions options, final int clusters, final Path modelDir, final Progress progress,
		final Consumer<String> log)
	{
		return trainSpecialists(inputs, labelled, labeller, fps, region, config, options, clusters, Scratch.auto(),
			modelDir, progress, log);
	}

	/** As the other, with the face volumes in a scratch folder when they do not fit in the heap. */
	public static Specialists trainSpecialists(final List<File> inputs, final List<File> labelled,
		final Labeller labeller, final double fps, final TrainingRegion region, final PhysNetConfig config,
		final TrainOptions options, final int clusters, final Scratch scratch, final Path modelDir,
		final Progress progress, final Consumer<String> log)
	{
		if (clusters < 0) throw new PulseJException("clusters=" + clusters + " is not usable.",
			"Use clusters=1 (one model), 2 (the paper's specialists) or 0 (automatic).");
		options.validate(); // before any video is read
		ContrastiveTrainer.checkTrainable(config);
		AtomicFiles.checkOutputFolder(modelDir);
		refuseVideoFolder(inputs, labelled, options, modelDir);
		// one video for clusters=2 was refused only once every video's face had been found and cropped
		LightingClusters.checkEnough(inputs.size(), clusters);
		if (Files.isRegularFile(modelDir.resolve(org.pulsej.nn.ModelDescription.FILE))) throw new PulseJException(
			"The folder " + modelDir + " holds a single (generalist) model.", "Choose a new folder for the specialists.");
		if (SpecialistRouter.isRouter(modelDir) && !options.resume()) throw new PulseJException("The folder " +
			modelDir + " already holds specialist models.", "Choose a new or empty folder, or turn on resume.");
		final Path made = org.pulsej.util.FolderLock.firstMissing(modelDir);
		try (ScratchVolumes spill = scratchFor(inputs, labelled, fps, config, options.companions(), scratch,
			log)) {
			final Specialists s = specialists(inputs, labelled, labeller, fps, region, config, options, clusters, spill,
				modelDir, progress, log);
			// cancelled before the first specialist kept an epoch: the folders this run made go too
			if (!s.saved()) org.pulsej.util.FolderLock.removeIfUnused(modelDir, made);
			return s;
		}
		catch (final RuntimeException | Error e) {
			// the first specialist failed before its first checkpoint: no empty folder of this run is left
			org.pulsej.util.FolderLock.removeIfUnused(modelDir, made);
			throw e;
		}
	}

	/**
	 * A model folder among the videos (output= the videos' folder) is refused before any video is read;
	 * a training resumed there goes on.
	 */
	private static void refuseVideoFolder(final List<File> inputs, final List<File> labelled,
		final TrainOptions options, final Path modelDir)
	{
		org.pulsej.results.OutputGuard.refuseOtherModel(modelDir, "PhysNet model", "confidence model",
			org.pulsej.nn.ConfidenceModel.DESCRIPTION);
		if (options.resume()) return;
		final List<File> all = new ArrayList<>(inputs);
		all.addAll(labelled);
		org.pulsej.results.OutputGuard.refuseInputFolder(null, all, modelDir, "PhysNet model");
	}

	private static Specialists specialists(final List<File> inputs, final List<File> labelled,
		final Labeller labeller, final double fps, final TrainingRegion region, final PhysNetConfig config,
		final TrainOptions options, final int clusters, final ScratchVolumes spill, final Path modelDir,
		final Progress progress, final Consumer<String> log)
	{
		final List<Prepared> videos = prepareAll(inputs, fps, region, config, "training", spill, progress, log);
		ContrastiveTrainer.checkLongEnough(volumes(videos), options);
		logShort(videos, options, log);
		final double[] bg = videos.stream().mapToDouble(Prepared::background).toArray();
		final LightingClusters.Result c = clusters == 0 ? LightingClusters.auto(bg) : LightingClusters.cluster(bg,
			clusters);
		final List<String> names = videos.stream().map(Prepared::name).toList();
		final SpecialistRouter router = SpecialistRouter.of(c, names, FaceVolumes.BACKGROUND_FEATURE);
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
			"PulseJ: %d lighting cluster(s)%s by mean background intensity:", c.k(), clusters == 0 ? " (automatic)" : ""));
		for (int j = 0; j < c.k(); j++)
			sb.append(String.format(Locale.ROOT, "%n  %s: centre %.3f, %d video(s): %s", SpecialistRouter.folder(j), c
				.centres()[j], router.specialists().get(j).videos().size(), String.join(", ", router.specialists().get(j)
					.videos())));
		for (int i = 0; i < videos.size(); i++)
			sb.append(String.format(Locale.ROOT, "%n  %s: background %.3f → %s", names.get(i), bg[i], SpecialistRouter
				.folder(c.assignment()[i])));
		log.accept(sb.toString());
		for (int j = 0; j < c.k(); j++)
			if (c.sizes()[j] == 1) log.accept("PulseJ: warning — " + SpecialistRouter.folder(j) +
				" holds a single video (" + router.specialists().get(j).videos().get(0) +
				"); its specialist learns from that video alone (fine when it is the video to measure, as in the " +
				"paper; otherwise give more videos in that light, or use fewer clusters).");
		final List<Labelled> lab = prepareLabelled(labelled, labeller, fps, region, config, spill, progress, log);
		// every specialist trains beside the same companions: they carry no lighting of the user's
		final List<LabelledVolume> companions = companions(options.companions(), trainingFps(options, videos), region,
			config, spill, progress, log);
		AtomicFiles.ensureWritableDirectory(modelDir);
		final List<TrainingReport> reports = new ArrayList<>();
		// one time budget for the whole training: each specialist gets an equal share
		final TrainOptions each = options.minutes() > 0 ? options.withBudget(options.minutes() / c.k(), options
			.patience()) : options;
		if (options.minutes() > 0 && c.k() > 1) log.accept(String.format(Locale.ROOT,
			"PulseJ: the time budget of %.3g min is shared: %.3g min for each of the %d specialists.", options.minutes(),
			each.minutes(), c.k()));
		for (int j = 0; j < c.k(); j++) {
			final List<FaceVolume> mine = new ArrayList<>();
			for (int i = 0; i < videos.size(); i++)
				if (c.assignment()[i] == j) mine.add(videos.get(i).volume());
			final List<LabelledVolume> myLab = new ArrayList<>();
			for (final Labelled l : lab)
				if (router.route(l.background()) == j) myLab.add(l.volume());
			if (progress.isCancelled()) {
				reports.add(null);
				continue;
			}
			final String tag = SpecialistRouter.folder(j) + " (" + (j + 1) + "/" + c.k() + ")";
			progress.status("Training specialist " + tag + " on " + mine.size() + " video(s)");
			reports.add(trainOne(mine, companions, myLab, config, each, modelDir.resolve(SpecialistRouter.folder(j)), new Scaled(
				progress, j, c.k()), log, " specialist " + tag));
		}
		final Specialists out = new Specialists(router, java.util.Collections.unmodifiableList(reports));
		// the router last: a folder with a router has every specialist (cancelled ones keep a finished epoch)
		if (reports.stream().allMatch(r -> r != null && r.selectedEpoch() > 0)) router.save(modelDir);
		else if (out.saved()) log.accept("PulseJ: training stopped before every specialist had an epoch; " + modelDir +
			" has no router yet — resume to finish it.");
		return out;
	}

	/** Names the videos too short for a training clip, which training leaves out ("1 of 16 videos" named none). */
	static void logShort(final List<Prepared> videos, final TrainOptions options, final Consumer<String> log) {
		if (videos.isEmpty()) return;
		final double min = ContrastiveTrainer.minSeconds(volumes(videos), options);
		for (final Prepared p : videos)
			if (!ContrastiveTrainer.holdsClip(p.volume(), min)) log.accept(String.format(Locale.ROOT, "PulseJ: %s " +
				"(%.2f s) is shorter than a training clip (%.2f s) and is left out of the training.", p.name(), p
					.volume().frames() / p.volume().fps(), min));
	}

	private static List<FaceVolume> volumes(final List<Prepared> p) {
		return p.stream().map(Prepared::volume).toList();
	}

	private static TrainingReport trainOne(final List<FaceVolume> volumes, final List<LabelledVolume> companions,
		final List<LabelledVolume> labelled, final PhysNetConfig config, final TrainOptions options, final Path dir,
		final Progress progress, final Consumer<String> log, final String what)
	{
		final TrainingReport report = new ContrastiveTrainer().train(volumes, companions, labelled, config, options, dir,
			progress);
		if (report.selectedEpoch() > 0) Charts.savePng(lossCurve(report), dir.resolve("training-loss.png"));
		// "trained … for 0 epoch(s) … epoch 0 selected" followed "no model was saved"
		if (report.epochsCompleted() == 0) {
			log.accept("PulseJ: PhysNet" + what + " was stopped before its first epoch finished; nothing of it was saved.");
			return report;
		}
		log.accept(String.format(java.util.Locale.ROOT,
			"PulseJ: trained PhysNet%s (%,d parameters) on %d video(s) for %d epoch(s) on %s; epoch %d selected%s", what,
			report.parameterCount(), report.videosUsed(), report.epochsCompleted(), report.device(), report
				.selectedEpoch(), report.cancelled() ? " (cancelled: the last finished epoch is kept)" : ""));
		final String warning = unsureWarning(report);
		if (warning != null) log.accept(warning);
		return report;
	}

	/**
	 * IPR of the kept epoch above which the model is not trusted: every training of PulseJ's test sets
	 * whose model read its videos well kept 0.02–0.14, the ones that read most of a weak-pulse set at
	 * noise 0.22–0.50 (docs/training.md, "Companion videos").
	 */
	static final double UNSURE_IPR = 0.2;

	/**
	 * A warning when the kept epoch's PPG on the user's videos still has much power outside the
	 * heart-rate band (its IPR above {@link #UNSURE_IPR}): the network may not have found the pulse, and
	 * the user cannot see that without ground truth. Null otherwise, or when no epoch finished.
	 */
	static String unsureWarning(final TrainingReport report) {
		for (final TrainingReport.EpochStats e : report.epochs())
			if (e.epoch() == report.selectedEpoch() && e.ipr() > UNSURE_IPR) return String.format(Locale.ROOT,
				"PulseJ: warning — the kept epoch's PPG has %.0f %% of its power outside the heart-rate band on your " +
					"videos (IPR %.2f; models that read their videos well keep 0.02–0.14): the network may not have " +
					"found the pulse. Compare it with method=POS on a few videos before trusting it; more videos, or " +
					"longer ones, give it more to learn from.", 100 * e.ipr(), e.ipr());
		return null;
	}

	/** How long each companion video is: three 10 s clips (the defaults') fit, as in a 30 s video of the user's. */
	static final double COMPANION_SECONDS = 30;

	/**
	 * The highest frame rate companions are drawn at: their pulse and rhythms stay below 3 Hz, and each
	 * is read at the training's rate as any video is, while drawing, tracking and holding one grows with
	 * its frames (8 at 240 fps would be 7,200 frames each, minutes to draw and gigabytes to hold).
	 */
	static final double COMPANION_MAX_FPS = 30;

	/** The frame rate companions are drawn at for a training at {@code fps}. */
	static double companionFps(final double fps) {
		return Math.min(fps, COMPANION_MAX_FPS);
	}

	/** The frame rate the network trains at: the options', or the first video's (as the trainer takes it). */
	private static double trainingFps(final TrainOptions options, final List<Prepared> videos) {
		return ContrastiveTrainer.trainingFps(volumes(videos), options);
	}

	/**
	 * {@code n} generated videos ({@link CompanionVideos}) at the training's frame rate ({@code fps}, at most
	 * {@link #COMPANION_MAX_FPS}), face-tracked and
	 * cropped as the user's videos are (the face stage's settings; roi=whole still tracks them, since a
	 * generated frame is not cropped to the face), each with the pulse it was drawn with.
	 */
	static List<LabelledVolume> companions(final int n, final double fps, final TrainingRegion region,
		final PhysNetConfig config, final ScratchVolumes spill, final Progress progress, final Consumer<String> log)
	{
		if (n == 0) return List.of();
		final double rate = companionFps(fps);
		final TrainingRegion tracked = tracks(region) ? region : TrainingRegion.tracked();
		final long t0 = System.nanoTime();
		final List<LabelledVolume> out = new ArrayList<>();
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(tracked.face().minScore())) {
			for (int i = 0; i < n; i++) {
				progress.checkCancelled();
				progress.status("Preparing companion video " + (i + 1) + "/" + n);
				try {
					final SyntheticVideoSpec spec = CompanionVideos.spec(i, rate, COMPANION_SECONDS);
					final SyntheticFaceVideo.Result drawn = draw(spec, progress);
					final Video video = Video.of(drawn.video(), rate, CompanionVideos.name(i), null);
					out.add(new LabelledVolume(CompanionVideos.name(i), spilled(prepare(video, tracked, detector, config,
						Progress.NONE), spill).volume(), drawn.truth().ppg()));
				}
				catch (final PulseJException e) {
					// a companion is an aid: one that cannot be made (a frame rate it cannot show) does not stop the training
					log.accept("PulseJ: " + CompanionVideos.name(i) + " left out — " + e.problem());
				}
			}
		}
		log.accept(String.format(Locale.ROOT, "PulseJ: %d companion video(s) of %.0f s drawn and cropped in %.0f s; " +
			"they train beside your videos (companions=0 trains on yours alone).", out.size(), COMPANION_SECONDS, (System
				.nanoTime() - t0) / 1e9));
		return out;
	}

	/**
	 * A companion's frames: drawn once into memory, on every core, where the heap has room for them three
	 * times over; otherwise a virtual stack that draws each frame when it is read. Why: tracking the face
	 * and cropping it each read every frame, and drawing one takes 3–5 ms at 320 × 240, so a virtual
	 * companion was drawn twice, on one core: 47–59 s of every training with 8 companions.
	 */
	static SyntheticFaceVideo.Result draw(final SyntheticVideoSpec spec, final Progress progress) {
		final long bytes = (long) spec.width() * spec.height() * Integer.BYTES * spec.frames();
		if (!fitsInHeap(bytes)) return SyntheticFaceVideo.virtual(spec);
		// the training's own status stays ("Preparing companion video i/n"); a cancel still stops the drawing, and
		// one that came as the last frames were drawn stops here
		final SyntheticFaceVideo.Result frames = SyntheticFaceVideo.generate(spec, Progress.silent(
			progress::isCancelled));
		progress.checkCancelled();
		return frames;
	}

	/**
	 * Whether the heap has room for {@code bytes} three times over, beside what it holds now (after a
	 * collection if need be: the companion before this one is garbage by then).
	 */
	static boolean fitsInHeap(final long bytes) {
		return MemoryBudget.fits(3.0 * bytes);
	}

	/**
	 * Bytes the face volumes of these videos take together (in the heap, or in a scratch folder): frames ×
	 * channels × the crop's pixels × 4, plus a tenth for the reader's buffers and the clips being cut.
	 * Videos that cannot be opened count 0 (preparing them reports why).
	 */
	static double volumeBytes(final List<File> videos, final double fps, final PhysNetConfig config) {
		return volumeBytes(videos, fps, config, 0);
	}

	/**
	 * As {@link #volumeBytes(List, double, PhysNetConfig)}, with {@code companions} companion videos at the
	 * first video's rate (at most {@link #COMPANION_MAX_FPS}, as {@link #companions} draws them).
	 */
	static double volumeBytes(final List<File> videos, final double fps, final PhysNetConfig config,
		final int companions)
	{
		double frames = 0, firstFps = fps;
		for (final File f : videos)
			try {
				final Video v = VideoReader.open(f, fps, Progress.NONE);
				frames += v.frames();
				if (!(firstFps > 0)) firstFps = v.fps();
			}
			catch (final PulseJException e) {
				// left out later, with its message
			}
		if (firstFps > 0 && companions > 0) frames += companions * (double) CompanionVideos.spec(0, companionFps(
			firstFps), COMPANION_SECONDS).frames();
		return 1.1 * frames * FaceVolumes.bytesPerFrame(config.input());
	}

	/**
	 * Refuses a scratch folder that is a file, cannot be written, or cannot be made (a folder that is
	 * not there yet is made when it is needed).
	 */
	static void checkScratch(final Path given) {
		if (given == null) return;
		Path existing = given.toAbsolutePath();
		while (existing != null && !Files.exists(existing))
			existing = existing.getParent();
		final boolean ok = existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
		if (!ok) throw new PulseJException("scratch=" + given + (existing != null && existing.equals(given
			.toAbsolutePath()) ? " is not a folder you may write to." : " cannot be made (" + existing + " is not a " +
				"folder you may write to)."), "Give a folder on a disk with room for the face volumes, or leave scratch= " +
					"empty for the temporary folder.");
	}

	/**
	 * The scratch folder for the face volumes when they would not fit comfortably in the heap (or
	 * {@code scratch.always()}), made before hours of preparing and refused when its disk cannot hold
	 * them; null when they stay in the heap.
	 */
	static ScratchVolumes scratchFor(final List<File> inputs, final List<File> labelled, final double fps,
		final PhysNetConfig config, final int companions, final Scratch scratch, final Consumer<String> log)
	{
		// a folder the user named is checked now, even when the volumes fit in the heap this time
		checkScratch(scratch.folder());
		final List<File> all = new ArrayList<>(inputs);
		if (labelled != null) all.addAll(labelled);
		final double bytes = volumeBytes(all, fps, config, companions);
		if (!scratch.always() && !needsSpill(bytes, org.pulsej.video.MemoryBudget.available())) {
			System.gc(); // what is in use may be garbage of earlier work
			if (!needsSpill(bytes, org.pulsej.video.MemoryBudget.available())) return null;
		}
		final String what = String.format(Locale.ROOT, "the face volumes of %d video(s) (%s)", all.size(),
			FaceVolumes.shape(config.input()));
		final ScratchVolumes s = ScratchVolumes.create(scratch.folder(), bytes, what, log);
		log.accept(String.format(Locale.ROOT, "PulseJ: %s take about %s, more than half the memory Java has free; " +
			"they are kept in %s while training (deleted when it ends).", what, org.pulsej.video.MemoryBudget.size(
				bytes), s.folder()));
		return s;
	}

	/**
	 * Spill when the volumes take more than half of the free heap: the rest is for the network, the
	 * batches and decoding the next video.
	 */
	static boolean needsSpill(final double bytes, final long available) {
		return bytes > available / 2.0;
	}

	/** As {@link #prepareAll(List, double, TrainingRegion, PhysNetConfig, String, ScratchVolumes, Progress, Consumer)}, held in the heap. */
	public static List<Prepared> prepareAll(final List<File> inputs, final double fps, final TrainingRegion region,
		final PhysNetConfig config, final String purpose, final Progress progress, final Consumer<String> log)
	{
		return prepareAll(inputs, fps, region, config, purpose, null, progress, log);
	}

	/** Says which frames of {@code video} did not decode and stood in as their neighbours, if any. */
	private static void logDamage(final File f, final Video video, final Consumer<String> log) {
		if (video.damaged().any()) log.accept("PulseJ: " + f.getName() + " — " + video.damaged().warning("each was " +
			"replaced by the nearest frame that decodes"));
	}

	/**
	 * Every video prepared (face tracked and cropped, or the whole frame); failures are logged and left
	 * out. With {@code spill}, each volume is moved to its scratch file as soon as it is prepared, so the
	 * heap holds one video's volume at a time.
	 */
	public static List<Prepared> prepareAll(final List<File> inputs, final double fps, final TrainingRegion region,
		final PhysNetConfig config, final String purpose, final ScratchVolumes spill, final Progress progress,
		final Consumer<String> log)
	{
		final List<Prepared> out = new ArrayList<>();
		String first = null, firstFix = null;
		try (BlazeFaceDetector detector = !tracks(region) || inputs.isEmpty() ? null : BlazeFaceDetector.open(region.face()
			.minScore()))
		{
			for (int i = 0; i < inputs.size(); i++) {
				progress.checkCancelled();
				final File f = inputs.get(i);
				progress.status("Preparing video " + (i + 1) + "/" + inputs.size() + ": " + f.getName());
				final Prepared prepared;
				try {
					final Video video = VideoReader.open(f, fps, progress);
					video.logWarnings(f.getName(), log); // training dropped them
					prepared = prepare(video, region, detector, config, progress);
					logDamage(f, video, log);
				}
				catch (final PulseJException e) {
					log.accept("PulseJ: " + f.getName() + " left out of " + purpose + " — " + e.getMessage());
					if (first == null) {
						first = f.getName() + ": " + e.problem();
						firstFix = e.fix();
					}
					continue;
				}
				// outside the catch: a scratch disk that fills up is no fault of this video, and leaving it (and every
				// later one) out trained on fewer videos than given, with exit 0
				out.add(spilled(prepared, spill));
			}
		}
		// the reason of the first, so that the last line says what went wrong (the log has every one)
		if (out.isEmpty() && !inputs.isEmpty()) throw new PulseJException("None of the " + inputs.size() +
			" video(s) could be prepared for " + purpose + (first == null ? " (see the log)." : " (see the log); the " +
				"first, " + first), firstFix == null ? "Check the videos and their frame rate (fps=)." : firstFix);
		return out;
	}

	/** One video as the network sees it, with its background intensity. */
	static Prepared prepare(final Video video, final TrainingRegion region, final BlazeFaceDetector detector,
		final PhysNetConfig config, final Progress progress)
	{
		org.pulsej.input.ColorTransforms.refuseGrey(video, config.colorSpace(), "colors=" + config.colorSpace()
			.toLowerCase(java.util.Locale.ROOT) + " trains on", "Train with colors=yuv (its brightness channel carries " +
				"the pulse of a grey video), or give the colour originals.");
		// each volume is built in the heap before it can be spilled: one that cannot fit is left out, said why
		FaceVolumes.checkFits(video, config.input(), "train at size=64x64, ");
		final FaceVolumes.Tracked t;
		if (!tracks(region)) t = FaceVolumes.prepareTracked(video, FaceTracker.fixed(video, new Box(0, 0, video.width(),
			video.height())), config.input(), progress);
		else try {
			if (region.mode() == RoiMode.TRACKED) {
				// as PhysNet measures by default (EstimateJob): two passes, the boxes need the whole track
				final FaceTrack track = new FaceTracker(detector, region.face()).track(video, progress);
				try {
					// as measuring refuses it: clips of such a video would be background with the pulse of nobody
					EstimateJob.refuseFaceSeenBriefly(video, track, new EstimateOptions().windowSeconds());
				}
				catch (final PulseJException e) {
					throw new PulseJException(e.problem(), "Check that the face is in view (and lit) for most of the video, " +
						"or move it out of the training videos.");
				}
				final Box[] boxes = HeartRatePipeline.trackedBoxes(track, RoiMode.TRACKED_HALF_WINDOW, 1 + region.face()
					.buffer());
				t = FaceVolumes.prepareAlong(video, track, i -> boxes[i], config.input(), progress);
			}
			else t = FaceVolumes.trackAndPrepare(video, new FaceTracker(detector, region.face()), config.input(),
				progress);
		}
		catch (final FaceTracker.NoFaceFound e) {
			// the tracker's fix (draw a rectangle, roi=manual rect=) names what training cannot take
			throw e.withFix("Check that the video shows a face from the front, or move it out " +
				"of the training videos; roi=whole trains on the whole frame, for videos already cropped to the face " +
				"(training takes no drawn rectangle or roi=manual).");
		}
		return new Prepared(video.name(), t.volume(), t.background());
	}

	/** A null region is the whole frame (videos already cropped to the face). */
	private static boolean tracks(final TrainingRegion region) {
		return region != null && region.tracksFace();
	}

	private static Prepared spilled(final Prepared p, final ScratchVolumes spill) {
		return spill == null ? p : new Prepared(p.name(), spill.spill(p.volume()), p.background());
	}

	/** A labelled video prepared for epoch selection, with its background intensity (for routing). */
	record Labelled(LabelledVolume volume, double background) {}

	/**
	 * The labelled videos with their ground truth; a video without usable ground truth is left out with
	 * one listed warning.
	 */
	static List<Labelled> prepareLabelled(final List<File> labelled, final Labeller labeller, final double fps,
		final TrainingRegion region, final PhysNetConfig config, final ScratchVolumes spill,
		final Progress progress, final Consumer<String> log)
	{
		final List<Labelled> out = new ArrayList<>();
		final List<String> left = new ArrayList<>();
		if (labelled != null && !labelled.isEmpty()) {
			if (labeller == null) throw new IllegalArgumentException("labelled videos without a labeller");
			try (BlazeFaceDetector detector = !tracks(region) ? null : BlazeFaceDetector.open(region.face().minScore())) {
				for (int i = 0; i < labelled.size(); i++) {
					progress.checkCancelled();
					final File f = labelled.get(i);
					progress.status("Preparing labelled video " + (i + 1) + "/" + labelled.size() + ": " + f.getName());
					try {
						final Video video = VideoReader.open(f, fps, progress);
						video.logWarnings(f.getName(), log); // training dropped them
						final double[] ppg = labeller.ppg(f, video);
						final String note = labeller.note(f);
						if (note != null) log.accept("PulseJ: " + f.getName() + " — " + note);
						final Prepared p = spilled(prepare(video, region, detector, config, progress), spill);
						logDamage(f, video, log);
						out.add(new Labelled(new LabelledVolume(f.getName(), p.volume(), ppg), p.background()));
					}
					catch (final PulseJException e) {
						left.add(f.getName() + ": " + e.getMessage());
					}
				}
			}
			if (!left.isEmpty()) log.accept("PulseJ: warning — " + left.size() + " of " + labelled.size() +
				" labelled video(s) left out of epoch selection:\n  " + String.join("\n  ", left));
		}
		return out;
	}

	/** Progress of one of {@code n} consecutive trainings, as a part of the whole. */
	private record Scaled(Progress p, int index, int n) implements Progress {

		@Override
		public void status(final String message) {
			p.status(message);
		}

		@Override
		public void fraction(final double done) {
			p.fraction((index + done) / n);
		}

		@Override
		public boolean isCancelled() {
			return p.isCancelled();
		}
	}

	/** Loss and irrelevant power ratio per epoch: the user sees whether training converged. */
	public static org.jfree.chart.JFreeChart lossCurve(final TrainingReport report) {
		final XYSeries loss = new XYSeries("Training loss");
		final XYSeries ipr = new XYSeries("Irrelevant power ratio");
		for (final TrainingReport.EpochStats e : report.epochs()) {
			loss.add(e.epoch(), e.loss());
			ipr.add(e.epoch(), e.ipr());
		}
		final XYSeriesCollection data = new XYSeriesCollection(loss);
		data.addSeries(ipr);
		return Charts.epochs("PhysNet training (selected epoch " + report.selectedEpoch() + ")", "Value", data);
	}
}

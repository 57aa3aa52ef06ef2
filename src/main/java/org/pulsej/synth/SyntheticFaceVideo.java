package org.pulsej.synth;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.measure.Calibration;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.DiskSpace;
import org.pulsej.util.FolderLock;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.GroundTruth;
import org.pulsej.video.GroundTruthBeats;
import org.pulsej.video.MemoryBudget;

/**
 * Synthetic face videos with a known pulse: for the demo, for tests and for benchmarks. A still
 * scene is drawn once ({@link FaceRenderer}); each frame then warps it to the head's position,
 * lets the skin pulse (multiplicatively per channel, skin only), applies the light and adds sensor
 * noise. The same spec and seed always give the same pixels.
 */
public final class SyntheticFaceVideo {

	/**
	 * The video (RGB, calibration fps set) and what is true about it.
	 *
	 * @param beatTimes times of the true systolic peaks within the video, s
	 */
	public record Result(ImagePlus video, GroundTruth truth, double[] beatTimes) {}

	/** Name of the demo video. */
	public static final String DEMO_STEM = "demo_72bpm";

	private SyntheticFaceVideo() {}

	// -- generating --

	/** Renders all frames into memory, using all cores. */
	public static Result generate(final SyntheticVideoSpec spec, final Progress progress) {
		return generate(spec, new PaintedFaceRenderer(), progress);
	}

	/** As {@link #generate(SyntheticVideoSpec, Progress)}, with another look. */
	public static Result generate(final SyntheticVideoSpec spec, final FaceRenderer faceRenderer,
		final Progress progress)
	{
		final Plan plan = plan(spec, faceRenderer);
		progress.status("Rendering a synthetic face video (" + plan.spec.frames() + " frames)");
		final Object[] frames = renderAll(plan.frames, progress);
		final ImageStack stack = new ImageStack(plan.spec.width(), plan.spec.height());
		for (final Object pixels : frames)
			stack.addSlice(null, pixels);
		return new Result(image(defaultName(plan.spec), stack, plan.spec.fps()), plan.truth, plan.beats);
	}

	/**
	 * The same video as a virtual stack that renders each frame when it is asked for: no memory
	 * for frames, so any length works; each access costs a render (a few ms at 320 × 240).
	 */
	public static Result virtual(final SyntheticVideoSpec spec) {
		final Plan plan = plan(spec, new PaintedFaceRenderer());
		final SyntheticStack stack = new SyntheticStack(plan.frames, plan.spec.width(), plan.spec.height(),
			Progress.NONE);
		return new Result(image(defaultName(plan.spec), stack, plan.spec.fps()), plan.truth, plan.beats);
	}

	// -- writing --

	/**
	 * Writes {@code dir/stem.avi} (uncompressed, or motion-JPEG when the spec has a jpegQuality)
	 * and {@code dir/stem_gt.csv}. Frames are rendered while the AVI is written, so memory stays
	 * small. Each file appears complete or not at all.
	 *
	 * @param overwrite whether existing files of these names may be replaced
	 * @return the video (a virtual stack rendering the frames as written; a JPEG AVI's pixels differ
	 *         from it by the compression) and its ground truth
	 */
	public static Result write(final SyntheticVideoSpec spec, final File dir, final String stem,
		final boolean overwrite, final Progress progress)
	{
		return write(spec, new PaintedFaceRenderer(), dir, stem, overwrite, progress);
	}

	/**
	 * Refuses a name too long for the files named after it, before anything is written: the video's ground
	 * truth (NAME_gt_beats.csv) and the results measured from it (NAME_heart_rate.png, the longest), whose
	 * temporary copies are longer still. A name of 300 letters failed with "File name too long" and a fix
	 * to check that the disk is not full.
	 */
	static void checkNameLength(final String stem) {
		final String longest = org.pulsej.video.VideoReader.LONGEST_RESULT_SUFFIX;
		final int bytes = AtomicFiles.temporaryNameBytes(stem + longest);
		if (bytes <= AtomicFiles.NAME_MAX_BYTES) return;
		final int allowed = stem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - (bytes -
			AtomicFiles.NAME_MAX_BYTES);
		final String shown = stem.length() > 60 ? stem.substring(0, 40) + "…" + stem.substring(stem.length() - 10)
			: stem;
		throw new PulseJException("name=" + shown + " is too long for the files named after it (its ground truth " +
			"NAME" + GroundTruthBeats.SUFFIX + ", and the results measured from it): the temporary copy of NAME" +
			longest + " would need " + bytes + " bytes, more than the " + AtomicFiles.NAME_MAX_BYTES + " a file name " +
			"may have.", "Give a name of at most " + Math.max(1, allowed) + " bytes (" + Math.max(1, allowed) +
				" plain letters; accented letters and symbols take 2 to 4 bytes each).");
	}

	/** As {@link #write(SyntheticVideoSpec, File, String, boolean, Progress)}, with another look. */
	public static Result write(final SyntheticVideoSpec spec, final FaceRenderer faceRenderer, final File dir,
		final String stem, final boolean overwrite, final Progress progress)
	{
		if (stem == null || stem.isBlank() || stem.contains("/") || stem.contains("\\") || stem.startsWith("."))
			throw new PulseJException("'" + stem + "' is not a usable file name for the synthetic video.",
				"Give a plain name such as demo_72bpm (no folders, not starting with a dot).");
		checkNameLength(stem);
		final Path folder = dir.toPath();
		final Path avi = folder.resolve(stem + ".avi"), csv = folder.resolve(stem + "_gt.csv"), beats = folder
			.resolve(stem + GroundTruthBeats.SUFFIX);
		if (!overwrite) for (final Path p : new Path[] { avi, csv, beats })
			if (Files.exists(p)) throw new PulseJException(p + " already exists.",
				"Choose another name or folder, or allow overwriting (overwrite=true) to replace it.");
		checkRoom(spec, folder, avi);
		// a folder this run makes, and ground truth it writes before the video, go again when the write fails
		// (a full disk, a cancel): a failed Generate left an empty folder, or a ground truth without its video
		final Path createdFolder = FolderLock.firstMissing(folder);
		final List<Path> fresh = new ArrayList<>();
		for (final Path p : new Path[] { csv, beats })
			if (!Files.exists(p)) fresh.add(p);
		AtomicFiles.ensureWritableDirectory(folder);
		boolean written = false;
		try {
			final Result r = write(spec, faceRenderer, folder, stem, avi, csv, beats, progress);
			written = true;
			return r;
		}
		finally {
			if (!written) {
				for (final Path p : fresh)
					try {
						Files.deleteIfExists(p);
					}
					catch (final IOException ignored) {
						// the failure that got us here is what the user needs to know
					}
				FolderLock.removeIfUnused(folder, createdFolder);
			}
		}
	}

	/** The free space of a folder's disk (tests give less). */
	static java.util.function.ToLongFunction<Path> usableSpace = p -> {
		try {
			return DiskSpace.usable(p);
		}
		catch (final IOException e) {
			return Long.MAX_VALUE; // not known: the write itself says when the disk is full
		}
	};

	/**
	 * An uncompressed video's size is known before a frame is drawn: one larger than its disk's free
	 * space (an hour of 1920x1080 takes 670 GB) filled the disk for minutes or hours, then failed.
	 */
	private static void checkRoom(final SyntheticVideoSpec spec, final Path folder, final Path avi) {
		if (spec.jpegQuality() != 0) return;
		final Path p = DiskSpace.existingFolder(folder);
		if (p == null) return;
		final double need = (double) ((spec.width() * 3 + 3) / 4 * 4) * spec.height() * spec.frames();
		final long usable = usableSpace.applyAsLong(p);
		if (need <= usable) return;
		throw new PulseJException(String.format(Locale.ROOT, "%s would take about %s (%d uncompressed frames of " +
			"%dx%d), but the disk of %s has only %s free.", avi.getFileName(), MemoryBudget.size(need), spec.frames(), spec.width(),
			spec.height(), p, MemoryBudget.size(usable)), "Free space there, or give another output folder, a shorter or smaller " +
				"video (seconds=, width=, height=), or compress it (jpeg=90).");
	}

	private static Result write(final SyntheticVideoSpec spec, final FaceRenderer faceRenderer, final Path folder,
		final String stem, final Path avi, final Path csv, final Path beats, final Progress progress)
	{
		final Plan plan = plan(spec, faceRenderer);
		final int n = plan.spec.frames();
		final SyntheticStack stack = new SyntheticStack(plan.frames, plan.spec.width(), plan.spec.height(), progress);
		final ImagePlus imp = image(stem, stack, plan.spec.fps());
		progress.status("Writing " + avi.getFileName() + " (" + n + " frames)");
		Path tmp = null;
		try {
			try {
				// readable like any other file written here (rw-r--r-- less the umask), not owner-only
				tmp = Files.createTempFile(folder, "." + stem, ".avi.part", java.nio.file.attribute.PosixFilePermissions
					.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
			}
			catch (final UnsupportedOperationException notPosix) {
				tmp = Files.createTempFile(folder, "." + stem, ".avi.part");
			}
			AtomicFiles.unfinished(tmp, true);
			final int quality = plan.spec.jpegQuality();
			new AVI_Writer().writeImage(imp, tmp.toString(), quality == 0 ? AVI_Writer.NO_COMPRESSION
				: AVI_Writer.JPEG_COMPRESSION, quality);
			progress.checkCancelled();
			plan.truth.write(csv);
			GroundTruthBeats.write(beats, plan.beats);
			try {
				Files.move(tmp, avi, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, avi, StandardCopyOption.REPLACE_EXISTING);
			}
			AtomicFiles.unfinished(tmp, false);
			tmp = null;
		}
		catch (final IOException e) {
			throw new PulseJException("Could not write " + avi + ": " + e.getMessage(),
				"Check that the disk is not full and that you may write to " + folder + ".", e);
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException ignored) {
				// the failure that got us here is what the user needs to know
			}
			AtomicFiles.unfinished(tmp, false);
		}
		progress.fraction(1);
		return new Result(image(stem, new SyntheticStack(plan.frames, plan.spec.width(), plan.spec.height(),
			Progress.NONE), plan.spec.fps()), plan.truth, plan.beats);
	}

	/**
	 * The demo video: 30 s at 72 bpm with mild head motion, a slow light drift and sensor noise,
	 * written to {@code dir/demo_72bpm.avi} (with its ground truth) unless it is already there.
	 * Motion-JPEG at quality 90, like a webcam, so that it is about 10 MB instead of 200.
	 *
	 * @return the AVI file
	 */
	public static File demoVideo(final File dir) {
		final File avi = new File(dir, DEMO_STEM + ".avi");
		final File csv = new File(dir, DEMO_STEM + "_gt.csv");
		if (avi.isFile() && csv.isFile()) return avi;
		final SyntheticVideoSpec spec = demoSpec();
		if (avi.isFile()) plan(spec, new PaintedFaceRenderer()).truth.write(csv.toPath());
		else write(spec, dir, DEMO_STEM, true, Progress.NONE);
		return avi;
	}

	/** What the demo video shows. */
	public static SyntheticVideoSpec demoSpec() {
		return new SyntheticVideoSpec().seconds(30).hrBpm(72).translationPx(3).rotationDeg(2).scaleAmplitude(0.02)
			.driftFraction(0.08).noiseSigma(2).jpegQuality(90).seed(72);
	}

	// -- the plan: everything but the pixels --

	/** A validated copy of the spec, the frame renderer and the ground truth. */
	static final class Plan {
		final SyntheticVideoSpec spec;
		final FrameRenderer frames;
		final GroundTruth truth;
		final double[] beats;

		private Plan(final SyntheticVideoSpec spec, final FrameRenderer frames, final GroundTruth truth,
			final double[] beats)
		{
			this.spec = spec;
			this.frames = frames;
			this.truth = truth;
			this.beats = beats;
		}
	}

	static Plan plan(final SyntheticVideoSpec userSpec, final FaceRenderer faceRenderer) {
		final SyntheticVideoSpec spec = userSpec.copy().validate();
		// independent streams, so that e.g. adding motion does not change the face or the noise
		final SplittableRandom root = new SplittableRandom(spec.seed());
		final SplittableRandom look = root.split(), moves = root.split(), body = root.split();
		final long noiseSeed = root.nextLong();
		final double pulsePhase = body.nextDouble(), respPhase = 2 * Math.PI * body.nextDouble();
		final SplittableRandom jitter = body.split(); // drawn after the phases: videos without HRV stay the same

		final int n = spec.frames();
		final double fps = spec.fps();
		final double faceHeightPx = spec.faceHeightFraction() * spec.height();
		final HeadMotion motion = new HeadMotion(spec, faceHeightPx, respPhase, moves);
		final Scene scene = faceRenderer.render(spec.width(), spec.height(), faceHeightPx, motion.reach(spec.width(),
			spec.height()), look);

		final double duration = (n - 1) / fps; // the ramp and the drift run from the first to the last frame
		final double[] time = new double[n], ppg = new double[n], hr = new double[n], resp = new double[n];
		final double[] skinChange = new double[n], light = new double[n];
		final BeatSequence sequence = spec.hasBeatVariability() ? new BeatSequence(spec, duration, pulsePhase,
			respPhase, jitter) : null;
		final java.util.function.DoubleUnaryOperator phase = sequence != null ? sequence : s -> pulsePhase +
			PulseWaveform.phase(s, spec.hrStartBpm(), spec.hrEndBpm(), duration);
		for (int t = 0; t < n; t++) {
			time[t] = t / fps;
			ppg[t] = PulseWaveform.at(phase.applyAsDouble(time[t]));
			hr[t] = sequence != null ? sequence.hrAt(time[t]) : spec.hrStartBpm() + (spec.hrEndBpm() - spec
				.hrStartBpm()) * time[t] / duration;
			resp[t] = spec.respirationBpm();
			final double breath = spec.respirationBpm() > 0 ? Math.sin(2 * Math.PI * spec.respirationBpm() / 60 *
				time[t] + respPhase) : 0;
			// more blood absorbs more light: the skin darkens as the pulse rises
			skinChange[t] = -spec.pulseAmplitude() * ppg[t] + spec.respirationAmplitude() * breath;
			light[t] = spec.brightness() * (1 + spec.driftFraction() * time[t] / duration) * (time[t] >= spec
				.stepAtSeconds() && spec.stepFraction() != 0 ? 1 + spec.stepFraction() : 1) * (1 + spec
					.flickerAmplitude() * Math.sin(2 * Math.PI * spec.flickerHz() * time[t]));
		}
		final FrameRenderer frames = new FrameRenderer(scene, motion, skinChange, light, spec.noiseSigma(), spec
			.sideLight(), spec.gloss(), noiseSeed);
		final Rectangle2D.Double[] box = new Rectangle2D.Double[n];
		for (int t = 0; t < n; t++)
			box[t] = frames.faceBox(t);
		return new Plan(spec, frames, new GroundTruth(fps, time, ppg, hr, resp, box), BeatSequence.peakTimes(phase,
			duration));
	}

	// -- rendering --

	/** Renders every frame with one worker per core; reports progress and stops when cancelled. */
	private static Object[] renderAll(final FrameRenderer frames, final Progress progress) {
		final int n = frames.frames();
		final Object[] out = new Object[n];
		final int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
		final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final CountDownLatch finished = new CountDownLatch(threads);
		final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			final Thread th = new Thread(r, "PulseJ synthetic video");
			th.setDaemon(true);
			return th;
		});
		try {
			for (int k = 0; k < threads; k++)
				pool.execute(() -> {
					try {
						for (int t = next.getAndIncrement(); t < n && failure.get() == null; t = next.getAndIncrement()) {
							out[t] = frames.render(t);
							done.incrementAndGet();
						}
					}
					catch (final Throwable e) {
						failure.compareAndSet(null, e);
					}
					finally {
						finished.countDown();
					}
				});
			while (!finished.await(50, TimeUnit.MILLISECONDS)) {
				progress.fraction((double) done.get() / n);
				if (progress.isCancelled()) failure.compareAndSet(null, new CancellationException(Progress.stoppedBy() +
					"; the synthetic video was not made."));
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			failure.compareAndSet(null, new CancellationException("Interrupted; the synthetic video was not made."));
		}
		finally {
			pool.shutdownNow();
		}
		final Throwable f = failure.get();
		if (f instanceof RuntimeException r) throw r;
		if (f instanceof Error e) throw e;
		if (f != null) throw new IllegalStateException(f);
		progress.checkCancelled();
		progress.fraction(1);
		return out;
	}

	private static ImagePlus image(final String title, final ImageStack stack, final double fps) {
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, 1, stack.getSize());
		final Calibration cal = imp.getCalibration();
		cal.fps = fps;
		cal.frameInterval = 1 / fps;
		cal.setTimeUnit("sec");
		return imp;
	}

	private static String defaultName(final SyntheticVideoSpec spec) {
		final String hr = spec.hrStartBpm() == spec.hrEndBpm() ? fmt(spec.hrStartBpm()) : fmt(spec.hrStartBpm()) + "-" +
			fmt(spec.hrEndBpm());
		return "synthetic_" + hr + "bpm_seed" + spec.seed();
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
	}

	/** Frames rendered on demand; checks for cancellation at each frame (ImageJ's AVI writer asks frame by frame). */
	private static final class SyntheticStack extends VirtualStack {

		private final FrameRenderer frames;
		private final Progress progress;

		SyntheticStack(final FrameRenderer frames, final int width, final int height, final Progress progress) {
			super(width, height);
			this.frames = frames;
			this.progress = progress;
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			return new ColorProcessor(getWidth(), getHeight(), (int[]) getPixels(n));
		}

		@Override
		public Object getPixels(final int n) {
			if (n < 1 || n > frames.frames()) throw new IllegalArgumentException("frame " + n + " out of 1.." +
				frames.frames());
			progress.checkCancelled();
			progress.fraction((double) n / frames.frames());
			return frames.render(n - 1);
		}

		@Override
		public int getSize() {
			return frames.frames();
		}

		@Override
		public int size() {
			return getSize();
		}

		@Override
		public int getBitDepth() {
			return 24;
		}

		@Override
		public String getSliceLabel(final int n) {
			return null;
		}

		@Override
		public void setPixels(final Object pixels, final int n) {
			// frames are computed; edits are not kept (as with any virtual stack opened read-only)
		}
	}
}

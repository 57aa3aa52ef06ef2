package org.pulsej.pipeline;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.plot.Charts;
import org.pulsej.video.FaceVolume;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Measures one or many videos and writes the output contract. A video that fails is reported and
 * skipped, so one bad file does not cost the results of the others.
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
	private final boolean plots;
	private final Consumer<String> log;
	/** Opened on the first video that needs it, shared by all videos of the job. */
	private FaceDetector detector;
	/** Loaded on the first video that needs it. */
	private PhysNetModel physNet;

	/**
	 * @param output folder for CSV and PNG files, or null to write nothing
	 * @param plots whether to save PNG charts next to the CSVs
	 */
	public EstimateJob(final EstimateOptions options, final Path output, final boolean plots,
		final Consumer<String> log)
	{
		this.options = options;
		this.output = output;
		this.plots = plots;
		this.log = log;
		if (output != null) AtomicFiles.ensureWritableDirectory(output);
	}

	/** Every video found at {@code input} (a video file, a folder of videos, or a folder of frames). */
	public Outcome run(final File input, final double fps, final Progress progress) {
		final List<File> files = VideoReader.videosIn(input);
		final List<HeartRateResult> results = new ArrayList<>();
		final Map<String, String> failures = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			final File f = files.get(i);
			progress.checkCancelled();
			progress.status("Video " + (i + 1) + "/" + files.size() + ": " + f.getName());
			try {
				final Video video = VideoReader.open(f, fps, progress);
				for (final String warning : video.warnings())
					log.accept("PulseJ: " + f.getName() + " — " + warning);
				results.add(measure(video, progress));
			}
			catch (final PulseJException e) {
				failures.put(f.getName(), e.getMessage());
				log.accept("PulseJ: " + f.getName() + " skipped — " + e.getMessage());
			}
		}
		finish(results);
		return new Outcome(results, failures);
	}

	/** One video already in memory (an open image). Errors propagate. */
	public HeartRateResult run(final Video video, final Progress progress) {
		final HeartRateResult r = measure(video, progress);
		finish(List.of(r));
		return r;
	}

	private HeartRateResult measure(final Video video, final Progress progress) {
		final HeartRatePipeline pipeline = new HeartRatePipeline(options);
		pipeline.check(video); // refuse a too-short video before spending time on faces or networks
		final FaceTrack face = track(video, progress);
		final HeartRateResult r;
		if (options.physNetModel() == null) r = pipeline.run(video, face, progress);
		else {
			final PhysNetModel model = physNet();
			final FaceVolume volume = FaceVolumes.prepare(video, face, model.description().config(), progress);
			progress.status("PhysNet on " + video.name());
			final double[] ppg = HeartRatePipeline.clean(model.predictPpg(volume, progress), video.fps(), options
				.band());
			r = pipeline.fromPpg(video.name(), ppg, video.fps(), options.methodName(), modelName());
		}
		if (output != null) {
			ResultWriter.write(r, output, video.source());
			if (plots) {
				Charts.savePng(Charts.ppg(r), output.resolve(r.video() + "_ppg.png"));
				Charts.savePng(Charts.heartRate(r), output.resolve(r.video() + "_heart_rate.png"));
			}
		}
		log.accept(String.format(java.util.Locale.ROOT, "PulseJ: %s — %.1f bpm (median), SNR %.1f dB, %s", r.video(), r
			.hrMedian(), r.snrDb(), r.method()));
		return r;
	}

	/**
	 * The face box per frame: tracked for {@code roi=face}; for PhysNet with a drawn rectangle or the
	 * whole frame, that fixed box; null for the classical methods, which take the rectangle directly.
	 */
	private FaceTrack track(final Video video, final Progress progress) {
		if (options.roi() == RoiMode.FACE) {
			final FaceTrack face = new FaceTracker(detector(), options.face()).track(video, progress);
			if (face.detectedFrames() < video.frames()) log.accept(String.format(java.util.Locale.ROOT,
				"PulseJ: %s — face found by the detector in %d of %d frames (%d detector runs); others interpolated or held",
				video.name(), face.detectedFrames(), video.frames(), face.detectorRuns()));
			return face;
		}
		if (options.physNetModel() == null) return null;
		final java.awt.Rectangle r = options.roi() == RoiMode.MANUAL ? options.manualRoi()
			: new java.awt.Rectangle(0, 0, video.width(), video.height());
		return FaceTracker.fixed(video, new Box(r.x, r.y, r.width, r.height));
	}

	private PhysNetModel physNet() {
		if (physNet == null) {
			physNet = PhysNetModel.load(options.physNetModel(), options.device());
			log.accept("PulseJ: PhysNet " + physNet.description().summary() + (physNet.deviceMessage().isEmpty() ? ""
				: " — " + physNet.deviceMessage()));
		}
		return physNet;
	}

	private String modelName() {
		final Path p = options.physNetModel().toAbsolutePath().normalize();
		return p.getFileName() == null ? p.toString() : p.getFileName().toString();
	}

	private FaceDetector detector() {
		if (detector == null) detector = BlazeFaceDetector.open(options.face().minScore());
		return detector;
	}

	@Override
	public void close() {
		if (detector != null) detector.close();
		detector = null;
		if (physNet != null) physNet.close();
		physNet = null;
	}

	private void finish(final List<HeartRateResult> results) {
		if (output != null && !results.isEmpty()) ResultWriter.updateSummary(results, output);
	}
}

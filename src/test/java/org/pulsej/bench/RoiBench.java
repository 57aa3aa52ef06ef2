package org.pulsej.bench;

import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.face.SkinModel;
import org.pulsej.pipeline.ColorTraces;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.PulseMethod;
import org.pulsej.signal.RgbTrace;
import org.pulsej.signal.Stats;
import org.pulsej.util.Progress;
import org.pulsej.video.GroundTruth;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * Heart rate of generated videos (with a {@code NAME_gt.csv}) through each colour region, for POS,
 * CHROM and GREEN: the face is tracked once per video and every region measured on that track. Not a
 * unit test; run with
 * {@code java -cp target/classes:target/test-classes:$(cat target/pulsej.classpath) org.pulsej.bench.RoiBench DIR...}.
 * Besides tracked, box and face as the pipeline measures them, variants of the skin region without
 * bridging: system property {@code roi.variants}, a comma list of {@code scale:k} (share of the detected
 * box, skin-mask threshold), e.g. {@code -Droi.variants=1.0:2,1.0:4,1.2:3}.
 */
public final class RoiBench {

	public static void main(final String[] args) throws Exception {
		final List<double[]> variants = new ArrayList<>();
		for (final String v : System.getProperty("roi.variants", "").split(","))
			if (!v.isBlank()) variants.add(doubles(v.replace(':', ',')));
		final PulseMethod[] methods = { PulseMethod.POS, PulseMethod.CHROM, PulseMethod.GREEN };
		final Map<String, double[]> errors = new java.util.TreeMap<>();
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			for (final String dir : args) {
				final File[] files = new File(dir).listFiles((d, n) -> n.endsWith(".avi"));
				Arrays.sort(files);
				for (final File f : files) {
					final Video video = VideoReader.open(f, 0, Progress.NONE);
					final String stem = f.getName().replaceFirst("\\.avi$", "");
					final double truth = Stats.median(GroundTruth.read(f.toPath().resolveSibling(stem + "_gt.csv"), video
						.fps()).hrBpm());
					final FaceTrack face = new FaceTracker(detector, FaceTracker.Options.defaults()).track(video,
						Progress.NONE);
					final Map<String, RgbTrace> traces = new LinkedHashMap<>();
					for (final RoiMode mode : new RoiMode[] { RoiMode.TRACKED, RoiMode.BOX }) {
						final HeartRatePipeline.Traced tr = pipeline(mode, PulseMethod.POS).measure(video, face, Progress.NONE);
						traces.put(mode.key(), tr.trace());
						System.out.println("  " + stem + " " + mode.key() + ": " + tr.bridged() + " frames bridged (" + tr
							.flags().reasons() + ")");
					}
					traces.put("face", pipeline(RoiMode.FACE, PulseMethod.POS).trace(video, face, Progress.NONE));
					System.out.printf(Locale.ROOT, "  %s largest move of the detected box per frame: %.3f of its width%n",
						stem, maxMove(face));
					final Box[] centre = HeartRatePipeline.trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW,
						SkinModel.CENTRAL_SCALE);
					for (final double[] sk : variants) {
						final double s = sk[0], k = sk[1];
						final Box[] boxes = HeartRatePipeline.trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW, s);
						final SkinModel model = ColorTraces.learn(video, t -> centre[t], k);
						final ColorTraces.Measured skin = ColorTraces.boxMeans(video, t -> boxes[t], t -> centre[t], model,
							Progress.NONE);
						traces.put("skin" + s + "k" + k, skin.trace());
						System.out.println("  " + stem + " " + model + " kept " + String.format(Locale.ROOT, "%.2f",
							share(skin, boxes)) + " of the box at scale " + s);
					}
					final String set = new File(dir).getName();
					for (final PulseMethod m : methods) {
						final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %-11s %6.1f %-5s", set,
							stem, truth, m));
						for (final Map.Entry<String, RgbTrace> e : traces.entrySet()) {
							final org.pulsej.results.HeartRateResult r = pipeline(RoiMode.TRACKED, m).fromTrace(stem, e
								.getValue(), video.fps());
							final double hr = r.hrMedian();
							final double snr = org.pulsej.signal.SignalQuality.snrDb(r.ppg(), video.fps(), truth,
								org.pulsej.signal.BpmBand.HEART);
							line.append(String.format(Locale.ROOT, " %s=%.1f(%.1fdB)", e.getKey(), hr, snr));
							for (final String group : new String[] { set, "all" }) {
								final double[] acc = errors.computeIfAbsent(group + " " + m + " " + e.getKey(), x -> new double[3]);
								acc[0] += Math.abs(hr - truth);
								acc[1]++;
								acc[2] += snr;
							}
						}
						System.out.println(line);
					}
				}
			}
		}
		for (final Map.Entry<String, double[]> e : errors.entrySet())
			System.out.printf(Locale.ROOT, "MAE %-30s %6.2f bpm, mean SNR at the true rate %6.2f dB (%d videos)%n", e
				.getKey(), e.getValue()[0] / e.getValue()[1], e.getValue()[2] / e.getValue()[1], (int) e.getValue()[1]);
		System.exit(0);
	}

	private static double share(final ColorTraces.Measured s, final Box[] boxes) {
		double k = 0, a = 0;
		for (int t = 0; t < s.pixels().length; t++) {
			k += s.pixels()[t];
			a += boxes[t].area();
		}
		return k / a;
	}

	private static HeartRatePipeline pipeline(final RoiMode roi, final PulseMethod m) {
		return new HeartRatePipeline(new EstimateOptions().method(m).roi(roi, null));
	}

	private static IntFunction<Rectangle> rect(final Box[] boxes, final Video v) {
		return t -> {
			final Box b = boxes[t].clippedTo(v.width(), v.height());
			return new Rectangle((int) Math.round(b.x()), (int) Math.round(b.y()), Math.max(1, (int) Math.round(b.w())),
				Math.max(1, (int) Math.round(b.h())));
		};
	}

	/** The largest move of the detected box's centre between consecutive frames, as a share of its width. */
	static double maxMove(final FaceTrack face) {
		double m = 0;
		for (int t = 1; t < face.frames(); t++) {
			final Box a = face.raw(t - 1), b = face.raw(t);
			if (a != null && b != null) m = Math.max(m, Math.hypot(b.centreX() - a.centreX(), b.centreY() - a.centreY()) /
				Math.min(a.w(), b.w()));
		}
		return m;
	}

	private static double[] doubles(final String s) {
		if (s.isBlank()) return new double[0];
		return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
	}
}

package org.pulsej.eval;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.GroundTruth;

/** Videos with ground truth on disk, in PulseJ's and the public datasets' exact layouts. */
public final class EvalFixtures {

	private EvalFixtures() {}

	/** A small still synthetic face: 96 × 72, the given length and heart rate. */
	public static SyntheticVideoSpec small(final double seconds, final double bpm, final long seed) {
		return new SyntheticVideoSpec().size(96, 72).seconds(seconds).fps(30).hrBpm(bpm).seed(seed);
	}

	/** {@code dir/stem.avi} and {@code dir/stem_gt.csv}. */
	public static GroundTruth pulsej(final Path dir, final String stem, final SyntheticVideoSpec spec) {
		return SyntheticFaceVideo.write(spec, dir.toFile(), stem, true, Progress.NONE).truth();
	}

	/**
	 * UBFC-rPPG layout: {@code dir/subject/vid.avi} and {@code dir/subject/ground_truth.txt} with
	 * three lines (PPG, heart rate, time in seconds), numbers in MATLAB's %e style separated by spaces.
	 */
	public static GroundTruth ubfc(final Path dir, final String subject, final SyntheticVideoSpec spec) {
		final Path folder = dir.resolve(subject);
		final GroundTruth gt = SyntheticFaceVideo.write(spec, folder.toFile(), "vid", true, Progress.NONE).truth();
		try {
			Files.delete(folder.resolve("vid_gt.csv"));
			final StringBuilder ppg = new StringBuilder(), hr = new StringBuilder(), time = new StringBuilder();
			for (int t = 0; t < gt.frames(); t++) {
				ppg.append(String.format(Locale.ROOT, "  %.7e", gt.ppg()[t]));
				hr.append(String.format(Locale.ROOT, "  %.7e", gt.hrBpm()[t]));
				time.append(String.format(Locale.ROOT, "  %.7e", gt.timeSeconds()[t]));
			}
			Files.writeString(folder.resolve("ground_truth.txt"), ppg + "\n" + hr + "\n" + time + "\n",
				StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return gt;
	}

	/**
	 * PURE layout: {@code dir/session/session/Image<ns>.png} frames and {@code dir/session/session.json}
	 * with a 60 Hz {@code /FullPackage} (integer waveform and pulse rate, as the oximeter gives them)
	 * and the {@code /Image} time stamps (30 fps with a little jitter).
	 */
	public static GroundTruth pure(final Path dir, final String session, final SyntheticVideoSpec spec) {
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.generate(spec, Progress.NONE);
		final GroundTruth gt = r.truth();
		final Path folder = dir.resolve(session), frames = folder.resolve(session);
		final long t0 = 1_392_643_993_642_815_000L;
		try {
			Files.createDirectories(frames);
			final ImageStack stack = r.video().getStack();
			final StringBuilder images = new StringBuilder();
			final long[] stamp = new long[gt.frames()];
			for (int t = 0; t < gt.frames(); t++) {
				// ±2 ms of jitter around 1/fps, as a real camera's time stamps
				stamp[t] = t0 + Math.round(gt.timeSeconds()[t] * 1e9) + ((t * 7919L) % 5 - 2) * 1_000_000L;
				if (!new FileSaver(new ImagePlus("f", stack.getProcessor(t + 1))).saveAsPng(frames.resolve("Image" +
					stamp[t] + ".png").toString())) throw new IOException("cannot write frame " + t);
				if (t > 0) images.append(",");
				images.append("{\"Timestamp\":").append(stamp[t]).append("}");
			}
			final StringBuilder pkg = new StringBuilder();
			final double duration = gt.timeSeconds()[gt.frames() - 1];
			final int n = (int) Math.floor(duration * 60) + 1;
			for (int i = 0; i < n; i++) {
				final double time = i / 60.0;
				final double ppg = interpolate(gt.timeSeconds(), gt.ppg(), time);
				final double hr = interpolate(gt.timeSeconds(), gt.hrBpm(), time);
				if (i > 0) pkg.append(",");
				pkg.append(String.format(Locale.ROOT,
					"{\"Timestamp\":%d,\"Value\":{\"o2saturation\":98,\"pulseRate\":%d,\"signalStrength\":4,\"waveform\":%d}}",
					t0 + Math.round(time * 1e9), Math.round(hr), Math.round(64 + 40 * ppg)));
			}
			Files.writeString(folder.resolve(session + ".json"), "{\"/FullPackage\":[" + pkg + "],\"/Image\":[" +
				images + "]}", StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return gt;
	}

	static double interpolate(final double[] t, final double[] y, final double at) {
		int j = 0;
		while (j + 2 < t.length && t[j + 1] <= at)
			j++;
		if (at <= t[0]) return y[0];
		if (at >= t[t.length - 1]) return y[t.length - 1];
		return y[j] + (y[j + 1] - y[j]) * (at - t[j]) / (t[j + 1] - t[j]);
	}
}

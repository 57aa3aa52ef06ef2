package org.pulsej.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import ij.ImagePlus;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.HeartRateResult;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.testing.FrameStack;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/**
 * The heap bound at full size (bench/long_video.sh): a long video measured by the whole pipeline
 * (colour signal of the whole frame, POS, heart rate, CSV files and plots) while the heap in use is
 * recorded after every garbage collection. (Face tracking reads the frames once more and keeps a
 * box per frame; StreamingMemoryTest shows that it holds no frame either.) The frames come from a virtual stack that makes them on demand, or from a
 * motion-JPEG AVI written first and read back through PulseJ's reader (ImageJ's virtual AVI
 * stack), so the decoder's own buffers are counted too.
 *
 * <pre>
 * LongVideoBench [--seconds 600] [--width 1920] [--height 1080] [--fps 30] [--avi FILE]
 * </pre>
 */
public final class LongVideoBench {

	static final double BPM = 72;

	/** Frame {@code n} (from 1) with a 72 bpm pulse (stronger in green, as in skin) over a textured background. */
	static ImageProcessor frame(final int n, final int w, final int h, final double fps) {
		final double p = Math.sin(2 * Math.PI * BPM / 60 * (n - 1) / fps);
		final int[] px = new int[w * h];
		final int dr = (int) Math.round(2 * p), dg = (int) Math.round(5 * p);
		for (int y = 0; y < h; y++) {
			final int row = y * w;
			for (int x = 0; x < w; x++) {
				final int shade = (x + y) >> 4;
				px[row + x] = 170 + shade % 20 + dr << 16 | 110 + shade % 13 + dg << 8 | 90 + shade % 7;
			}
		}
		return new ColorProcessor(w, h, px);
	}

	public static void main(final String[] args) throws Exception {
		double seconds = 600, fps = 30;
		int width = 1920, height = 1080;
		File avi = null;
		for (int i = 0; i + 1 < args.length; i += 2)
			switch (args[i]) {
				case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
				case "--width" -> width = Integer.parseInt(args[i + 1]);
				case "--height" -> height = Integer.parseInt(args[i + 1]);
				case "--fps" -> fps = Double.parseDouble(args[i + 1]);
				case "--avi" -> avi = new File(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		final int frames = (int) Math.round(seconds * fps);
		final int w = width, h = height;
		final double rate = fps;
		final FrameStack source = FrameStack.of(width, height, frames, n -> frame(n, w, h, rate));
		final Video video;
		if (avi != null) {
			if (!avi.isFile()) {
				final long t0 = System.nanoTime();
				final ImagePlus imp = new ImagePlus("long", source);
				imp.getCalibration().fps = fps;
				new AVI_Writer().writeImage(imp, avi.getPath(), AVI_Writer.JPEG_COMPRESSION, 85);
				System.out.printf(Locale.ROOT, "wrote %s: %d frames, %.0f MB, in %.0f s%n", avi, frames, avi.length() / 1e6,
					(System.nanoTime() - t0) / 1e9);
			}
			video = VideoReader.open(avi, 0, Progress.NONE);
		}
		else video = new Video(source, 24, fps, "long", null);

		final AtomicLong liveAfterGc = watchGc();
		final Path out = Files.createTempDirectory("pulsej-bench");
		final double decoded = (double) video.width() * video.height() * 4 * video.frames();
		System.out.printf(Locale.ROOT, "%s: %d frames of %dx%d at %.0f fps (%.1f min), %.1f GB decoded; -Xmx %.0f MB%n",
			avi != null ? "AVI (ImageJ's virtual AVI stack)" : "virtual stack", video.frames(), video.width(), video
				.height(), video.fps(), video.seconds() / 60, decoded / 1e9, Runtime.getRuntime().maxMemory() / 1e6);
		final long t0 = System.nanoTime();
		final HeartRateResult r = new EstimateJob(new EstimateOptions().roi(RoiMode.WHOLE, null), out, true,
			s -> {}).run(video, new Progress() {
			double last = -1;

			@Override
			public void status(final String message) {}

			@Override
			public void fraction(final double done) {
				if (done - last >= 0.1 || done == 1) {
					last = done;
					System.out.printf(Locale.ROOT, "  %3.0f%% after %.0f s, live heap after last GC %.0f MB%n", 100 * done,
						(System.nanoTime() - t0) / 1e9, liveAfterGc.get() / 1e6);
				}
			}
		});
		final double secondsTaken = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "heart rate %.2f bpm (true %.0f); %.0f s, %.1f ms per frame%n", r.hrMedian(), BPM,
			secondsTaken, 1000 * secondsTaken / video.frames());
		System.out.printf(Locale.ROOT, "peak live heap after GC: %.0f MB of -Xmx %.0f MB (decoded video: %.1f GB)%n",
			peak.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, decoded / 1e9);
	}

	static final AtomicLong peak = new AtomicLong();

	/** The heap in use right after each collection: what the program really holds. */
	static AtomicLong watchGc() {
		final AtomicLong last = new AtomicLong();
		for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
			((NotificationEmitter) gc).addNotificationListener((n, h) -> {
				if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
				final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n
					.getUserData());
				long used = 0;
				for (final MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values())
					used += u.getUsed();
				// an upper bound of what is live: a young collection leaves old garbage in place
				last.set(used);
				peak.accumulateAndGet(used, Math::max);
			}, null, null);
		return last;
	}
}

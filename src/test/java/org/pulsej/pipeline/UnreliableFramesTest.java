package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.pulsej.face.Box;
import org.pulsej.face.Detection;
import org.pulsej.face.FaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.signal.PulseMethod;
import org.pulsej.signal.RgbTrace;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** Frames whose face region is unreliable are found and bridged, so that a jump of the region puts no step into the pulse. */
class UnreliableFramesTest {

	/** Answers frame t's faces from a script; the tracker asks frame by frame, in order, when it detects every frame. */
	private static final class Scripted implements FaceDetector {
		private final IntFunction<Box> script;
		private int next;

		Scripted(final IntFunction<Box> script) {
			this.script = script;
		}

		@Override
		public List<Detection> detect(final ImageProcessor frame) {
			final Box b = script.apply(next++);
			return b == null ? List.of() : List.of(new Detection(b, 0.9, new float[0]));
		}

		@Override
		public void close() {}
	}

	private static FaceTrack track(final Video video, final IntFunction<Box> script) {
		return new FaceTracker(new Scripted(script), new FaceTracker.Options(1, 0.5, 0.25, 0.25, 192, 128)).track(video,
			Progress.NONE);
	}

	@Test
	void runsOfUnreliableFramesAreReplacedByAStraightLineAndLongRunsAreKept() {
		final double[] x = { 1, 2, 3, 100, 100, 6, 7, 50, 50, 50, 50, 12 };
		final boolean[] bad = { false, false, false, true, true, false, false, true, true, true, true, false };
		final RgbTrace t = new RgbTrace(x, x, x);
		final RgbTrace b = UnreliableFrames.bridge(t, bad, 3);
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 50, 50, 50, 50, 12 }, b.g(), 1e-12,
			"the 2-frame run is bridged; the 4-frame run is longer than 3 and kept");
		assertEquals(2, UnreliableFrames.bridged(bad, 3));
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, UnreliableFrames.bridge(t, bad, 4).r(),
			1e-12);
		// at the ends the nearest trusted sample is held; nothing to bridge gives the same trace back
		final boolean[] ends = { true, false, false, false, false, false, false, false, false, false, false, true };
		assertEquals(2, UnreliableFrames.bridge(t, ends, 3).b()[0], 1e-12);
		assertEquals(50, UnreliableFrames.bridge(t, ends, 3).b()[11], 1e-12);
		assertSame(t, UnreliableFrames.bridge(t, new boolean[12], 3));
	}

	@Test
	void lostFacesJumpsRegionsOutsideTheFrameAndFramesWithoutSkinAreUnreliable() {
		final int n = 40;
		final ImageStack s = new ImageStack(200, 100);
		for (int t = 0; t < n; t++)
			s.addSlice(new FloatProcessor(200, 100));
		final Video video = new Video(s, 32, 30, "scripted", null);
		// a 40 px face drifting 1 px per frame; lost at frames 10-12; jumps 30 px at frame 25 and stays
		final FaceTrack face = track(video, t -> t >= 10 && t <= 12 ? null : new Box(50 + t + (t >= 25 ? 30 : 0), 30,
			40, 40));
		final Box[] region = HeartRatePipeline.trackedBoxes(face, 2, 1.0);
		region[35] = new Box(180, 30, 40, 40); // half of it outside the 200 px wide frame: 20 of 40 px inside
		region[36] = new Box(185, 30, 40, 40); // 15 of 40 inside
		final int[] pixels = new int[n];
		java.util.Arrays.fill(pixels, 1000);
		pixels[5] = 200; // the skin mask found a fifth of the usual skin
		final UnreliableFrames.Flags f = UnreliableFrames.judge(face, region, 200, 100, 2, pixels);
		final boolean[] bad = f.unreliable();
		for (int t = 10; t <= 12; t++)
			assertTrue(bad[t], "lost at " + t);
		// found again at 13 (held box 9 -> box 13: the moving average mixes them) and the jump at 25
		for (int t = 13; t <= 15; t++)
			assertTrue(bad[t], "found again, " + t);
		for (int t = 22; t <= 27; t++)
			assertTrue(bad[t], "jump, " + t);
		assertFalse(bad[21] || bad[28] || bad[20] || bad[30], "frames away from the jump are trusted");
		assertFalse(bad[35], "half inside the frame is enough");
		assertTrue(bad[36], "less than half inside");
		assertTrue(bad[5], "skin mask found little skin");
		assertEquals(3, f.lost());
		assertEquals(1, f.outside());
		assertEquals(1, f.noSkin());
		assertTrue(f.reasons().startsWith("face lost 3, box jumped "), f.reasons());
		// a drawn (fixed) box is never lost
		assertFalse(UnreliableFrames.judge(FaceTracker.fixed(video, new Box(50, 30, 40, 40)), new Box[] { new Box(50, 30,
			40, 40) }, 200, 100, 2, null).unreliable()[0]);
	}

	/**
	 * A still face whose detected box jumps away by 45 % of its width (onto hair, ear and wall) for 3 frames
	 * every 2 s, as a misdetection or a quick turn does: measured through the moving region, the jumps put
	 * steps into the colour trace, which take GREEN 10 bpm off; bridged, they are gone and POS and GREEN
	 * read the rate.
	 */
	@Test
	void aRegionThatJumpsAwayForAFewFramesNoLongerPutsStepsIntoThePulse() {
		final double bpm = 75;
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(20).hrBpm(bpm)
			.pulseAmplitude(0.003).translationPx(3).noiseSigma(2).seed(5));
		final Video video = VideoReader.of(v.video(), 0);
		final FaceTrack face = track(video, t -> {
			final Rectangle2D.Double f = v.truth().faceBox()[t];
			final double shift = t % 60 >= 30 && t % 60 < 33 ? 0.45 * f.width : 0;
			return new Box(f.x + shift, f.y + 0.3 * shift, f.width, f.height);
		});
		for (final RoiMode roi : new RoiMode[] { RoiMode.BOX, RoiMode.TRACKED }) {
			final HeartRatePipeline p = new HeartRatePipeline(new EstimateOptions().method(PulseMethod.POS).roi(roi, null));
			final HeartRatePipeline.Traced bridged = p.measure(video, face, Progress.NONE);
			final RgbTrace raw = unbridged(video, face, roi);
			final double stepRaw = largestStep(raw.g()), stepBridged = largestStep(bridged.trace().g());
			final double hrRaw = p.fromTrace("raw", raw, video.fps()).hrMedian();
			final double hr = p.fromTrace("bridged", bridged.trace(), video.fps()).hrMedian();
			System.out.printf(Locale.ROOT, "roi=%s: %d frames bridged (%s); largest frame-to-frame change of green " +
				"%.3f unbridged, %.3f bridged; POS %.2f bpm unbridged, %.2f bridged (true %.0f)%n", roi.key(), bridged
					.bridged(), bridged.flags().reasons(), stepRaw, stepBridged, hrRaw, hr, bpm);
			// each jump away and back spoils the 3 frames and the 3 before and after, which the ±2-frame average of
			// the boxes mixes with them
			assertEquals(10 * 9, bridged.flags().jumped(), "10 jumps");
			final HeartRatePipeline green = new HeartRatePipeline(new EstimateOptions().method(PulseMethod.GREEN).roi(roi,
				null));
			final double greenRaw = green.fromTrace("raw", raw, video.fps()).hrMedian();
			final double greenBridged = green.fromTrace("bridged", bridged.trace(), video.fps()).hrMedian();
			System.out.printf(Locale.ROOT, "roi=%s: GREEN %.2f bpm unbridged, %.2f bridged%n", roi.key(), greenRaw,
				greenBridged);
			assertEquals(bpm, greenBridged, 1.0, "GREEN, roi=" + roi.key());
			assertTrue(Math.abs(greenRaw - bpm) > 3, "unbridged, the steps mislead GREEN (POS cancels most of them): " +
				greenRaw);
			assertTrue(stepBridged < 0.25 * stepRaw, "the steps are gone: " + stepBridged + " vs " + stepRaw);
			assertEquals(bpm, hr, 1.0, "roi=" + roi.key());
		}
	}

	/** What {@link HeartRatePipeline#measure} reads before bridging. */
	private static RgbTrace unbridged(final Video video, final FaceTrack face, final RoiMode roi) {
		if (roi == RoiMode.BOX) {
			final Box[] b = HeartRatePipeline.trackedBoxes(face, RoiMode.TRACKED_HALF_WINDOW, RoiMode.BOX_SCALE);
			return ColorTraces.means(video, t -> {
				final Box c = b[t].clippedTo(video.width(), video.height());
				return new Rectangle((int) Math.round(c.x()), (int) Math.round(c.y()), (int) Math.round(c.w()), (int) Math
					.round(c.h()));
			}, Progress.NONE);
		}
		return SkinRegion.of(video, face).measure(null, Progress.NONE).trace();
	}

	private static double largestStep(final double[] x) {
		double m = 0;
		for (int t = 1; t < x.length; t++)
			m = Math.max(m, Math.abs(x[t] - x[t - 1]));
		return m;
	}
}

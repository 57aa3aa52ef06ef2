package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pulsej.face.Box;
import org.pulsej.face.Detection;
import org.pulsej.face.FaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** The mask a display shows ({@link SkinRegion#mask}) is what roi=tracked averages. */
class SkinRegionTest {

	@Test
	void theDisplayedMaskIsWhatTheColourSignalAverages() {
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(4).translationPx(
			30).noiseSigma(2).seed(9));
		final Video video = VideoReader.of(v.video(), 0);
		final int[] next = { 0 };
		final FaceDetector truth = new FaceDetector() { // the true face boxes, frame by frame in order
			@Override
			public List<Detection> detect(final ImageProcessor frame) {
				final Rectangle2D.Double f = v.truth().faceBox()[next[0]++];
				return List.of(new Detection(new Box(f.x, f.y, f.width, f.height), 0.9, new float[0]));
			}

			@Override
			public void close() {}
		};
		final FaceTrack face = new FaceTracker(truth, new FaceTracker.Options(1, 0.5, 0.25, 0.25, 192, 128)).track(video,
			Progress.NONE);
		final SkinRegion skin = SkinRegion.of(video, face);
		final int[] pixels = skin.measure(null, Progress.NONE).pixels();
		for (final int t : new int[] { 0, 60, 119 }) {
			final ByteProcessor mask = skin.mask(t);
			final Box r = skin.region(t);
			int on = 0, outside = 0;
			for (int y = 0; y < mask.getHeight(); y++)
				for (int x = 0; x < mask.getWidth(); x++) {
					if (mask.get(x, y) == 0) continue;
					on++;
					final double u = (x + 0.5 - r.centreX()) / (r.w() / 2), w = (y + 0.5 - r.centreY()) / (r.h() / 2);
					if (u * u + w * w >= 1) outside++;
				}
			assertEquals(0, outside, "frame " + t + ": the mask lies in the region's oval");
			assertTrue(on > 0.4 * Math.PI * r.w() * r.h() / 4, "frame " + t + ": most of the oval is skin: " + on);
			// the pixels the trace averaged in that frame, less those the oval's edge only cuts
			assertEquals(pixels[t], on, 0.03 * on, "frame " + t);
		}
		// a grey video has no skin colour
		final ImageStack s = new ImageStack(64, 48);
		for (int t = 0; t < 10; t++)
			s.addSlice(new FloatProcessor(64, 48));
		final Video grey = new Video(s, 32, 30, "grey", null);
		assertNull(SkinRegion.of(grey, FaceTracker.fixed(grey, new Box(10, 10, 30, 30))));
	}
	/**
	 * A face that appears only after an empty, grey start (an empty chair, the lights coming on): the skin
	 * model learned the grey of what the box held in the first 3 s, no pixel of the face matched it, the
	 * grey frames were carried over the whole trace, and POS refused the video as grey "in every frame".
	 * The model is learned where the face is first seen.
	 */
	@Test
	void theSkinIsLearnedWhereTheFaceIsFirstSeen() {
		final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(6).noiseSigma(2)
			.seed(9));
		final ImageStack frames = new ImageStack(v.video().getWidth(), v.video().getHeight());
		final int empty = 90; // 3 s without the face
		final Random random = new Random(1);
		for (int t = 0; t < v.video().getStackSize(); t++) {
			if (t >= empty) {
				frames.addSlice(v.video().getStack().getProcessor(t + 1).duplicate());
				continue;
			}
			final ColorProcessor grey = new ColorProcessor(frames.getWidth(), frames.getHeight());
			for (int i = 0; i < frames.getWidth() * frames.getHeight(); i++) {
				final int g = 100 + random.nextInt(5);
				grey.set(i, g << 16 | g << 8 | g);
			}
			frames.addSlice(grey);
		}
		final Video video = new Video(frames, 24, 30, "late", null);
		final int[] next = { 0 };
		final FaceDetector late = new FaceDetector() {
			@Override
			public List<Detection> detect(final ImageProcessor frame) {
				final int t = next[0]++;
				if (t < empty) return List.of();
				final Rectangle2D.Double f = v.truth().faceBox()[t];
				return List.of(new Detection(new Box(f.x, f.y, f.width, f.height), 0.9, new float[0]));
			}

			@Override
			public void close() {}
		};
		final FaceTrack face = new FaceTracker(late, new FaceTracker.Options(1, 0.5, 0.25, 0.25, 192, 128)).track(video,
			Progress.NONE);
		final ColorTraces.Measured m = SkinRegion.of(video, face).measure(null, Progress.NONE);
		for (int t = empty; t < video.frames(); t += 30)
			assertTrue(m.pixels()[t] > 100, "frame " + t + ": the face's skin is measured: " + m.pixels()[t]);
		assertFalse(HeartRatePipeline.isGrey(m.trace()), "the face's colour is in the trace");
	}
}

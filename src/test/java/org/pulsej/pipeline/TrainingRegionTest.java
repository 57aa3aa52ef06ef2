package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

class TrainingRegionTest {

	@Test
	void parsesTheThreeRegionsAndRefusesOthers() {
		assertEquals(RoiMode.TRACKED, TrainingRegion.parse("").mode(), "tracked is the default");
		assertEquals(RoiMode.TRACKED, TrainingRegion.parse("Tracked").mode());
		assertEquals(RoiMode.FACE, TrainingRegion.parse("face").mode());
		assertEquals(RoiMode.WHOLE, TrainingRegion.parse("whole").mode());
		assertFalse(TrainingRegion.parse("whole").tracksFace());
		final PulseJException e = assertThrows(PulseJException.class, () -> TrainingRegion.parse("box"));
		assertTrue(e.getMessage().contains("box") && e.fix().contains("roi=tracked"), e.getMessage());
	}

	/**
	 * A head that sways 30 px and shakes at 0.9 Hz: cut along the crop that follows the face, the face
	 * holds still in the network's input; in the paper's stabilised box it slides until it leaves the
	 * buffered box — motion in the heart-rate band that the network would otherwise learn. Measured as
	 * the spread of the face's horizontal shift in the crop (registering each frame's column profile of
	 * luma against the first frame's).
	 */
	@Test
	void theTrackedCropHoldsAMovingFaceStill() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(SyntheticFaceVideo.virtual(new SyntheticVideoSpec().size(320, 240).seconds(6)
			.hrBpm(72).translationPx(30).shake(8, 0.9).noiseSigma(1).seed(31)).video(), 0);
		// z-scored per channel (not per pixel) so that the picture keeps its shapes for the registration
		final PhysNetConfig c = PhysNetConfig.cpu();
		final PhysNetConfig config = new PhysNetConfig(c.width(), c.inputHeight(), c.inputWidth(), c.channels(), c
			.colorSpace(), "z-score per channel over time");
		final double tracked, stabilised;
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			tracked = shiftSpread(TrainingJob.prepare(video, TrainingRegion.tracked(), detector, config, Progress.NONE)
				.volume());
			stabilised = shiftSpread(TrainingJob.prepare(video, TrainingRegion.stabilised(), detector, config,
				Progress.NONE).volume());
		}
		assertTrue(stabilised > 1.5, "the face slides in the stabilised box: " + stabilised + " px");
		assertTrue(tracked < 0.5 * stabilised, "spread of the face's shift in the crop (px): tracked " + tracked +
			", stabilised " + stabilised);
	}

	/**
	 * A training video without a face: the tracker's fix said to draw a rectangle in Fiji or add
	 * roi=manual rect=x,y,w,h, which Train PhysNet does not take (its regions are tracked, face, whole).
	 */
	@Test
	void noFaceNamesWhatTrainingTakes() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final ij.ImagePlus imp = ij.IJ.createImage("wall", "RGB black", 64, 48, 12);
		for (int i = 1; i <= 12; i++) {
			imp.getStack().getProcessor(i).setColor(new java.awt.Color(200, 120 + i, 100));
			imp.getStack().getProcessor(i).fill();
		}
		final Video video = VideoReader.of(imp, 30);
		final PulseJException e;
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			e = assertThrows(PulseJException.class, () -> TrainingJob.prepare(video, TrainingRegion.tracked(), detector,
				PhysNetConfig.cpu(), Progress.NONE));
		}
		assertEquals("No face was found in any of the 12 frames of wall.", e.problem());
		assertFalse(e.fix().contains("roi=manual rect=x,y,w,h to its options"), e.fix());
		assertFalse(e.fix().contains("draw a rectangle"), e.fix());
		assertTrue(e.fix().contains("roi=whole"), e.fix());
	}

	/**
	 * A training video whose face is in view for 3 s of 20: its clips would be background (Estimate Heart Rate
	 * refuses to measure it); it is refused, and so left out of the training with its message.
	 */
	@Test
	void aFaceSeenBrieflyIsRefusedForTraining() {
		assumeTrue(BlazeFaceDetector.isAvailable(), "face model not in this build (npm missing at build time)");
		final Video video = VideoReader.of(FaceSeenBrieflyTest.faceFrom(17), 0);
		final PulseJException e;
		try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			e = assertThrows(PulseJException.class, () -> TrainingJob.prepare(video, TrainingRegion.tracked(), detector,
				PhysNetConfig.cpu(), Progress.NONE));
		}
		assertTrue(e.problem().startsWith("The face is found in only "), e.problem());
		assertTrue(e.fix().contains("move it out of the training videos") && !e.fix().contains("roi=manual"), e.fix());
	}

	/** Standard deviation over frames of the best integer shift of each frame's luma column profile. */
	private static double shiftSpread(final FaceVolume v) {
		final int w = v.width(), max = w / 4;
		final double[] ref = profile(v, 0);
		double s = 0, ss = 0;
		for (int t = 0; t < v.frames(); t++) {
			final double[] p = profile(v, t);
			int best = 0;
			double bestErr = Double.POSITIVE_INFINITY;
			for (int d = -max; d <= max; d++) {
				double err = 0;
				for (int x = max; x < w - max; x++)
					err += (p[x + d] - ref[x]) * (p[x + d] - ref[x]);
				if (err < bestErr) {
					bestErr = err;
					best = d;
				}
			}
			s += best;
			ss += best * best;
		}
		final double m = s / v.frames();
		return Math.sqrt(Math.max(0, ss / v.frames() - m * m));
	}

	private static double[] profile(final FaceVolume v, final int t) {
		final double[] p = new double[v.width()];
		for (int y = 0; y < v.height(); y++)
			for (int x = 0; x < v.width(); x++)
				p[x] += v.get(0, t, y, x);
		return p;
	}
}

package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.Metrics;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

/** The foundation's accuracy bars, on synthetic face videos with a known pulse. */
class HeartRateAccuracyTest {

	private static HeartRateResult measure(final SyntheticFaceVideo.Result video, final PulseMethod method) {
		return measureAll(video, method)[0];
	}

	/** Through the default path: the tracked face (tracked once), then each method. */
	private static HeartRateResult[] measureAll(final SyntheticFaceVideo.Result video, final PulseMethod... methods) {
		final Video v = VideoReader.of(video.video(), 0);
		final FaceTrack track;
		if (BlazeFaceDetector.isAvailable()) try (BlazeFaceDetector d = BlazeFaceDetector.open(
			BlazeFaceDetector.DEFAULT_MIN_SCORE))
		{
			track = new FaceTracker(d, FaceTracker.Options.defaults()).track(v, Progress.NONE);
		}
		else track = null; // no face model in this build: measure the whole frame
		final HeartRateResult[] out = new HeartRateResult[methods.length];
		for (int i = 0; i < methods.length; i++) {
			final EstimateOptions o = new EstimateOptions().method(methods[i]);
			if (track == null) o.roi(RoiMode.WHOLE, null);
			out[i] = new HeartRatePipeline(o).run(v, track, Progress.NONE);
		}
		return out;
	}

	@Test
	void stillFaceAt72BpmReadsWithinOneBpmForPosAndChromAndThreeForGreen() {
		final SyntheticFaceVideo.Result video = SyntheticFaceVideo.generate(new SyntheticVideoSpec().seconds(30).hrBpm(
			72).seed(3), Progress.NONE);
		final HeartRateResult[] r = measureAll(video, PulseMethod.POS, PulseMethod.CHROM, PulseMethod.GREEN);
		final HeartRateResult pos = r[0], chrom = r[1], green = r[2];
		System.out.printf("still 72 bpm: POS %.2f, CHROM %.2f, GREEN %.2f bpm; SNR POS %.1f dB%n", pos.hrMedian(), chrom
			.hrMedian(), green.hrMedian(), pos.snrDb());
		assertEquals(72, pos.hrMedian(), 1.0, "POS");
		assertEquals(72, chrom.hrMedian(), 1.0, "CHROM");
		assertEquals(72, green.hrMedian(), 3.0, "GREEN");
		assertEquals(900, pos.frames());
		assertTrue(pos.snrDb() > 0, "a clean pulse stands above the noise: " + pos.snrDb());
	}

	@Test
	void rampFrom60To100BpmIsFollowedWithinThreeBpmPerFrame() {
		// rendered frame by frame as it is read: 60 s of frames would not fit the test heap
		final SyntheticFaceVideo.Result video = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(60).hrRamp(
			60, 100).seed(5));
		final HeartRateResult pos = measure(video, PulseMethod.POS);
		final double mae = Metrics.mae(pos.hrInstant(), video.truth().hrBpm());
		System.out.printf("ramp 60->100 bpm: instantaneous MAE %.2f bpm%n", mae);
		assertTrue(mae <= 3.0, "instantaneous HR MAE " + mae);
		// and it really follows the ramp rather than sitting at the mean
		assertTrue(pos.hrInstant()[150] < 72 && pos.hrInstant()[1650] > 88, "follows the ramp");
	}

	@Test
	void illuminationDriftAndNoiseKeepPosWithinTwoBpm() {
		final SyntheticFaceVideo.Result video = SyntheticFaceVideo.generate(new SyntheticVideoSpec().seconds(30).hrBpm(
			66).driftFraction(0.2).flickerHz(0.3).flickerAmplitude(0.02).noiseSigma(4).seed(11), Progress.NONE);
		final HeartRateResult pos = measure(video, PulseMethod.POS);
		System.out.printf("drift+noise 66 bpm: POS %.2f bpm%n", pos.hrMedian());
		assertEquals(66, pos.hrMedian(), 2.0);
	}

	@Test
	void aLampRippleInTheHeartRateBandIsNotReadAsThePulse(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) {
		assumeTrue(BlazeFaceDetector.isAvailable(), "the background is found around the tracked face");
		// weak pulse, noise, and a 2 % lamp ripple at 1.9 Hz (114 bpm) on face and background alike, through
		// the camera's 8 bits and JPEG (which keep the ripple from scaling red, green and blue alike)
		SyntheticFaceVideo.write(new SyntheticVideoSpec().size(320, 240).seconds(30).hrBpm(64).pulseAmplitude(0.0015)
			.translationPx(3).flickerHz(1.9).flickerAmplitude(0.02).noiseSigma(3).driftFraction(0.05).jpegQuality(90)
			.seed(303), dir.toFile(), "lamp", false, Progress.NONE);
		final Video v = VideoReader.open(dir.resolve("lamp.avi").toFile(), 0, Progress.NONE);
		final FaceTrack track;
		try (BlazeFaceDetector d = BlazeFaceDetector.open(BlazeFaceDetector.DEFAULT_MIN_SCORE)) {
			track = new FaceTracker(d, FaceTracker.Options.defaults()).track(v, Progress.NONE);
		}
		final java.util.List<String> log = new java.util.ArrayList<>();
		final HeartRateResult removed = new HeartRatePipeline(new EstimateOptions()).log(log::add).run(v, track,
			Progress.NONE);
		final HeartRateResult kept = new HeartRatePipeline(new EstimateOptions().removeBackgroundLight(false)).run(v,
			track, Progress.NONE);
		System.out.printf("lamp 1.9 Hz, pulse 64 bpm: POS %.2f bpm, %.2f with the light kept%n", removed.hrMedian(), kept
			.hrMedian());
		assertEquals(64, removed.hrMedian(), 1.0);
		assertEquals(114, kept.hrMedian(), 3.0, "without the correction POS reads the ripple");
		assertTrue(log.stream().anyMatch(s -> s.contains("background's light explained")), String.valueOf(log));

		// a rectangle drawn on the face (roi=manual): the background is found around it, and the ripple goes
		final org.pulsej.face.Box face = track.stabilised(0).scaled(1 / 1.25);
		final java.awt.Rectangle rect = new java.awt.Rectangle((int) face.x(), (int) face.y(), (int) face.w(), (int) face
			.h());
		final HeartRateResult manualRemoved = new HeartRatePipeline(new EstimateOptions().roi(RoiMode.MANUAL, rect)).run(
			v, null, Progress.NONE);
		final HeartRateResult manualKept = new HeartRatePipeline(new EstimateOptions().roi(RoiMode.MANUAL, rect)
			.removeBackgroundLight(false)).run(v, null, Progress.NONE);
		System.out.printf("the same, roi=manual %s: POS %.2f bpm, %.2f with the light kept%n", rect, manualRemoved
			.hrMedian(), manualKept.hrMedian());
		assertEquals(64, manualRemoved.hrMedian(), 1.0);
		assertEquals(114, manualKept.hrMedian(), 3.0);
	}
}

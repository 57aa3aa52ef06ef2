package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pulsej.video.VideoReaderTest.assertMessage;

import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.testing.EncodedVideos;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Videos ImageJ's readers cannot open (H.264 MP4 as phones record it, H.264 inside an AVI), read through
 * FFmpeg: the pulse survives, frames are the same however they are reached, phone rotation is undone, and
 * files FFmpeg cannot read are refused by name.
 */
class FfmpegVideoTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void ffmpegLoads() {
		assumeTrue(FfmpegStack.available(), "FFmpeg's natives do not load here (PulseJ ships them for Linux x86-64): " +
			FfmpegStack.unavailableReason());
	}

	@Test
	void syntheticFaceAt72BpmInAnH264Mp4ReadsWithinOneBpm() throws IOException {
		final SyntheticFaceVideo.Result synth = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(30).hrBpm(72)
			.translationPx(3).noiseSigma(2).seed(31));
		final File mp4 = dir.resolve("phone.mp4").toFile();
		EncodedVideos.h264(synth.video().getStack(), 30, mp4, 0);
		final Video v = VideoReader.open(mp4, 0, Progress.NONE);
		assertEquals(900, v.frames());
		assertEquals(30, v.fps(), 1e-9);
		assertEquals(24, v.bitDepth());
		assertEquals("phone", v.name());
		final EstimateOptions o = new EstimateOptions().method(PulseMethod.POS);
		final FaceTrack track;
		if (BlazeFaceDetector.isAvailable()) try (BlazeFaceDetector d = BlazeFaceDetector.open(
			BlazeFaceDetector.DEFAULT_MIN_SCORE))
		{
			track = new FaceTracker(d, FaceTracker.Options.defaults()).track(v, Progress.NONE);
		}
		else {
			track = null;
			o.roi(org.pulsej.pipeline.RoiMode.WHOLE, null);
		}
		final HeartRateResult r = new HeartRatePipeline(o).run(v, track, Progress.NONE);
		System.out.printf("H.264 MP4, 72 bpm: POS %.2f bpm, SNR %.1f dB%n", r.hrMedian(), r.snrDb());
		assertEquals(72, r.hrMedian(), 1.0);
	}

	@Test
	void aFrameIsTheSameReadInOrderOrReachedBySeeking() throws IOException {
		final ImageStack frames = bars(150);
		final File mp4 = dir.resolve("seek.mp4").toFile();
		EncodedVideos.h264(frames, 30, mp4, 0);
		final Video inOrder = VideoReader.open(mp4, 0, Progress.NONE);
		assertEquals(150, inOrder.frames());
		final int[][] seen = new int[150][];
		for (int t = 0; t < 150; t++)
			seen[t] = (int[]) inOrder.frame(t).getPixels();
		final Video jumping = VideoReader.open(mp4, 0, Progress.NONE);
		for (final int t : new int[] { 140, 7, 7, 100, 3, 149, 0, 60, 59 })
			assertArrayEquals(seen[t], (int[]) jumping.frame(t).getPixels(), "frame " + t);
		// and they are the frames written, in order (the moving bar's position)
		for (final int t : new int[] { 0, 37, 149 })
			assertEquals(barAt(t), brightestColumn(inOrder.frame(t)), 1, "frame " + t);
	}

	@Test
	void aTrimmedMp4StartsAtItsCutAndHasNoDamagedFrames() throws IOException {
		// cut 12 frames in: the 12 frames before the cut stay in the file before time 0, to be discarded; counted as
		// frames, the video was 60 frames long and its last 12 were read as damaged
		final File whole = dir.resolve("whole.mp4").toFile(), cut = dir.resolve("cut.mp4").toFile();
		EncodedVideos.h264(bars(60), 30, whole, 0);
		EncodedVideos.trimmed(whole, cut, 12);
		final Video v = VideoReader.open(cut, 0, Progress.NONE);
		assertEquals(48, v.frames());
		assertEquals(30, v.fps(), 1e-6);
		final int[][] seen = new int[48][];
		for (int t = 0; t < 48; t++)
			seen[t] = (int[]) v.frame(t).getPixels();
		assertTrue(!v.damaged().any(), "no frame damaged: " + v.warnings());
		for (final int t : new int[] { 0, 20, 47 })
			assertEquals(barAt(t + 12), brightestColumn(v.frame(t)), 1, "frame " + t + " is frame " + (t + 12) + " of the whole");
		final Video jumping = VideoReader.open(cut, 0, Progress.NONE);
		for (final int t : new int[] { 40, 0, 33, 5 })
			assertArrayEquals(seen[t], (int[]) jumping.frame(t).getPixels(), "frame " + t);
	}

	@Test
	void mpegTransportStreamAndMxfFilesAreRead() throws IOException {
		// camera containers named by extensions PulseJ did not know: "ts.ts is none of these" (they played in any player)
		for (final String name : new String[] { "camera.ts", "camera.mxf" }) {
			final File f = dir.resolve(name).toFile();
			EncodedVideos.h264(bars(40), 30, f, 0);
			final Video v = VideoReader.open(f, 0, Progress.NONE);
			assertEquals(40, v.frames(), name);
			assertEquals(barAt(25), brightestColumn(v.frame(25)), 1, name);
		}
	}

	@Test
	void aPhoneVideoThatSlowsFrom30To15FpsKeepsItsHeartRate() throws IOException {
		// 20 s at 30 fps, then 20 s at 15 fps (every other frame), as a camera slows in dim light; read by index at
		// the average 22.5 fps, the first half read 54 bpm and the second 108
		final SyntheticFaceVideo.Result synth = SyntheticFaceVideo.virtual(new SyntheticVideoSpec().seconds(40).hrBpm(72)
			.noiseSigma(1).seed(32));
		final ImageStack all = synth.video().getStack(), kept = new ImageStack(all.getWidth(), all.getHeight());
		final List<Double> times = new java.util.ArrayList<>();
		for (int t = 0; t < 1200; t++)
			if (t < 600 || t % 2 == 0) {
				kept.addSlice(all.getProcessor(t + 1));
				times.add(t / 30.0);
			}
		final File mkv = dir.resolve("dim.mkv").toFile();
		EncodedVideos.losslessAt(kept, times.stream().mapToDouble(Double::doubleValue).toArray(), mkv);
		final Video v = VideoReader.open(mkv, 0, Progress.NONE);
		assertEquals(30, v.fps(), 1e-6);
		assertEquals(1199, v.frames());
		assertTrue(v.warnings().stream().anyMatch(w -> w.contains("dim.mkv has a variable frame rate")), v
			.warnings().toString());
		// grid frame k is the frame taken at k / 30 s or the one before it in the slow half
		for (final int k : new int[] { 0, 599, 601, 1100, 1198, 17, 1000 })
			assertArrayEquals(rgb((int[]) all.getProcessor(k - (k >= 600 ? k % 2 : 0) + 1).convertToRGB().getPixels()),
				rgb((int[]) v.frame(k).getPixels()), "grid frame " + k);
		final EstimateOptions o = new EstimateOptions().method(PulseMethod.POS).roi(org.pulsej.pipeline.RoiMode.WHOLE,
			null);
		final HeartRateResult r = new HeartRatePipeline(o).run(v, null, Progress.NONE);
		System.out.printf("30 then 15 fps, 72 bpm: POS %.2f bpm, first s %.2f, last s %.2f%n", r.hrMedian(), r
			.hrInstant()[0], r.hrInstant()[1198]);
		assertEquals(72, r.hrMedian(), 1.0);
		assertEquals(72, r.hrInstant()[0], 2.0, "the fast half");
		assertEquals(72, r.hrInstant()[1198], 2.0, "the slow half");
	}

	@Test
	void aLosslessMkvGivesBackEveryPixel() throws IOException {
		// rows of 3 × 62 bytes are padded to 192 in FFmpeg's buffers (an odd width would be scaled by the encoder)
		final ImageStack frames = new ImageStack(62, 38);
		final java.util.Random random = new java.util.Random(5);
		for (int i = 0; i < 12; i++) {
			final int[] px = new int[62 * 38];
			for (int p = 0; p < px.length; p++)
				px[p] = random.nextInt(0x1000000);
			frames.addSlice(new ColorProcessor(62, 38, px));
		}
		final File mkv = dir.resolve("lossless.mkv").toFile();
		EncodedVideos.lossless(frames, 24, mkv);
		final Video v = VideoReader.open(mkv, 0, Progress.NONE);
		assertEquals(12, v.frames());
		assertEquals(24, v.fps(), 1e-9);
		for (int t = 0; t < 12; t++) {
			final int[] expected = (int[]) frames.getProcessor(t + 1).getPixels(), read = (int[]) v.frame(t).getPixels();
			for (int p = 0; p < expected.length; p++)
				if ((expected[p] & 0xffffff) != (read[p] & 0xffffff)) throw new AssertionError("frame " + t + ", pixel " +
					p + ": " + Integer.toHexString(expected[p] & 0xffffff) + " read as " + Integer.toHexString(read[p] &
						0xffffff));
		}
	}

	@Test
	void aPhoneVideoStoredOnItsSideIsTurnedUpright() throws IOException {
		// a white square in the stored picture's top left; how a player shows it follows the file's rotation
		final ImageStack frames = new ImageStack(64, 32);
		for (int i = 0; i < 10; i++) {
			final ColorProcessor cp = new ColorProcessor(64, 32);
			cp.setColor(java.awt.Color.WHITE);
			cp.fillRect(0, 0, 16, 16);
			frames.addSlice(cp);
		}
		// FFmpeg's rotation (degrees counter-clockwise) → where the square is shown, as ffmpeg and players show it
		final Object[][] cases = { { 0.0, "TL" }, { 90.0, "BL" }, { -90.0, "TR" }, { 180.0, "BR" } };
		for (final Object[] c : cases) {
			final double rotation = (Double) c[0];
			final File mp4 = dir.resolve("rot" + (int) rotation + ".mp4").toFile();
			EncodedVideos.h264(frames, 30, mp4, rotation);
			final Video v = VideoReader.open(mp4, 0, Progress.NONE);
			final boolean across = Math.abs(rotation) == 90;
			assertEquals(across ? 32 : 64, v.width(), "width at " + rotation);
			assertEquals(across ? 64 : 32, v.height(), "height at " + rotation);
			assertEquals(c[1], whiteCorner(v.frame(0)), "rotation " + rotation);
		}
	}

	@Test
	void h264InsideAnAviAndAnMp4NamedAviAreRead() throws IOException {
		final ImageStack frames = bars(40);
		final File avi = dir.resolve("h264.avi").toFile();
		EncodedVideos.h264(frames, 25, avi, 0);
		final Video a = VideoReader.open(avi, 0, Progress.NONE);
		assertEquals(40, a.frames());
		assertEquals(25, a.fps(), 1e-9);
		assertEquals(barAt(20), brightestColumn(a.frame(20)), 1);
		final File mp4 = dir.resolve("renamed.mp4").toFile();
		EncodedVideos.h264(frames, 25, mp4, 0);
		final File named = dir.resolve("renamed.avi").toFile();
		Files.copy(mp4.toPath(), named.toPath());
		assertEquals(40, VideoReader.open(named, 0, Progress.NONE).frames());
		// fps= overrides the stream's rate, with the note that every rate scales
		final Video over = VideoReader.open(mp4, 30, Progress.NONE);
		assertEquals(30, over.fps(), 1e-9);
		assertTrue(over.warnings().stream().anyMatch(w -> w.contains("fps=30 is used instead of the 25 fps")), over
			.warnings().toString());
	}

	@Test
	void filesFfmpegCannotReadAreRefusedByName() throws IOException {
		final File junk = Files.writeString(dir.resolve("junk.mp4"), "not a video at all").toFile();
		assertEquals(List.of(junk), VideoReader.videosIn(junk), "listed by its extension");
		final long before = junk.lastModified();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(junk, 0, Progress.NONE)),
			"FFmpeg cannot read junk.mp4 as a video");
		assertEquals(before, junk.lastModified(), "left as it was");
		final File empty = Files.createFile(dir.resolve("empty.mov")).toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(empty, 0, Progress.NONE)),
			"empty.mov is empty (0 bytes)");
		// random bytes named .avi: no AVI, and FFmpeg cannot read it either; both are said
		final byte[] noise = new byte[4096];
		new java.util.Random(3).nextBytes(noise);
		final File avi = Files.write(dir.resolve("noise.avi"), noise).toFile();
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(avi, 0, Progress.NONE));
		assertMessage(e, "noise.avi is not an AVI file", "FFmpeg cannot read it either");
		assertTrue(e.fix().contains("ffmpeg -i VIDEO"), e.fix());
		// FFmpeg's advice to programmers (which has brackets of its own) is not passed on to the user
		for (final PulseJException refused : List.of(e, assertThrows(PulseJException.class, () -> VideoReader.open(
			junk, 0, Progress.NONE))))
		{
			assertTrue(!refused.problem().contains("been called") && !refused.problem().contains("For more details"),
				refused.problem());
			assertTrue(refused.problem().contains("Could not open input"), refused.problem());
		}
	}

	@Test
	void ffmpegsWordsKeepOnlyWhatAUserCanActOn() {
		assertEquals(" (Could not open input \"/data/a b.avi\").", FfmpegStack.ffmpegWords(
			"avformat_open_input() error -1094995529: Could not open input \"/data/a b.avi\". (Has setFormat() been " +
				"called?) (For more details, make sure FFmpegLogCallback.set() has been called.)"));
		assertEquals(" (Invalid data found when processing input).", FfmpegStack.ffmpegWords(
			"Invalid data found when processing input"));
		assertEquals(".", FfmpegStack.ffmpegWords(null));
		assertEquals(".", FfmpegStack.ffmpegWords("(For more details, make sure FFmpegLogCallback.set() has been called.)"));
	}

	@Test
	void turnedOffFfmpegLeavesMp4sToConversion() throws IOException {
		final File mp4 = Files.writeString(dir.resolve("clip.mp4"), "x").toFile();
		System.setProperty(FfmpegStack.SWITCH, "false");
		try {
			assertMessage(assertThrows(PulseJException.class, () -> VideoReader.videosIn(mp4)), "clip.mp4",
				"reads AVI files", "ffmpeg");
		}
		finally {
			System.clearProperty(FfmpegStack.SWITCH);
		}
		assertEquals(List.of(mp4), VideoReader.videosIn(mp4));
	}

	@Test
	void quarterTurnsFollowFfmpegsSign() {
		assertEquals(0, FfmpegStack.quarterTurns(0));
		assertEquals(0, FfmpegStack.quarterTurns(-0.0));
		assertEquals(3, FfmpegStack.quarterTurns(90));
		assertEquals(1, FfmpegStack.quarterTurns(-90));
		assertEquals(2, FfmpegStack.quarterTurns(180));
		assertEquals(2, FfmpegStack.quarterTurns(-180));
		assertEquals(1, FfmpegStack.quarterTurns(270));
		assertEquals(0, FfmpegStack.quarterTurns(Double.NaN));
	}

	// -- fixtures --

	/** The colour of each pixel without its alpha byte. */
	private static int[] rgb(final int[] px) {
		return java.util.Arrays.stream(px).map(v -> v & 0xffffff).toArray();
	}

	/** {@code n} frames of 64×48 with a bar that moves ({@link #pattern}). */
	private static ImageStack bars(final int n) {
		final ImageStack frames = new ImageStack(64, 48);
		for (int i = 0; i < n; i++)
			frames.addSlice(pattern(64, 48, i));
		return frames;
	}

	/** A dark frame with a bright vertical bar whose column moves with t. */
	private static ColorProcessor pattern(final int w, final int h, final int t) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(new java.awt.Color(40, 60, 80));
		cp.fill();
		cp.setColor(java.awt.Color.WHITE);
		cp.fillRect(barAt(t) - 2, 0, 5, h);
		return cp;
	}

	private static int barAt(final int t) {
		return 4 + (t * 7) % 56;
	}

	/** The centre of the bright bar: the mean column of the pixels brighter than the frame's mid level. */
	private static int brightestColumn(final ImageProcessor ip) {
		double sum = 0, n = 0;
		for (int y = 0; y < ip.getHeight(); y++)
			for (int x = 0; x < ip.getWidth(); x++)
				if ((ip.getPixel(x, y) & 0xff) > 170) {
					sum += x;
					n++;
				}
		return (int) Math.round(sum / n);
	}

	private static String whiteCorner(final ImageProcessor ip) {
		final int w = ip.getWidth(), h = ip.getHeight();
		final boolean tl = bright(ip, 3, 3), tr = bright(ip, w - 4, 3), bl = bright(ip, 3, h - 4), br = bright(ip, w - 4,
			h - 4);
		if (tl && !tr && !bl && !br) return "TL";
		if (tr && !tl && !bl && !br) return "TR";
		if (bl && !tl && !tr && !br) return "BL";
		if (br && !tl && !tr && !bl) return "BR";
		return "none";
	}

	private static boolean bright(final ImageProcessor ip, final int x, final int y) {
		return (ip.getPixel(x, y) & 0xff) > 200;
	}

	/** The heart rate POS reads over the whole frame of {@code file}. */
	private static double wholeFramePos(final Video v) {
		return new HeartRatePipeline(new EstimateOptions().method(PulseMethod.POS).roi(org.pulsej.pipeline.RoiMode.WHOLE,
			null)).run(v, null, Progress.NONE).hrMedian();
	}

	/**
	 * A file of two video streams (a camera's two views, a screen recording beside the face): the one a player
	 * shows, marked default, is measured and the log names it. JavaCV took the first stream *not* marked
	 * default, and the other video was measured without a word (84 bpm for the 72 shown).
	 */
	@Test
	void ofTwoVideoStreamsTheDefaultOneIsMeasuredAndNamed() throws IOException {
		final File a = dir.resolve("a.mkv").toFile(), b = dir.resolve("b.mkv").toFile();
		EncodedVideos.lossless(SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(96, 72).seconds(12).hrBpm(72)
			.seed(1), Progress.NONE).video().getStack(), 30, a);
		EncodedVideos.lossless(SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(64, 96).seconds(12).hrBpm(96)
			.seed(2), Progress.NONE).video().getStack(), 30, b);
		for (final int shown : new int[] { 0, 1 }) {
			final File two = dir.resolve("two" + shown + ".mkv").toFile();
			EncodedVideos.twoStreams(a, b, two, shown);
			final Video v = VideoReader.open(two, 0, Progress.NONE);
			assertEquals(shown == 0 ? 96 : 64, v.width(), "the stream marked default");
			assertEquals(shown == 0 ? 72 : 96, wholeFramePos(v), 1.5);
			assertTrue(v.warnings().stream().anyMatch(w -> w.startsWith(two.getName() + " holds 2 video streams; stream " +
				shown + " (" + v.width() + "x" + v.height() + ", marked default) is measured") && w.contains("-map 0:v:" +
					(1 - shown))), v.warnings().toString());
		}
		assertTrue(VideoReader.open(a, 0, Progress.NONE).warnings().stream().noneMatch(w -> w.contains("video streams")),
			"one stream: nothing to say");
	}

	/** MPEG program streams (.mpg, .vob) list their streams only once probed: FFmpeg reads them, PulseJ refused them. */
	@Test
	void anMpegProgramStreamIsRead() throws IOException {
		final File mpg = dir.resolve("old.mpg").toFile();
		// a face of the usual size: MPEG-2's quantisation takes the pulse of a tiny one
		EncodedVideos.mpegProgramStream(SyntheticFaceVideo.generate(new SyntheticVideoSpec().seconds(20).hrBpm(72)
			.seed(1), Progress.NONE).video().getStack(), 30, mpg);
		final Video v = VideoReader.open(mpg, 0, Progress.NONE);
		assertEquals(30, v.fps(), 0.01);
		assertEquals(600, v.frames(), 2);
		assertEquals(72, wholeFramePos(v), 1.5);
	}
}

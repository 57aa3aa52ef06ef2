package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.plugin.filter.AVI_Writer;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

class VideoReaderTest {

	@TempDir
	Path dir;

	// -- good inputs --

	/**
	 * One video under two or three names (a symbolic link, a hard link) was measured once per name:
	 * each is now listed once, under the real file's name, and the note names the others.
	 */
	@Test
	void oneVideoUnderSeveralNamesIsListedOnce() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("links"));
		Files.write(folder.resolve("b.avi"), new byte[] { 1, 2, 3 });
		Files.write(folder.resolve("d.avi"), new byte[] { 1, 2, 3 }); // equal bytes, another file: kept
		Files.createSymbolicLink(folder.resolve("a.avi"), folder.resolve("b.avi"));
		Files.createLink(folder.resolve("c.avi"), folder.resolve("b.avi"));
		assertEquals(List.of("b.avi", "d.avi"), VideoReader.videosIn(folder.toFile()).stream().map(File::getName).toList());
		final String note = VideoReader.leftOutNote(folder.toFile());
		assertEquals("links: a.avi (the same file as b.avi), c.avi (the same file as b.avi) are left out, so that each " +
			"video is measured once", note);
		Files.delete(folder.resolve("a.avi"));
		Files.delete(folder.resolve("c.avi"));
		assertEquals(null, VideoReader.leftOutNote(folder.toFile()));
		assertEquals(null, VideoReader.leftOutNote(folder.resolve("b.avi").toFile()), "a file");
	}

	/**
	 * Track Face with output= the videos' folder writes v_face.tif (and v_face_track.csv) beside v.avi;
	 * a later batch on that folder measured the crop as a second video. A crop without its track, or
	 * without its video beside it, is a video like any other; given alone, a crop is measured.
	 */
	@Test
	void trackFacesCropBesideItsVideoIsNotMeasuredAgain() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("tracked"));
		Files.write(folder.resolve("v.avi"), new byte[] { 1 });
		final ImageStack s = new ImageStack(4, 4);
		s.addSlice(new ByteProcessor(4, 4));
		s.addSlice(new ByteProcessor(4, 4));
		for (final String crop : new String[] { "v_face.tif", "w_face.tif", "x_face.tif" })
			new FileSaver(new ImagePlus("", s)).saveAsTiffStack(folder.resolve(crop).toString());
		Files.writeString(folder.resolve("v_face_track.csv"), "frame\n");
		Files.writeString(folder.resolve("w_face_track.csv"), "frame\n"); // no w.avi: w_face.tif is all there is
		assertEquals(List.of("v.avi", "w_face.tif", "x_face.tif"), VideoReader.videosIn(folder.toFile()).stream().map(
			File::getName).toList());
		assertEquals("tracked: v_face.tif (Track Face's face crop of v.avi) is left out, so that each video is measured " +
			"once", VideoReader.leftOutNote(folder.toFile()));
		assertEquals(List.of("v_face.tif"), VideoReader.videosIn(folder.resolve("v_face.tif").toFile()).stream().map(
			File::getName).toList());
	}

	@Test
	void readsAnRgbAviWithItsFrameRateAsAVirtualStackAndLeavesTheFileAlone() throws IOException {
		final ImageStack frames = rgbFrames(10, 64, 48);
		final File avi = writeAvi(frames, 25, "clip.avi", AVI_Writer.NO_COMPRESSION);
		final Snapshot before = Snapshot.of(avi);

		final Video v = VideoReader.open(avi, 0, Progress.NONE);
		assertEquals(10, v.frames());
		assertEquals(64, v.width());
		assertEquals(48, v.height());
		assertEquals(25, v.fps(), 1e-9);
		assertEquals(24, v.bitDepth());
		assertTrue(v.isVirtual(), "AVI files are read frame by frame");
		assertEquals("clip", v.name());
		assertTrue(v.warnings().isEmpty());
		for (int t = 0; t < 10; t++)
			assertArrayEquals(rgb(frames.getPixels(t + 1)), rgb(v.frame(t).getPixels()), "frame " + t);

		assertEquals(30, VideoReader.open(avi, 30, Progress.NONE).fps(), 0, "fps= overrides the file");
		before.assertUnchanged(avi);
	}

	/**
	 * fps= typed for another video (fps=30 for a 25 fps file) scaled every heart rate without a word; the
	 * video now carries a warning (logged by Estimate Heart Rate, Batch Estimate and Evaluate) naming both
	 * rates. A rate within 1 % of the file's (30 for 29.97), and a file without a rate, give none.
	 */
	@Test
	void fpsGivenForAFileWithAnotherRateIsWarnedOf() throws IOException {
		final File avi = writeAvi(rgbFrames(3, 16, 12), 25, "clip25.avi", AVI_Writer.NO_COMPRESSION);
		assertEquals(List.of("fps=30 is used instead of the 25 fps its header gives: every heart rate is 1.2 times " +
			"what the file's rate would give. If the file's rate is right, leave fps out (or give fps=0)."), VideoReader
				.open(avi, 30, Progress.NONE).warnings());
		assertEquals(List.of(), VideoReader.open(avi, 25.2, Progress.NONE).warnings());
		assertEquals(List.of(), VideoReader.open(avi, 0, Progress.NONE).warnings());

		final ImagePlus imp = new ImagePlus("t", rgbFrames(3, 16, 12));
		imp.getCalibration().frameInterval = 0.04;
		imp.getCalibration().setTimeUnit("sec");
		final File tif = dir.resolve("t25.tif").toFile();
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.getPath()));
		assertTrue(VideoReader.open(tif, 30, Progress.NONE).warnings().get(0).startsWith("fps=30 is used instead of " +
			"the 25 fps its frame interval gives"));
		assertEquals(List.of(), VideoReader.open(tif, 25, Progress.NONE).warnings());
	}

	/**
	 * A legal name too long for the result files named after it (a 240-character name: the 255-byte
	 * limit is reached by STEM_heart_rate.png's temporary copy) was measured, then failed with "File name
	 * too long" and a fix about a full disk; it is refused before a frame is read, naming how long a name
	 * may be. A long name that fits, and one of multi-byte letters that fits, still open.
	 */
	@Test
	void aNameTooLongForItsResultFilesIsRefusedBeforeMeasuring() throws IOException {
		final ImageStack frames = rgbFrames(3, 16, 12);
		final File tooLong = writeAvi(frames, 25, "a".repeat(236) + ".avi", AVI_Writer.NO_COMPRESSION);
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(tooLong, 0,
			Progress.NONE));
		assertTrue(e.getMessage().contains("is too long for the result files named after it") && e.getMessage()
			.contains("more than the 255 a file name may have") && e.getMessage().contains("Rename it to a name of at " +
				"most "), e.getMessage());
		final int allowed = Integer.parseInt(e.getMessage().replaceAll("(?s).*at most (\\d+) bytes.*", "$1"));
		assertTrue(allowed > 150 && allowed < 236, e.getMessage());
		assertEquals(3, VideoReader.open(writeAvi(frames, 25, "b".repeat(allowed) + ".avi",
			AVI_Writer.NO_COMPRESSION), 0, Progress.NONE).frames(), "a name of the length the message allows opens");
		final File accents = writeAvi(frames, 25, "é".repeat(allowed / 2 + 1) + ".avi", AVI_Writer.NO_COMPRESSION);
		assertThrows(PulseJException.class, () -> VideoReader.open(accents, 0, Progress.NONE),
			"the limit counts bytes, not characters");
	}

	/**
	 * A top-down AVI (biHeight negative: the first stored row is the top one, as some cameras and
	 * encoders write them) is read the right way up. The file is ImageJ's bottom-up one with each
	 * frame's rows stored in the opposite order and the height negated, which is how a top-down
	 * writer lays out the same pictures.
	 */
	@Test
	void aTopDownUncompressedAviIsReadTheRightWayUp() throws IOException {
		final int w = 64, h = 48, n = 4;
		final ImageStack frames = rgbFrames(n, w, h);
		for (int t = 1; t <= n; t++) { // a red top row and a blue bottom row, to see at a glance
			final ImageProcessor ip = frames.getProcessor(t);
			for (int x = 0; x < w; x++) {
				ip.set(x, 0, 0xff0000);
				ip.set(x, h - 1, 0x0000ff);
			}
		}
		final File bottomUp = writeAvi(frames, 30, "bottomup.avi", AVI_Writer.NO_COMPRESSION);
		final byte[] bytes = Files.readAllBytes(bottomUp.toPath());
		final int strf = indexOf(bytes, "strf"), row = w * 3;
		// biHeight sits 8 bytes into the BITMAPINFOHEADER, after the 8-byte chunk header
		final int height = bytes[strf + 16] & 0xff | (bytes[strf + 17] & 0xff) << 8;
		assertEquals(h, height);
		final int negative = -h;
		for (int k = 0; k < 4; k++)
			bytes[strf + 16 + k] = (byte) (negative >> 8 * k);
		int frame = indexOf(bytes, "movi"), seen = 0;
		for (int i = frame; i + 8 <= bytes.length && seen < n; i++) {
			if (!(bytes[i] == '0' && bytes[i + 1] == '0' && bytes[i + 2] == 'd' && bytes[i + 3] == 'b')) continue;
			final int size = bytes[i + 4] & 0xff | (bytes[i + 5] & 0xff) << 8 | (bytes[i + 6] & 0xff) << 16;
			if (size != row * h) continue;
			final byte[] data = Arrays.copyOfRange(bytes, i + 8, i + 8 + size);
			for (int y = 0; y < h; y++)
				System.arraycopy(data, (h - 1 - y) * row, bytes, i + 8 + y * row, row);
			seen++;
			i += 8 + size - 1;
		}
		assertEquals(n, seen, "the frames' chunks were found");
		final File topDown = Files.write(dir.resolve("topdown.avi"), bytes).toFile();

		final Video v = VideoReader.open(topDown, 0, Progress.NONE);
		assertEquals(h, v.height());
		assertEquals(n, v.frames());
		for (int t = 0; t < n; t++) {
			final int[] px = rgb(v.frame(t).getPixels());
			assertEquals(0xff0000, px[0], "frame " + t + ": the first row is the top one (red), not the bottom one");
			assertEquals(0x0000ff, px[(h - 1) * w], "frame " + t + ": the last row is the bottom one (blue)");
			assertArrayEquals(rgb(frames.getPixels(t + 1)), px, "frame " + t);
		}
		// and the bottom-up original reads the same pictures
		assertArrayEquals(rgb(frames.getPixels(1)), rgb(VideoReader.open(bottomUp, 0, Progress.NONE).frame(0)
			.getPixels()));
	}

	@Test
	void readsA29point97FpsAviWrittenByImageJ() throws IOException {
		final File avi = writeAvi(rgbFrames(3, 32, 32), 29.97, "ntsc.avi", AVI_Writer.NO_COMPRESSION);
		// ImageJ keeps the exact period (33367 µs) in the main header; the stream header says 30
		assertEquals(29.97, VideoReader.open(avi, 0, Progress.NONE).fps(), 0.001);
	}

	@Test
	void acceptsEightBitGreyAvisAndSixteenBitTiffStacks() throws IOException {
		final ImageStack grey = new ImageStack(32, 24);
		for (int t = 0; t < 4; t++) {
			final ByteProcessor bp = new ByteProcessor(32, 24);
			bp.set(3, 4, 10 + 40 * t);
			grey.addSlice(bp);
		}
		final Video v8 = VideoReader.open(writeAvi(grey, 20, "grey.avi", AVI_Writer.NO_COMPRESSION), 0, Progress.NONE);
		assertEquals(8, v8.bitDepth());
		assertFalse(v8.isColor());
		assertEquals(130, v8.frame(3).get(3, 4));

		final ImageStack deep = new ImageStack(16, 8);
		for (int t = 0; t < 5; t++) {
			final ShortProcessor sp = new ShortProcessor(16, 8);
			sp.set(1, 2, 1000 + 5000 * t);
			deep.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("deep", deep);
		imp.getCalibration().frameInterval = 0.04;
		imp.getCalibration().setTimeUnit("sec");
		final File tif = dir.resolve("deep.tif").toFile();
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.getPath()));
		final Snapshot before = Snapshot.of(tif);
		final Video v16 = VideoReader.open(tif, 0, Progress.NONE);
		assertEquals(16, v16.bitDepth());
		assertEquals(5, v16.frames());
		assertEquals(25, v16.fps(), 1e-9, "1 / frame interval in seconds");
		assertEquals(21000, v16.frame(4).get(1, 2));
		assertEquals("deep", v16.name());
		before.assertUnchanged(tif);
	}

	/**
	 * An open image's result files are named after its title: "day1/subj2" wrote them into a subfolder
	 * of output=, and "../x" outside it, where they could replace other files. Refused where they are
	 * to be written ({@link VideoReader#checkTitle}); without output= it is measured (below).
	 */
	@Test
	void anOpenImageWhoseTitleHoldsAFolderSeparatorIsRefusedForResultFiles() {
		final ImagePlus imp = new ImagePlus("day1/subj2", rgbFrames(3, 8, 6));
		imp.getCalibration().fps = 30;
		PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.checkTitle(imp));
		assertEquals("The title of the open image, \"day1/subj2\", holds a folder separator (/ or \\): the result " +
			"files, named after it, would be written into another folder than output=.", e.problem());
		assertTrue(e.fix().contains("Image > Rename") && e.fix().contains("day1_subj2") && e.fix().contains(
			"output folder empty"), e.fix());
		for (final String title : new String[] { "../escape.avi", "a\\b", "..avi", "two\nlines" }) {
			imp.setTitle(title);
			e = assertThrows(PulseJException.class, () -> VideoReader.checkTitle(imp), title);
			assertTrue(e.problem().startsWith("The title of the open image, \"" + title.replace("\n", "?") + "\""), e
				.problem());
		}
		imp.setTitle("subject 1: rest.avi"); // not a path: measured and written as before
		VideoReader.checkTitle(imp);
		assertEquals("subject 1: rest", VideoReader.of(imp, 0).name());
		// on Windows no file name holds ':' (nor * ? " < > |): it failed only at the first result file written
		e = assertThrows(PulseJException.class, () -> VideoReader.checkTitle("subject 1: rest.avi", true));
		assertTrue(e.problem().contains("holds a character that Windows allows in no file name"), e.problem());
		assertTrue(e.fix().contains("such as subject 1_ rest,"), e.fix());
		VideoReader.checkTitle("subject 1 rest.avi", true);
	}

	/**
	 * Some readers title an image with its path ("cam1/session2.avi"): it was refused even when no
	 * output= was asked, where the title names no file. Measured under it, control characters shown as ?.
	 */
	@Test
	void anOpenImageTitledWithAPathIsMeasuredWhenNoFileIsNamedAfterIt() {
		final ImagePlus imp = new ImagePlus("cam1/session2.avi", rgbFrames(3, 8, 6));
		imp.getCalibration().fps = 30;
		final Video v = VideoReader.of(imp, 0);
		assertEquals("cam1/session2", v.name());
		assertEquals(3, v.frames());
		assertEquals("cam1/session2.avi", imp.getTitle(), "the image is left as it was");
		for (final String title : new String[] { "../escape.avi", "a\\b" }) {
			imp.setTitle(title);
			assertEquals(title.replace(".avi", ""), VideoReader.of(imp, 0).name());
		}
		imp.setTitle("two\nlines.avi");
		assertEquals("two?lines", VideoReader.of(imp, 0).name(), "one line in the log and the tables");
	}

	/**
	 * ImageJ keeps a playback rate (cal.fps: an AVI's header, Animation Options) beside the frame
	 * interval of Image > Properties, which leaves the rate as it was for an interval under 1/30 s or
	 * in ms. A stack played at 7 fps whose frames are 1/30 s apart was measured at 7 fps (51 bpm for 72,
	 * exit 0); two rates more than 1 % apart are now refused, before anything is measured.
	 */
	@Test
	void refusesAStackWhosePlaybackRateDisagreesWithItsFrameInterval() throws IOException {
		final ImagePlus imp = new ImagePlus("played", rgbFrames(3, 8, 6));
		imp.getCalibration().fps = 7;
		imp.getCalibration().frameInterval = 1.0 / 30;
		imp.getCalibration().setTimeUnit("sec");
		final File tif = dir.resolve("played.tif").toFile();
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.getPath()));
		final Snapshot before = Snapshot.of(tif);
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(tif, 0, Progress.NONE));
		assertTrue(e.getMessage().startsWith("played holds two frame rates that disagree: its frame interval (Image > " +
			"Properties) is 0.03333 sec, 30 fps, but its frame rate for playback (Image > Stacks > Animation > " +
			"Animation Options, or an AVI's header) is 7 fps."), e.getMessage());
		assertTrue(e.getMessage().contains("Give the camera's rate with fps= (fps=30 if the frame interval is right)"),
			e.getMessage());
		assertThrows(PulseJException.class, () -> VideoReader.of(imp, 0), "an open image alike");
		assertEquals(30, VideoReader.open(tif, 30, Progress.NONE).fps(), 0, "fps= settles it");
		before.assertUnchanged(tif);

		// an interval in ms that Image > Properties did not carry over to the rate
		imp.getCalibration().fps = 30;
		imp.getCalibration().frameInterval = 40;
		imp.getCalibration().setTimeUnit("ms");
		assertTrue(assertThrows(PulseJException.class, () -> VideoReader.of(imp, 0)).getMessage().contains(
			"is 40 ms, 25 fps, but its frame rate for playback"));
		// rates that agree to rounding (29.97 fps, an interval of 33.37 ms; 30 fps, an interval typed as 0.033 s)
		imp.getCalibration().fps = 29.97;
		imp.getCalibration().frameInterval = 33.37;
		assertEquals(29.97, VideoReader.of(imp, 0).fps(), 0);
		imp.getCalibration().fps = 30;
		imp.getCalibration().frameInterval = 0.033;
		imp.getCalibration().setTimeUnit("sec");
		assertEquals(30, VideoReader.of(imp, 0).fps(), 0);
	}

	/**
	 * A TIFF given by its bare name (input=v.tif, in the working folder) has no parent folder: it was
	 * looked for as "null/v.tif" and refused as "not a TIFF file ImageJ can read" (an AVI was read).
	 */
	@Test
	void readsATiffGivenByItsBareNameInTheWorkingFolder() throws IOException {
		final ImageStack s = new ImageStack(8, 6);
		for (int t = 0; t < 3; t++) {
			final ByteProcessor bp = new ByteProcessor(8, 6);
			bp.set(2, 3, 50 + t);
			s.addSlice(bp);
		}
		final File bare = new File("pulsej-bare-name-" + ProcessHandle.current().pid() + ".tif");
		assertTrue(bare.getParent() == null && !bare.exists());
		try {
			assertTrue(new FileSaver(new ImagePlus("bare", s)).saveAsTiffStack(bare.getAbsolutePath()));
			final Video v = VideoReader.open(bare, 30, Progress.NONE);
			assertEquals(3, v.frames());
			assertEquals(52, v.frame(2).get(2, 3));
			assertEquals(List.of(bare), VideoReader.videosIn(bare));
		}
		finally {
			Files.deleteIfExists(bare.toPath());
		}
	}

	@Test
	void readsAFolderOfFramesInNaturalOrderWithTheGivenRate() throws IOException {
		final Path frames = Files.createDirectory(dir.resolve("frames"));
		for (int i = 1; i <= 12; i++)
			savePng(frames.resolve("frame" + i + ".png"), i);
		Files.writeString(frames.resolve("notes.txt"), "not a frame");

		final Video v = VideoReader.open(frames.toFile(), 30, Progress.NONE);
		assertEquals(12, v.frames());
		assertEquals(30, v.fps(), 0);
		assertEquals("frames", v.name());
		assertEquals(8, v.bitDepth());
		for (int t = 0; t < 12; t++)
			assertEquals(t + 1, v.frame(t).get(0, 0), "frame" + (t + 1) + ".png is frame " + t + " (frame10 after frame9)");
	}

	@Test
	void aFolderOfFramesWithNumbersSkippedIsRefused() throws IOException {
		// 40 of 360 frames missing were measured as 320 consecutive ones: 68.9 bpm for 72, without a word
		final Path frames = Files.createDirectory(dir.resolve("gap"));
		for (int i = 1; i <= 12; i++)
			if (i != 5 && i != 6 && i != 10) savePng(frames.resolve(String.format("frame_%04d.png", i)), i);
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(frames.toFile(), 30,
			Progress.NONE));
		assertMessage(e, "Frames are missing from", "frame_0004.png is followed by frame_0007.png (2 frames missing " +
			"there; 3 in 2 gaps in all)", "separate folders");
		// frames named by time stamps step unevenly by nature (PURE's Image<ns>.png): read
		final Path stamps = Files.createDirectory(dir.resolve("stamps"));
		for (int i = 0; i < 6; i++)
			savePng(stamps.resolve("Image" + (1392643993642815000L + i * 33_333_333L + (i >= 3 ? 33_333_333L : 0)) +
				".png"), i);
		assertEquals(6, VideoReader.open(stamps.toFile(), 30, Progress.NONE).frames());
		// numbered from 0, or every second frame kept: read
		final Path even = Files.createDirectory(dir.resolve("even"));
		for (int i = 0; i < 12; i += 2)
			savePng(even.resolve("f" + i + ".png"), i);
		assertEquals(6, VideoReader.open(even.toFile(), 15, Progress.NONE).frames());
	}

	@Test
	void aFolderHoldingTwoSequencesOfFramesIsRefused() throws IOException {
		// the same frames exported as PNG and as JPEG: read in turn, 24 frames for 12, the heart rate halved
		final Path both = Files.createDirectory(dir.resolve("both"));
		for (int i = 1; i <= 12; i++) {
			savePng(both.resolve(String.format("frame_%04d.png", i)), i);
			Files.copy(both.resolve(String.format("frame_%04d.png", i)), both.resolve(String.format("frame_%04d.jpg",
				i)));
		}
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(both.toFile(), 30, Progress.NONE)),
			"holds two sequences of frames numbered alike (frame_0001.jpg and frame_0001.png)", "heart rate come out " +
				"wrong", "a folder of its own");
		// two cameras' frames side by side
		final Path cams = Files.createDirectory(dir.resolve("cams"));
		for (int i = 0; i < 4; i++) {
			savePng(cams.resolve("left_" + i + ".png"), i);
			savePng(cams.resolve("right_" + i + ".png"), i);
		}
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(cams.toFile(), 30, Progress.NONE)),
			"(left_0.png and right_0.png)");
		// a constant number after the frame number is not a second sequence
		final Path cam1 = Files.createDirectory(dir.resolve("cam1"));
		for (int i = 0; i < 4; i++)
			savePng(cam1.resolve("frame_000" + i + "_cam1.png"), i);
		assertEquals(4, VideoReader.open(cam1.toFile(), 30, Progress.NONE).frames());
	}

	@Test
	void aStrayImageBeforeTheFramesIsNamedAsTheLikelyCause() throws IOException {
		// cover.png sorts before frame_0001.png: every frame was said to have the wrong size, with a fix that
		// rescaled them all to the cover's size
		final Path frames = Files.createDirectory(dir.resolve("stray"));
		final ImageStack rgb = rgbFrames(3, 16, 12);
		for (int t = 1; t <= 3; t++)
			assertTrue(new FileSaver(new ImagePlus("f", rgb.getProcessor(t))).saveAsPng(frames.resolve(String.format(
				"frame_%04d.png", t)).toString()));
		assertTrue(new FileSaver(new ImagePlus("c", new ColorProcessor(20, 10))).saveAsPng(frames.resolve("cover.png")
			.toString()));
		final Video v = VideoReader.open(frames.toFile(), 30, Progress.NONE);
		final PulseJException e = assertThrows(PulseJException.class, () -> v.frame(1));
		assertTrue(e.getMessage().contains("frame_0001.png is 16x12 pixels, but the first frame cover.png is 20x10"), e
			.getMessage());
		assertTrue(e.fix().startsWith("If cover.png is not a frame (it is named unlike frame_0001.png), move it out " +
			"of the folder."), e.fix());
		assertEquals("frame_#.png", FrameFolderStack.series("Frame_0001.PNG"));
	}

	@Test
	void framesWithAColourPaletteAreRefusedAndGreyOnesShownWithALutAreRead() throws IOException {
		// palette indices were averaged as brightness (GREEN: 76.9 bpm for 72); POS called the video grey
		final ImageStack rgb = rgbFrames(4, 16, 12), palette = new ImageStack(16, 12);
		final Path frames = Files.createDirectory(dir.resolve("gif"));
		for (int t = 1; t <= 4; t++) {
			final ImageProcessor ip = new ij.process.MedianCut((ColorProcessor) rgb.getProcessor(t)).convertToByte(256);
			palette.addSlice(ip);
			assertTrue(new FileSaver(new ImagePlus("f", ip)).saveAsPng(frames.resolve("f" + t + ".png").toString()));
		}
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(frames.toFile(), 30, Progress.NONE)),
			"gif (f1.png) is stored with a colour palette", "rgb24");
		final ImagePlus imp = new ImagePlus("pal", palette);
		imp.getProcessor().setColorModel(palette.getProcessor(1).getColorModel());
		imp.getCalibration().fps = 30;
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.of(imp, 0)), "pal is stored with a " +
			"colour palette");
		final Path tif = dir.resolve("pal.tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.toString()));
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(tif.toFile(), 0, Progress.NONE)),
			"pal.tif is stored with a colour palette");
		final File avi = writeAvi(imp.getStack(), 30, "pal.avi", AVI_Writer.NO_COMPRESSION);
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(avi, 0, Progress.NONE)),
			"pal.avi is stored with a colour palette");
		// grey values shown with a display LUT (Fire) are brightness: read
		final ImageStack grey = new ImageStack(16, 12);
		for (int t = 0; t < 4; t++)
			grey.addSlice(new ByteProcessor(16, 12));
		final ImagePlus fire = new ImagePlus("fire", grey);
		fire.getProcessor().setColorModel(ij.plugin.LutLoader.getLut("fire"));
		assertEquals(8, VideoReader.of(fire, 30).bitDepth());
	}

	@Test
	void naturalOrderComparesDigitRunsByValue() {
		final List<String> names = Arrays.asList("f10.png", "f2.png", "F1.png", "f02b.png", "g.png", "f2a.png");
		names.sort(NaturalOrder.INSTANCE);
		assertEquals(List.of("F1.png", "f2.png", "f2a.png", "f02b.png", "f10.png", "g.png"), names);
	}

	@Test
	void anOpenImageTakesItsTitleAndCalibration() {
		final ImagePlus imp = new ImagePlus("clip.avi", rgbFrames(3, 8, 8));
		imp.getCalibration().fps = 15;
		final Video v = VideoReader.of(imp, 0);
		assertEquals("clip", v.name());
		assertEquals(15, v.fps(), 0);
		assertEquals(3, v.frames());
		assertEquals(null, v.source());
		assertEquals("a.b c", VideoReader.stripExtension("a.b c"), "not an extension");

		imp.getCalibration().fps = 0;
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.of(imp, 0));
		assertEquals("The frame rate of clip is unknown — Give it with fps=30 (frames per second)", e.getMessage());
		assertEquals(12, VideoReader.of(imp, 12).fps(), 0);

		final ImagePlus hyper = new ImagePlus("hyper", rgbFrames(6, 8, 8));
		hyper.setDimensions(2, 1, 3);
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.of(hyper, 30)), "2 channels", "Stack to RGB");
		// the time points stored as channels: Stack to RGB cannot help there
		final ImageStack grey = new ImageStack(8, 8);
		for (int t = 0; t < 12; t++)
			grey.addSlice(new ByteProcessor(8, 8));
		final ImagePlus timeAsChannels = new ImagePlus("tc", grey);
		timeAsChannels.setDimensions(12, 1, 1);
		final PulseJException tc = assertThrows(PulseJException.class, () -> VideoReader.of(timeAsChannels, 30));
		assertMessage(tc, "12 channels and 1 time frame", "Re-order Hyperstack");
		assertFalse(tc.fix().contains("Stack to RGB"), tc.fix());
	}

	/**
	 * A folder holding an exported sequence of frames and a video: only the video was measured, without
	 * a word about the frames, which a user who meant the frames took for their result.
	 */
	@Test
	void imageFramesBesideVideosAreNamedAsNotMeasured() throws IOException {
		final Path mixed = Files.createDirectory(dir.resolve("mixed"));
		writeAvi(rgbFrames(2, 8, 8), 30, "mixed/x.avi", AVI_Writer.NO_COMPRESSION);
		for (int i = 1; i <= 3; i++)
			savePng(mixed.resolve("f00" + i + ".png"), i);
		assertEquals(List.of("x.avi"), VideoReader.videosIn(mixed.toFile()).stream().map(File::getName).toList());
		assertEquals("mixed holds 3 image files beside its 1 video; only the video is measured (to measure the " +
			"images as the frames of a video, give a folder that holds only them)", VideoReader.ignoredFramesNote(mixed
				.toFile()));
		Files.delete(mixed.resolve("x.avi"));
		assertEquals(null, VideoReader.ignoredFramesNote(mixed.toFile()), "a folder of frames only");
		assertEquals(null, VideoReader.ignoredFramesNote(mixed.resolve("f001.png").toFile()));
	}

	/**
	 * Phone recordings (MP4, MOV) in a folder: alone, the folder was said to hold "no videos" with no
	 * word of converting them; beside AVIs they were left out without a word.
	 */
	@Test
	void videosOfOtherContainersInAFolderAreNamedWithTheirConversion() throws IOException {
		// where FFmpeg does not load (PulseJ ships its natives for Linux x86-64 only); FfmpegVideoTest reads them
		System.setProperty(FfmpegStack.SWITCH, "false");
		try {
			otherContainersWithoutFfmpeg();
		}
		finally {
			System.clearProperty(FfmpegStack.SWITCH);
		}
	}

	private void otherContainersWithoutFfmpeg() throws IOException {
		final Path phone = Files.createDirectory(dir.resolve("phone"));
		Files.writeString(phone.resolve("a.mp4"), "x");
		Files.writeString(phone.resolve("b.MOV"), "x");
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.videosIn(phone.toFile()));
		assertMessage(e, "holds 2 videos that PulseJ cannot read (a.mp4, b.MOV)", "reads AVI files", "ffmpeg");
		assertTrue(e.fix().contains("*.mp4") && e.fix().contains(".avi"), e.fix());
		writeAvi(rgbFrames(2, 8, 8), 30, "phone/c.avi", AVI_Writer.NO_COMPRESSION);
		assertEquals(List.of("c.avi"), VideoReader.videosIn(phone.toFile()).stream().map(File::getName).toList());
		final String note = VideoReader.ignoredFramesNote(phone.toFile());
		assertTrue(note != null && note.startsWith("phone holds 2 videos PulseJ cannot read (a.mp4, b.MOV), which are " +
			"left out: convert them to AVI first") && note.contains("ffmpeg"), note);
		savePng(phone.resolve("f.png"), 1);
		final String both = VideoReader.ignoredFramesNote(phone.toFile());
		assertTrue(both.startsWith("phone holds 1 image file beside its 1 video") && both.contains("2 videos PulseJ " +
			"cannot read"), both);
	}

	/**
	 * Frames of three 16-bit channels (48-bit RGB PNG, from scientific cameras): only the first
	 * channel, red, was read, as "a 16-bit grey video" that POS refused and GREEN measured.
	 */
	@Test
	void framesOfThreeSixteenBitChannelsAreNamed() throws IOException {
		final Path f = Files.createDirectory(dir.resolve("f48"));
		for (int t = 0; t < 3; t++)
			Files.write(f.resolve("f" + t + ".png"), png48(8, 6, 30000 + 100 * t));
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(f.toFile(), 30,
			Progress.NONE));
		assertMessage(e, "The frame f0.png of f48 holds 3 channels of 16 bits (48-bit RGB)", "only its first channel");
		assertTrue(e.fix().contains("mogrify -path f48_rgb -depth 8"), e.fix());
	}

	/** A 48-bit RGB PNG (16 bits per channel) of one colour. */
	static byte[] png48(final int w, final int h, final int v) throws IOException {
		final java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
		for (int y = 0; y < h; y++) {
			raw.write(0);
			for (int x = 0; x < w; x++)
				for (final int c : new int[] { v, v / 2, v / 3 }) {
					raw.write(c >> 8);
					raw.write(c & 0xff);
				}
		}
		final java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
		png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		final java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 16).put(
			(byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(png, "IHDR", ihdr.array());
		final java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
		try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
			d.write(raw.toByteArray());
		}
		chunk(png, "IDAT", z.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(final java.io.ByteArrayOutputStream out, final String type, final byte[] data)
		throws IOException
	{
		final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(type.getBytes(StandardCharsets.US_ASCII));
		crc.update(data);
		out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
		out.write(type.getBytes(StandardCharsets.US_ASCII));
		out.write(data);
		out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	@Test
	void videosInListsVideoFilesOrTheFolderOfFrames() throws IOException {
		final Path videos = Files.createDirectory(dir.resolve("videos"));
		writeAvi(rgbFrames(2, 8, 8), 30, "videos/b10.avi", AVI_Writer.NO_COMPRESSION);
		writeAvi(rgbFrames(2, 8, 8), 30, "videos/b2.avi", AVI_Writer.NO_COMPRESSION);
		writeAvi(rgbFrames(2, 8, 8), 30, "videos/a.avi", AVI_Writer.NO_COMPRESSION);
		final ImagePlus stack = new ImagePlus("s", rgbFrames(3, 8, 8));
		assertTrue(new FileSaver(stack).saveAsTiffStack(videos.resolve("s.tif").toString()));
		assertTrue(new FileSaver(new ImagePlus("one", new ByteProcessor(4, 4))).saveAsTiff(videos.resolve("single.tif")
			.toString()));
		savePng(videos.resolve("thumbnail.png"), 3);
		assertEquals(List.of("a.avi", "b2.avi", "b10.avi", "s.tif"), VideoReader.videosIn(videos.toFile()).stream().map(
			File::getName).toList());

		final Path frames = Files.createDirectory(dir.resolve("pngs"));
		savePng(frames.resolve("0001.png"), 1);
		savePng(frames.resolve("0002.png"), 2);
		assertEquals(List.of(frames.toFile()), VideoReader.videosIn(frames.toFile()));

		final File one = videos.resolve("a.avi").toFile();
		assertEquals(List.of(one), VideoReader.videosIn(one));
		final File mp4 = Files.writeString(dir.resolve("clip.mp4"), "x").toFile();
		System.setProperty(FfmpegStack.SWITCH, "false"); // FfmpegVideoTest: with FFmpeg, MP4s are videos
		try {
			assertMessage(assertThrows(PulseJException.class, () -> VideoReader.videosIn(mp4)), "clip.mp4", "ffmpeg");
		}
		finally {
			System.clearProperty(FfmpegStack.SWITCH);
		}
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.videosIn(frames.resolve("0001.png")
			.toFile())), "single image", "folder");
	}

	// -- bad inputs --

	@Test
	void aMissingPathIsNamed() {
		final File missing = dir.resolve("nowhere/clip.avi").toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(missing, 30, Progress.NONE)),
			"does not exist", "input=");
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.videosIn(missing)), "does not exist");
	}

	@Test
	void textOrRandomBytesNamedAviAreNotAvi() throws IOException {
		final File text = Files.writeString(dir.resolve("notes.avi"), "This is not a video.\n").toFile();
		final byte[] noise = new byte[5000];
		new Random(7).nextBytes(noise);
		final File random = Files.write(dir.resolve("noise.avi"), noise).toFile();
		for (final File f : new File[] { text, random }) {
			final Snapshot before = Snapshot.of(f);
			assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(f, 30, Progress.NONE)), f.getName(),
				"not an AVI file", "ffmpeg");
			before.assertUnchanged(f);
		}
	}

	/**
	 * A video of one format named with another's extension (an AVI saved as .tif, a TIFF stack as .avi, a
	 * PNG as .tif), or an empty .tif: it was "not a TIFF file ImageJ can read" with a fix to save the stack
	 * again from ImageJ, or "not an AVI file" with an ffmpeg command. The first bytes name what it is, and
	 * the fix the name to give it.
	 */
	@Test
	void aVideoNamedWithAnotherFormatsExtensionIsNamedForWhatItIs() throws IOException {
		final File avi = writeAvi(rgbFrames(3, 16, 12), 30, "v.avi", AVI_Writer.NO_COMPRESSION);
		final File aviAsTif = Files.copy(avi.toPath(), dir.resolve("a.tif")).toFile();
		final Snapshot before = Snapshot.of(aviAsTif);
		PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(aviAsTif, 0, Progress.NONE));
		assertEquals("a.tif is not a TIFF file: its first bytes show that it is an AVI video, named .tif.", e.problem());
		assertEquals("Rename it to a.avi and give that name as input=.", e.fix());
		before.assertUnchanged(aviAsTif);

		final File tif = dir.resolve("s.tif").toFile();
		assertTrue(new FileSaver(new ImagePlus("s", rgbFrames(3, 16, 12))).saveAsTiffStack(tif.getPath()));
		final File tifAsAvi = Files.copy(tif.toPath(), dir.resolve("b.avi")).toFile();
		e = assertThrows(PulseJException.class, () -> VideoReader.open(tifAsAvi, 30, Progress.NONE));
		assertEquals("b.avi is not an AVI file: its first bytes show that it is a TIFF file, named .avi.", e.problem());
		assertEquals("Rename it to b.tif and give that name as input=.", e.fix());

		final File png = dir.resolve("p.png").toFile();
		assertTrue(new FileSaver(new ImagePlus("p", rgbFrames(1, 16, 12))).saveAsPng(png.getPath()));
		final File pngAsTif = Files.copy(png.toPath(), dir.resolve("c.tif")).toFile();
		e = assertThrows(PulseJException.class, () -> VideoReader.open(pngAsTif, 30, Progress.NONE));
		assertTrue(e.problem().contains("it is a PNG image, named .tif") && e.fix().startsWith("Rename it to c.png"), e
			.getMessage());

		final File empty = Files.write(dir.resolve("e.tif"), new byte[0]).toFile();
		e = assertThrows(PulseJException.class, () -> VideoReader.open(empty, 30, Progress.NONE));
		assertEquals("e.tif is empty (0 bytes), not a TIFF stack.", e.problem());
		// an interrupted copy is named as empty, not as another format or damaged, with an ffmpeg command
		final File emptyAvi = Files.write(dir.resolve("e.avi"), new byte[0]).toFile();
		e = assertThrows(PulseJException.class, () -> VideoReader.open(emptyAvi, 30, Progress.NONE));
		assertEquals("e.avi is empty (0 bytes), not an AVI video.", e.problem());
		assertEquals("Copy or save the video again.", e.fix());
		assertEquals(0, emptyAvi.length());
	}

	@Test
	void anEmptyFolderOrOneWithoutImagesIsRefused() throws IOException {
		final File empty = Files.createDirectory(dir.resolve("empty")).toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(empty, 30, Progress.NONE)),
			"no videos", "image frames", "folder");
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.videosIn(empty)), "no videos");
		final Path texts = Files.createDirectory(dir.resolve("texts"));
		Files.writeString(texts.resolve("a.txt"), "a");
		Files.writeString(texts.resolve(".hidden.png"), "hidden files are not frames");
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(texts.toFile(), 30, Progress.NONE)),
			"no videos");
		final Path onlyVideos = Files.createDirectory(dir.resolve("onlyVideos"));
		writeAvi(rgbFrames(2, 8, 8), 30, "onlyVideos/a.avi", AVI_Writer.NO_COMPRESSION);
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(onlyVideos.toFile(), 30,
			Progress.NONE)), "holds video files", "Batch Estimate");
	}

	@Test
	void oneFrameIsNotAVideo() throws IOException {
		final File tif = dir.resolve("still.tif").toFile();
		assertTrue(new FileSaver(new ImagePlus("still", new ByteProcessor(8, 8))).saveAsTiff(tif.getPath()));
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(tif, 30, Progress.NONE)),
			"only 1 frame", "at least " + VideoReader.MIN_FRAMES);
		final File avi = writeAvi(rgbFrames(1, 16, 16), 30, "one.avi", AVI_Writer.NO_COMPRESSION);
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(avi, 0, Progress.NONE)),
			"only 1 frame");
		final Path folder = Files.createDirectory(dir.resolve("oneframe"));
		savePng(folder.resolve("a.png"), 1);
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(folder.toFile(), 30, Progress.NONE)),
			"only 1 frame");
		final File png = folder.resolve("a.png").toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(png, 30, Progress.NONE)),
			"single image");
	}

	@Test
	void anUnsupportedCodecIsNamedWithTheWayOut() throws IOException {
		final File avi = writeAvi(rgbFrames(4, 32, 24), 30, "h264.avi", AVI_Writer.NO_COMPRESSION);
		final byte[] bytes = Files.readAllBytes(avi.toPath());
		final int strf = indexOf(bytes, "strf");
		// biCompression sits 16 bytes into the BITMAPINFOHEADER, after the 8-byte chunk header
		System.arraycopy("H264".getBytes(StandardCharsets.US_ASCII), 0, bytes, strf + 8 + 16, 4);
		Files.write(avi.toPath(), bytes);
		final Snapshot before = Snapshot.of(avi);
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(avi, 0, Progress.NONE));
		// a codec ImageJ does not read goes to FFmpeg, which cannot decode these bytes either
		assertMessage(e, "ImageJ cannot read h264.avi", "H264", FfmpegStack.available() ? "FFmpeg cannot read it either"
			: "Unsupported compression", "ffmpeg");
		before.assertUnchanged(avi);
	}

	@Test
	void aTruncatedAviOpensItsCompleteFramesWithAWarning() throws IOException {
		final ImageStack frames = rgbFrames(10, 64, 48);
		final File whole = writeAvi(frames, 30, "whole.avi", AVI_Writer.NO_COMPRESSION);
		final byte[] bytes = Files.readAllBytes(whole.toPath());
		final File cut = Files.write(dir.resolve("cut.avi"), Arrays.copyOf(bytes, bytes.length / 2)).toFile();
		final Snapshot before = Snapshot.of(cut);

		final Video v = VideoReader.open(cut, 0, Progress.NONE);
		// 10 frames of 64 × 48 × 3 bytes: half the file holds 4 complete frames and part of a 5th
		assertEquals(4, v.frames());
		assertEquals(30, v.fps(), 1e-9);
		assertEquals(1, v.warnings().size());
		assertTrue(v.warnings().get(0).contains("truncated") && v.warnings().get(0).contains("4 complete frames of 10"),
			v.warnings().get(0));
		for (int t = 0; t < 4; t++)
			assertArrayEquals(rgb(frames.getPixels(t + 1)), rgb(v.frame(t).getPixels()), "frame " + t);
		before.assertUnchanged(cut);
		// too short to measure: the refusal says why it is that short (it was only in the log)
		final PulseJException shortOne = assertThrows(PulseJException.class, () -> new org.pulsej.pipeline.HeartRatePipeline(
			new org.pulsej.pipeline.EstimateOptions(), org.pulsej.pipeline.ConfidenceEstimator.FULL).check(v));
		assertTrue(shortOne.getMessage().contains("is too short: 4 frames") && shortOne.getMessage().contains("frames. " +
			"cut.avi is truncated (the file ends early): read its 4 complete frames of 10."), shortOne.getMessage());

		final File stub = Files.write(dir.resolve("stub.avi"), Arrays.copyOf(bytes, 300)).toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(stub, 0, Progress.NONE)), "stub.avi",
			"truncated");
	}

	/**
	 * A TIFF stack cut short (a copy interrupted) was read without a word: ImageJ kept the frames the file
	 * still holds, and one cut before its first frame gave all its frames, black ("No face was found in any of
	 * the 10 frames"). It is read as a truncated AVI is: its complete frames, with a warning; none, refused.
	 */
	@Test
	void aTruncatedTiffOpensItsCompleteFramesWithAWarning() throws IOException {
		final ImageStack frames = rgbFrames(10, 64, 48);
		final ImagePlus imp = new ImagePlus("whole", frames);
		imp.getCalibration().fps = 30;
		final File whole = dir.resolve("whole.tif").toFile();
		assertTrue(new FileSaver(imp).saveAsTiffStack(whole.getPath()));
		assertEquals(List.of(), VideoReader.open(whole, 0, Progress.NONE).warnings());
		final byte[] bytes = Files.readAllBytes(whole.toPath());
		// cut inside the 5th of its 10 frames of 64 × 48 × 3 bytes (ImageJ writes the IFDs after the pixels)
		final long offset = new ij.io.TiffDecoder(dir.toString() + File.separator, "whole.tif").getTiffInfo()[0]
			.getOffset();
		final File cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(bytes, (int) offset + 64 * 48 * 3 * 9 / 2))
			.toFile();
		final Snapshot before = Snapshot.of(cut);

		final Video v = VideoReader.open(cut, 0, Progress.NONE);
		assertEquals(4, v.frames());
		assertEquals(List.of("cut.tif is truncated (the file ends early): read its 4 complete frames of 10. Results " +
			"cover only those frames."), v.warnings());
		for (int t = 0; t < 4; t++)
			assertArrayEquals(rgb(frames.getPixels(t + 1)), rgb(v.frame(t).getPixels()), "frame " + t);
		before.assertUnchanged(cut);
		// too short to measure: the refusal says why it is that short (it was only in the log)
		final PulseJException shortOne = assertThrows(PulseJException.class, () -> new org.pulsej.pipeline.HeartRatePipeline(
			new org.pulsej.pipeline.EstimateOptions(), org.pulsej.pipeline.ConfidenceEstimator.FULL).check(v));
		assertTrue(shortOne.getMessage().contains("is too short: 4 frames") && shortOne.getMessage().contains("frames. " +
			"cut.tif is truncated (the file ends early): read its 4 complete frames of 10."), shortOne.getMessage());

		final File stub = Files.write(dir.resolve("stub.tif"), Arrays.copyOf(bytes, 3000)).toFile();
		assertMessage(assertThrows(PulseJException.class, () -> VideoReader.open(stub, 0, Progress.NONE)), "stub.tif",
			"truncated before its first frame");
	}

	@Test
	void aFolderOfPngsWithoutFpsNeedsTheRate() throws IOException {
		final Path frames = Files.createDirectory(dir.resolve("pngs"));
		savePng(frames.resolve("a1.png"), 1);
		savePng(frames.resolve("a2.png"), 2);
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.open(frames.toFile(), 0,
			Progress.NONE));
		assertEquals("The frame rate of pngs is unknown", e.problem());
		assertEquals("Give it with fps=30 (frames per second)", e.fix());
	}

	// -- helpers --

	/** Packed RGB without the alpha byte (ImageJ's reader sets it, ColorProcessors ignore it). */
	static int[] rgb(final Object pixels) {
		return Arrays.stream((int[]) pixels).map(p -> p & 0xffffff).toArray();
	}

	static ImageStack rgbFrames(final int n, final int w, final int h) {
		final ImageStack s = new ImageStack(w, h);
		final Random r = new Random(n * 31L + w);
		for (int t = 0; t < n; t++) {
			final int[] px = new int[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = r.nextInt(1 << 24);
			s.addSlice(new ColorProcessor(w, h, px));
		}
		return s;
	}

	private File writeAvi(final ImageStack frames, final double fps, final String name, final int compression)
		throws IOException
	{
		final ImagePlus imp = new ImagePlus(name, frames);
		imp.getCalibration().fps = fps;
		final File f = dir.resolve(name).toFile();
		new AVI_Writer().writeImage(imp, f.getPath(), compression, 90);
		return f;
	}

	private static void savePng(final Path p, final int value) {
		final ImageProcessor ip = new ByteProcessor(6, 4);
		ip.setValue(value);
		ip.fill();
		assertTrue(new FileSaver(new ImagePlus("f", ip)).saveAsPng(p.toString()));
	}

	private static int indexOf(final byte[] bytes, final String what) {
		final byte[] w = what.getBytes(StandardCharsets.US_ASCII);
		outer: for (int i = 0; i + w.length <= bytes.length; i++) {
			for (int k = 0; k < w.length; k++)
				if (bytes[i + k] != w[k]) continue outer;
			return i;
		}
		throw new AssertionError(what + " not found");
	}

	static void assertMessage(final PulseJException e, final String... parts) {
		for (final String p : parts)
			assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
		assertNotNull(e.fix());
		assertFalse(e.fix().isBlank(), "a fix is given");
	}

	/** Bytes and modification time of a file, to show that reading left it alone. */
	record Snapshot(byte[] bytes, FileTime modified) {
		static Snapshot of(final File f) throws IOException {
			return new Snapshot(Files.readAllBytes(f.toPath()), Files.getLastModifiedTime(f.toPath()));
		}

		void assertUnchanged(final File f) throws IOException {
			assertArrayEquals(bytes, Files.readAllBytes(f.toPath()), f + " was modified");
			assertEquals(modified, Files.getLastModifiedTime(f.toPath()), f + " was touched");
		}
	}

	@Test
	void imageJsReaderErrorsReachTheLogWithoutControlBytes() {
		assertEquals("Unsupported 7 bits/pixel for compression", VideoReader.cleanImageJError(
			"An error occurred reading the AVI file.\nUnsupported 7 bits/pixel for compression '\0\0\0\0'"));
		assertEquals("Unsupported compression: 5a5a5a5a 'ZZZZ'", VideoReader.cleanImageJError(
			"Unsupported compression: 5a5a5a5a 'ZZZZ'"));
		assertEquals("", VideoReader.cleanImageJError(null));
	}

	@Test
	void aNameWithALineBreakIsRefusedBeforeItBreaksTheSummary(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
		throws Exception
	{
		final java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("nl\nx.avi"), "x");
		final org.pulsej.util.PulseJException e = org.junit.jupiter.api.Assertions.assertThrows(
			org.pulsej.util.PulseJException.class, () -> VideoReader.open(f.toFile(), 0, org.pulsej.util.Progress.NONE));
		org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("nl?x.avi") && e.getMessage().contains(
			"line break") && e.fix().contains("Rename"), e.getMessage());
	}

	/**
	 * The files by which VideoReader knows a results folder are named in the layers that write them, which
	 * the video layer may not refer to: the names must stay the same.
	 */
	@Test
	void theResultRecordsAreTheNamesTheirWritersUse() {
		assertEquals(List.of(org.pulsej.eval.EvaluationWriter.SOURCE, org.pulsej.util.FolderLock.FILE,
			org.pulsej.results.ShardRecord.FILE), VideoReader.RESULT_RECORDS);
		assertEquals(org.pulsej.eval.EvaluationWriter.METRICS, VideoReader.METRICS);
		assertEquals(org.pulsej.eval.EvaluationWriter.EVALUATION, VideoReader.EVALUATION);
		assertEquals(org.pulsej.results.ResultWriter.SUMMARY, VideoReader.SUMMARY);
		assertTrue(org.pulsej.results.ResultWriter.SUMMARY_HEADER.startsWith(VideoReader.SUMMARY_START));
	}

	/** A results folder given as input= was read as a folder of frames (its plots): "frame rate unknown". */
	@Test
	void aFolderOfPulseJsResultsIsNotReadAsFrames() throws Exception {
		final java.nio.file.Path r = java.nio.file.Files.createDirectories(dir.resolve("results"));
		java.nio.file.Files.writeString(r.resolve("summary.csv"), "video,frames,fps,hr_median_bpm\nv,300,30,72\n");
		java.nio.file.Files.writeString(r.resolve("v_ppg.csv"), "frame,ppg\n");
		for (final String png : new String[] { "v_ppg.png", "v_heart_rate.png" })
			assertTrue(new FileSaver(new ImagePlus("", new ij.process.ColorProcessor(8, 8))).saveAsPng(r.resolve(png)
				.toString()));
		final PulseJException e = assertThrows(PulseJException.class, () -> VideoReader.videosIn(r.toFile(), "input"));
		assertEquals("results is a folder of PulseJ's results (summary.csv, v_ppg.csv, …), not a video or a folder of " +
			"frames: its PNG plots would be read as frames.", e.problem());
		// a folder of frames that merely holds a summary.csv of another program is still frames
		java.nio.file.Files.writeString(r.resolve("summary.csv"), "subject,age\n1,30\n");
		assertEquals(java.util.List.of(r.toFile()), VideoReader.videosIn(r.toFile(), "input"));
	}
}

package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImageStack;

import java.awt.geom.Rectangle2D;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.testing.TestProgress;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.GroundTruth;
import org.pulsej.video.Video;
import org.pulsej.video.VideoReader;

class SyntheticVideoFilesTest {

	@TempDir
	Path dir;

	private static SyntheticVideoSpec small() {
		return new SyntheticVideoSpec().size(96, 72).seconds(2).translationPx(2).noiseSigma(2).seed(4);
	}

	@Test
	void anUncompressedVideoLargerThanTheDiskIsRefusedBeforeAnythingIsWritten() {
		// it filled the disk (an hour of 1920x1080 uncompressed is 670 GB), then failed with "No space left"
		final java.util.function.ToLongFunction<Path> real = SyntheticFaceVideo.usableSpace;
		SyntheticFaceVideo.usableSpace = p -> 1_000_000;
		try {
			final Path out = dir.resolve("new/out");
			final PulseJException e = assertThrows(PulseJException.class, () -> SyntheticFaceVideo.write(small(), out
				.toFile(), "clip", false, Progress.NONE));
			assertTrue(e.getMessage().startsWith("clip.avi would take about 1 MB (60 uncompressed frames of 96x72), but " +
				"the disk of " + dir + " has only 1 MB free") && e.fix().contains("jpeg=90"), e.getMessage());
			assertFalse(Files.exists(dir.resolve("new")), "no folder made");
			// compressed, its size is not known beforehand: written
			assertTrue(SyntheticFaceVideo.write(small().jpegQuality(90), out.toFile(), "clip", false, Progress.NONE)
				!= null);
		}
		finally {
			SyntheticFaceVideo.usableSpace = real;
		}
	}

	@Test
	void anUncompressedAviReadsBackPixelForPixel() throws IOException {
		final SyntheticVideoSpec spec = small();
		final SyntheticFaceVideo.Result written = SyntheticFaceVideo.write(spec, dir.toFile(), "clip", false,
			Progress.NONE);
		final File avi = dir.resolve("clip.avi").toFile();
		assertEquals(List.of("clip.avi", "clip_gt.csv", "clip_gt_beats.csv"), listing(), "three files, no temporary ones left");

		final Video v = VideoReader.open(avi, 0, Progress.NONE);
		assertEquals(spec.frames(), v.frames());
		assertEquals(96, v.width());
		assertEquals(72, v.height());
		assertEquals(30, v.fps(), 1e-9);
		assertTrue(v.warnings().isEmpty());
		final ImageStack memory = SyntheticFaceVideo.generate(spec, Progress.NONE).video().getStack();
		for (int t = 0; t < v.frames(); t++) {
			final int[] read = rgb(v.frame(t).getPixels());
			assertArrayEquals(rgb(memory.getPixels(t + 1)), read, "frame " + t);
			assertArrayEquals(rgb(written.video().getStack().getPixels(t + 1)), read, "frame " + t);
		}

		final GroundTruth gt = GroundTruth.read(dir.resolve("clip_gt.csv"), v.fps());
		assertArrayEquals(written.truth().timeSeconds(), gt.timeSeconds());
		assertArrayEquals(written.truth().ppg(), gt.ppg());
		assertArrayEquals(written.truth().hrBpm(), gt.hrBpm());
		assertArrayEquals(written.truth().respirationBpm(), gt.respirationBpm());
		assertArrayEquals(written.truth().faceBox(), gt.faceBox());
	}

	@Test
	void aJpegAviIsSmallerAndClose() throws IOException {
		final SyntheticVideoSpec spec = small().jpegQuality(80);
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.write(spec, dir.toFile(), "mjpeg", false, Progress.NONE);
		SyntheticFaceVideo.write(small(), dir.toFile(), "raw", false, Progress.NONE);
		final long jpeg = Files.size(dir.resolve("mjpeg.avi")), raw = Files.size(dir.resolve("raw.avi"));
		assertTrue(jpeg < raw / 3, "JPEG " + jpeg + " bytes vs uncompressed " + raw);
		final Video v = VideoReader.open(dir.resolve("mjpeg.avi").toFile(), 0, Progress.NONE);
		assertEquals(spec.frames(), v.frames());
		assertEquals(24, v.bitDepth());
		double diff = 0;
		final int[] a = rgb(v.frame(10).getPixels()), b = rgb(r.video().getStack().getPixels(11));
		for (int p = 0; p < a.length; p++)
			for (int shift = 0; shift < 24; shift += 8)
				diff += Math.abs((a[p] >> shift & 0xff) - (b[p] >> shift & 0xff)) / (3.0 * a.length);
		assertTrue(diff > 0 && diff < 5, "mean absolute difference after JPEG: " + diff);
	}

	@Test
	void refusesToOverwriteUnlessAllowed() throws IOException {
		SyntheticFaceVideo.write(small(), dir.toFile(), "v", false, Progress.NONE);
		final Path avi = dir.resolve("v.avi");
		final byte[] before = Files.readAllBytes(avi);
		final FileTime time = Files.getLastModifiedTime(avi);
		final PulseJException e = assertThrows(PulseJException.class, () -> SyntheticFaceVideo.write(small().seed(5), dir
			.toFile(), "v", false, Progress.NONE));
		assertTrue(e.problem().contains("v.avi already exists"), e.getMessage());
		assertTrue(e.fix().contains("overwrite"), e.getMessage());
		assertArrayEquals(before, Files.readAllBytes(avi));
		assertEquals(time, Files.getLastModifiedTime(avi));

		Files.delete(avi); // the ground truth alone also blocks
		assertTrue(assertThrows(PulseJException.class, () -> SyntheticFaceVideo.write(small(), dir.toFile(), "v", false,
			Progress.NONE)).problem().contains("v_gt.csv already exists"));

		SyntheticFaceVideo.write(small().seed(5), dir.toFile(), "v", true, Progress.NONE);
		assertFalse(Arrays.equals(before, Files.readAllBytes(avi)), "replaced");
		assertEquals(List.of("v.avi", "v_gt.csv", "v_gt_beats.csv"), listing());
		assertThrows(PulseJException.class, () -> SyntheticFaceVideo.write(small(), dir.toFile(), "../x", false,
			Progress.NONE));
	}

	@Test
	void cancellingAWriteLeavesNoFiles() throws IOException {
		final Progress cancelAfterTenFrames = TestProgress.cancelAfterFractions(10);
		assertThrows(CancellationException.class, () -> SyntheticFaceVideo.write(small(), dir.toFile(), "c", false,
			cancelAfterTenFrames));
		assertEquals(List.of(), listing());
	}

	/** A progress that fails like a full disk once {@code frames} frames were rendered. */
	private static Progress failingAfter(final int frames) {
		return new Progress() {
			int told;

			@Override
			public void status(final String message) {}

			@Override
			public void fraction(final double done) {
				if (++told > frames) throw new java.io.UncheckedIOException(new IOException("No space left on device"));
			}
		};
	}

	@Test
	void aFailedWriteLeavesNoFolderItMadeAndNoGroundTruthWithoutItsVideo() throws IOException {
		final Path made = dir.resolve("new");
		assertThrows(java.io.UncheckedIOException.class, () -> SyntheticFaceVideo.write(small(), made.resolve("a/b")
			.toFile(), "v", false, failingAfter(10)));
		assertFalse(Files.exists(made), "every folder this run made is gone (output=new/a/b left new/a)");
		assertThrows(java.io.UncheckedIOException.class, () -> SyntheticFaceVideo.write(small(), made.toFile(), "v",
			false, failingAfter(10)));
		assertFalse(Files.exists(made), "the folder this run made is gone");
		assertThrows(CancellationException.class, () -> SyntheticFaceVideo.write(small(), made.toFile(), "v", false,
			TestProgress.cancelAfterFractions(10)));
		assertFalse(Files.exists(made), "cancelled: the folder this run made is gone");
		// a refused spec (a face wider than the frame, checked once the folder is there) leaves none either
		assertThrows(PulseJException.class, () -> SyntheticFaceVideo.write(new SyntheticVideoSpec().size(48, 240).seconds(
			2), made.toFile(), "v", false, Progress.NONE));
		assertFalse(Files.exists(made), "refused: the folder this run made is gone");
		// a folder that was there stays, with what it held
		final Path mine = Files.writeString(dir.resolve("notes.txt"), "mine");
		assertThrows(java.io.UncheckedIOException.class, () -> SyntheticFaceVideo.write(small(), dir.toFile(), "v",
			false, failingAfter(10)));
		assertEquals(List.of("notes.txt"), listing());
		assertEquals("mine", Files.readString(mine));
	}

	@Test
	void theDemoVideoShowsItsPulseAndIsWrittenOnce() throws IOException {
		final long start = System.nanoTime();
		final File avi = SyntheticFaceVideo.demoVideo(dir.toFile());
		final double seconds = (System.nanoTime() - start) / 1e9;
		assertEquals("demo_72bpm.avi", avi.getName());
		final FileTime written = Files.getLastModifiedTime(avi.toPath());
		assertEquals(avi, SyntheticFaceVideo.demoVideo(dir.toFile()));
		assertEquals(written, Files.getLastModifiedTime(avi.toPath()), "not written again");

		final Video v = VideoReader.open(avi, 0, Progress.NONE);
		assertEquals(900, v.frames());
		assertEquals(30, v.fps(), 1e-9);
		final GroundTruth gt = GroundTruth.read(dir.resolve("demo_72bpm_gt.csv"), v.fps());
		assertEquals(900, gt.frames());
		// mean green of the cheeks-and-nose band of the true face box, as a pulse method would start
		final double[] green = new double[v.frames()];
		for (int t = 0; t < green.length; t++) {
			final Rectangle2D.Double b = gt.faceBox()[t];
			final int[] px = (int[]) v.frame(t).getPixels();
			double sum = 0;
			int n = 0;
			for (int y = (int) (b.y + 0.55 * b.height); y < b.y + 0.72 * b.height; y++)
				for (int x = (int) (b.x + 0.15 * b.width); x < b.x + 0.85 * b.width; x++) {
					sum += px[y * v.width() + x] >> 8 & 0xff;
					n++;
				}
			green[t] = sum / n;
		}
		final double bpm = 60 * Spectra.peakHz(green, v.fps(), 0.7, 4);
		System.out.printf("demo video (MJPEG, %d kB) written in %.1f s; cheek green peaks at %.2f bpm%n", Files.size(avi
			.toPath()) / 1024, seconds, bpm);
		assertEquals(72, bpm, 1);
	}

	@Test
	void aVirtualVideoGeneratesFramesOnDemandWithTheSamePixels() {
		// a long video held in memory would fill the test heap (30 s of 320x240: 276 MB); the virtual
		// stack renders each frame when asked and must give exactly the frames of an in-memory generation
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().seconds(6).translationPx(3).rotationDeg(2)
			.noiseSigma(2);
		final ImageStack lazy = SyntheticFaceVideo.virtual(spec).video().getStack();
		final long start = System.nanoTime();
		final ImageStack memory = SyntheticFaceVideo.generate(spec, Progress.NONE).video().getStack();
		final double seconds = (System.nanoTime() - start) / 1e9;
		assertEquals(180, lazy.getSize());
		assertEquals(180, memory.getSize());
		for (int t = 1; t <= memory.getSize(); t++)
			assertArrayEquals(rgb(memory.getPixels(t)), rgb(lazy.getPixels(t)), "frame " + t);
		System.out.printf("generated 6 s of 320x240 (180 frames) in %.2f s%n", seconds);
	}

	private List<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private static int[] rgb(final Object pixels) {
		return Arrays.stream((int[]) pixels).map(p -> p & 0xffffff).toArray();
	}
}

package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.Progress;

class JpegAviStackTest {

	@TempDir
	Path dir;

	/** Smooth colour gradients with noise: JPEG keeps them roughly, so decoding mistakes would show. */
	private static ImageStack frames(final int n, final int w, final int h) {
		final Random rnd = new Random(3);
		final ImageStack s = new ImageStack(w, h);
		for (int t = 0; t < n; t++) {
			final int[] px = new int[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int r = (x * 255 / w + t * 7) & 0xff, g = (y * 255 / h) & 0xff, b = (rnd.nextInt(40) + 100 + t) &
						0xff;
					px[y * w + x] = r << 16 | g << 8 | b;
				}
			s.addSlice(null, new ColorProcessor(w, h, px));
		}
		return s;
	}

	private File mjpeg(final ImageStack s, final String name) throws IOException {
		final ImagePlus imp = new ImagePlus(name, s);
		imp.getCalibration().fps = 30;
		final File f = dir.resolve(name).toFile();
		new AVI_Writer().writeImage(imp, f.getPath(), AVI_Writer.JPEG_COMPRESSION, 85);
		return f;
	}

	@Test
	void decodesMjpegFramesToExactlyImageJsPixelsFromSeveralThreads() throws Exception {
		final File avi = mjpeg(frames(24, 80, 60), "clip.avi");
		final Video v = VideoReader.open(avi, 0, Progress.NONE);
		assertTrue(v.stack() instanceof JpegAviStack, "fast path taken for an MJPEG AVI");
		final ImageStack imagej = new AVI_Reader().makeStack(avi.getPath(), 1, 0, true, false, false);
		assertEquals(imagej.getSize(), v.frames());
		final ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			final List<Future<int[]>> decoded = new ArrayList<>();
			for (int t = 0; t < v.frames(); t++) {
				final int f = t;
				decoded.add(pool.submit(() -> (int[]) v.frame(f).getPixels()));
			}
			for (int t = 0; t < v.frames(); t++)
				assertArrayEquals((int[]) imagej.getProcessor(t + 1).getPixels(), decoded.get(t).get(), "frame " + t);
		}
		finally {
			pool.shutdown();
		}
		// frames differ from each other, so a frame mix-up would have shown
		assertNotEquals(((int[]) v.frame(0).getPixels())[0], ((int[]) v.frame(20).getPixels())[0]);
	}

	@Test
	void leavesUncompressedAvisToImageJ() throws IOException {
		final ImagePlus imp = new ImagePlus("raw", frames(3, 16, 8));
		imp.getCalibration().fps = 30;
		final File f = dir.resolve("raw.avi").toFile();
		new AVI_Writer().writeImage(imp, f.getPath(), AVI_Writer.NO_COMPRESSION, 0);
		final ImageStack s = VideoReader.open(f, 0, Progress.NONE).stack();
		assertTrue(s instanceof AVI_Reader, s.getClass().getName());
		final ImageStack imagej = new AVI_Reader().makeStack(f.getPath(), 1, 0, true, false, false);
		assertSame(imagej, JpegAviStack.wrap(imagej, f), "not JPEG: not wrapped");
	}

	@Test
	void framesWithoutHuffmanTablesGetTheStandardOnes() throws IOException {
		final BufferedImage img = new BufferedImage(40, 24, BufferedImage.TYPE_3BYTE_BGR);
		final Random rnd = new Random(5);
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 40; x++)
				img.setRGB(x, y, rnd.nextInt(0x1000000));
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(img, "jpeg", out); // Java writes the standard (Annex K) tables
		final byte[] full = out.toByteArray();
		final byte[] stripped = withoutHuffmanTables(full);
		assertTrue(stripped.length < full.length - 400, "DHT segments removed");
		final byte[] fixed = JpegTables.withHuffmanTables(stripped);
		assertEquals(stripped.length + 420, fixed.length);
		assertSame(full, JpegTables.withHuffmanTables(full), "frames with tables stay as they are");
		final BufferedImage a = ImageIO.read(new ByteArrayInputStream(full)), b = ImageIO.read(new ByteArrayInputStream(
			fixed));
		assertArrayEquals(a.getRGB(0, 0, 40, 24, null, 0, 40), b.getRGB(0, 0, 40, 24, null, 0, 40));
	}

	/** The JPEG with its DHT marker segments cut out. */
	private static byte[] withoutHuffmanTables(final byte[] jpeg) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		int p = 2;
		while (p + 4 <= jpeg.length) {
			final int code = (jpeg[p] & 0xff) << 8 | jpeg[p + 1] & 0xff;
			if (code == 0xffda) break; // scan: copy the rest
			final int len = (jpeg[p + 2] & 0xff) << 8 | jpeg[p + 3] & 0xff;
			if (code != 0xffc4) out.write(jpeg, p, 2 + len);
			p += 2 + len;
		}
		out.write(jpeg, p, jpeg.length - p);
		return out.toByteArray();
	}
}

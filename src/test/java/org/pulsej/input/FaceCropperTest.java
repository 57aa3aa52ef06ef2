package org.pulsej.input;

import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.Test;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.video.Video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceCropperTest {

	/** A float video whose pixel (x, y) in frame t is x + 1000 y + t. */
	private static Video ramp(final int n, final int w, final int h) {
		final ImageStack s = new ImageStack(w, h);
		for (int t = 0; t < n; t++) {
			final FloatProcessor fp = new FloatProcessor(w, h);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) fp.setf(x, y, x + 1000 * y + t);
			s.addSlice(fp);
		}
		return new Video(s, 32, 30, "ramp", null);
	}

	@Test
	void cropsTheAspectCorrectedBoxOfEachFrame() {
		final Video v = ramp(3, 400, 300);
		// 80 x 80 box -> 192 x 128 aspect -> 80 wide, 120 high around centre (140, 150): y from 90 to 210.
		final FaceTrack track = FaceTracker.fixed(v, new Box(100, 110, 80, 80));
		assertEquals(new Box(100, 90, 80, 120), FaceCropper.cropBox(track, 0, 192, 128));
		final ImageStack crop = FaceCropper.crop(v, track, 24, 16, Progress.NONE);
		assertEquals(3, crop.getSize());
		assertEquals(16, crop.getWidth());
		assertEquals(24, crop.getHeight());
		for (int t = 0; t < 3; t++) {
			final ImageProcessor ip = crop.getProcessor(t + 1);
			assertTrue(ip instanceof FloatProcessor);
			// Area averaging of a ramp: output pixel (i, j) covers x in [100 + 5i, 105 + 5i) -> mean x = 102 + 5i.
			for (int j = 0; j < 24; j++)
				for (int i = 0; i < 16; i++)
					assertEquals(102 + 5 * i + 1000 * (92 + 5 * j) + t, ip.getf(i, j), 0.05, "t=" + t + " (" + i + "," + j + ")");
		}
	}

	/** Mean of pixel values v(x) = floor(x) (each pixel k holds k) over [a, b). */
	private static double areaMean(final double a, final double b) {
		double sum = 0;
		for (int k = (int) Math.floor(a); k < b; k++) sum += k * (Math.min(b, k + 1) - Math.max(a, k));
		return sum / (b - a);
	}

	@Test
	void cropBoxSlidesInsideTheFrameWhereItFits() {
		final Video v = ramp(1, 100, 100);
		// Face at the top edge: 30 x 30 -> 30 wide, 45 high around y = 15 -> from -7.5; slid down to 0.
		final FaceTrack track = FaceTracker.fixed(v, new Box(70, 0, 30, 30));
		assertEquals(new Box(70, 0, 30, 45), FaceCropper.cropBox(track, 0, 192, 128));
	}

	@Test
	void cropLargerThanTheFrameRepeatsTheEdgePixels() {
		final Video v = ramp(1, 100, 20);
		// 20 x 20 box in a 20-pixel-high frame: the crop box is 30 high, 5 rows above and below the frame.
		final FaceTrack track = FaceTracker.fixed(v, new Box(40, 0, 20, 20));
		assertEquals(new Box(40, -5, 20, 30), FaceCropper.cropBox(track, 0, 192, 128));
		final ImageProcessor ip = FaceCropper.crop(v, track, 12, 8, Progress.NONE).getProcessor(1);
		// Output rows cover 2.5 source rows; row 0 lies wholly above the frame (repeats row 0), row 11 wholly below.
		for (int i = 0; i < 8; i++) {
			final double meanX = areaMean(40 + 2.5 * i, 42.5 + 2.5 * i);
			assertEquals(meanX, ip.getf(i, 0), 1e-3);
			assertEquals(meanX + 1000 * 19, ip.getf(i, 11), 1e-2);
		}
	}

	@Test
	void keepsThePixelTypeOfTheVideo() {
		for (final ImageProcessor frame : new ImageProcessor[] { new ByteProcessor(40, 30), new ShortProcessor(40, 30),
			new ColorProcessor(40, 30) })
		{
			frame.setColor(frame instanceof ColorProcessor ? 0x102030 : 77);
			frame.fill();
			final ImageStack s = new ImageStack(40, 30);
			s.addSlice(frame);
			final Video v = new Video(s, frame.getBitDepth(), 25, "typed", null);
			final ImageStack crop = FaceCropper.crop(v, FaceTracker.fixed(v, new Box(5, 5, 20, 20)), 192, 128, Progress.NONE);
			final ImageProcessor ip = crop.getProcessor(1);
			assertEquals(frame.getClass(), ip.getClass());
			assertEquals(128, ip.getWidth());
			assertEquals(192, ip.getHeight());
			// A uniform frame stays uniform (enlarged bilinearly, no rounding drift).
			assertEquals(frame.get(0, 0) & 0xffffff, ip.get(64, 96) & 0xffffff);
			assertEquals(frame.get(0, 0) & 0xffffff, ip.get(0, 191) & 0xffffff);
		}
	}

	@Test
	void tinyVideoIsEnlargedWithoutError() {
		final Video v = ramp(2, 8, 6);
		final ImageStack crop = FaceCropper.crop(v, FaceTracker.fixed(v, new Box(0, 0, 8, 6)), 192, 128, Progress.NONE);
		assertEquals(2, crop.getSize());
		final ImageProcessor ip = crop.getProcessor(1);
		// Bilinear with edge repetition stays between the frame's extremes and increases along x.
		assertTrue(ip.getf(0, 96) <= ip.getf(127, 96));
		assertTrue(ip.getf(127, 191) <= 7 + 5000 + 1e-3);
	}

	@Test
	void trackOfAnotherVideoIsRejected() {
		final Video a = ramp(2, 40, 30), b = ramp(3, 40, 30);
		assertThrows(PulseJException.class, () -> FaceCropper.crop(b, FaceTracker.fixed(a, new Box(0, 0, 10, 10)), 192, 128, Progress.NONE));
	}
}

package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.junit.jupiter.api.Test;

class ReadOnlyFramesTest {

	/** Three 4x2 grey frames whose pixels all hold the frame number, decoded anew on every call. */
	private static ReadOnlyFrames frames() {
		return new ReadOnlyFrames(4, 2) {

			@Override
			int frameCount() {
				return 3;
			}

			@Override
			public ImageProcessor getProcessor(final int n) {
				final ByteProcessor bp = new ByteProcessor(4, 2);
				bp.setValue(n);
				bp.fill();
				return bp;
			}
		};
	}

	@Test
	void countsAndPixelsComeFromTheDecodedFrames() {
		final ReadOnlyFrames f = frames();
		assertEquals(3, f.getSize());
		assertEquals(3, f.size());
		assertArrayEquals(new byte[] { 2, 2, 2, 2, 2, 2, 2, 2 }, (byte[]) f.getPixels(2));
	}

	@Test
	void framesCannotBeChangedOrDeleted() {
		final ReadOnlyFrames f = frames();
		f.setPixels(new byte[8], 2);
		assertArrayEquals(new byte[] { 2, 2, 2, 2, 2, 2, 2, 2 }, (byte[]) f.getPixels(2));
		assertThrows(UnsupportedOperationException.class, () -> f.deleteSlice(1));
		assertThrows(UnsupportedOperationException.class, () -> f.deleteLastSlice());
		assertEquals(3, f.getSize());
	}
}

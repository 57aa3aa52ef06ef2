package org.pulsej.video;

import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The frames of a motion-JPEG AVI, decoded faster than ImageJ's virtual AVI stack and from several
 * threads at once, with the same pixels.
 * <p>
 * ImageJ's reader turns each decoded JPEG into RGB through AWT's PixelGrabber (about three quarters of
 * its time per 640×480 frame), reads through a disk-cached ImageIO stream, and is synchronised, so
 * only one frame decodes at a time. Here the frame's bytes are read in one go, decoded by the same
 * ImageIO JPEG reader in memory, and its BGR raster is packed into RGB directly. Where a frame is not
 * plain 8-bit colour of the video's size (grey JPEG, odd sizes), ImageJ's own reader decodes it, so
 * the result never differs from ImageJ's. The frame positions are ImageJ's own (its index of the
 * file), so both always agree on which frame is which.
 */
final class JpegAviStack extends ReadOnlyFrames {

	/** ImageJ's reader, which found the frames and decodes those this class leaves to it. */
	private final AVI_Reader imagej;
	private final File file;
	private final long[] position;
	private final int[] size;
	/** MJPEG frames may lack Huffman tables; ImageJ inserts the standard ones, and so does this class. */
	private final boolean mjpg;
	private final ImageReaderSpi jpeg;
	private final ThreadLocal<ImageReader> reader;

	private JpegAviStack(final AVI_Reader imagej, final File file, final long[] position, final int[] size,
		final boolean mjpg, final ImageReaderSpi jpeg)
	{
		super(imagej.getWidth(), imagej.getHeight());
		this.imagej = imagej;
		this.file = file;
		this.position = position;
		this.size = size;
		this.mjpg = mjpg;
		this.jpeg = jpeg;
		this.reader = ThreadLocal.withInitial(() -> {
			try {
				return jpeg.createReaderInstance();
			}
			catch (final IOException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	/**
	 * This faster stack for a virtual stack ImageJ's reader opened from {@code file} when its frames are
	 * JPEG, else {@code stack} itself.
	 */
	static ImageStack wrap(final ImageStack stack, final File file) {
		if (!(stack instanceof AVI_Reader r) || stack.getSize() == 0) return stack;
		try {
			final int compression = intField(r, "biCompression");
			final boolean mjpg = compression == 0x47504a4d; // 'MJPG'
			final boolean jpegCodec = mjpg || compression == 0x6765706a || compression == 0x4745504a || compression == 4;
			if (!jpegCodec || boolField(r, "convertToGray") || boolField(r, "flipVertical")) return stack;
			@SuppressWarnings("unchecked")
			final List<long[]> frames = (List<long[]>) field(r, "frameInfos");
			if (frames == null || frames.size() != r.getSize()) return stack;
			final long[] position = new long[frames.size()];
			final int[] size = new int[frames.size()];
			for (int i = 0; i < position.length; i++) {
				position[i] = frames.get(i)[0];
				size[i] = (int) frames.get(i)[1];
			}
			// the JPEG reader ImageIO.read would pick for these frames (plugins such as TwelveMonkeys may add one)
			final byte[] first = read(file, position[0], size[0], mjpg);
			final ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(first));
			final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) return stack;
			final ImageReader probe = readers.next();
			final ImageReaderSpi spi = probe.getOriginatingProvider();
			probe.dispose();
			if (spi == null) return stack;
			return new JpegAviStack(r, file, position, size, mjpg, spi);
		}
		catch (final ReflectiveOperationException | RuntimeException | IOException e) {
			return stack; // another ImageJ version, or an unreadable first frame: ImageJ's own reader then
		}
	}

	@Override
	public ImageProcessor getProcessor(final int n) {
		if (n < 1 || n > position.length) throw new IllegalArgumentException("Argument out of range: " + n);
		final int[] px = decode(n - 1);
		if (px == null) return imagej.getProcessor(n);
		final ColorProcessor cp = new ColorProcessor(getWidth(), getHeight(), px);
		cp.setSliceNumber(n);
		return cp;
	}

	/** RGB pixels of frame {@code i} (0-based), or null where ImageJ's reader must decode it. */
	private int[] decode(final int i) {
		final BufferedImage bi;
		try {
			final byte[] bytes = read(file, position[i], size[i], mjpg);
			final ImageReader r = reader.get();
			try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
				r.setInput(in, true, true);
				bi = r.read(0);
			}
			finally {
				r.setInput(null);
			}
		}
		catch (final IOException | RuntimeException e) {
			return null; // ImageJ's reader reports it its own way
		}
		final int w = getWidth(), h = getHeight();
		if (bi == null || bi.getType() != BufferedImage.TYPE_3BYTE_BGR || bi.getWidth() != w || bi.getHeight() != h ||
			!(bi.getRaster().getDataBuffer() instanceof DataBufferByte buffer) || bi.getRaster().getParent() != null)
			return null;
		final byte[] bgr = buffer.getData();
		if (bgr.length < 3 * w * h) return null;
		final int[] px = new int[w * h];
		for (int p = 0, b = 0; p < px.length; p++, b += 3)
			px[p] = 0xff000000 | (bgr[b + 2] & 0xff) << 16 | (bgr[b + 1] & 0xff) << 8 | bgr[b] & 0xff;
		return px;
	}

	/** The bytes of one frame, with the standard Huffman tables added where an MJPEG frame lacks them. */
	private static byte[] read(final File file, final long pos, final int n, final boolean mjpg) throws IOException {
		final byte[] b = new byte[n];
		try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
			final ByteBuffer buf = ByteBuffer.wrap(b);
			while (buf.hasRemaining())
				if (ch.read(buf, pos + buf.position()) < 0) throw new IOException("frame beyond the end of " + file);
		}
		return mjpg ? JpegTables.withHuffmanTables(b) : b;
	}

	@Override
	int frameCount() {
		return position.length;
	}

	@Override
	public int getBitDepth() {
		return 24;
	}

	@Override
	public String getSliceLabel(final int n) {
		return imagej.getSliceLabel(n);
	}

	private static Object field(final Object o, final String name) throws ReflectiveOperationException {
		final Field f = AVI_Reader.class.getDeclaredField(name);
		f.setAccessible(true);
		return f.get(o);
	}

	private static int intField(final Object o, final String name) throws ReflectiveOperationException {
		return (Integer) field(o, name);
	}

	private static boolean boolField(final Object o, final String name) throws ReflectiveOperationException {
		return (Boolean) field(o, name);
	}
}

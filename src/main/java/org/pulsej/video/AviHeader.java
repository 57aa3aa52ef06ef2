package org.pulsej.video;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

import org.pulsej.util.PulseJException;

/**
 * What PulseJ needs from an AVI file before ImageJ decodes it: whether it is an AVI at all, the
 * codec (to name it when ImageJ cannot decode it), the frame rate (ImageJ's static reader does not
 * return it) and whether the file ends early. Only the RIFF chunk headers are read; the file is
 * opened read-only.
 */
final class AviHeader {

	/** Where the file ends, and where its first RIFF chunk says it should end. */
	final long fileLength, declaredLength;
	final int width, height, bitCount;
	/** biCompression as a FourCC ("MJPG", "H264") or a name for the numeric codes. */
	final String compression;
	/** Frames the header announces (the larger of the main and the stream header's counts). */
	final int declaredFrames;
	/** Frames per second; NaN when the header does not tell. */
	final double fps;
	/** Index of the first video stream (the "00" of "00dc"). */
	final int videoStream;

	private AviHeader(final long fileLength, final long declaredLength, final int width, final int height,
		final int bitCount, final String compression, final int declaredFrames, final double fps,
		final int videoStream)
	{
		this.fileLength = fileLength;
		this.declaredLength = declaredLength;
		this.width = width;
		this.height = height;
		this.bitCount = bitCount;
		this.compression = compression;
		this.declaredFrames = declaredFrames;
		this.fps = fps;
		this.videoStream = videoStream;
	}

	/**
	 * Pixels one byte of compressed frame data can stand for at most: a JPEG spends some bits on each
	 * 8×8 block even when the picture is flat, so a real frame is never smaller than this allows.
	 */
	static final long MAX_PIXELS_PER_BYTE = 1000;

	/** Whether the file is shorter than its RIFF header says (cut off while copying or recording). */
	boolean truncated() {
		return declaredLength > fileLength;
	}

	/**
	 * Reads the header of {@code file}.
	 *
	 * @throws PulseJException if the file is not an AVI file (text, another format renamed, random bytes)
	 */
	static AviHeader read(final File file) throws IOException {
		try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
			final long length = in.length();
			if (length < 12 || !"RIFF".equals(fourcc(in, 0)) || !"AVI ".equals(fourcc(in, 8))) throw notAvi(file);
			final long riffEnd = 8 + u32(in, 4);
			final Parse p = new Parse();
			long pos = 12;
			while (pos + 8 <= Math.min(riffEnd, length)) {
				final String id = fourcc(in, pos);
				final long size = u32(in, pos + 4);
				if ("LIST".equals(id) && pos + 12 <= length && "hdrl".equals(fourcc(in, pos + 8)))
					parseHeaderList(in, pos + 12, Math.min(pos + 8 + size, length), p);
				if ("LIST".equals(id) && pos + 12 <= length && "movi".equals(fourcc(in, pos + 8))) break;
				pos += 8 + size + (size & 1);
			}
			if (!p.haveVideo) throw new PulseJException(file.getName() + " is an AVI file without a video stream " +
				"(or its header is damaged).", "Check that the file plays in a video player; re-export it if needed.");
			if (p.width <= 0 || p.height <= 0) throw new PulseJException(file.getName() + "'s header gives a frame size of " +
				p.width + "x" + p.height + " pixels, which no video has (the header is damaged or was written wrongly).",
				"Write the video again, e.g. ffmpeg -i " + file.getName() + " -c:v mjpeg -q:v 2 -an FIXED.avi.");
			// a frame holds at least one bit per 8 pixels even as JPEG of a flat grey picture; far fewer
			// bytes than that in the whole file means the header's size is wrong, not that memory is short
			final long pixels = (long) p.width * p.height;
			final long minBytes = "uncompressed".equals(p.compression) ? pixels * Math.max(1, p.bitCount) / 8 : pixels /
				MAX_PIXELS_PER_BYTE;
			if (minBytes > length) throw new PulseJException(file.getName() + "'s header claims frames of " + p.width +
				"x" + p.height + " pixels, but the whole file (" + length + " bytes) could not hold one such frame: the " +
				"file is truncated (an interrupted copy or recording), or its header is damaged.", "Write the video again " +
					"(or copy it again if it was cut short), e.g. ffmpeg -i " + file.getName() +
					" -c:v mjpeg -q:v 2 -an FIXED.avi.");
			return new AviHeader(length, riffEnd, p.width, p.height, p.bitCount, p.compression, Math.max(p.totalFrames,
				p.streamLength), fps(p), p.videoStream);
		}
	}

	/**
	 * Counts the video frames whose data lie completely inside the file, walking the 'movi' lists of
	 * every RIFF chunk (AVI 2.0 files have several). Used for truncated files, where the index at
	 * the end is lost and the last frame may be cut.
	 */
	int countCompleteFrames(final File file) throws IOException {
		return frameSizes(file).length;
	}

	/**
	 * The size in bytes of each video frame chunk, in the order of the 'movi' lists of every RIFF chunk; a
	 * size of 0 is a frame the recorder dropped (AVI marks it by an empty chunk: the frame before it stays
	 * on screen). Stops at the first chunk that runs past the end of the file.
	 */
	long[] frameSizes(final File file) throws IOException {
		final String db = String.format("%02ddb", videoStream), dc = String.format("%02ddc", videoStream);
		final java.util.List<Long> sizes = new java.util.ArrayList<>();
		try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
			final long length = in.length();
			long riff = 0;
			riffs: while (riff + 12 <= length && "RIFF".equals(fourcc(in, riff))) {
				final long riffEnd = riff + 8 + u32(in, riff + 4);
				long pos = riff + 12;
				while (pos + 12 <= Math.min(riffEnd, length)) {
					final long size = u32(in, pos + 4);
					if ("LIST".equals(fourcc(in, pos)) && "movi".equals(fourcc(in, pos + 8)) && !frameSizes(in, pos + 12,
						Math.min(pos + 8 + size, length), db, dc, sizes)) break riffs;
					pos += 8 + size + (size & 1);
				}
				riff = riffEnd + ((riffEnd - riff) & 1);
			}
		}
		return sizes.stream().mapToLong(Long::longValue).toArray(); // a chunk size is unsigned 32-bit: long, never narrowed
	}

	private static boolean frameSizes(final RandomAccessFile in, long pos, final long end, final String db,
		final String dc, final java.util.List<Long> sizes) throws IOException
	{
		final long length = in.length();
		while (pos + 8 <= end) {
			final String id = fourcc(in, pos);
			final long size = u32(in, pos + 4);
			if (pos + 8 + size > length) return false;
			if ("LIST".equals(id) && "rec ".equals(fourcc(in, pos + 8))) {
				if (!frameSizes(in, pos + 12, pos + 8 + size, db, dc, sizes)) return false;
			}
			else if (id.equals(db) || id.equals(dc)) sizes.add(size);
			pos += 8 + size + (size & 1);
		}
		return true;
	}

	private static final class Parse {
		boolean haveVideo;
		int microSecPerFrame, totalFrames, width, height, bitCount, streamLength, videoStream;
		long rate, scale;
		String compression = "?";
	}

	private static void parseHeaderList(final RandomAccessFile in, long pos, final long end, final Parse p)
		throws IOException
	{
		int stream = 0;
		while (pos + 8 <= end) {
			final String id = fourcc(in, pos);
			final long size = u32(in, pos + 4);
			if ("avih".equals(id) && size >= 40) {
				p.microSecPerFrame = (int) u32(in, pos + 8);
				p.totalFrames = (int) u32(in, pos + 8 + 16);
				p.width = (int) u32(in, pos + 8 + 32);
				p.height = (int) u32(in, pos + 8 + 36);
			}
			else if ("LIST".equals(id) && "strl".equals(fourcc(in, pos + 8))) {
				if (!p.haveVideo) parseStreamList(in, pos + 12, Math.min(pos + 8 + size, end), p, stream);
				stream++;
			}
			pos += 8 + size + (size & 1);
		}
	}

	private static void parseStreamList(final RandomAccessFile in, long pos, final long end, final Parse p,
		final int stream) throws IOException
	{
		boolean video = false;
		while (pos + 8 <= end) {
			final String id = fourcc(in, pos);
			final long size = u32(in, pos + 4);
			final long data = pos + 8;
			if ("strh".equals(id) && size >= 36) {
				video = "vids".equals(fourcc(in, data));
				if (video) {
					p.scale = u32(in, data + 20);
					p.rate = u32(in, data + 24);
					p.streamLength = (int) u32(in, data + 32);
				}
			}
			else if ("strf".equals(id) && video && size >= 20) {
				p.haveVideo = true;
				p.videoStream = stream;
				p.width = (int) u32(in, data + 4);
				p.height = Math.abs((int) u32(in, data + 8));
				p.bitCount = u16(in, data + 14);
				p.compression = compressionName(in, data + 16);
			}
			pos += 8 + size + (size & 1);
		}
	}

	/**
	 * The stream header's rate/scale is exact (30000/1001), but ImageJ's writer rounds it to whole
	 * frames per second and keeps the exact period only in the main header's microseconds per frame.
	 * So rate/scale is trusted when it agrees with that period, else the period wins.
	 */
	private static double fps(final Parse p) {
		final double fromRate = p.rate > 0 && p.scale > 0 ? (double) p.rate / p.scale : Double.NaN;
		final double fromPeriod = p.microSecPerFrame > 0 ? 1e6 / p.microSecPerFrame : Double.NaN;
		if (Double.isNaN(fromPeriod)) return fromRate;
		if (Double.isNaN(fromRate)) return fromPeriod;
		return Math.abs(1e6 / fromRate - p.microSecPerFrame) <= 1.0 ? fromRate : fromPeriod;
	}

	private static String compressionName(final RandomAccessFile in, final long pos) throws IOException {
		final long code = u32(in, pos);
		if (code == 0) return "uncompressed";
		if (code == 1) return "RLE8";
		if (code == 2) return "RLE4";
		if (code == 3) return "bitfields";
		if (code == 4) return "JPEG";
		if (code == 5) return "PNG";
		final String s = fourcc(in, pos);
		for (final char c : s.toCharArray())
			if (c < 32 || c > 126) return String.format("0x%08x", code);
		return s.trim();
	}

	private static PulseJException notAvi(final File file) {
		// an interrupted copy: "renamed or damaged", with a fix to convert it, sent the user to ffmpeg
		if (file.length() == 0) return new PulseJException(file.getName() + " is empty (0 bytes), not an AVI video.",
			"Copy or save the video again.");
		// a TIFF stack or PNG renamed .avi: the fix said to convert it with ffmpeg
		final String kind = VideoReader.renamedKind(file, "an AVI");
		if (kind != null) return new PulseJException(file.getName() + " is not an AVI file: its first bytes show that " +
			"it is " + kind.substring(0, kind.indexOf('|')) + ", named ." + VideoReader.extension(file) + ".",
			"Rename it to " + VideoReader.stripExtension(file.getName()) + "." + kind.substring(kind.indexOf('|') + 1) +
				" and give that name as input=.");
		return new PulseJException(file.getName() + " is not an AVI file: it does not start with an AVI header " +
			"(it may be another format renamed to .avi, or damaged).", VideoReader.CONVERT_FIX);
	}

	private static String fourcc(final RandomAccessFile in, final long pos) throws IOException {
		final byte[] b = new byte[4];
		in.seek(pos);
		in.readFully(b);
		return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
	}

	private static long u32(final RandomAccessFile in, final long pos) throws IOException {
		final byte[] b = new byte[4];
		in.seek(pos);
		in.readFully(b);
		return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
	}

	private static int u16(final RandomAccessFile in, final long pos) throws IOException {
		in.seek(pos);
		return in.readUnsignedByte() | in.readUnsignedByte() << 8;
	}
}

package org.pulsej.video;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * Motion-JPEG frames often leave out the Huffman tables and rely on the standard ones (JPEG Annex K,
 * as the AVI MJPEG format defines). A frame without tables gets them inserted before its scan, as
 * ImageJ's AVI reader does, so that any JPEG decoder reads it.
 */
final class JpegTables {

	/** ImageJ looks for the tables within the first bytes only (its header buffer). */
	private static final int SEARCH = 4096 - 420;

	private static final byte[] DHT = segment();

	private JpegTables() {}

	/** {@code jpeg} itself when it has tables or is not a JPEG; else a copy with the standard tables. */
	static byte[] withHuffmanTables(final byte[] jpeg) {
		final int limit = Math.min(SEARCH, jpeg.length);
		if (limit < 6 || u16(jpeg, 0) != 0xffd8) return jpeg;
		int offset = 2, length;
		do {
			if (offset + 1 >= limit) return jpeg;
			final int code = u16(jpeg, offset);
			if (code == 0xffc4) return jpeg;
			if (code == 0xffda || code == 0xffd9) return insert(jpeg, offset);
			offset += 2;
			if (offset + 1 >= limit) return jpeg;
			length = u16(jpeg, offset);
			offset += length;
		}
		while (offset < limit - 4);
		return jpeg;
	}

	private static byte[] insert(final byte[] jpeg, final int at) {
		final byte[] out = new byte[jpeg.length + DHT.length];
		System.arraycopy(jpeg, 0, out, 0, at);
		System.arraycopy(DHT, 0, out, at, DHT.length);
		System.arraycopy(jpeg, at, out, at + DHT.length, jpeg.length - at);
		return out;
	}

	/** One DHT marker segment holding the four standard tables. */
	private static byte[] segment() {
		final JPEGHuffmanTable[] tables = { JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdACLuminance,
			JPEGHuffmanTable.StdDCChrominance, JPEGHuffmanTable.StdACChrominance };
		final int[] classAndId = { 0x00, 0x10, 0x01, 0x11 };
		int n = 2;
		for (final JPEGHuffmanTable t : tables)
			n += 1 + 16 + t.getValues().length;
		final byte[] s = new byte[2 + n];
		s[0] = (byte) 0xff;
		s[1] = (byte) 0xc4;
		s[2] = (byte) (n >> 8);
		s[3] = (byte) n;
		int p = 4;
		for (int k = 0; k < tables.length; k++) {
			s[p++] = (byte) classAndId[k];
			for (final short l : tables[k].getLengths())
				s[p++] = (byte) l;
			for (final short v : tables[k].getValues())
				s[p++] = (byte) v;
		}
		return s;
	}

	private static int u16(final byte[] b, final int i) {
		return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
	}
}

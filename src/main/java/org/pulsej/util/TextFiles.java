package org.pulsej.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of the small files users bring (ground truth saved again by a spreadsheet or Notepad), whose
 * encoding nobody states: UTF-16 is told by its byte-order mark or, without one, by the zero bytes of
 * its ASCII characters; anything else is read as UTF-8 with bytes that are not UTF-8 (Latin-1) as
 * replacement characters, since the numbers such files hold are the same in every one of those encodings.
 */
public final class TextFiles {

	private TextFiles() {}

	/** The file's text as {@link #decode} reads it, and whether it was UTF-16. */
	public record Text(String text, boolean utf16) {}

	public static Text read(final Path file) throws IOException {
		return decode(Files.readAllBytes(file));
	}

	static Text decode(final byte[] b) {
		final int b0 = b.length > 0 ? b[0] & 0xff : -1, b1 = b.length > 1 ? b[1] & 0xff : -1;
		if (b0 == 0xff && b1 == 0xfe) return new Text(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), true);
		if (b0 == 0xfe && b1 == 0xff) return new Text(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), true);
		// without a byte-order mark, the zero bytes of its ASCII characters show UTF-16 and its byte order
		for (int i = 0; i < Math.min(b.length, 1000); i++)
			if (b[i] == 0) return new Text(new String(b, i % 2 == 1 ? StandardCharsets.UTF_16LE
				: StandardCharsets.UTF_16BE), true);
		try {
			return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b)).toString(), false);
		}
		catch (final java.nio.charset.CharacterCodingException e) {
			throw new IllegalStateException(e); // cannot happen: every error is replaced
		}
	}
}

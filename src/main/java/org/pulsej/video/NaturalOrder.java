package org.pulsej.video;

import java.util.Comparator;

/**
 * Orders file names as people read them: runs of digits compare by value, so frame2.png comes
 * before frame10.png; other characters compare case-insensitively.
 */
final class NaturalOrder implements Comparator<String> {

	static final NaturalOrder INSTANCE = new NaturalOrder();

	@Override
	public int compare(final String a, final String b) {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			final char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				final int ei = endOfDigits(a, i), ej = endOfDigits(b, j);
				final String da = stripZeros(a.substring(i, ei)), dbs = stripZeros(b.substring(j, ej));
				if (da.length() != dbs.length()) return da.length() - dbs.length();
				final int c = da.compareTo(dbs);
				if (c != 0) return c;
				i = ei;
				j = ej;
			}
			else {
				final int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
				if (c != 0) return c;
				i++;
				j++;
			}
		}
		final int c = (a.length() - i) - (b.length() - j);
		return c != 0 ? c : a.compareTo(b);
	}

	private static int endOfDigits(final String s, int i) {
		while (i < s.length() && Character.isDigit(s.charAt(i)))
			i++;
		return i;
	}

	private static String stripZeros(final String digits) {
		int k = 0;
		while (k < digits.length() - 1 && digits.charAt(k) == '0')
			k++;
		return digits.substring(k);
	}
}

package org.pulsej.signal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.pulsej.util.PulseJException;

/** The classical (untrained) ways to get a pulse signal from skin colour. */
public enum PulseMethod {

	/** Plane-orthogonal-to-skin, Wang et al. 2017. */
	POS,
	/** Chrominance, de Haan &amp; Jeanne 2013. */
	CHROM,
	/** Green channel, Verkruysse et al. 2008; works on grey video. */
	GREEN;

	/** A new extractor for this method (CHROM band-passes inside its windows to {@link BpmBand#HEART}). */
	public PulseExtractor extractor() {
		return extractor(BpmBand.HEART);
	}

	/** A new extractor for this method, CHROM band-passing inside its windows to {@code band}. */
	public PulseExtractor extractor(final BpmBand band) {
		return switch (this) {
			case POS -> new Pos();
			case CHROM -> new Chrom(band);
			case GREEN -> new Green();
		};
	}

	/** Whether the method needs three colour channels (POS, CHROM) or also works on grey video (GREEN). */
	public boolean needsColour() {
		return this != GREEN;
	}

	/**
	 * The method named {@code s}, ignoring case and surrounding spaces.
	 *
	 * @throws PulseJException naming the valid methods when {@code s} is none of them
	 */
	public static PulseMethod parse(final String s) {
		final String valid = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
		if (s != null) {
			final String t = s.trim().toUpperCase(Locale.ROOT);
			for (final PulseMethod m : values())
				if (m.name().equals(t)) return m;
		}
		throw new PulseJException("Unknown pulse method '" + s + "'.", "Use one of " + valid + ".");
	}
}

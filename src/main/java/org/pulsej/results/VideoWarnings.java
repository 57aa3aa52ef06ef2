package org.pulsej.results;

import java.util.List;

/**
 * Short names of the warnings a measurement gives about one video, for the {@code warnings} column of
 * {@code summary.csv}: the log says each in full, but a batch run's log is often not kept, and a table
 * of hundreds of videos is read by sorting and filtering. Each name stands for one warning of the log.
 */
public final class VideoWarnings {

	/** Frames that could not be decoded were replaced by their neighbours (confidence 0 there). */
	public static final String DAMAGED_FRAMES = "damaged_frames";
	/** No face was found for longer than a bridge; those frames were measured on the held box. */
	public static final String FACE_LOST = "face_lost";
	/** The overexposed share of the face changes much over the video. */
	public static final String OVEREXPOSED = "overexposed";
	/** A lamp's flicker explains much of a YUV model's PPG. */
	public static final String LAMP = "lamp_in_ppg";
	/** PhysNet's PPG and POS's, each read alone, read heart rates far apart. */
	public static final String PHYSNET_POS_DISAGREE = "physnet_pos_disagree";
	/** The heart rate lies on an edge of min_bpm–max_bpm (or the beats' rate beyond it): the truth may lie outside. */
	public static final String BAND_EDGE = "band_edge";
	/** The confidence model was trained with another method, band, window, step or window_hr. */
	public static final String CONFIDENCE_SETTINGS = "confidence_settings";
	/** The pulse signal is weak (SNR below 0 dB): the rate may be wrong. */
	public static final String WEAK_PULSE = "weak_pulse";

	/** Every name, in the order a summary lists them. */
	public static final List<String> ALL = List.of(DAMAGED_FRAMES, FACE_LOST, OVEREXPOSED, LAMP, PHYSNET_POS_DISAGREE,
		CONFIDENCE_SETTINGS, BAND_EDGE, WEAK_PULSE);

	/** Separates the names in one cell (no comma: the cell stays unquoted). */
	public static final String SEPARATOR = ";";

	private VideoWarnings() {}

	/** The cell of {@code warnings}: the names in {@link #ALL}'s order, once each. */
	public static String cell(final List<String> warnings) {
		return String.join(SEPARATOR, ALL.stream().filter(warnings::contains).toList());
	}
}

/**
 * The network input of PulseJ (paper Sec. 2.1 and 5.2): the face crop along the track, its colour
 * space (YUV as in the paper, or log chromaticity) and its z-normalisation over time, held as a
 * {@link org.pulsej.input.FaceVolume} in memory or in a scratch folder.
 * <ul>
 * <li>{@link org.pulsej.input.FaceCropper} — the crop of a (stabilised) box, resampled to the
 * network's size.</li>
 * <li>{@link org.pulsej.input.ColorTransforms} — RGB to YUV or chromaticity; z-normalisation.</li>
 * <li>{@link org.pulsej.input.FaceVolumes} — a video and its face track made into a volume in one
 * pass, as an {@link org.pulsej.input.InputSpec} says.</li>
 * <li>{@link org.pulsej.input.ScratchVolumes} — volumes on disk when they do not fit in the heap.</li>
 * </ul>
 * It knows nothing of networks: a network's configuration hands it an {@code InputSpec}.
 */
package org.pulsej.input;

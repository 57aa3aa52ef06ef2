package org.pulsej.input;

/**
 * What a network sees of a video: frames of {@code height} × {@code width} pixels in
 * {@code channels} channels of {@code colorSpace}, normalised as {@code normalization} says (paper:
 * 192 × 128, YUV, z-scored over time). The network's own description holds one
 * ({@code PhysNetConfig#input()}); this package builds the volumes from it and knows nothing of networks.
 *
 * @param height frame height the network sees
 * @param width frame width the network sees
 * @param channels colour channels
 * @param colorSpace a {@link ColorTransforms.ColorSpace} name
 * @param normalization how the volume is z-normalised ({@link FaceVolumes#zNorm})
 */
public record InputSpec(int height, int width, int channels, String colorSpace, String normalization) {}

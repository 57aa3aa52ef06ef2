package org.pulsej.face;

/**
 * One face found by a {@link FaceDetector}: its box in frame pixels, the detector's confidence (0..1)
 * and keypoints as {@code x0, y0, x1, y1, ...} in frame pixels (BlazeFace: right eye, left eye, nose
 * tip, mouth centre, right ear tragion, left ear tragion; may be empty for other detectors).
 */
public record Detection(Box box, double score, float[] keypoints) {}

package org.pulsej.face;

/**
 * The paper's box smoothing (Gideon &amp; Stent 2021, Sec. 2.1), one frame at a time. The face box gets a
 * buffer ({@code buffer = 0.25} adds 25 % to width and height around the centre). The buffered box stays
 * fixed while the unbuffered face box lies inside it; when the face box leaves it, the output moves to
 * the new buffered box over {@code smoothFrames} frames (the paper: 0.25 s) with a smoothstep easing:
 * monotonic, no jumps, and it arrives exactly on the {@code smoothFrames}-th frame.
 * <p>
 * During such a move the face is compared with the box the move is heading to (the "previous" buffered
 * box once the move ends); a face that leaves that box too starts a new move from where the output is.
 * Frames without a face ({@code null}) keep the last box and let a move in progress finish.
 * <p>
 * The reference code instead eases with a critically damped spring that it re-creates every frame,
 * which behaves like an exponential with a time constant of about a second; PulseJ follows the paper.
 */
public final class BoxStabilizer {

	private final double buffer;
	private final int smoothFrames;

	private Box output, from, target;
	private int step; // frames of the current move done; smoothFrames when at rest

	/**
	 * @param buffer fraction added to the face box width and height (0.25 in the paper)
	 * @param smoothFrames frames a move takes ({@code round(smoothSeconds · fps)}); 0 or 1 jumps at once
	 */
	public BoxStabilizer(final double buffer, final int smoothFrames) {
		if (!(buffer >= 0) || Double.isInfinite(buffer)) throw new IllegalArgumentException("buffer must be >= 0: " + buffer);
		if (smoothFrames < 0) throw new IllegalArgumentException("smoothFrames must be >= 0: " + smoothFrames);
		this.buffer = buffer;
		this.smoothFrames = smoothFrames;
	}

	/** Frames a move takes for {@code smoothSeconds} at {@code fps}. */
	public static int smoothFrames(final double smoothSeconds, final double fps) {
		return (int) Math.round(smoothSeconds * fps);
	}

	/**
	 * The stabilised buffered box for the next frame, given that frame's face box (unbuffered), or
	 * {@code null} when no face was found; returns {@code null} only while no face has been seen yet.
	 */
	public Box next(final Box faceOrNull) {
		if (faceOrNull != null) {
			final Box buffered = faceOrNull.scaled(1 + buffer);
			if (output == null) {
				output = from = target = buffered;
				step = smoothFrames;
				return output;
			}
			if (!target.contains(faceOrNull)) {
				from = output;
				target = buffered;
				step = 0;
			}
		}
		if (output == null) return null;
		if (step < smoothFrames) {
			step++;
			output = from.lerp(target, smoothstep((double) step / smoothFrames));
		}
		else output = target;
		return output;
	}

	/** The face box that {@link #next} last buffered as its target, buffered; null before any face. */
	public Box target() {
		return target;
	}

	private static double smoothstep(final double a) {
		return a * a * (3 - 2 * a);
	}
}

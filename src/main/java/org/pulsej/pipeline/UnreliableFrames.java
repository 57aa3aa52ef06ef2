package org.pulsej.pipeline;

import java.util.Arrays;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.signal.RgbTrace;

/**
 * Frames whose face region cannot be trusted, and the colour trace bridged over them. A region is
 * unreliable where the face was lost (the box is held where it was last seen), where the detected box
 * jumps (a sudden move, a misdetection, the face found again elsewhere: the moving average mixes boxes
 * from both places for a few frames), where most of the region lies outside the frame, and where the
 * skin mask finds hardly any skin. The samples of such frames are replaced by a straight line between
 * the trusted samples on either side, so that what the region saw there (background, hair, a half
 * face) enters the pulse signal neither as a spike nor as a step. Runs longer than
 * {@link #MAX_BRIDGE_SECONDS} are left as measured: a long straight line would hide the pulse as surely
 * as it hides the artefact, and a face held still in a held box still shows its pulse.
 */
public final class UnreliableFrames {

	/**
	 * A detected box whose centre moves more than this share of its width from one frame to the next has
	 * jumped: 3 face widths per second at 30 fps. The largest move of a detected box per frame on the
	 * generated videos of bench/roi_sets.sh is 0.055 of its width on those of big motion (40–50 px sway,
	 * 10–12 px shake near 1 Hz), 0.073 on the one with quick head jumps and turns; only the dark one with
	 * jumps (0.106) has frames bridged (7).
	 */
	public static final double JUMP = 0.1;

	/** A region with less than this share of its area inside the frame is unreliable. */
	public static final double MIN_INSIDE = 0.5;

	/** A frame whose skin mask keeps less than this share of the video's median skin pixel count is unreliable. */
	public static final double MIN_SKIN = 0.3;

	/** Runs of unreliable frames up to this long are bridged. */
	public static final double MAX_BRIDGE_SECONDS = 2;

	/**
	 * The unreliable frames and why: counts per reason (a frame counts for the first that applies, in
	 * this order).
	 */
	public record Flags(boolean[] unreliable, int lost, int jumped, int outside, int noSkin) {

		/** For the log: e.g. "face lost 8, box jumped 5". */
		public String reasons() {
			final StringBuilder s = new StringBuilder();
			final String[] names = { "face lost", "box jumped", "region outside the frame", "no skin found" };
			final int[] counts = { lost, jumped, outside, noSkin };
			for (int i = 0; i < names.length; i++)
				if (counts[i] > 0) s.append(s.length() == 0 ? "" : ", ").append(names[i]).append(' ').append(counts[i]);
			return s.toString();
		}
	}

	private UnreliableFrames() {}

	/**
	 * The frames of every run without a face longer than a bridge ({@link #MAX_BRIDGE_SECONDS}): the
	 * box was held where the face was last seen and showed whatever was there, so their heart rate gets
	 * no confidence ({@link org.pulsej.results.HeartRateResult#withoutConfidence}); null when there are
	 * none, and for no track or a fixed box.
	 */
	public static boolean[] faceLost(final FaceTrack face, final double fps) {
		return face == null ? null : face.lostFrames((int) Math.round(MAX_BRIDGE_SECONDS * fps));
	}

	/**
	 * Judges every frame of a tracked region.
	 *
	 * @param face the face track (its raw boxes tell lost frames and jumps); null for a fixed region
	 * @param region the region of each frame, before clipping to the frame
	 * @param halfWindow frames on each side of the moving average that made {@code region} from the raw
	 *          boxes: a jump spoils that many frames on each side
	 * @param pixels per frame the pixels the skin mask kept, or null without a mask
	 */
	public static Flags judge(final FaceTrack face, final Box[] region, final int width, final int height,
		final int halfWindow, final int[] pixels)
	{
		final int n = region.length;
		final boolean[] bad = new boolean[n];
		int lost = 0, jumped = 0, outside = 0, noSkin = 0;
		if (face != null && !face.isFixed()) {
			final boolean[] jump = new boolean[n];
			Box prev = null;
			for (int t = 0; t < n; t++) {
				final Box b = face.raw(t);
				if (b == null) {
					bad[t] = true;
					lost++;
				}
				// a step between consecutive detections, or the face found again after a loss, spoils the frames
				// whose moving average reaches across it
				if (b != null && prev != null && (face.raw(t - 1) == null || Math.hypot(b.centreX() - prev.centreX(), b
					.centreY() - prev.centreY()) > JUMP * Math.max(1, Math.min(b.w(), prev.w()))))
				{
					for (int k = Math.max(0, t - 1 - halfWindow); k <= Math.min(n - 1, t + halfWindow); k++)
						jump[k] = true;
				}
				if (b != null) prev = b;
			}
			for (int t = 0; t < n; t++)
				if (jump[t] && face.raw(t) != null) {
					bad[t] = true;
					jumped++;
				}
		}
		for (int t = 0; t < n; t++) {
			final Box r = region[t];
			if (r.area() > 0 && r.clippedTo(width, height).area() < MIN_INSIDE * r.area()) {
				if (!bad[t]) outside++;
				bad[t] = true;
			}
		}
		if (pixels != null) {
			final int[] sorted = pixels.clone();
			Arrays.sort(sorted);
			final double floor = MIN_SKIN * sorted[n / 2];
			for (int t = 0; t < n; t++)
				if (pixels[t] < floor) {
					if (!bad[t]) noSkin++;
					bad[t] = true;
				}
		}
		return new Flags(bad, lost, jumped, outside, noSkin);
	}

	/**
	 * The trace with every run of {@code unreliable} frames up to {@code maxRun} long replaced by a
	 * straight line between the trusted samples around it (held flat at the ends of the video).
	 *
	 * @return the bridged trace (with the same background brightness, {@link RgbTrace#background}, which is
	 *         measured outside the face and so needs no bridge), or {@code trace} itself when nothing was bridged
	 */
	public static RgbTrace bridge(final RgbTrace trace, final boolean[] unreliable, final int maxRun) {
		final boolean[] bridge = runsUpTo(unreliable, maxRun);
		boolean any = false, allBad = true;
		for (final boolean b : bridge) {
			any |= b;
			allBad &= b;
		}
		if (!any || allBad) return trace;
		return new RgbTrace(bridge(trace.r(), bridge), bridge(trace.g(), bridge), bridge(trace.b(), bridge))
			.withBackground(trace.background()).withMotion(trace.motion());
	}

	/** How many frames {@link #bridge} replaces. */
	public static int bridged(final boolean[] unreliable, final int maxRun) {
		int c = 0;
		for (final boolean b : runsUpTo(unreliable, maxRun))
			if (b) c++;
		return c;
	}

	/** The frames of the runs of {@code bad} no longer than {@code maxRun}. */
	static boolean[] runsUpTo(final boolean[] bad, final int maxRun) {
		final boolean[] out = new boolean[bad.length];
		for (int t = 0; t < bad.length;) {
			if (!bad[t]) {
				t++;
				continue;
			}
			int end = t;
			while (end < bad.length && bad[end])
				end++;
			if (end - t <= maxRun) Arrays.fill(out, t, end, true);
			t = end;
		}
		return out;
	}

	private static double[] bridge(final double[] x, final boolean[] bad) {
		final double[] y = x.clone();
		for (int t = 0; t < y.length; t++)
			if (bad[t]) y[t] = Double.NaN;
		ColorTraces.fillGaps(y);
		return y;
	}
}

package org.pulsej.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.ColorProcessor;

import java.awt.geom.Rectangle2D;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.pulsej.face.Box;
import org.pulsej.face.SkinModel;
import org.pulsej.pipeline.RoiMode;

/**
 * The skin mask of the tracked region ({@link SkinModel}) on painted faces whose skin is known pixel by
 * pixel: it keeps most of the skin and leaves out hair, brows, eyes, lips and the wall, and it moves
 * with the face.
 */
class SkinMaskTest {

	@Test
	void theMaskKeepsSkinAndLeavesOutHairEyesAndBackgroundWhereverTheFaceMoves() {
		// three people (skin tone, hair and wall come from the seed), a head swaying by up to 40 px, noise
		for (final long seed : new long[] { 3, 8, 21 }) {
			final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(320, 240).seconds(8).translationPx(40)
				.rotationDeg(3).noiseSigma(3).seed(seed);
			final SyntheticFaceVideo.Plan plan = SyntheticFaceVideo.plan(spec, new PaintedFaceRenderer());
			final SkinModel.Learner learner = new SkinModel.Learner();
			for (int t = 0; t < 90; t += 9)
				learner.add(frame(plan, t), central(plan, t));
			final SkinModel model = learner.fit(RoiMode.SKIN_K);
			for (final int t : new int[] { 0, 120, 239 }) {
				final ColorProcessor cp = frame(plan, t);
				final byte[] mask = (byte[]) model.mask(cp, region(plan, t), SkinModel.reference(cp, central(plan, t)))
					.getPixels();
				final float[] skin = plan.frames.skinCoverage(t);
				final Rectangle2D.Double face = plan.truth.faceBox()[t];
				final Box region = region(plan, t);
				// the face box grown by 30 %: hair above the hairline, ears, wall at the sides
				final int x0 = (int) (face.x - 0.15 * face.width), x1 = (int) (face.x + 1.15 * face.width);
				final int y0 = (int) (face.y - 0.15 * face.height), y1 = (int) (face.y + 1.15 * face.height);
				int skinPx = 0, skinKept = 0, other = 0, otherKept = 0, above = 0, aboveKept = 0;
				for (int y = Math.max(0, y0); y < Math.min(240, y1); y++)
					for (int x = Math.max(0, x0); x < Math.min(320, x1); x++) {
						final int p = y * 320 + x;
						final boolean kept = mask[p] != 0;
						if (skin[p] > 0.99f && inOval(region, x + 0.5, y + 0.5)) {
							skinPx++; // skin where the region's oval lies in this frame
							if (kept) skinKept++;
						}
						else if (skin[p] == 0) {
							other++;
							if (kept) otherKept++;
							if (y < face.y) {
								above++; // hair (and the wall beside it) above the hairline
								if (kept) aboveKept++;
							}
						}
					}
				System.out.printf(Locale.ROOT, "seed %d frame %d: %s; skin in the oval kept %.3f of %d, not skin kept " +
					"%.4f of %d (above the hairline %.4f of %d)%n", seed, t, model, skinKept / (double) skinPx, skinPx,
					otherKept / (double) other, other, aboveKept / (double) above, above);
				// the mask is made anew where the face is in each frame (it moves by up to 40 px)
				assertTrue(skinKept > 0.65 * skinPx, "most of the skin is kept: " + skinKept + " of " + skinPx);
				assertTrue(otherKept < 0.01 * other, "hair, brows, eyes, lips and wall are left out: " + otherKept +
					" of " + other + " kept");
				assertTrue(aboveKept < 0.005 * above, "hair above the hairline is left out: " + aboveKept + " of " + above);
			}
		}
	}

	private static boolean inOval(final Box b, final double x, final double y) {
		final double u = (x - b.centreX()) / (b.w() / 2), v = (y - b.centreY()) / (b.h() / 2);
		return u * u + v * v < 1;
	}

	private static ColorProcessor frame(final SyntheticFaceVideo.Plan plan, final int t) {
		return new ColorProcessor(plan.spec.width(), plan.spec.height(), plan.frames.render(t));
	}

	/** The region the skin is averaged in: the true face box (a detector's box is within a few pixels of it). */
	private static Box region(final SyntheticFaceVideo.Plan plan, final int t) {
		final Rectangle2D.Double f = plan.truth.faceBox()[t];
		return new Box(f.x, f.y, f.width, f.height).scaled(RoiMode.TRACKED_SCALE);
	}

	/** The central area of the true face box (a detector's box would do as well). */
	private static Box central(final SyntheticFaceVideo.Plan plan, final int t) {
		final Rectangle2D.Double f = plan.truth.faceBox()[t];
		return new Box(f.x, f.y, f.width, f.height).scaled(SkinModel.CENTRAL_SCALE);
	}
}

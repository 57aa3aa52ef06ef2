package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * The paper's triplet with spatial views, after Contrast-Phys (Sun &amp; Li, ECCV 2022): the pulse is
 * the same in every region of one face and differs between videos.
 * <p>
 * Each branch is a set of region PPGs ({@code B × R × T}, {@link PhysNet#forwardRegions}). A view is a
 * window of V_L samples of one region, both drawn at random (shared by the batch). The distance of two
 * views is the MSE of their normalised in-band spectra ({@link MultiViewTripletLoss#normalizedPsd}).
 * Per clip:
 * <ul>
 * <li><b>positives</b>: pairs of the anchor's own views (other regions, other times of the same face)
 * and anchor/positive pairs (the frequency-resampled negative stretched back, the paper's positive);</li>
 * <li><b>negatives</b>: anchor/negative pairs (the paper's negative: the same clip played 0.66–0.8×
 * as fast) and, where the batch holds clips of other videos, anchor/other-clip pairs.</li>
 * </ul>
 * The loss is the mean positive distance minus the mean negative distance, averaged over the batch
 * (the paper's {@code (P_tot − N_tot)/V_N²} when there is one region and no other video).
 * <p>
 * The spatial positives are what the paper's loss lacks: a nuisance confined to part of the crop (an
 * edge of the face moving against the background, a shadow) is not shared by all regions, while the
 * pulse is. Finite for any finite input, as {@link MultiViewTripletLoss#normalizedPsd} is.
 */
public final class ContrastPhysLoss {

	/** Regions per side of the face split: 2 × 2 (the feature map of a 64×64 input is 4×4). */
	public static final int GRID = 2;

	private final MultiViewTripletLoss spectra;
	private final int views, viewFrames;
	private final boolean acrossVideos;

	/**
	 * @param fps sampling rate of the PPGs
	 * @param views views drawn per branch (paper: 4)
	 * @param viewFrames V_L in samples (paper: 5 s)
	 * @param acrossVideos also push a clip away from the batch's clips of other videos (Contrast-Phys's
	 *          negatives; wrong where two videos share a heart rate)
	 */
	public ContrastPhysLoss(final double fps, final int views, final int viewFrames, final boolean acrossVideos) {
		if (views < 2) throw new IllegalArgumentException("the spatial loss needs at least 2 views, not " + views);
		this.spectra = new MultiViewTripletLoss(fps, views, viewFrames);
		this.views = views;
		this.viewFrames = viewFrames;
		this.acrossVideos = acrossVideos;
	}

	/**
	 * The loss with views drawn from {@code rnd}. {@code video[b]} says which video clip b comes from
	 * (clips of one video are never each other's negatives); null: no negatives across clips.
	 */
	public NDArray compute(final NDArray anchor, final NDArray positive, final NDArray negative, final int[] video,
		final SplittableRandom rnd)
	{
		return compute(anchor, positive, negative, video, draw(anchor, rnd), draw(positive, rnd), draw(negative, rnd));
	}

	/** As above with given views: {@code {region, offset}} per view and branch. */
	NDArray compute(final NDArray anchor, final NDArray positive, final NDArray negative, final int[] video,
		final int[][] va, final int[][] vp, final int[][] vn)
	{
		check(anchor);
		check(positive);
		check(negative);
		final NDArray a = spectra.normalizedPsd(views(anchor, va)); // B × V × K
		final NDArray p = spectra.normalizedPsd(views(positive, vp));
		final NDArray n = spectra.normalizedPsd(views(negative, vn));
		// the anchor's own pairs: V² distances of which V (a view with itself) are 0
		final NDArray self = MultiViewTripletLoss.pairDistanceSum(a, a).div((double) views * (views - 1));
		final NDArray pos = self.add(MultiViewTripletLoss.pairDistanceSum(a, p).div((double) views * views)).div(2);
		NDArray neg = MultiViewTripletLoss.pairDistanceSum(a, n).div((double) views * views);
		final int b = Math.toIntExact(anchor.getShape().get(0));
		if (acrossVideos && video != null && b > 1) {
			// weights[i][j]: 1/(clips of other videos than i's) where j is one of them; has[i]: i has any
			final float[] weights = new float[b * b], has = new float[b];
			boolean any = false;
			for (int i = 0; i < b; i++) {
				int count = 0;
				for (int j = 0; j < b; j++)
					if (video[i] != video[j]) count++;
				for (int j = 0; j < b && count > 0; j++)
					if (video[i] != video[j]) weights[i * b + j] = 1f / count;
				has[i] = count > 0 ? 1 : 0;
				any |= count > 0;
			}
			if (any) {
				// B × B: mean distance of clip i's views to clip j's
				final NDArray d = a.expandDims(1).expandDims(3).sub(a.expandDims(0).expandDims(2)).square().mean(new int[] {
					4 }).mean(new int[] { 3 }).mean(new int[] { 2 });
				final NDArray across = d.mul(a.getManager().create(weights, new Shape(b, b))).sum(new int[] { 1 });
				// clips with another video's clip in the batch: the mean of both kinds of negative
				final NDArray h = a.getManager().create(has, new Shape(b));
				neg = neg.add(across.sub(neg).mul(h).div(2));
			}
		}
		return pos.sub(neg).mean();
	}

	private void check(final NDArray y) {
		if (y.getShape().dimension() != 3) throw new IllegalArgumentException("region PPGs must be B x R x T, not " + y
			.getShape());
		if (y.getShape().get(2) < viewFrames) throw new IllegalArgumentException("region PPGs of " + y.getShape().get(2) +
			" samples are shorter than a view (" + viewFrames + ")");
	}

	/** {@code {region, offset}} for each of the V views of a {@code B × R × T} branch. */
	private int[][] draw(final NDArray y, final SplittableRandom rnd) {
		check(y);
		final int r = Math.toIntExact(y.getShape().get(1)), t = Math.toIntExact(y.getShape().get(2));
		final int[][] v = new int[views][];
		for (int i = 0; i < views; i++)
			v[i] = new int[] { rnd.nextInt(r), rnd.nextInt(t - viewFrames + 1) };
		return v;
	}

	/** {@code B × R × T} → {@code B × V × V_L}. */
	private NDArray views(final NDArray y, final int[][] v) {
		final NDList list = new NDList(v.length);
		for (final int[] rv : v)
			list.add(y.get(new NDIndex(":, " + rv[0] + ", " + rv[1] + ":" + (rv[1] + viewFrames))));
		return NDArrays.stack(list, 1);
	}
}

package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * The paper's multi-view triplet loss (Sec. 2.3) with the PSD-MSE distance.
 * <p>
 * From each branch — anchor y_a, positive y_p, negative y_n, each {@code B × T} — take V_N views of
 * V_L seconds at random offsets (drawn independently per branch and view, shared by the batch).
 * For each view: subtract its mean, power spectrum |rFFT|², zero every bin outside the heart-rate
 * band (40–180 bpm), normalise to sum 1. The distance of two views is the MSE of their normalised
 * spectra (mean over all bins). P_tot sums the distances of all V_N² anchor/positive view pairs,
 * N_tot those of all anchor/negative pairs, and the loss is {@code (P_tot − N_tot) / V_N²}, averaged
 * over the batch.
 * <p>
 * The paper's division by V_N² is kept; the authors' released code effectively divides by 1 (a
 * constant scale, which AdamW nearly ignores). There is no margin, so the loss may be negative.
 */
public final class MultiViewTripletLoss {

	/** Heart-rate band of the paper, beats per minute. */
	public static final double LOW_BPM = 40, HIGH_BPM = 180;

	private final double fps;
	private final int views, viewFrames;
	private final double lowBpm, highBpm;

	/**
	 * @param fps sampling rate of the PPG
	 * @param views V_N (paper: 4)
	 * @param viewFrames V_L in samples (paper: 5 s)
	 */
	public MultiViewTripletLoss(final double fps, final int views, final int viewFrames) {
		this(fps, views, viewFrames, LOW_BPM, HIGH_BPM);
	}

	public MultiViewTripletLoss(final double fps, final int views, final int viewFrames, final double lowBpm,
		final double highBpm)
	{
		if (!(fps > 0) || views < 1 || viewFrames < 4 || !(lowBpm < highBpm)) throw new IllegalArgumentException(
			"bad loss settings: fps " + fps + ", views " + views + ", view frames " + viewFrames);
		if (bandMask(viewFrames, fps, lowBpm, highBpm).length == 0 || countOnes(bandMask(viewFrames, fps, lowBpm,
			highBpm)) == 0) throw new IllegalArgumentException("no frequency bin of a " + viewFrames + "-sample view at " +
				fps + " fps lies in " + lowBpm + "-" + highBpm + " bpm");
		this.fps = fps;
		this.views = views;
		this.viewFrames = viewFrames;
		this.lowBpm = lowBpm;
		this.highBpm = highBpm;
	}

	public int views() {
		return views;
	}

	public int viewFrames() {
		return viewFrames;
	}

	/** The loss with view offsets drawn from {@code rnd}. All branches must be at least V_L long. */
	public NDArray compute(final NDArray anchor, final NDArray positive, final NDArray negative,
		final SplittableRandom rnd)
	{
		return compute(anchor, positive, negative, offsets(anchor, rnd), offsets(positive, rnd), offsets(negative, rnd));
	}

	/** The loss with given view offsets (V_N per branch). */
	public NDArray compute(final NDArray anchor, final NDArray positive, final NDArray negative, final int[] offA,
		final int[] offP, final int[] offN)
	{
		final NDArray a = normalizedPsd(views(anchor, offA));
		final NDArray pTot = pairDistanceSum(a, normalizedPsd(views(positive, offP)));
		final NDArray nTot = pairDistanceSum(a, normalizedPsd(views(negative, offN)));
		return pTot.sub(nTot).div((double) views * views).mean();
	}

	private int[] offsets(final NDArray y, final SplittableRandom rnd) {
		final int t = Math.toIntExact(y.getShape().get(1));
		if (t < viewFrames) throw new IllegalArgumentException("branch of " + t + " samples is shorter than a view (" +
			viewFrames + ")");
		final int[] off = new int[views];
		for (int v = 0; v < views; v++)
			off[v] = rnd.nextInt(t - viewFrames + 1);
		return off;
	}

	/** {@code B × T} → {@code B × V × V_L}. */
	NDArray views(final NDArray y, final int[] offsets) {
		final NDList list = new NDList(offsets.length);
		for (final int o : offsets)
			list.add(y.get(new NDIndex(":, " + o + ":" + (o + viewFrames))));
		return NDArrays.stack(list, 1);
	}

	/**
	 * Relative floor of the normalised spectrum: each in-band bin gets {@code PSD_FLOOR} of the total
	 * power before normalising, so a view with no in-band power has a flat spectrum instead of 0/0.
	 */
	static final float PSD_FLOOR = 1e-8f;

	/** Mean square added under the RMS of a view, so that a constant (silent) view scales by 1e4, not 1/0. */
	static final float RMS_EPSILON = 1e-8f;

	/**
	 * Power spectra of the last axis ({@code ... × L} → {@code ... × (L/2+1)}): mean removed, zero
	 * outside the band, each normalised to sum 1.
	 * <p>
	 * Finite for every finite input, with finite gradients, on any CPU: the view is first scaled to
	 * unit RMS (the normalised spectrum does not depend on the scale, but the sums it divides by then
	 * stay near 1 instead of underflowing for a quiet network output); the power is re² + im² (the
	 * gradient of |z| is 0/0 at z = 0); and the division has a floor (see {@link #PSD_FLOOR}).
	 */
	public NDArray normalizedPsd(final NDArray x) {
		final int axis = x.getShape().dimension() - 1;
		final int n = Math.toIntExact(x.getShape().get(axis));
		final NDArray centred = x.sub(x.mean(new int[] { axis }, true));
		final NDArray unit = centred.div(centred.square().mean(new int[] { axis }, true).add(RMS_EPSILON).sqrt());
		// view_as_real: ... × K × 2; Parseval: the bins of a unit-RMS view sum to about n²/2
		final NDArray power = unit.rfft(n, axis).real().square().sum(new int[] { axis + 1 }).div((double) n * n);
		final float[] mask = bandMask(n, fps, lowBpm, highBpm);
		final NDArray band = x.getManager().create(mask, new Shape(mask.length));
		final NDArray inBand = power.add(PSD_FLOOR).mul(band);
		return inBand.div(inBand.sum(new int[] { axis }, true));
	}

	/** The band mask of {@link #normalizedPsd} for signals of {@code n} samples. */
	float[] bandMaskFor(final int n) {
		return bandMask(n, fps, lowBpm, highBpm);
	}

	/** Sum over all V×V view pairs of the MSE between spectra: {@code B × V × K} twice → {@code B}. */
	static NDArray pairDistanceSum(final NDArray a, final NDArray b) {
		final NDArray d = a.expandDims(2).sub(b.expandDims(1)).square(); // B × V × V × K
		return d.mean(new int[] { 3 }).sum(new int[] { 1, 2 });
	}

	/** 1 for rFFT bins of an n-sample signal at fps whose frequency lies in [low, high] bpm, else 0. */
	static float[] bandMask(final int n, final double fps, final double lowBpm, final double highBpm) {
		final float[] mask = new float[n / 2 + 1];
		for (int k = 0; k < mask.length; k++) {
			final double bpm = 60.0 * k * fps / n;
			mask[k] = bpm >= lowBpm && bpm <= highBpm ? 1 : 0;
		}
		return mask;
	}

	private static int countOnes(final float[] m) {
		int n = 0;
		for (final float v : m)
			if (v != 0) n++;
		return n;
	}
}

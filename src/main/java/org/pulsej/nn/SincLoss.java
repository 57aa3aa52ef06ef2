package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A label-free loss without negatives, after SiNC (Speth et al., CVPR 2023: "Non-contrastive
 * unsupervised learning of physiological signals from video"): a pulse is a signal whose power lies
 * in the heart-rate band, concentrated at one frequency, and that frequency varies between clips.
 * <p>
 * For each PPG of a batch ({@code B × T}): mean removed, scaled to unit RMS, zero-padded to
 * {@link #PAD}·T and its power spectrum taken. Then
 * <ul>
 * <li><b>bandwidth</b>: the share of the power outside the band (40–180 bpm);</li>
 * <li><b>sparsity</b>: the share of the in-band power farther than {@link #PEAK_HALF_WIDTH_BPM} from
 * the in-band peak (the peak is found without gradient);</li>
 * <li><b>variance</b>: the batch's mean normalised in-band spectrum against a uniform one, as the mean
 * squared difference of their cumulative sums (a squared earth mover's distance): it keeps the
 * network from answering every clip with the same frequency.</li>
 * </ul>
 * The loss is their sum (SiNC's unit weights). It needs one forward pass per clip instead of the
 * contrastive loss's two (anchor and negative), so a step costs about 60 % as much. Finite for any
 * finite input: a constant PPG has no power, and the divisions have floors.
 */
public final class SincLoss {

	/** Zero padding of the spectra: bins of 1.5 bpm for a 10 s clip instead of 6. */
	static final int PAD = 4;

	/** Half width of the peak that sparsity leaves alone, bpm (SiNC: 6 bpm either side). */
	static final double PEAK_HALF_WIDTH_BPM = 6;

	/** Floors of the sums divided by, relative to a unit-RMS signal's total power (about 1). */
	private static final float FLOOR = 1e-8f;

	private final double fps, lowBpm, highBpm;

	public SincLoss(final double fps) {
		this(fps, MultiViewTripletLoss.LOW_BPM, MultiViewTripletLoss.HIGH_BPM);
	}

	public SincLoss(final double fps, final double lowBpm, final double highBpm) {
		if (!(fps > 0) || !(lowBpm > 0 && lowBpm < highBpm)) throw new IllegalArgumentException("bad SiNC settings: fps " +
			fps + ", band " + lowBpm + "-" + highBpm);
		this.fps = fps;
		this.lowBpm = lowBpm;
		this.highBpm = highBpm;
	}

	/** The three parts of the loss, each averaged over the batch, as scalars. */
	public record Parts(NDArray bandwidth, NDArray sparsity, NDArray variance) {

		public NDArray total() {
			return bandwidth.add(sparsity).add(variance);
		}
	}

	/** The loss of a batch of PPGs ({@code B × T}). */
	public NDArray compute(final NDArray y) {
		return parts(y).total();
	}

	/** The loss's parts for a batch of PPGs ({@code B × T}). */
	public Parts parts(final NDArray y) {
		if (y.getShape().dimension() != 2) throw new IllegalArgumentException("PPG batch must be B x T, not " + y
			.getShape());
		final int b = Math.toIntExact(y.getShape().get(0)), n = Math.toIntExact(y.getShape().get(1));
		if (n < 4) throw new IllegalArgumentException("a PPG of " + n + " samples has no spectrum");
		final int nfft = PAD * n;
		final NDArray centred = y.sub(y.mean(new int[] { 1 }, true));
		final NDArray unit = centred.div(centred.square().mean(new int[] { 1 }, true).add(1e-8f).sqrt());
		// view_as_real: B × K × 2; Parseval: the bins of a unit-RMS signal sum to about n·nfft/2
		final NDArray power = unit.rfft(nfft, 1).real().square().sum(new int[] { 2 }).div((double) n * nfft);
		final int k = nfft / 2 + 1;
		final float[] band = MultiViewTripletLoss.bandMask(nfft, fps, lowBpm, highBpm);
		final float[] outside = new float[k];
		int inBand = 0;
		for (int i = 0; i < k; i++) {
			outside[i] = 1 - band[i];
			if (band[i] != 0) inBand++;
		}
		if (inBand < 2) throw new IllegalArgumentException("fewer than two spectrum bins of a " + n + "-sample PPG at " +
			fps + " fps lie in the band");
		final NDArray bandArr = y.getManager().create(band, new Shape(k));
		final NDArray outArr = y.getManager().create(outside, new Shape(k));

		final NDArray total = power.sum(new int[] { 1 }).add(FLOOR);
		final NDArray bandwidth = power.mul(outArr).sum(new int[] { 1 }).div(total).mean();

		// in-band spectra normalised to sum 1; the floor spreads a silent PPG evenly over the band
		final NDArray inb = power.add(FLOOR).mul(bandArr);
		final NDArray p = inb.div(inb.sum(new int[] { 1 }, true));
		final float[] off = offPeak(p.toFloatArray(), b, k, band, PEAK_HALF_WIDTH_BPM / 60 * nfft / fps);
		final NDArray sparsity = p.mul(y.getManager().create(off, new Shape(b, k))).sum(new int[] { 1 }).mean();

		// the batch's mean spectrum against the uniform one, over the band's bins in order
		final NDArray meanCdf = p.mean(new int[] { 0 }).cumSum(0);
		final float[] uniform = new float[k];
		float acc = 0;
		for (int i = 0; i < k; i++) {
			acc += band[i] / inBand;
			uniform[i] = acc;
		}
		final NDArray diff = meanCdf.sub(y.getManager().create(uniform, new Shape(k))).mul(bandArr);
		final NDArray variance = diff.square().sum().div((float) inBand); // a float: two 0-d tensors promote to the wider type
		return new Parts(bandwidth, sparsity, variance);
	}

	/**
	 * {@code B × K}: 1 for in-band bins farther than {@code halfWidthBins} from each row's largest
	 * in-band bin, else 0. Computed from values, so the peak's position carries no gradient.
	 */
	static float[] offPeak(final float[] p, final int b, final int k, final float[] band, final double halfWidthBins) {
		final float[] out = new float[b * k];
		for (int i = 0; i < b; i++) {
			int peak = -1;
			for (int j = 0; j < k; j++)
				if (band[j] != 0 && (peak < 0 || p[i * k + j] > p[i * k + peak])) peak = j;
			for (int j = 0; j < k; j++)
				out[i * k + j] = band[j] != 0 && Math.abs(j - peak) > halfWidthBins ? 1 : 0;
		}
		return out;
	}
}

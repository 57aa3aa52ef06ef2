package org.pulsej.eval;

import java.util.Arrays;

import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.results.HeartRateResult;
import org.pulsej.signal.BeatComparison;
import org.pulsej.signal.BeatDetector;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.Metrics;
import org.pulsej.signal.SignalQuality;
import org.pulsej.signal.Stats;

/**
 * How one video's estimate compares with its reference, for one row of the evaluation (a method,
 * possibly with a heart-rate mode of the ablation). The error metrics are per frame over the
 * frames the reference covers; {@code hrRef}/{@code hrEst} are the per-video medians over those
 * frames.
 *
 * @param video video name
 * @param row method (and mode) this score belongs to
 * @param frames frames of the video
 * @param evaluated frames with both an estimate and a reference
 * @param hrRef median reference heart rate over the covered frames (bpm)
 * @param hrEst median estimated heart rate over the covered frames (bpm)
 * @param mae per-frame mean absolute error (bpm)
 * @param rmse per-frame root mean square error (bpm)
 * @param mape per-frame mean absolute percentage error (%)
 * @param pearson per-frame Pearson correlation within the video (NaN when either side is constant)
 * @param snrDb SNR of the estimated PPG around the reference heart rate (dB)
 * @param mcc maximum cross-correlation of the estimated and reference PPG (NaN without reference PPG)
 * @param respRef reference breathing rate (NaN when unknown)
 * @param respEst estimated breathing rate (NaN when not measured)
 * @param confidenceMean mean confidence over the covered frames
 * @param est estimate of each covered frame (bpm)
 * @param ref reference of each covered frame (bpm)
 * @param fps frame rate
 * @param beats the estimate's beats against those of the reference PPG over the covered frames (both
 *          found by {@link BeatDetector}, the reference's on its detrended PPG); null without a reference PPG
 */
public record VideoScore(String video, String row, int frames, int evaluated, double hrRef, double hrEst, double mae,
	double rmse, double mape, double pearson, double snrDb, double mcc, double respRef, double respEst,
	double confidenceMean, double[] est, double[] ref, double fps, BeatComparison beats)
{

	/** A score without a beat comparison. */
	public VideoScore(final String video, final String row, final int frames, final int evaluated, final double hrRef,
		final double hrEst, final double mae, final double rmse, final double mape, final double pearson,
		final double snrDb, final double mcc, final double respRef, final double respEst, final double confidenceMean,
		final double[] est, final double[] ref, final double fps)
	{
		this(video, row, frames, evaluated, hrRef, hrEst, mae, rmse, mape, pearson, snrDb, mcc, respRef, respEst,
			confidenceMean, est, ref, fps, null);
	}

	/** Per-video error of the medians, estimate − reference (bpm). */
	public double videoError() {
		return hrEst - hrRef;
	}

	/**
	 * Scores one result against its aligned reference.
	 *
	 * @param perFrame the estimate per frame for this row (e.g. {@code r.hr()}, {@code r.hrInstant()})
	 */
	public static VideoScore of(final String row, final HeartRateResult r, final double[] perFrame,
		final FrameReference fr, final BpmBand band)
	{
		final int a = fr.first(), b = fr.last() + 1;
		final double[] est = Arrays.copyOfRange(perFrame, a, b), ref = Arrays.copyOfRange(fr.hrBpm(), a, b);
		int n = 0;
		for (int i = 0; i < est.length; i++)
			if (!Double.isNaN(est[i]) && !Double.isNaN(ref[i])) n++;
		final double hrRef = Stats.median(ref);
		final double[] ppg = Arrays.copyOfRange(r.ppg(), a, b);
		final double snr = ppg.length >= 2 ? SignalQuality.snrDb(ppg, r.fps(), hrRef, band) : Double.NaN;
		double mcc = Double.NaN;
		BeatComparison beats = null;
		// a reference PPG with gaps (a sensor that lost contact) is compared on its longest stretch without one
		final int[] run = Reference.hasAny(fr.ppg()) ? longestValidRun(fr.ppg(), a, b) : null;
		if (run != null && run[1] - run[0] >= 2) {
			final int sa = run[0], sb = run[1];
			final double[] gt = Arrays.copyOfRange(fr.ppg(), sa, sb);
			mcc = Metrics.maxCrossCorrelation(Arrays.copyOfRange(r.ppg(), sa, sb), gt, r.fps(), band);
			if (gt.length >= 8) {
				// the reference's beats by the same detector, on its detrended PPG, as the estimate's
				final BeatDetector.Beats refBeats = BeatDetector.detect(HeartRatePipeline.detrend(gt, r.fps(), band), r.fps(),
					hrRef, band);
				final double[] refTimes = refBeats.timeSeconds().clone();
				for (int k = 0; k < refTimes.length; k++)
					refTimes[k] += sa / r.fps();
				// the reference's HRV from its valid intervals, as the estimate's (a notch taken for a beat is left out)
				beats = BeatComparison.of(r.beats(), refTimes, refBeats.reason(), sa / r.fps(), sb / r.fps());
			}
		}
		final double conf = Stats.mean(Arrays.copyOfRange(r.confidence(), a, b));
		return new VideoScore(r.video(), row, r.frames(), n, hrRef, Stats.median(est), Metrics.mae(est, ref), Metrics
			.rmse(est, ref), Metrics.mape(est, ref), Metrics.pearson(est, ref), snr, mcc, fr.respBpm(), r.respBpm(),
			conf, est, ref, r.fps(), beats);
	}

	/** The longest run {@code [from, to)} of non-NaN values of {@code x} within {@code [a, b)}; null when none. */
	static int[] longestValidRun(final double[] x, final int a, final int b) {
		int[] best = null;
		for (int i = a; i < b; i++) {
			if (Double.isNaN(x[i])) continue;
			int j = i;
			while (j < b && !Double.isNaN(x[j]))
				j++;
			if (best == null || j - i > best[1] - best[0]) best = new int[] { i, j };
			i = j;
		}
		return best;
	}
}

package org.pulsej.eval;

import java.util.ArrayList;
import java.util.List;

import org.pulsej.signal.Metrics;
import org.pulsej.signal.Stats;

/**
 * One row of {@code metrics.csv}: a method (or a method's heart-rate mode in the ablation) over
 * all evaluated videos.
 * <p>
 * {@code mae}, {@code rmse}, {@code mape} and {@code pearson} are <b>per frame</b>: every evaluated
 * frame of every video counts once (as in the V4V challenge's continuous heart-rate metrics), so
 * longer videos weigh more. {@code videoMae}, {@code videoRmse} and {@code videoPearson} are <b>per
 * video</b>: on each video's median estimate against its median reference. {@code snrDb} and
 * {@code mcc} are means over the videos.
 */
public record MethodScore(String method, int videos, double mae, double rmse, double mape, double pearson,
	double snrDb, double mcc, int frames, double videoMae, double videoRmse, double videoPearson, double respMae)
{

	/** The columns of {@code metrics.csv}: the first eight are a fixed contract, further ones are appended. */
	public static final String HEADER = "method,videos,mae_bpm,rmse_bpm,mape_pct,pearson_r,snr_db,mcc,frames," +
		"video_mae_bpm,video_rmse_bpm,video_pearson_r,resp_mae_bpm";

	public static MethodScore of(final String method, final List<VideoScore> scores) {
		final List<Double> est = new ArrayList<>(), ref = new ArrayList<>();
		final double[] vEst = new double[scores.size()], vRef = new double[scores.size()];
		final double[] snr = new double[scores.size()], mcc = new double[scores.size()];
		final List<Double> respErr = new ArrayList<>();
		for (int i = 0; i < scores.size(); i++) {
			final VideoScore s = scores.get(i);
			for (int t = 0; t < s.est().length; t++)
				if (!Double.isNaN(s.est()[t]) && !Double.isNaN(s.ref()[t])) {
					est.add(s.est()[t]);
					ref.add(s.ref()[t]);
				}
			vEst[i] = s.hrEst();
			vRef[i] = s.hrRef();
			snr[i] = Double.isFinite(s.snrDb()) ? s.snrDb() : Double.NaN;
			mcc[i] = s.mcc();
			if (!Double.isNaN(s.respRef()) && !Double.isNaN(s.respEst())) respErr.add(Math.abs(s.respEst() - s
				.respRef()));
		}
		final double[] e = unbox(est), r = unbox(ref);
		return new MethodScore(method, scores.size(), Metrics.mae(e, r), Metrics.rmse(e, r), Metrics.mape(e, r), Metrics
			.pearson(e, r), Stats.mean(snr), Stats.mean(mcc), e.length, Metrics.mae(vEst, vRef), Metrics.rmse(vEst, vRef),
			Metrics.pearson(vEst, vRef), Stats.mean(unbox(respErr)));
	}

	private static double[] unbox(final List<Double> x) {
		final double[] a = new double[x.size()];
		for (int i = 0; i < a.length; i++)
			a[i] = x.get(i);
		return a;
	}
}

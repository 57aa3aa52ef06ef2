package org.pulsej.nn;

import java.util.List;
import java.util.Locale;

import org.pulsej.signal.BpmBand;
import org.pulsej.signal.Metrics;
import org.pulsej.util.PulseJException;

/**
 * How the training epoch that ships in the model folder is chosen (paper 5.4): each epoch's network
 * is scored, and the best score wins.
 * <ul>
 * <li>{@link Criterion#IPR}: mean irrelevant power ratio of its PPG on training videos (no labels;
 * lower is better);</li>
 * <li>{@link Criterion#MCC}: mean maximum cross-correlation between its PPG and the ground-truth PPG
 * of labelled videos, in the loss's heart-rate band and over lags of at most {@link #MAX_LAG_SECONDS}
 * (a finger sensor lags the face by well under a second; bounding the lag keeps unrelated signals
 * from scoring high). The paper minimises the negative MCC; PulseJ logs the MCC itself and keeps
 * the highest.</li>
 * <li>{@link Criterion#COMPANIONS}: the same MCC, between the PPG of the generated companion videos
 * ({@link org.pulsej.synth.CompanionVideos}) and the pulse they were drawn with: PulseJ's own labels,
 * so the user's videos still need none.</li>
 * <li>{@link Criterion#BOTH}: the IPR of the user's videos times (1 − the companions' MCC), lowest wins:
 * an epoch must hold a clean rhythm in the user's videos and follow the companions' known pulse. AUTO's
 * choice without labels where the companions train with their pulse: with that term in the loss the IPR
 * alone is low from the first epochs on and tells them apart less well, and the companions' MCC alone
 * keeps creeping up on the companions while the user's videos get worse (docs/training.md, "Which epoch:
 * the companions' pulse").</li>
 * </ul>
 */
public final class EpochSelection {

	/** Largest lag between the network's PPG and the ground truth that the MCC looks at. */
	public static final double MAX_LAG_SECONDS = 1;

	/** A resolved criterion. */
	public enum Criterion {
		IPR("lowest irrelevant power ratio of the training videos (label-free)"),
		MCC("highest maximum cross-correlation with the ground-truth PPG of labelled videos"),
		COMPANIONS("highest maximum cross-correlation of the companion videos' PPG with the pulse they were drawn " +
			"with (label-free for your videos)"),
		BOTH("lowest product of the training videos' irrelevant power ratio and (1 - the companion videos' maximum " +
			"cross-correlation with their pulse) (label-free for your videos)");

		public final String description;

		Criterion(final String description) {
			this.description = description;
		}
	}

	private EpochSelection() {}

	/**
	 * The criterion for {@code s} given how many labelled videos are usable, without companions:
	 * {@link #resolve(TrainOptions.Selection, int, int, boolean)}.
	 */
	public static Criterion resolve(final TrainOptions.Selection s, final int usableLabelled) {
		return resolve(s, usableLabelled, 0, false);
	}

	/**
	 * The criterion for {@code s} given how many labelled videos and companion videos are usable: AUTO is
	 * MCC with labels, else BOTH where companions train with their pulse in the loss
	 * ({@code companionPulse}), else IPR; MCC without usable labels, or COMPANIONS or BOTH without
	 * companions, is an error.
	 */
	public static Criterion resolve(final TrainOptions.Selection s, final int usableLabelled,
		final int usableCompanions, final boolean companionPulse)
	{
		return switch (s == null ? TrainOptions.Selection.AUTO : s) {
			case IPR -> Criterion.IPR;
			case MCC -> {
				if (usableLabelled == 0) throw new PulseJException(
					"selection=MCC needs labelled videos (a video with its ground-truth PPG), but none is usable.",
					"Give labelled videos (each with STEM_gt.csv holding a ppg column, covering at least one training " +
						"clip), or use selection=auto or ipr.");
				yield Criterion.MCC;
			}
			case COMPANIONS, BOTH -> {
				if (usableCompanions == 0) throw new PulseJException("selection=" + s.name().toLowerCase(Locale.ROOT) +
					" needs companion videos, but this training has none.",
					"Train with companions (companions=8, the default), or use selection=auto or ipr.");
				yield s == TrainOptions.Selection.BOTH ? Criterion.BOTH : Criterion.COMPANIONS;
			}
			case AUTO -> usableLabelled > 0 ? Criterion.MCC : usableCompanions > 0 && companionPulse
				? Criterion.BOTH : Criterion.IPR;
		};
	}

	/** Mean IPR of the PPGs (each sampled at {@code fps}) in the loss's band. */
	public static double meanIpr(final List<double[]> ppgs, final double fps) {
		double sum = 0;
		for (final double[] y : ppgs)
			sum += PpgQuality.irrelevantPowerRatio(y, fps, MultiViewTripletLoss.LOW_BPM, MultiViewTripletLoss.HIGH_BPM);
		return sum / ppgs.size();
	}

	/** Mean MCC between each PPG and its reference (same length, same rate {@code fps}). */
	public static double meanMcc(final List<double[]> ppgs, final List<double[]> refs, final double fps) {
		if (ppgs.size() != refs.size() || ppgs.isEmpty()) throw new IllegalArgumentException(ppgs.size() + " PPGs, " +
			refs.size() + " references");
		final BpmBand band = new BpmBand(MultiViewTripletLoss.LOW_BPM, MultiViewTripletLoss.HIGH_BPM);
		double sum = 0;
		for (int i = 0; i < ppgs.size(); i++)
			sum += Metrics.maxCrossCorrelation(ppgs.get(i), refs.get(i), fps, band, MAX_LAG_SECONDS);
		return sum / ppgs.size();
	}

	/** Whether an epoch with these scores beats the best so far (NaN best = none yet). */
	public static boolean better(final Criterion c, final double ipr, final double mcc, final double bestIpr,
		final double bestMcc)
	{
		return switch (c) {
			case IPR -> Double.isNaN(bestIpr) || ipr < bestIpr;
			case MCC, COMPANIONS -> Double.isNaN(bestMcc) || mcc > bestMcc;
			case BOTH -> {
				final double best = both(bestIpr, bestMcc);
				yield Double.isNaN(best) || both(ipr, mcc) < best;
			}
		};
	}

	/**
	 * BOTH's score, IPR × (1 − MCC): lower is better, 0 at best. Both factors are errors, 0 at best (an
	 * MCC below 0, a PPG upside down, makes the second larger than 1), and a product needs no weight between
	 * two scores of different spread: halving either halves the score.
	 */
	public static double both(final double ipr, final double mcc) {
		return ipr * (1 - mcc);
	}

	/**
	 * Index of the best epoch among per-epoch scores (first of ties), e.g. to see which epoch a
	 * criterion would pick from a finished log.
	 */
	public static int best(final Criterion c, final double[] ipr, final double[] mcc) {
		int best = -1;
		for (int e = 0; e < ipr.length; e++)
			if (best < 0 || better(c, ipr[e], mcc[e], ipr[best], mcc[best])) best = e;
		return best;
	}

	/**
	 * "IPR 0.213", "MCC 0.812", "companions' MCC 0.955" or "companions' MCC 0.955, IPR x (1 - companions' MCC) 0.00123"
	 * for messages.
	 */
	static String format(final Criterion c, final double ipr, final double mcc) {
		return switch (c) {
			case IPR -> String.format(Locale.ROOT, "IPR %.3f", ipr);
			case MCC -> String.format(Locale.ROOT, "MCC %.3f", mcc);
			case COMPANIONS -> String.format(Locale.ROOT, "companions' MCC %.3f", mcc);
			case BOTH -> String.format(Locale.ROOT, "companions' MCC %.3f, %s %.3g", mcc, scoreName(c), both(ipr, mcc));
		};
	}

	/** "IPR", "MCC", "companions' MCC" or "IPR x (1 - companions' MCC)": the score a criterion compares, for messages. */
	static String scoreName(final Criterion c) {
		return switch (c) {
			case IPR, MCC -> c.name();
			case COMPANIONS -> "companions' MCC";
			case BOTH -> "IPR x (1 - companions' MCC)";
		};
	}
}

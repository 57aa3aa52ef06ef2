package org.pulsej.nn;

import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * Settings of the contrastive training (paper Sec. 2.3).
 *
 * @param epochs passes over the training videos
 * @param clipSeconds W, length of each training clip (paper: 10 s); rounded so that the clip has a
 *          multiple of 4 frames
 * @param batchSize clips per step (paper: 4)
 * @param learningRate AdamW learning rate, used as given (paper: 1e-5; the authors' code multiplied it
 *          by the batch size, i.e. 4e-5 at batch 4)
 * @param minFactor smallest resampling factor r of the negative (paper: 0.66)
 * @param maxFactor largest resampling factor r of the negative (paper: 0.8)
 * @param views V_N, views per branch in the loss (paper: 4)
 * @param viewSeconds V_L, length of a view (paper: 5 s)
 * @param seed seed of every random choice (weights, clips, factors, views): the same seed on the CPU
 *          gives the same model
 * @param device auto, cpu or gpu (see {@link Devices#choose})
 * @param resume continue the training found in the model folder (from its last finished epoch)
 * @param stretchMin stretching augmentation: clips are read over {@code s·W} seconds with s uniform in
 *          [stretchMin, 1] and stretched to W by linear interpolation (slowing the pulse by s); 1 turns
 *          it off. Default 2/3 as in the authors' code.
 * @param weightDecay AdamW decoupled weight decay (PyTorch's default 0.01)
 * @param samplesPerEpoch clips per epoch; 0 = one per video. Always rounded up to a whole number of
 *          batches, so with fewer videos than the batch size clips are drawn with replacement (several
 *          random clips of the same video in a batch).
 * @param fps frame rate the network works at; 0 = that of the first video (others are resampled in time)
 * @param selection how the shipped epoch is chosen (paper 5.4): {@link Selection#AUTO} (null reads as AUTO)
 * @param loss the training objective ({@link Loss}; null reads as the paper's contrastive loss)
 * @param minutes time budget of the training epochs in minutes: no epoch is started that would end
 *          after it (judged by the epochs so far); 0 = no budget, {@code epochs} alone decides
 * @param patience stop early when the selection score (IPR, MCC, the companions' MCC or both) has not improved for this many
 *          epochs; 0 = never
 * @param diagnose check every intermediate of every step (inputs, each layer's output in both
 *          branches, loss, gradients) and name the first non-finite one; slower, for finding a
 *          numerical problem
 * @param nuisanceWeight weight of the nuisance term added to the loss: the overlap of the anchor
 *          PPG's spectrum with the spectra of the video's nuisance traces (the face's motion inside
 *          its box, the background's brightness; {@link org.pulsej.input.FaceVolume#nuisance()}), so
 *          that a head that nods or a lamp that ripples in the heart-rate band is not learnt as the
 *          pulse; 0 = the paper's loss alone
 * @param companions generated face videos ({@link org.pulsej.synth.CompanionVideos}) added to the
 *          training videos for the loss only, each with a pulse and a nuisance rhythm of its own, so
 *          that a rhythm every one of the user's videos shares is not the only steady signal to learn;
 *          0 = the user's videos alone (the paper's)
 * @param companionPulse weight of a term that asks the PPG of a companion's clip to follow the pulse the
 *          companion was drawn with (1 − their Pearson correlation): the companions' known pulse shows the
 *          network which rhythm is the pulse, and when it beats; 0 = companions enter the label-free loss only
 */
public record TrainOptions(int epochs, double clipSeconds, int batchSize, double learningRate, double minFactor,
	double maxFactor, int views, double viewSeconds, long seed, String device, boolean resume, double stretchMin,
	double weightDecay, int samplesPerEpoch, double fps, Selection selection, Loss loss, double minutes, int patience,
	boolean diagnose, double nuisanceWeight, int companions, double companionPulse)
{
	/**
	 * Criterion for the epoch that becomes the model (paper 5.4).
	 * <ul>
	 * <li>{@code IPR}: lowest irrelevant power ratio of the network's PPG on the training videos
	 * (label-free);</li>
	 * <li>{@code MCC}: highest maximum cross-correlation between the network's PPG and the ground-truth
	 * PPG of labelled videos (the paper's negative MCC, lowest);</li>
	 * <li>{@code COMPANIONS}: highest maximum cross-correlation between the PPG of the companion videos
	 * and the pulse they were drawn with (label-free for the user's videos);</li>
	 * <li>{@code BOTH}: lowest IPR of the user's videos times (1 − the companions' MCC);</li>
	 * <li>{@code AUTO}: MCC when labelled videos are given, else BOTH when companions train with
	 * their pulse ({@code companionPulse} above 0), IPR otherwise.</li>
	 * </ul>
	 */
	public enum Selection {
		AUTO, IPR, MCC, COMPANIONS, BOTH;

		/** auto, ipr, mcc, companions or both, ignoring case. */
		public static Selection parse(final String s) {
			for (final Selection v : values())
				if (v.name().equalsIgnoreCase(s == null ? "" : s.trim())) return v;
			throw new PulseJException("Unknown epoch selection '" + s + "'.",
				"Use selection=auto, ipr, mcc, companions or both.");
		}
	}

	/** The training objective. */
	public enum Loss {
		/**
		 * The paper's multi-view triplet loss (Sec. 2.3): the anchor's spectrum near the positive's, far
		 * from the frequency-shifted negative's.
		 */
		CONTRASTIVE,
		/**
		 * {@link SincLoss}: no negatives; the PPG's power inside the heart-rate band, at one frequency,
		 * and different frequencies across the batch (Speth et al., CVPR 2023).
		 */
		SINC,
		/**
		 * {@link ContrastPhysLoss}: the paper's triplet with views from regions of the face as well as
		 * times, and other videos' clips as negatives (after Sun &amp; Li, ECCV 2022).
		 */
		SPATIAL;

		/** The loss's value of the {@code loss=} key: contrastive, sinc or spatial. */
		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** contrastive, sinc or spatial, ignoring case. */
		public static Loss parse(final String s) {
			for (final Loss v : values())
				if (v.name().equalsIgnoreCase(s == null ? "" : s.trim())) return v;
			throw new PulseJException("Unknown training loss '" + s + "'.",
				"Use loss=sinc (the default), loss=contrastive (the paper's) or loss=spatial.");
		}
	}

	/**
	 * The loss, CONTRASTIVE when unset: older model.json files have none, and were trained with the paper's loss
	 * (the default then), whatever {@link #DEFAULT_LOSS} is now.
	 */
	public Loss lossOrDefault() {
		return loss == null ? Loss.CONTRASTIVE : loss;
	}

	/** The selection, AUTO when unset (older model.json files have none). */
	public Selection selectionOrAuto() {
		return selection == null ? Selection.AUTO : selection;
	}

	/**
	 * PulseJ's defaults, chosen by measurement on a 2-core CPU (docs/training.md, "Defaults and time budget"): the paper's
	 * network input, clip, views, negatives and batch (the views and negatives serve loss=contrastive), with
	 * a learning rate that converges within the few hundred steps a CPU manages (the paper's 1e-5 moves too
	 * little in 20 epochs of a handful of videos), 16 clips per epoch so that the per-epoch scoring costs
	 * little, a 12-minute budget with early stopping after 8 epochs without improvement, 8 generated
	 * companion videos trained on beside the user's with their known pulse, and {@link #DEFAULT_LOSS}.
	 */
	public static TrainOptions defaults() {
		return new TrainOptions(100, 10, 4, DEFAULT_LR, 0.66, 0.8, 4, 5, 0, "auto", false, 2.0 / 3, 0.01, 16, 0,
			Selection.AUTO, DEFAULT_LOSS, 12, 8, false, DEFAULT_NUISANCE, DEFAULT_COMPANIONS, DEFAULT_COMPANION_PULSE);
	}

	/**
	 * Loss of {@link #defaults()}: SiNC's, which read the ablation set's dark video with a rising rate that
	 * the paper's loss loses from its second epoch on, and was within 0.1 bpm of the paper's loss on five other
	 * sets (docs/training.md, "Each loss with today's defaults"). {@link #paper()} keeps the paper's loss, and
	 * a model.json without a loss was trained with it ({@link #lossOrDefault()}).
	 */
	public static final Loss DEFAULT_LOSS = Loss.SINC;

	/** Nuisance weight of {@link #defaults()}. */
	public static final double DEFAULT_NUISANCE = 0;

	/**
	 * Companion videos of {@link #defaults()}: with none, a set whose videos all have a weak pulse, or all
	 * share one rhythm of the head, trained into a model that read the rhythm or the noise (docs/training.md,
	 * "Companion videos").
	 */
	public static final int DEFAULT_COMPANIONS = 8;

	/**
	 * Companion pulse weight of {@link #defaults()}: the companions' known pulse as a second term beside the
	 * label-free loss (docs/training.md, "The companions' pulse").
	 */
	public static final double DEFAULT_COMPANION_PULSE = 1;

	/** At most this many companion videos (each costs seconds to draw and track, and memory). */
	public static final int MAX_COMPANIONS = 64;

	/** Learning rate of {@link #defaults()}. */
	public static final double DEFAULT_LR = 2e-3;

	/**
	 * The paper's settings (lr 1e-5, 20 epochs of one clip per video when training on the videos to
	 * measure), with no time budget and no early stopping: for a GPU and many videos.
	 */
	public static TrainOptions paper() {
		return new TrainOptions(20, 10, 4, 1e-5, 0.66, 0.8, 4, 5, 0, "auto", false, 2.0 / 3, 0.01, 0, 0,
			Selection.AUTO, Loss.CONTRASTIVE, 0, 0, false, 0, 0, 0);
	}

	/** Throws a {@link PulseJException} naming the first unusable setting. */
	public void validate() {
		check(epochs >= 1, "epochs=" + epochs + " must be at least 1.", "Use epochs=20 (paper) or more.");
		check(clipSeconds > 0 && clipSeconds <= 120, "clip=" + clipSeconds + " s is not a usable clip length.",
			"Use clip=10 (paper), between about 4 and 60 seconds.");
		check(batchSize >= 1 && batchSize <= 256, "batch=" + batchSize + " is not a usable batch size.",
			"Use batch=4 (paper).");
		check(learningRate > 0 && learningRate < 1, "lr=" + Messages.num(learningRate) + " is not a usable learning " +
			"rate.", "Use a value between 0 and 1: lr=" + Messages.num(defaults().learningRate()) + " (the default, " +
				"for a CPU) or lr=1e-5 (the paper's, on a GPU with many videos).");
		check(minFactor > 0 && minFactor <= maxFactor && maxFactor < 1, "Resampling factors " + minFactor + "–" +
			maxFactor + " are not usable.", "Use factors between 0 and 1 with min <= max; paper: 0.66–0.8.");
		check(views >= 1 && views <= 64, "views=" + views + " is not usable.", "Use views=4 (paper).");
		check(viewSeconds > 0, "A view of " + viewSeconds + " s is not usable.", "Use view=5 (paper).");
		check(stretchMin > 0 && stretchMin <= 1, "stretch minimum " + stretchMin + " is not usable.",
			"Use a value in (0, 1]; 1 turns stretching off, the default is 2/3.");
		check(weightDecay >= 0 && weightDecay < 1, "weight decay " + weightDecay + " is not usable.",
			"Use 0.01 (PyTorch's AdamW default).");
		check(samplesPerEpoch >= 0, "samples=" + samplesPerEpoch + " (clips per epoch) is negative.",
			"Use 0 (one clip per video) or a positive count.");
		check(fps >= 0 && fps <= 1000, "fps=" + fps + " is not usable.", "Use 0 to take the videos' frame rate.");
		check(minutes >= 0 && minutes <= 1e6, "minutes=" + minutes + " is not a usable time budget.",
			"Use minutes=0 (no budget: epochs decide) or a positive number of minutes.");
		check(nuisanceWeight >= 0 && nuisanceWeight <= 100, "nuisance=" + nuisanceWeight + " is not a usable weight.",
			"Use 0 (the paper's loss alone, the default) or a small positive weight such as 0.01.");
		check(companions >= 0 && companions <= MAX_COMPANIONS, "companions=" + companions + " is not a usable " +
			"number of companion videos.", "Use 0 (your videos alone) to " + MAX_COMPANIONS + ", e.g. companions=8.");
		check(companionPulse >= 0 && companionPulse <= 100, "companion_pulse=" + Messages.num(companionPulse) + " is not a " +
			"usable weight.", "Use 0 (the companions enter the label-free loss only) or a weight such as " + Messages.num(
				DEFAULT_COMPANION_PULSE) + " (the default).");
		check(patience >= 0, "patience=" + patience + " is negative.", "Use 0 (never stop early) or a number of epochs.");
	}

	private static void check(final boolean ok, final String problem, final String fix) {
		if (!ok) throw new PulseJException(problem, fix);
	}

	public TrainOptions withEpochs(final int e) {
		return new TrainOptions(e, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds, seed,
			device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withClip(final double clip, final double view) {
		return new TrainOptions(epochs, clip, batchSize, learningRate, minFactor, maxFactor, views, view, seed, device,
			resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withBatchSize(final int b) {
		return new TrainOptions(epochs, clipSeconds, b, learningRate, minFactor, maxFactor, views, viewSeconds, seed,
			device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withLearningRate(final double lr) {
		return new TrainOptions(epochs, clipSeconds, batchSize, lr, minFactor, maxFactor, views, viewSeconds, seed,
			device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withSeed(final long s) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds, s,
			device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withDevice(final String d) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, d, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withResume(final boolean r) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, r, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withStretchMin(final double s) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, s, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withSamplesPerEpoch(final int n) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, n, fps, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withFps(final double f) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, f, selection, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withLoss(final Loss l) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, l, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withBudget(final double min, final int pat) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, min, pat, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withDiagnose(final boolean d) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience, d, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withNuisanceWeight(final double w) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience,
			diagnose, w, companions, companionPulse);
	}

	public TrainOptions withSelection(final Selection s) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, s, loss, minutes, patience, diagnose, nuisanceWeight, companions, companionPulse);
	}

	public TrainOptions withCompanions(final int n) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience,
			diagnose, nuisanceWeight, n, companionPulse);
	}

	public TrainOptions withCompanionPulse(final double w) {
		return new TrainOptions(epochs, clipSeconds, batchSize, learningRate, minFactor, maxFactor, views, viewSeconds,
			seed, device, resume, stretchMin, weightDecay, samplesPerEpoch, fps, selection, loss, minutes, patience,
			diagnose, nuisanceWeight, companions, w);
	}
}

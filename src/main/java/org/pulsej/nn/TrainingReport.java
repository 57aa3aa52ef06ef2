package org.pulsej.nn;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did.
 *
 * @param modelDir the model folder (loadable by {@link PhysNetModel#load} once an epoch finished)
 * @param epochsCompleted finished epochs, including those of earlier runs when resuming
 * @param selectedEpoch epoch whose weights the model uses (by the run's criterion, see
 *          {@link EpochSelection}); 0 if none finished
 * @param cancelled whether the user stopped it; the model then holds the last finished epoch
 * @param epochs per-epoch loss, IPR and time, all epochs so far
 * @param parameterCount trainable parameters of the network
 * @param videosUsed videos long enough to train on
 * @param videosSkipped videos shorter than the minimum, left out
 * @param device the device it ran on
 * @param stopReason why it stopped before its last epoch (time budget, no improvement); null when it
 *          ran them all or was cancelled
 */
public record TrainingReport(Path modelDir, int epochsCompleted, int selectedEpoch, boolean cancelled,
	List<EpochStats> epochs, long parameterCount, int videosUsed, int videosSkipped, String device,
	String stopReason)
{
	/**
	 * @param epoch 1-based epoch
	 * @param loss mean training loss over the epoch's steps ({@code loss=}: SiNC's, the paper's triplet loss
	 *          or the spatial one)
	 * @param ipr mean irrelevant power ratio of the network's PPG (inference mode) on the centre clip of
	 *          up to 16 training videos: label-free quality, lower is better
	 * @param mcc mean maximum cross-correlation with the ground-truth PPG of the labelled videos (higher
	 *          is better); NaN when epochs are chosen by IPR
	 * @param seconds wall time of the epoch
	 * @param skipped steps of the epoch skipped because their loss or gradients were not finite (the
	 *          loss is the mean over the others)
	 */
	public record EpochStats(int epoch, double loss, double ipr, double mcc, double seconds, int skipped) {}
}

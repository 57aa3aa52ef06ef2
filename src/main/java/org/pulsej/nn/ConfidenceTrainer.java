package org.pulsej.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import org.pulsej.util.Messages;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Trains a {@link ConfidenceModel} as in the paper, Sec. 3/5.5: the L1 loss between the blended
 * heart rate {@code h = c·h_instant + (1 − c)·h_median} and the reference heart rate, per frame,
 * with AdamW for 20 epochs. Only frames with a reference (and an instantaneous estimate) count.
 * The weights kept are those at the end of the epoch with the lowest mean training loss: on small
 * sets a late step can push the sigmoid into saturation (every c at 0 or 1, where no gradient
 * brings it back), and the best epoch is then an earlier one.
 * <p>
 * Batches: every epoch cuts each video into consecutive chunks of {@code chunkFrames} frames from
 * a random offset (the STFT features are computed on the whole video, so chunks see true
 * context), shuffles all chunks and feeds them {@code batchSize} at a time. The paper gives no
 * learning rate, chunk or batch size for this model; the defaults (2·10⁻⁴, chunks of 128 frames,
 * batches of 4, weight decay 0.01) were chosen on synthetic sets of 8–10 videos: 1·10⁻³ drove the
 * sigmoid into saturation (every c at 0 or 1, where no gradient brings it back), and larger
 * batches left too few steps in 20 epochs to learn anything but c = 1 on some sets.
 */
public final class ConfidenceTrainer {

	/**
	 * One training video.
	 *
	 * @param name for messages
	 * @param ppg the PPG the confidence is computed from (the method's, after band-pass)
	 * @param hrInstant instantaneous heart rate per frame (bpm)
	 * @param hrMedian median of {@code hrInstant}
	 * @param hrReference true heart rate per frame (bpm), NaN where unknown
	 */
	public record Sample(String name, double[] ppg, double[] hrInstant, double hrMedian, double[] hrReference) {

		public Sample {
			if (ppg.length != hrInstant.length || ppg.length != hrReference.length) throw new PulseJException(
				"The training video " + name + " has " + ppg.length + " PPG values, " + hrInstant.length +
					" heart rates and " + hrReference.length + " reference values.", "Give one value per frame for each.");
		}
	}

	/**
	 * Training settings; {@link #defaults()} are the paper's 20 epochs with AdamW, with no time budget.
	 *
	 * @param minutes time budget of the training epochs in minutes: no epoch is started that would end
	 *          after it (judged by the slowest epoch so far); 0 = no budget, {@code epochs} alone decides
	 */
	public record Options(int epochs, double learningRate, double weightDecay, int chunkFrames, int batchSize,
		long seed, double minutes)
	{

		public Options {
			if (epochs < 1) throw new PulseJException("epochs=" + epochs + " is not a number of epochs.",
				"Give 1 or more (the paper uses 20).");
			if (!(learningRate > 0) || learningRate > 1) throw new PulseJException("The learning rate " + learningRate +
				" is not usable.", "Give a value above 0 and at most 1, e.g. 0.001.");
			if (!(weightDecay >= 0)) throw new PulseJException("The weight decay " + weightDecay + " is negative.",
				"Give 0 or more, e.g. 0.01.");
			if (chunkFrames < ConfidenceModel.KERNEL || batchSize < 1) throw new PulseJException("Chunks of " +
				chunkFrames + " frames in batches of " + batchSize + " cannot be trained.",
				"Use e.g. 256 frames and batches of 8.");
			if (!(minutes >= 0 && minutes <= 1e6)) throw new PulseJException("minutes=" + minutes +
				" is not a usable time budget.", "Use minutes=0 (no budget: epochs decide) or a positive number of minutes.");
		}

		/**
		 * No time budget: the default run's training epochs take about 0.6 ms per frame of video each on a
		 * 2-core CPU (20 epochs on 4 one-minute videos: 96 s), so a fixed budget would cut a large set's run
		 * short (docs/evaluation.md).
		 */
		public static Options defaults() {
			return new Options(20, 2e-4, 0.01, 128, 4, 1, 0);
		}

		public Options withEpochs(final int n) {
			return new Options(n, learningRate, weightDecay, chunkFrames, batchSize, seed, minutes);
		}

		public Options withLearningRate(final double lr) {
			return new Options(epochs, lr, weightDecay, chunkFrames, batchSize, seed, minutes);
		}

		public Options withSeed(final long s) {
			return new Options(epochs, learningRate, weightDecay, chunkFrames, batchSize, s, minutes);
		}

		public Options withMinutes(final double m) {
			return new Options(epochs, learningRate, weightDecay, chunkFrames, batchSize, seed, m);
		}
	}

	/**
	 * What training achieved: after each epoch, the mean L1 error (bpm) of the blended heart rate over
	 * every frame with a reference — the same frames as the comparison figures, the error of trusting
	 * every instantaneous value (c = 1) and of always taking the median (c = 0). (The loss of the
	 * training steps themselves covers random chunks and is not comparable with them.)
	 */
	public record Report(List<Double> epochLoss, int bestEpoch, double instantLoss, double medianLoss, int frames) {

		/** The loss of the epoch whose weights were kept. */
		public double finalLoss() {
			return epochLoss.get(bestEpoch - 1);
		}
	}

	private final Options options;
	private Report report;

	public ConfidenceTrainer(final Options options) {
		this.options = options;
	}

	/** The report of the last {@link #train} call. */
	public Report report() {
		return report;
	}

	/**
	 * Trains a new model on these videos.
	 *
	 * @throws PulseJException when no frame has both a reference and an estimate
	 * @throws java.util.concurrent.CancellationException when cancelled (no model is returned)
	 */
	public ConfidenceModel train(final List<Sample> samples, final Progress progress, final Consumer<String> log) {
		final List<Prepared> data = new ArrayList<>();
		double instSum = 0, medSum = 0;
		int frames = 0;
		for (final Sample s : samples) {
			progress.checkCancelled();
			final Prepared p = new Prepared(s);
			if (p.valid == 0) {
				log.accept("PulseJ: " + s.name() + " has no frame with both a reference and an estimate; not used.");
				continue;
			}
			data.add(p);
			instSum += p.instantL1;
			medSum += p.medianL1;
			frames += p.valid;
		}
		if (data.isEmpty()) throw new PulseJException("None of the " + samples.size() +
			" training videos has frames with both a reference heart rate and an estimate.",
			"Give videos with ground truth covering at least one heart-rate window.");
		final double instantLoss = instSum / frames, medianLoss = medSum / frames;
		log.accept(String.format(Locale.ROOT,
			"PulseJ: training the confidence model on %d videos (%d frames); L1 of instantaneous %.3f bpm, of median %.3f bpm",
			data.size(), frames, instantLoss, medianLoss));

		final ConfidenceModel model = ConfidenceModel.create(options.seed());
		boolean ok = false;
		final List<Double> losses = new ArrayList<>();
		final Random random = new Random(options.seed());
		final int len = options.chunkFrames(), channels = ConfidenceModel.CHANNELS;
		final Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
			.optWeightDecays((float) options.weightDecay()).build();
		final DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adamW).optDevices(
			new Device[] { Device.cpu() });
		double bestLoss = Double.POSITIVE_INFINITY;
		int bestEpoch = 0;
		final NDManager kept = model.model().getNDManager().newSubManager();
		final Map<String, NDArray> best = new HashMap<>();
		final TimeBudget budget = new TimeBudget(options.minutes());
		double slowest = 0;
		try (Trainer trainer = model.model().newTrainer(config)) {
			trainer.initialize(new Shape(1, channels, len));
			for (int epoch = 0; epoch < options.epochs(); epoch++) {
				if (epoch > 0 && budget.wouldOverrun(slowest)) {
					log.accept(String.format(Locale.ROOT, "PulseJ: confidence model training stopped after epoch %d of " +
						"%d: the time budget of %s min is used (%s in %.1f min); the model keeps epoch %d", epoch,
						options.epochs(), Messages.num(options.minutes()), Messages.count(epoch, "epoch"), budget.spent() / 60,
						bestEpoch));
					break;
				}
				final long t0 = System.nanoTime();
				final List<int[]> chunks = new ArrayList<>(); // {sample, start}
				for (int i = 0; i < data.size(); i++) {
					final int n = data.get(i).n;
					final int offset = n > len ? random.nextInt(Math.min(len, n - len + 1)) : 0;
					for (int start = offset; start < n; start += len)
						if (start + len <= n || start == offset) chunks.add(new int[] { i, start });
				}
				Collections.shuffle(chunks, random);
				for (int b = 0; b < chunks.size(); b += options.batchSize()) {
					progress.checkCancelled();
					final List<int[]> batch = chunks.subList(b, Math.min(chunks.size(), b + options.batchSize()));
					final int bs = batch.size();
					final float[] x = new float[bs * channels * len], e0 = new float[bs * len], d = new float[bs * len],
						mask = new float[bs * len];
					for (int k = 0; k < bs; k++)
						data.get(batch.get(k)[0]).copy(batch.get(k)[1], len, k, x, e0, d, mask);
					double count = 0;
					for (final float m : mask)
						count += m;
					if (count == 0) continue;
					try (NDManager step = model.model().getNDManager().newSubManager()) {
						final NDArray xs = step.create(x, new Shape(bs, channels, len));
						final NDArray e0s = step.create(e0, new Shape(bs, len));
						final NDArray ds = step.create(d, new Shape(bs, len));
						final NDArray ms = step.create(mask, new Shape(bs, len));
						final NDArray loss;
						try (GradientCollector gc = trainer.newGradientCollector()) {
							final NDArray c = trainer.forward(new NDList(xs)).singletonOrThrow().reshape(bs, len);
							// h_est − h_ref = (h_median − h_ref) + c·(h_instant − h_median)
							loss = e0s.add(c.mul(ds)).abs().mul(ms).sum().div((float) count);
							gc.backward(loss);
						}
						trainer.step();
					}
					// the epochs done, or the budget used when it ends the run first
					progress.fraction(budget.progress((epoch + (double) (b + bs) / chunks.size()) / options.epochs()));
				}
				// scored on every frame, so epochs compare with each other and with c = 1 / c = 0
				final double epochLoss = allFramesLoss(trainer, model.model().getNDManager(), data);
				losses.add(epochLoss);
				if (epochLoss < bestLoss) {
					bestLoss = epochLoss;
					bestEpoch = epoch + 1;
					snapshot(model, kept, best);
				}
				progress.status(String.format(Locale.ROOT, "Confidence model: epoch %d/%d, L1 %.3f bpm", epoch + 1,
					options.epochs(), epochLoss));
				slowest = Math.max(slowest, (System.nanoTime() - t0) / 1e9);
			}
			if (bestEpoch > 0) restore(model, best);
			ok = true;
		}
		finally {
			kept.close();
			if (!ok) model.close();
		}
		report = new Report(List.copyOf(losses), Math.max(1, bestEpoch), instantLoss, medianLoss, frames);
		final var d = model.description();
		final var t = new com.google.gson.JsonObject();
		t.addProperty("videos", data.size());
		t.addProperty("frames", frames);
		t.addProperty("epochs", losses.size());
		t.addProperty("minutes", options.minutes());
		t.addProperty("learningRate", options.learningRate());
		t.addProperty("weightDecay", options.weightDecay());
		t.addProperty("chunkFrames", len);
		t.addProperty("batchSize", options.batchSize());
		t.addProperty("seed", options.seed());
		t.addProperty("bestEpoch", report.bestEpoch());
		t.addProperty("finalLossBpm", report.finalLoss());
		t.addProperty("instantLossBpm", instantLoss);
		t.addProperty("medianLossBpm", medianLoss);
		d.add("training", t);
		log.accept(String.format(Locale.ROOT,
			"PulseJ: confidence model trained: L1 %.3f bpm at epoch %d of %d (instantaneous %.3f, median %.3f)", report
				.finalLoss(), report.bestEpoch(), losses.size(), instantLoss, medianLoss));
		return model;
	}

	/** Copies the current weights into {@code into} (arrays of {@code manager}). */
	private static void snapshot(final ConfidenceModel model, final NDManager manager, final Map<String, NDArray> into) {
		try (NoGrad noGrad = new NoGrad()) {
			for (final Pair<String, Parameter> p : model.model().getBlock().getParameters()) {
				final NDArray old = into.put(p.getKey(), p.getValue().getArray().duplicate());
				into.get(p.getKey()).attach(manager);
				if (old != null) old.close();
			}
		}
	}

	private static void restore(final ConfidenceModel model, final Map<String, NDArray> from) {
		try (NoGrad noGrad = new NoGrad()) {
			for (final Pair<String, Parameter> p : model.model().getBlock().getParameters())
				p.getValue().getArray().set(from.get(p.getKey()).toFloatArray());
		}
	}

	/** Mean |blended − reference| over every valid frame of every sample, with the current weights. */
	private static double allFramesLoss(final Trainer trainer, final NDManager manager, final List<Prepared> data) {
		double sum = 0;
		long count = 0;
		try (NoGrad noGrad = new NoGrad(); NDManager m = manager.newSubManager()) {
			for (final Prepared p : data) {
				final float[] x = new float[ConfidenceModel.CHANNELS * p.n];
				final float[] unused = new float[p.n];
				p.copy(0, p.n, 0, x, unused, unused.clone(), unused.clone());
				final float[] c = trainer.forward(new NDList(m.create(x, new Shape(1, ConfidenceModel.CHANNELS, p.n))))
					.singletonOrThrow().toFloatArray();
				for (int t = 0; t < p.n; t++)
					if (p.mask[t] > 0) {
						sum += Math.abs(p.e0[t] + c[t] * p.d[t]);
						count++;
					}
			}
		}
		return sum / count;
	}

	/** A sample's features and loss terms, NaNs masked out. */
	private static final class Prepared {

		final int n;
		final float[][] features;
		final float[] e0, d, mask;
		final int valid;
		final double instantL1, medianL1;

		Prepared(final Sample s) {
			n = s.ppg().length;
			features = ConfidenceModel.features(s.ppg());
			e0 = new float[n];
			d = new float[n];
			mask = new float[n];
			int v = 0;
			double li = 0, lm = 0;
			for (int t = 0; t < n; t++) {
				final double hi = s.hrInstant()[t], hm = s.hrMedian(), ref = s.hrReference()[t];
				if (Double.isNaN(hi) || Double.isNaN(hm) || Double.isNaN(ref)) continue;
				e0[t] = (float) (hm - ref);
				d[t] = (float) (hi - hm);
				mask[t] = 1;
				li += Math.abs(hi - ref);
				lm += Math.abs(hm - ref);
				v++;
			}
			valid = v;
			instantL1 = li;
			medianL1 = lm;
		}

		/** Frames [start, start + len) into batch row k (zeros and mask 0 past the end). */
		void copy(final int start, final int len, final int k, final float[] x, final float[] e0s, final float[] ds,
			final float[] ms)
		{
			final int have = Math.max(0, Math.min(len, n - start));
			final int channels = ConfidenceModel.CHANNELS;
			for (int c = 0; c < channels; c++)
				System.arraycopy(features[c], start, x, (k * channels + c) * len, have);
			System.arraycopy(e0, start, e0s, k * len, have);
			System.arraycopy(d, start, ds, k * len, have);
			System.arraycopy(mask, start, ms, k * len, have);
		}
	}
}

package org.pulsej.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.pulsej.PulseJ;
import org.pulsej.signal.Stats;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.FolderLock;
import org.pulsej.util.Json;
import org.pulsej.util.Messages;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;
import org.pulsej.input.FaceVolume;

/**
 * Self-supervised contrastive training of PhysNet (paper Sec. 2.3, Fig. 1), no labels needed.
 * <p>
 * Each step takes a batch of random clips x_a of W seconds (optionally read over a shorter span and
 * stretched to W), squeezes them in time by a random factor r ∈ [min, max] to get the negative x_n
 * (pulse 1/r faster), runs both through the network, stretches the negative's output back by 1/r to
 * get the positive y_p, and minimises the {@link MultiViewTripletLoss} with AdamW. The negative is
 * given to the network at its own length r·T (a multiple of 4), not zero-padded back to T as in the
 * authors' code, so no padding enters the network's normalisation or BatchNorm statistics.
 * <p>
 * After each epoch the network is scored and a checkpoint is written; the best epoch becomes the
 * model's weights ({@link EpochSelection}, paper 5.4). Without labels the score is the irrelevant
 * power ratio (IPR) of its inference-mode PPG on the centre clip of up to 16 training videos (lowest
 * wins). With labelled videos ({@link LabelledVolume}) and selection AUTO or MCC, it is the maximum
 * cross-correlation (MCC) between its PPG and the ground-truth PPG on the centre clip of the covered
 * part of up to 16 labelled videos (highest wins); the IPR is still logged. Without labelled videos but
 * with companions that train with their pulse ({@code companion_pulse} above 0), AUTO scores by the IPR
 * of the user's videos times (1 − the same MCC between the companions' PPG and the pulse they were drawn
 * with) (BOTH; COMPANIONS is that MCC alone). Labelled videos are only
 * scored, never trained on (unless the caller also lists them as training videos, as the paper does
 * when training on the videos to measure).
 * <p>
 * Model folder: {@code model.json} (with the criterion), {@code physnet.params} (selected epoch),
 * {@code training-log.csv} (epoch,loss,ipr,seconds,mcc,criterion,skipped_steps) and {@code checkpoint/} (last epoch's weights, AdamW moments, state) from
 * which {@code resume} continues exactly — after a cancel, a crash or a kill, the run continues from
 * the last finished epoch and, on the CPU, gives the same result as an uninterrupted run.
 * <p>
 * Determinism: weights are initialised from the seed with a Java RNG and every random choice (clips,
 * stretches, factors, view offsets) comes from a Java RNG seeded per epoch, on one thread; no engine
 * randomness is used. On the CPU the same seed gives bit-identical results (PyTorch's CPU kernels are
 * deterministic for a fixed thread count); GPU kernels may differ in the last bits.
 */
public final class ContrastiveTrainer {

	static final String CHECKPOINT_DIR = "checkpoint", STATE = "state.json", LOG = "training-log.csv";
	private static final int STATE_VERSION = 1, QUALITY_VIDEOS = 16;
	private static final Gson GSON = Json.gson();

	/** Checkpoint bookkeeping, saved as checkpoint/state.json. */
	record State(int version, int epochsCompleted, int selectedEpoch, double selectedIpr,
		List<TrainingReport.EpochStats> history, String fingerprint, String criterion, double selectedMcc)
	{

		/** The criterion of the run (checkpoints of older versions have none: IPR). */
		EpochSelection.Criterion criterionOrIpr() {
			return criterion == null ? EpochSelection.Criterion.IPR : EpochSelection.Criterion.valueOf(criterion);
		}

		/**
		 * As read back from state.json: a run that chose by IPR has no MCC per epoch, which the file holds
		 * as nothing and reading gave 0 (the table after resume=true showed mcc 0 for the restored epochs).
		 */
		State restored() {
			if (criterionOrIpr() != EpochSelection.Criterion.IPR) return this;
			return new State(version, epochsCompleted, selectedEpoch, selectedIpr, history.stream().map(
				e -> new TrainingReport.EpochStats(e.epoch(), e.loss(), e.ipr(), Double.NaN, e.seconds(), e.skipped()))
				.toList(), fingerprint, criterion, Double.NaN);
		}
	}

	/**
	 * Trains (or, with {@code o.resume()}, continues training) a PhysNet on {@code videos} into
	 * {@code modelDir}. Returns after the last epoch or, if the user cancels, at once keeping the last
	 * finished epoch. The videos are not modified.
	 */
	public TrainingReport train(final List<FaceVolume> videos, final PhysNetConfig config, final TrainOptions o,
		final Path modelDir, final Progress p)
	{
		return train(videos, List.of(), config, o, modelDir, p);
	}

	/**
	 * As {@link #train(List, PhysNetConfig, TrainOptions, Path, Progress)}, with labelled videos that
	 * score each epoch by MCC when {@code o.selection()} is AUTO or MCC. A labelled video whose ground
	 * truth covers less than one training clip is left out with a status message; MCC with no usable
	 * labelled video is a {@link PulseJException}, AUTO then falls back to IPR (with a message).
	 */
	public TrainingReport train(final List<FaceVolume> videos, final List<LabelledVolume> labelled,
		final PhysNetConfig config, final TrainOptions o, final Path modelDir, final Progress p)
	{
		return train(videos, List.of(), labelled, config, o, modelDir, p);
	}

	/**
	 * Refuses videos none of which holds one training clip (the clip × the stretch minimum, at the
	 * training's frame rate), as {@code train} does: before the companions are drawn and the network built.
	 */
	public static void checkLongEnough(final List<FaceVolume> videos, final TrainOptions o) {
		if (videos == null || videos.isEmpty()) return;
		final double minSeconds = minSeconds(videos, o);
		double longest = 0;
		for (final FaceVolume v : videos) {
			if (holdsClip(v, minSeconds)) return;
			longest = Math.max(longest, v.frames() / v.fps());
		}
		throw tooShort(longest, minSeconds, minSeconds / o.stretchMin(), o.stretchMin());
	}

	/** The frame rate a training runs at: {@code fps=} where given, else the first video's. */
	public static double trainingFps(final List<FaceVolume> videos, final TrainOptions o) {
		return o.fps() > 0 ? o.fps() : videos.get(0).fps();
	}

	/** The shortest video that holds one training clip (the clip × the stretch minimum), in seconds. */
	public static double minSeconds(final List<FaceVolume> videos, final TrainOptions o) {
		return minSeconds(trainingFps(videos, o), o);
	}

	private static double minSeconds(final double fps, final TrainOptions o) {
		return clipFrames(o.clipSeconds(), fps) / fps * o.stretchMin();
	}

	private static PulseJException tooShort(final double longest, final double minSeconds, final double clipSeconds,
		final double stretchMin)
	{
		// the longest clip the longest video holds; under 2 s (two frames) none is named: "clip=1.0 would fit" was
		// said of a clip that does not
		final double fits = Math.floor(longest / stretchMin);
		return new PulseJException(String.format(Locale.ROOT,
			"No video is long enough to train on: the longest has %.2f s, training needs at least %.2f s " +
				"(clip %.3g s × stretch minimum %.3g).", longest, minSeconds, clipSeconds, stretchMin), String.format(
					Locale.ROOT, "Use videos of at least %.1f s", minSeconds) + (fits >= 2 ? String.format(Locale.ROOT,
						", or a shorter clip (clip=%.1f would fit).", fits) : "; a clip must hold a few heartbeats, so a " +
							"video this short cannot be trained on."));
	}

	/**
	 * As {@link #train(List, List, PhysNetConfig, TrainOptions, Path, Progress)}, with {@code companions}
	 * (generated videos, {@link org.pulsej.synth.CompanionVideos}, each with the pulse it was drawn with) drawn
	 * from for the loss like the videos, but not scored: the IPR that selects the epoch, and the report, are
	 * about {@code videos}. Where {@link TrainOptions#companionPulse()} is above 0, a companion's clip also pays
	 * {@link CompanionPulse}'s term for a PPG that does not follow its pulse.
	 */
	public TrainingReport train(final List<FaceVolume> videos, final List<LabelledVolume> companions,
		final List<LabelledVolume> labelled, final PhysNetConfig config, final TrainOptions o, final Path modelDir,
		final Progress p)
	{
		o.validate();
		checkTrainable(config);
		if (videos == null || videos.isEmpty()) throw new PulseJException("No videos to train on.",
			"Give at least one face video (more videos of more people give a more general model).");
		for (int i = 0; i < videos.size(); i++)
			if (videos.get(i).channels() != config.channels()) throw new PulseJException("Video " + (i + 1) + " has " +
				videos.get(i).channels() + " colour channel(s); the network expects " + config.channels() + ".",
				"Prepare all videos with the same face stage settings (" + config.colorSpace() + ").");

		final double fps = trainingFps(videos, o);
		final int clipFrames = clipFrames(o.clipSeconds(), fps);
		final int viewFrames = (int) Math.round(o.viewSeconds() * fps);
		final int shortestNegative = FrequencyResampler.negativeLength(clipFrames, o.minFactor());
		if (viewFrames > shortestNegative) throw new PulseJException(String.format(Locale.ROOT,
			"Views of %.3g s do not fit into the shortest negative clip (%.3g s = clip × min factor).", o.viewSeconds(),
			shortestNegative / fps), String.format(Locale.ROOT,
				"Use view seconds of at most %.3g, or a longer clip (paper: clip 10 s, view 5 s).", shortestNegative /
					fps));
		final MultiViewTripletLoss loss;
		try {
			loss = new MultiViewTripletLoss(fps, o.views(), viewFrames);
		}
		catch (final IllegalArgumentException e) {
			throw new PulseJException("The loss cannot be computed: " + e.getMessage() + ".",
				"Use a longer clip (clip=10, the paper's; each view is half a clip, at most 5 s) or videos with a " +
					"higher frame rate.");
		}
		final SincLoss sinc = o.lossOrDefault() == TrainOptions.Loss.SINC ? new SincLoss(fps) : null;
		final ContrastPhysLoss spatial = o.lossOrDefault() == TrainOptions.Loss.SPATIAL ? new ContrastPhysLoss(fps, Math
			.max(2, o.views()), viewFrames, true) : null;

		// videos too short for the shortest clip (W × stretch minimum) are left out
		final double minSeconds = minSeconds(fps, o);
		final List<ClipReader> usable = new ArrayList<>();
		double seconds = 0, longest = 0;
		for (final FaceVolume v : videos) {
			final double s = v.frames() / v.fps();
			longest = Math.max(longest, s);
			if (holdsClip(v, minSeconds)) {
				usable.add(new ClipReader(v, config));
				seconds += s;
			}
		}
		if (usable.isEmpty()) throw tooShort(longest, minSeconds, clipFrames / fps, o.stretchMin());
		final int skipped = videos.size() - usable.size();
		// the user's videos first: quality() scores those alone
		final int measured = usable.size();
		// the companions' known pulse, per usable video (null for the user's videos, whose pulse is unknown)
		final List<double[]> pulses = new ArrayList<>(java.util.Collections.nCopies(usable.size(), (double[]) null));
		// the companions that hold a clip can also score epochs with the pulse they were drawn with
		final List<LabelledVolume> drawn = new ArrayList<>();
		for (final LabelledVolume l : companions) {
			final FaceVolume v = l.volume();
			if (v.channels() != config.channels()) throw new IllegalArgumentException("companion with " + v
				.channels() + " channels");
			if (holdsClip(v, minSeconds)) {
				usable.add(new ClipReader(v, config));
				pulses.add(o.companionPulse() > 0 ? l.ppg() : null);
				drawn.add(l);
			}
		}
		if (skipped > 0) p.status(String.format(Locale.ROOT,
			"%d of %d videos are shorter than %.2f s and are left out of the training.", skipped, videos.size(),
			minSeconds));

		final List<LabelledVolume> scored = usableLabelled(labelled, config, fps, clipFrames, p);
		final EpochSelection.Criterion criterion = EpochSelection.resolve(o.selectionOrAuto(), scored.size(), drawn
			.size(), o.companionPulse() > 0);
		if (usable.size() > measured) p.status(String.format(Locale.ROOT, "%d companion video(s) train beside the %d " +
			"video(s) (for the loss%s)%s.", usable.size() - measured, measured, criterion == EpochSelection.Criterion
				.COMPANIONS || criterion == EpochSelection.Criterion.BOTH ? " and to choose the epoch" : " only; the epoch is chosen on your videos", o
					.companionPulse() > 0 ? String.format(Locale.ROOT, ", their PPG asked to follow the pulse they were " +
						"drawn with (companion_pulse=%s)", Messages.num(o.companionPulse())) : ""));
		if (criterion == EpochSelection.Criterion.MCC) p.status(String.format(Locale.ROOT,
			"Epoch selection: MCC with the ground truth of %d labelled video(s) (highest wins; IPR is logged too).", scored
				.size()));
		else if (criterion == EpochSelection.Criterion.COMPANIONS) p.status(String.format(Locale.ROOT,
			"Epoch selection: MCC of %d companion video(s) with the pulse they were drawn with (highest wins; the IPR " +
				"of your videos is logged too).", drawn.size()));
		else if (criterion == EpochSelection.Criterion.BOTH) p.status(String.format(Locale.ROOT,
			"Epoch selection: IPR of your videos (label-free) times (1 - the MCC of %d companion video(s) with the pulse " +
				"they were drawn with); lowest wins.", drawn.size()));
		else p.status("Epoch selection: IPR of the training videos (label-free; lowest wins)" + (labelled.isEmpty() ? "."
			: ", since no labelled video is usable."));

		final int samples = roundUp(Math.max(o.samplesPerEpoch() > 0 ? o.samplesPerEpoch() : usable.size(), 1), o
			.batchSize());
		if (usable.size() < o.batchSize()) p.status("Fewer videos (" + usable.size() + ") than the batch size (" + o
			.batchSize() + "): each batch holds several random clips of the same video.");
		final int steps = samples / o.batchSize();

		final Device device = Devices.choose(o.device(), p::status);
		final Path ckptDir = modelDir.resolve(CHECKPOINT_DIR);
		final List<FaceVolume> all = new ArrayList<>(videos);
		for (final LabelledVolume l : companions)
			all.add(l.volume());
		final String fingerprint = fingerprint(config, o, fps, clipFrames, all) + switch (criterion) {
			case MCC -> "|selection=MCC " + labelledFingerprint(scored);
			// the companions are in the fingerprint as videos already; their pulse is drawn from the same seeds
			case COMPANIONS, BOTH -> "|selection=" + criterion.name();
			case IPR -> "";
		};
		final Path made = FolderLock.firstMissing(modelDir);
		final boolean ckptExisted = Files.exists(ckptDir);
		State state = prepareFolder(modelDir, ckptDir, o, fingerprint, criterion);

		final Engine engine = Devices.engine();
		final int c = config.channels(), h = config.inputHeight(), w = config.inputWidth();
		final int clipSize = c * clipFrames * h * w;
		try (NDManager manager = engine.newBaseManager(device)) {
			final Block net = PhysNet.build(config);
			PhysNet.initialize(net, manager, config, o.seed());
			final long paramCount = PhysNet.parameterCount(net);
			p.status(String.format(Locale.ROOT, "PhysNet: %,d trainable parameters (width %d, input %dx%d, %d frames " +
				"= %.3g s at %.4g fps); %d step(s) of %d clips per epoch.", paramCount, config.width(), h, w, clipFrames,
				clipFrames / fps, fps, steps, o.batchSize()));
			final AdamW adamW = new AdamW(manager, o.learningRate(), o.weightDecay());
			if (state.epochsCompleted() > 0) {
				final int e = state.epochsCompleted();
				ModelFiles.loadWeights(net, manager, ckptDir.resolve(epochFile(e, ".params")));
				loadOptimizer(adamW, ckptDir.resolve(epochFile(e, ".adamw")));
				p.status("Resuming after epoch " + e + " of " + o.epochs() + ".");
			}
			final PairList<String, Parameter> params = PhysNet.collectGradients(net);
			final ParameterStore ps = new ParameterStore(manager, false);
			final FrequencyResampler resampler = new FrequencyResampler(o.minFactor(), o.maxFactor());
			final List<TrainingReport.EpochStats> history = new ArrayList<>(state.history());
			final int state0 = state.epochsCompleted();

			final TrainingGuard guard = new TrainingGuard(net);
			// nuisance traces: as many as the videos have (0 when the weight is 0 or none has any)
			int traces = 0;
			if (o.nuisanceWeight() > 0) for (final ClipReader r : usable)
				traces = Math.max(traces, r.nuisanceTraces());
			if (o.nuisanceWeight() > 0) p.status(traces == 0 ? "No video has nuisance traces (motion, background); " +
				"the loss is the paper's alone." : String.format(Locale.ROOT,
					"Nuisance term (weight %.3g): the PPG is kept apart from %d motion/background trace(s).", o
						.nuisanceWeight(), traces));
			final TimeBudget budget = new TimeBudget(o.minutes());
			String stopped = null;
			int skippedInARow = 0;
			for (int epoch = state.epochsCompleted() + 1; epoch <= o.epochs(); epoch++) {
				final int done = epoch - 1 - state0;
				if (done > 0 && budget.wouldOverrun(slowest(history, state0))) {
					stopped = String.format(Locale.ROOT, "the time budget of %.3g min is used (%s in %.1f min)", o
						.minutes(), Messages.count(done, "epoch"), budget.spent() / 60);
					break;
				}
				final int sinceBest = epoch - 1 - state.selectedEpoch();
				if (o.patience() > 0 && state.selectedEpoch() > 0 && sinceBest >= o.patience()) {
					stopped = String.format(Locale.ROOT, "%s has not improved for %s (best: epoch %d)", EpochSelection
						.scoreName(criterion),
						Messages.count(sinceBest, "epoch"), state.selectedEpoch());
					break;
				}
				final long t0 = System.nanoTime();
				final SplittableRandom rnd = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + epoch);
				final int[] order = schedule(usable.size(), samples, rnd);
				double lossSum = 0;
				int finished = 0, skippedSteps = 0;
				for (int s = 0; s < steps; s++) {
					if (p.isCancelled()) {
						// cancelled before any epoch was saved: nothing to resume from, no empty folder left
						if (state.epochsCompleted() == 0) removeUnused(ckptDir, ckptExisted, modelDir, made);
						return cancelled(modelDir, state, paramCount, measured, skipped, device, p);
					}
					final float[] batch = new float[o.batchSize() * clipSize];
					final float[] nuisance = traces > 0 ? new float[o.batchSize() * traces * clipFrames] : null;
					final CompanionPulse pulse = new CompanionPulse(new float[o.batchSize() * clipFrames], new float[o
						.batchSize()], o.companionPulse());
					for (int b = 0; b < o.batchSize(); b++) {
						final int video = order[s * o.batchSize() + b];
						final ClipSpan span = readRandomClip(usable.get(video), fps, clipFrames, o.stretchMin(), rnd, batch, b *
							clipSize, nuisance, traces);
						if (pulses.get(video) != null) pulse.set(b, pulses.get(video), span, clipFrames);
					}
					final int tNeg = FrequencyResampler.negativeLength(clipFrames, resampler.drawFactor(rnd));
					final StepResult r = step(engine, net, ps, manager, adamW, params, new Objective(loss, sinc, spatial,
						Arrays.copyOfRange(order, s * o.batchSize(), (s + 1) * o.batchSize())), guard, batch, new Shape(o
							.batchSize(), c, clipFrames, h, w), tNeg, rnd, o.diagnose(), nuisance == null ? null
								: new Nuisance(nuisance, traces, o.nuisanceWeight()), pulse.any() ? pulse : null);
					if (r.skipped()) {
						skippedSteps++;
						skippedInARow++;
						p.status(String.format(Locale.ROOT, "Epoch %d, step %d/%d skipped: %s became non-finite%s.", epoch, s +
							1, steps, r.cause(), Double.isNaN(r.gradientNorm()) ? "" : String.format(Locale.ROOT,
								" (gradient norm %.3g)", r.gradientNorm())));
						if (skippedInARow >= TrainingGuard.MAX_SKIPPED_IN_A_ROW) throw new PulseJException(String.format(
							Locale.ROOT, "Training stopped: %d steps in a row produced non-finite values (the last: %s).",
							skippedInARow, r.cause()), (r.cause().contains("input") ? "Check that the videos hold no NaN or " +
								"infinite values. " : "") + "Use a smaller learning rate (lr=" + o.learningRate() / 10 +
								"); the model folder keeps the last finished epoch (resume continues from it).");
					}
					else {
						skippedInARow = 0;
						lossSum += r.loss();
						finished++;
					}
					// the epochs done, or the budget used when it ends the run first
					p.fraction(budget.progress(((epoch - 1) * (double) steps + s + 1) / ((double) o.epochs() * steps)));
				}
				final double epochLoss = finished == 0 ? Double.NaN : lossSum / finished;
				final double ipr = quality(net, ps, manager, usable.subList(0, measured), fps, clipFrames);
				final double mcc = switch (criterion) {
					case MCC -> labelledQuality(net, ps, manager, scored, config, fps, clipFrames);
					case COMPANIONS, BOTH -> labelledQuality(net, ps, manager, drawn, config, fps, clipFrames);
					case IPR -> Double.NaN;
				};
				final double secs = (System.nanoTime() - t0) / 1e9;
				history.add(new TrainingReport.EpochStats(epoch, epochLoss, ipr, mcc, secs, skippedSteps));
				final boolean better = finished > 0 && (state.selectedEpoch() == 0 || EpochSelection.better(criterion, ipr,
					mcc, state.selectedIpr(), state.selectedMcc()));
				state = new State(STATE_VERSION, epoch, better ? epoch : state.selectedEpoch(), better ? ipr : state
					.selectedIpr(), List.copyOf(history), fingerprint, criterion.name(), better ? mcc : state.selectedMcc());
				writeEpoch(net, adamW, modelDir, ckptDir, state, better, config, o, fps, clipFrames, paramCount,
					measured, seconds);
				p.status(String.format(Locale.ROOT, "Epoch %d/%d: loss %.5f, IPR %.3f%s%s%s, %.1f s%s", epoch, o.epochs(),
					epochLoss, ipr, Double.isNaN(mcc) ? "" : ", " + EpochSelection.format(criterion, ipr, mcc), better
						? " (best so far by " + EpochSelection.scoreName(criterion) + ")" : "", skippedSteps == 0 ? "" : ", " + skippedSteps +
							" step(s) skipped", secs, !budget.limited() ? "" : String.format(Locale.ROOT,
								"; %.1f min of the budget left", budget.left() / 60)));
			}
			if (stopped != null) p.status("Training stopped after epoch " + state.epochsCompleted() + ": " + stopped +
				"; the model keeps epoch " + state.selectedEpoch() + ".");
			return new TrainingReport(modelDir, state.epochsCompleted(), state.selectedEpoch(), false, state.history(),
				paramCount, measured, skipped, device.toString(), stopped);
		}
		catch (final RuntimeException | Error e) {
			// a run that fails before its first checkpoint (a full disk, a NaN video) leaves no empty folders it made
			removeUnused(ckptDir, ckptExisted, modelDir, made);
			throw e;
		}
	}

	/** Removes the checkpoint and model folders a run made (from {@code made} up) where they hold nothing. */
	private static void removeUnused(final Path ckptDir, final boolean ckptExisted, final Path modelDir,
		final Path made)
	{
		if (!ckptExisted) FolderLock.removeIfUnused(ckptDir);
		FolderLock.removeIfUnused(modelDir, made);
	}

	/** Whether {@code v} lasts the {@code minSeconds} a clip is read over (W × stretch minimum), up to rounding. */
	public static boolean holdsClip(final FaceVolume v, final double minSeconds) {
		return v.frames() / v.fps() + 1e-9 >= minSeconds;
	}

	/**
	 * Refuses a network whose first convolution has one channel (width 2 or 3). For one channel the
	 * channels-last layout PhysNet trains in is also the plain one, and oneDNN's convolution backward on
	 * the plain layout with two threads gave wrong gradients (first-layer weights 7.6 times off the
	 * one-thread values on a 2-core AVX-512 CPU; see {@link PhysNet#upsampleTime}), so such a network
	 * would learn from noise or stop on NaN depending on the machine. Applying a model needs no
	 * gradients, so models of any width still load and run.
	 */
	public static void checkTrainable(final PhysNetConfig config) {
		if (config.firstWidth() < 2) throw new PulseJException("A network of width " + config.width() +
			" cannot be trained reliably: its first layer has one channel, whose gradients the CPU's convolution " +
			"library computes wrongly with more than one thread.", "Use width=4 or more (CPU default 16, the paper's 64).");
		// larger than a model PulseJ loads (PhysNetModel refuses it as damaged): size=100000x100000 was refused only
		// for the scratch disk it needed, and a smaller excess would have trained a model no command opens
		if (config.inputHeight() > PhysNetModel.MAX_INPUT_SIDE || config.inputWidth() > PhysNetModel.MAX_INPUT_SIDE)
			throw new PulseJException("A network of " + config.inputHeight() + "x" + config.inputWidth() + " input is " +
				"larger than PulseJ loads (at most " + PhysNetModel.MAX_INPUT_SIDE + " pixels a side): the model could " +
				"not be used.", "Use size=64x64 (CPU default) or size=192x128 (the paper's), multiples of 16 up to " +
					PhysNetModel.MAX_INPUT_SIDE + ".");
		if (config.width() > PhysNetModel.MAX_WIDTH) throw new PulseJException("A network of width " + config.width() +
			" is wider than PulseJ loads (at most " + PhysNetModel.MAX_WIDTH + "): the model could not be used.",
			"Use width=16 (CPU default) or width=64 (the paper's), up to " + PhysNetModel.MAX_WIDTH + ".");
	}

	/** The longest epoch of this run so far, in seconds (the epochs after {@code first}). */
	private static double slowest(final List<TrainingReport.EpochStats> history, final int first) {
		double m = 0;
		for (final TrainingReport.EpochStats e : history)
			if (e.epoch() > first) m = Math.max(m, e.seconds());
		return m;
	}

	/**
	 * What one step did: its loss, or that it was skipped and why.
	 *
	 * @param cause where the first non-finite value appeared (null for a finished step)
	 * @param gradientNorm the global gradient norm before clipping (NaN when not computed)
	 */
	record StepResult(float loss, boolean skipped, String cause, double gradientNorm) {}

	/**
	 * One contrastive step on a batch of anchor clips ({@code shape} = B × C × T × H × W) with a
	 * negative of {@code tNeg} frames. A step whose loss or gradients are not finite changes nothing
	 * (see {@link TrainingGuard}) and is returned as skipped with the place it went wrong; with
	 * {@code diagnose} every step's intermediates are checked. Intermediates live in a sub-manager that
	 * is closed at the end, so native memory does not grow from step to step.
	 */
	static StepResult step(final Engine engine, final Block net, final ParameterStore ps, final NDManager manager,
		final AdamW adamW, final PairList<String, Parameter> params, final MultiViewTripletLoss loss,
		final TrainingGuard guard, final float[] batch, final Shape shape, final int tNeg, final SplittableRandom rnd,
		final boolean diagnose, final Nuisance nuisance)
	{
		return step(engine, net, ps, manager, adamW, params, new Objective(loss, null, null, null), guard, batch, shape,
			tNeg, rnd, diagnose, nuisance, null);
	}

	/**
	 * The loss of a step: the paper's {@code triplet} (always given: the nuisance term uses its spectra),
	 * or instead {@link SincLoss} on the anchor clips alone when {@code sinc} is set (no negative is
	 * made), or {@link ContrastPhysLoss} on region PPGs when {@code spatial} is set; {@code videos[b]}
	 * is the video of the batch's clip b.
	 */
	record Objective(MultiViewTripletLoss triplet, SincLoss sinc, ContrastPhysLoss spatial, int[] videos) {}

	/**
	 * As above with the loss of {@code objective}, plus {@code pulse}'s term where it is not null (the companions'
	 * known pulse).
	 */
	static StepResult step(final Engine engine, final Block net, final ParameterStore ps, final NDManager manager,
		final AdamW adamW, final PairList<String, Parameter> params, final Objective objective,
		final TrainingGuard guard, final float[] batch, final Shape shape, final int tNeg,
		final SplittableRandom rnd, final boolean diagnose, final Nuisance nuisance, final CompanionPulse pulse)
	{
		final MultiViewTripletLoss loss = objective.triplet();
		final SincLoss sinc = objective.sinc();
		final ContrastPhysLoss spatial = objective.spatial();
		try (NDManager step = manager.newSubManager()) {
			final NDArray xa = step.create(batch, shape);
			final NDArray xn = sinc != null ? null : FrequencyResampler.negative(xa, tNeg);
			guard.saveRunningStats();
			if (diagnose) {
				final String cause = diagnoseForward(net, ps, xa, xn, guard);
				if (cause != null) return skip(params, guard, cause, Double.NaN);
			}
			final NDArray l;
			try (GradientCollector gc = engine.newGradientCollector()) {
				final NDArray ya;
				final NDArray main;
				if (spatial != null) {
					final NDArray ra = PhysNet.forwardRegions(net, ps, xa, true, ContrastPhysLoss.GRID);
					final NDArray rn = PhysNet.forwardRegions(net, ps, xn, true, ContrastPhysLoss.GRID);
					final long b = rn.getShape().get(0), r = rn.getShape().get(1);
					final NDArray rp = FrequencyResampler.positive(rn.reshape(b * r, rn.getShape().get(2)), Math.toIntExact(
						shape.get(2))).reshape(b, r, shape.get(2));
					main = spatial.compute(ra, rp, rn, objective.videos(), rnd);
					ya = ra.mean(new int[] { 1 });
				}
				else if (sinc != null) {
					ya = PhysNet.forward(net, ps, xa, true);
					main = sinc.compute(ya);
				}
				else {
					ya = PhysNet.forward(net, ps, xa, true);
					final NDArray yn = PhysNet.forward(net, ps, xn, true);
					final NDArray yp = FrequencyResampler.positive(yn, Math.toIntExact(shape.get(2)));
					main = loss.compute(ya, yp, yn, rnd);
				}
				final NDArray withNuisance = nuisance == null ? main : main.add(nuisance.penalty(loss, ya, step));
				l = pulse == null ? withNuisance : withNuisance.add(pulse.penalty(ya, step));
				gc.backward(l);
			}
			final float lv = l.getFloat();
			final double norm = TrainingGuard.gradientNorm(params);
			if (!Float.isFinite(lv) || !Double.isFinite(norm)) {
				String cause = diagnoseForward(net, ps, xa, xn, guard);
				if (cause == null) cause = Float.isFinite(lv) ? TrainingGuard.firstNonFiniteGradient(params) : "the loss";
				return skip(params, guard, cause == null ? "the gradient norm" : cause, norm);
			}
			if (norm > TrainingGuard.MAX_GRADIENT_NORM) TrainingGuard.scaleGradients(params,
				TrainingGuard.MAX_GRADIENT_NORM / norm);
			adamW.step(params);
			return new StepResult(lv, false, null, norm);
		}
	}

	/**
	 * The known pulse of the batch's companion clips ({@code B × T}, read over the clip's frames as the clip
	 * was; {@code mask[b]} 1 for a companion's clip, 0 for one of the user's videos) and its weight. The term
	 * is {@code weight · mean over the companion clips of (1 − r)}, r the Pearson correlation of the clip's PPG
	 * with its pulse: a label-free loss asks only for a steady rhythm in the band, and is never told which
	 * rhythm, nor when the beats fall (a model trained with SiNC's loss alone ran 0.05–0.25 s behind the pulse).
	 * The companions' pulse is known because PulseJ drew them; the user's videos stay unlabelled.
	 */
	record CompanionPulse(float[] target, float[] mask, double weight) {

		/** Guards the correlation of a constant PPG (a silent clip), which has no direction: r = 0 there, not NaN. */
		static final float EPS = 1e-8f;

		/** Clip {@code b} of the batch is a companion's, read over {@code span}: its pulse over the same frames. */
		void set(final int b, final double[] ppg, final ClipSpan span, final int t) {
			final FrequencyResampler.Taps taps = FrequencyResampler.taps(ppg.length, t, span.start(), span.span());
			for (int i = 0; i < t; i++)
				target[b * t + i] = (float) taps.at(i, ppg);
			mask[b] = 1;
		}

		/** Each row less its mean, divided by its largest magnitude: the squares summed cannot overflow. */
		private static NDArray unit(final NDArray x) {
			final NDArray c = x.sub(x.mean(new int[] { 1 }, true));
			return c.div(c.abs().max(new int[] { 1 }, true).add(EPS));
		}

		boolean any() {
			for (final float m : mask)
				if (m > 0) return true;
			return false;
		}

		NDArray penalty(final NDArray ya, final NDManager m) {
			final NDArray y = unit(ya);
			final NDArray g = unit(m.create(target, ya.getShape()));
			final NDArray r = y.mul(g).sum(new int[] { 1 }).div(y.square().sum(new int[] { 1 }).mul(g.square().sum(
				new int[] { 1 })).add(EPS).sqrt());
			float n = 0;
			for (final float k : mask)
				n += k;
			return r.neg().add(1f).mul(m.create(mask)).sum().div(n).mul((float) weight);
		}
	}

	/**
	 * The nuisance traces of a batch ({@code B × K × T}, as {@link ClipReader#readNuisance} reads them)
	 * and their weight. Each trace's in-band spectrum is turned into the <em>prominence</em> of its
	 * periodic peaks ({@link #prominence}): only a rhythm that stands out of the trace's own spectrum
	 * (a nod, a lamp's ripple) counts, not slow drift or the detector's jitter, whose spectra are
	 * smooth. The penalty is {@code weight · mean over the batch of Σ_f P_y(f)·Q(f)}, with P_y the
	 * anchor PPG's normalised in-band spectrum and Q the largest prominence of any trace at f: a PPG
	 * that follows a nuisance rhythm pays up to the weight, a PPG elsewhere nothing.
	 */
	record Nuisance(float[] traces, int k, double weight) {

		/** Bins within this many times the band's median power are not a peak. */
		static final double PEAK_FACTOR = 4;

		NDArray penalty(final MultiViewTripletLoss loss, final NDArray ya, final NDManager m) {
			final int b = Math.toIntExact(ya.getShape().get(0)), t = Math.toIntExact(ya.getShape().get(1));
			final NDArray py = loss.normalizedPsd(ya); // B × F
			final float[] q = prominence(traces, b, k, t, loss.bandMaskFor(t));
			final NDArray w = m.create(q, new Shape(b, q.length / b)); // constant: no gradient
			return py.mul(w).sum(new int[] { 1 }).mean().mul((float) weight);
		}

		/**
		 * {@code B × F}: per clip and in-band rFFT bin, the largest prominence over the clip's traces. A
		 * trace is detrended (straight line), Hann-windowed (so that slow sway does not leak into the
		 * band), its in-band power normalised to sum 1; the prominence of a bin is its share above
		 * {@link #PEAK_FACTOR} × the median share (0 for a flat or smooth spectrum).
		 */
		static float[] prominence(final float[] traces, final int b, final int k, final int t, final float[] mask) {
			final int f = mask.length;
			final float[] out = new float[b * f];
			final double[] x = new double[t], p = new double[f];
			for (int i = 0; i < b; i++)
				for (int j = 0; j < k; j++) {
					final int off = (i * k + j) * t;
					detrendAndWindow(traces, off, t, x);
					double sum = 0;
					int inBand = 0;
					for (int bin = 0; bin < f; bin++) {
						p[bin] = 0;
						if (mask[bin] == 0) continue;
						p[bin] = PpgQuality.power(x, (double) bin / t);
						sum += p[bin];
						inBand++;
					}
					if (!(sum > 0) || inBand == 0) continue; // a constant trace: no rhythm
					final double[] shares = new double[inBand];
					for (int bin = 0, c = 0; bin < f; bin++)
						if (mask[bin] != 0) shares[c++] = p[bin] / sum;
					java.util.Arrays.sort(shares);
					final double floor = PEAK_FACTOR * shares[inBand / 2];
					for (int bin = 0; bin < f; bin++)
						if (mask[bin] != 0) out[i * f + bin] = (float) Math.max(out[i * f + bin], Math.max(0, p[bin] / sum -
							floor));
				}
			return out;
		}

		private static void detrendAndWindow(final float[] src, final int off, final int t, final double[] x) {
			final double[] y = new double[t];
			for (int n = 0; n < t; n++)
				y[n] = src[off + n];
			final double[] d = Stats.detrendLinear(y), w = Stats.hann(t);
			for (int n = 0; n < t; n++)
				x[n] = d[n] * w[n];
		}

	}

	/** The first non-finite input or layer output of either branch (null if none); running stats restored. */
	private static String diagnoseForward(final Block net, final ParameterStore ps, final NDArray xa,
		final NDArray xn, final TrainingGuard guard)
	{
		String cause = TrainingGuard.firstNonFinite(net, ps, xa, true, "anchor");
		if (cause == null && xn != null) cause = TrainingGuard.firstNonFinite(net, ps, xn, true, "negative");
		guard.restoreRunningStats();
		return cause;
	}

	private static StepResult skip(final PairList<String, Parameter> params, final TrainingGuard guard,
		final String cause, final double norm)
	{
		TrainingGuard.zeroGradients(params);
		guard.restoreRunningStats();
		return new StepResult(Float.NaN, true, cause, norm);
	}

	/** Clip length in frames: W·fps rounded to a multiple of {@link PhysNet#TIME_STRIDE}. */
	static int clipFrames(final double clipSeconds, final double fps) {
		final int s = PhysNet.TIME_STRIDE;
		return Math.max(s, (int) Math.round(clipSeconds * fps / s) * s);
	}

	private static int roundUp(final int n, final int m) {
		return (n + m - 1) / m * m;
	}

	/** Video indices for an epoch: shuffled passes over all videos until {@code samples} are drawn. */
	static int[] schedule(final int videos, final int samples, final SplittableRandom rnd) {
		final int[] order = new int[samples];
		final int[] perm = new int[videos];
		for (int filled = 0; filled < samples;) {
			for (int i = 0; i < videos; i++)
				perm[i] = i;
			for (int i = videos - 1; i > 0; i--) {
				final int j = rnd.nextInt(i + 1), t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			for (int i = 0; i < videos && filled < samples; i++)
				order[filled++] = perm[i];
		}
		return order;
	}

	/** The source frames a clip was read over: from {@code start}, {@code span} frames. */
	record ClipSpan(double start, double span) {}

	/** A random clip of W network frames, read over s·W seconds (s ∈ [stretchMin, 1]) of the video. */
	static ClipSpan readRandomClip(final ClipReader r, final double fps, final int clipFrames, final double stretchMin,
		final SplittableRandom rnd, final float[] dst, final int off)
	{
		return readRandomClip(r, fps, clipFrames, stretchMin, rnd, dst, off, null, 0);
	}

	/** As above, with the clip's {@code k} nuisance traces into {@code nuisance} (when not null). */
	static ClipSpan readRandomClip(final ClipReader r, final double fps, final int clipFrames, final double stretchMin,
		final SplittableRandom rnd, final float[] dst, final int off, final float[] nuisance, final int k)
	{
		final FaceVolume v = r.volume();
		final double srcPerNet = v.fps() / fps;
		final double full = clipFrames * srcPerNet;
		final double sMax = Math.min(1, v.frames() / full);
		final double s = stretchMin >= sMax ? sMax : stretchMin + (sMax - stretchMin) * rnd.nextDouble();
		final double span = full * s;
		final int maxStart = Math.max(0, (int) Math.floor(v.frames() - span + 1e-9));
		final int start = rnd.nextInt(maxStart + 1);
		r.read(start, span, clipFrames, dst, off);
		if (nuisance != null) r.readNuisance(start, span, clipFrames, k, nuisance, off / (v.channels() * r.outHeight() * r
			.outWidth() * clipFrames) * k * clipFrames);
		return new ClipSpan(start, span);
	}

	/**
	 * The labelled videos whose ground truth covers at least one training clip (W seconds), with the
	 * network's channel count; the others are named in a status message.
	 */
	static List<LabelledVolume> usableLabelled(final List<LabelledVolume> labelled, final PhysNetConfig config,
		final double fps, final int clipFrames, final Progress p)
	{
		final List<LabelledVolume> out = new ArrayList<>();
		final List<String> left = new ArrayList<>();
		for (final LabelledVolume l : labelled) {
			final FaceVolume v = l.volume();
			final int[] c = l.covered();
			final double need = clipFrames * v.fps() / fps;
			if (v.channels() != config.channels()) left.add(l.name() + " (" + v.channels() + " colour channels, the " +
				"network expects " + config.channels() + ")");
			else if (c == null) left.add(l.name() + " (its ground truth has no PPG value)");
			else if (c[1] - c[0] + 1 + 1e-9 < need) left.add(String.format(Locale.ROOT,
				"%s (ground-truth PPG covers %.1f s, less than one %.1f s training clip)", l.name(), (c[1] - c[0] + 1) / v
					.fps(), need / v.fps()));
			else out.add(l);
		}
		if (!left.isEmpty()) p.status(left.size() + " of " + labelled.size() +
			" labelled video(s) cannot score epochs and are left out: " + String.join("; ", left) + ".");
		return out;
	}

	/**
	 * Mean MCC between the inference-mode PPG and the ground truth on the centre clip of the covered
	 * part of up to 16 labelled videos.
	 */
	private static double labelledQuality(final Block net, final ParameterStore ps, final NDManager manager,
		final List<LabelledVolume> labelled, final PhysNetConfig config, final double fps, final int clipFrames)
	{
		final int n = Math.min(QUALITY_VIDEOS, labelled.size());
		final List<double[]> ppgs = new ArrayList<>(), refs = new ArrayList<>();
		try (NDManager folded = manager.newSubManager()) {
			final PhysNet.Inference inference = new PhysNet.Inference(net, folded);
			for (int k = 0; k < n; k++) {
				final LabelledVolume l = labelled.get((int) ((long) k * labelled.size() / n));
				final ClipReader r = new ClipReader(l.volume(), config);
				final int[] c = l.covered();
				final double span = Math.min(clipFrames * l.volume().fps() / fps, c[1] - c[0] + 1);
				final double start = c[0] + Math.floor((c[1] - c[0] + 1 - span) / 2);
				ppgs.add(clipPpg(inference, ps, manager, r, start, span, clipFrames));
				refs.add(resampleWithin(l.ppg(), start, span, clipFrames, c[0], c[1]));
			}
		}
		return EpochSelection.meanMcc(ppgs, refs, fps);
	}

	/** The ground truth at the clip's frame positions (as {@link ClipReader} reads them), within [lo, hi]. */
	static double[] resampleWithin(final double[] y, final double start, final double span, final int tOut,
		final int lo, final int hi)
	{
		final double[] out = new double[tOut];
		final double scale = span / tOut;
		for (int i = 0; i < tOut; i++) {
			final double pos = Math.max(lo, Math.min(hi, start + (i + 0.5) * scale - 0.5));
			final int a = (int) Math.floor(pos), b = Math.min(a + 1, hi);
			final double w = pos - a;
			out[i] = (1 - w) * y[a] + w * y[b];
		}
		return out;
	}

	/** The inference-mode PPG of one clip. */
	private static double[] clipPpg(final PhysNet.Inference inference, final ParameterStore ps,
		final NDManager manager, final ClipReader r, final double start, final double span, final int clipFrames)
	{
		final FaceVolume v = r.volume();
		final float[] clip = new float[v.channels() * clipFrames * r.outHeight() * r.outWidth()];
		r.read(start, span, clipFrames, clip, 0);
		try (NDManager sub = manager.newSubManager()) {
			final NDArray x = sub.create(clip, new Shape(1, v.channels(), clipFrames, r.outHeight(), r.outWidth()));
			return toDouble(inference.run(ps, x).toFloatArray());
		}
	}

	private static String labelledFingerprint(final List<LabelledVolume> labelled) {
		long hash = 0xcbf29ce484222325L;
		for (final LabelledVolume l : labelled) {
			hash = fnv(hash, l.volume().frames() * 31L + l.volume().channels());
			final FaceVolume d = l.volume();
			for (long i = 0; i < d.size(); i += Math.max(1, d.size() / 1024))
				hash = fnv(hash, Float.floatToIntBits(d.value(i)));
			for (int i = 0; i < l.ppg().length; i += Math.max(1, l.ppg().length / 256))
				hash = fnv(hash, Double.doubleToLongBits(l.ppg()[i]));
		}
		return String.format(Locale.ROOT, "labelled=%d data=%016x", labelled.size(), hash);
	}

	/** Mean IPR of the inference-mode PPG on the centre clip of up to 16 videos. */
	private static double quality(final Block net, final ParameterStore ps, final NDManager manager,
		final List<ClipReader> videos, final double fps, final int clipFrames)
	{
		final int n = Math.min(QUALITY_VIDEOS, videos.size());
		final List<double[]> ppgs = new ArrayList<>();
		// as PhysNetModel applies the network, so that the logged quality is what applying it gives
		try (NDManager folded = manager.newSubManager()) {
			final PhysNet.Inference inference = new PhysNet.Inference(net, folded);
			for (int k = 0; k < n; k++) {
				final ClipReader r = videos.get((int) ((long) k * videos.size() / n));
				final FaceVolume v = r.volume();
				// the centre W seconds, or the whole video (stretched) when it is shorter
				final double span = Math.min(clipFrames * v.fps() / fps, v.frames());
				ppgs.add(clipPpg(inference, ps, manager, r, Math.floor((v.frames() - span) / 2), span, clipFrames));
			}
		}
		return EpochSelection.meanIpr(ppgs, fps);
	}

	static double[] toDouble(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}

	private static TrainingReport cancelled(final Path modelDir, final State state, final long paramCount,
		final int used, final int skipped, final Device device, final Progress p)
	{
		p.status(state.epochsCompleted() == 0 ? "Training cancelled before the first epoch finished; no model was saved."
			: "Training cancelled; the model keeps epoch " + state.selectedEpoch() + " (" + state.epochsCompleted() +
				" finished). Resume to continue.");
		return new TrainingReport(modelDir, state.epochsCompleted(), state.selectedEpoch(), true, state.history(),
			paramCount, used, skipped, device.toString(), null);
	}

	static String epochFile(final int epoch, final String ext) {
		return String.format(Locale.ROOT, "epoch-%04d%s", epoch, ext);
	}

	/**
	 * Refuses a model folder that holds a model (or a stopped training's checkpoint) without resume, and
	 * one that holds a model but no checkpoint with resume. Train PhysNet calls it before any video is read:
	 * the refusal came only once every video's face had been found and cropped, minutes into the run.
	 */
	public static void checkModelFolder(final Path modelDir, final TrainOptions o) {
		final boolean hasModel = Files.exists(modelDir.resolve(ModelDescription.FILE));
		final boolean hasState = Files.exists(modelDir.resolve(CHECKPOINT_DIR).resolve(STATE));
		if ((hasModel || hasState) && !o.resume()) throw new PulseJException("The model folder " + modelDir +
			" already holds a model" + (hasModel ? "" : " (a stopped training's checkpoint)") + ".",
			"Choose a new or empty folder, or add resume=true to continue its training.");
		if (o.resume() && hasModel && !hasState) throw new PulseJException("The model folder " + modelDir +
			" holds a model but no training checkpoint to resume from.", "Train into a new folder.");
	}

	/** Checks the model folder and returns the state to start from (fresh or resumed). */
	private static State prepareFolder(final Path modelDir, final Path ckptDir, final TrainOptions o,
		final String fingerprint, final EpochSelection.Criterion criterion)
	{
		final Path stateFile = ckptDir.resolve(STATE);
		checkModelFolder(modelDir, o);
		AtomicFiles.ensureWritableDirectory(modelDir);
		AtomicFiles.ensureWritableDirectory(ckptDir);
		if (o.resume() && Files.exists(stateFile)) {
			final State s;
			try {
				s = GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), State.class);
				if (s == null || s.history() == null) throw new JsonParseException("empty");
			}
			catch (IOException | JsonParseException e) {
				throw new PulseJException("The training checkpoint " + stateFile + " cannot be read (" + e.getMessage() +
					").", "Train into a new folder (the selected model in " + modelDir + " is still usable).", e);
			}
			if (s.version() != STATE_VERSION) throw new PulseJException("The checkpoint in " + modelDir +
				" was written by another PulseJ version (checkpoint format " + s.version() + ").",
				"Resume it with the PulseJ version that started it, or train into a new folder.");
			if (!fingerprint.equals(s.fingerprint())) throw new PulseJException("The checkpoint in " + modelDir +
				" was made with other settings or other videos (" + fingerprintDifference(s.fingerprint(), fingerprint) +
				"), so it cannot be resumed exactly.",
				"Resume with the same videos and settings (only epochs and device may change), or train into a new " +
					"folder.");
			if (s.criterionOrIpr() != criterion) throw new PulseJException("The checkpoint in " + modelDir +
				" chose epochs by " + s.criterionOrIpr() + ", this run would choose by " + criterion + ".",
				"Resume with the same labelled videos and selection=" + s.criterionOrIpr().name().toLowerCase(Locale.ROOT) +
					", or train into a new folder.");
			return s.restored();
		}
		return new State(STATE_VERSION, 0, 0, Double.NaN, List.of(), fingerprint, criterion.name(), Double.NaN);
	}

	private static void loadOptimizer(final AdamW adamW, final Path file) {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			adamW.load(new DataInputStream(in));
		}
		catch (IOException | RuntimeException e) {
			throw new PulseJException("The optimizer checkpoint " + file + " is missing or damaged (" + e.getMessage() +
				").", "Train into a new folder (the selected model in the folder is still usable).", e);
		}
	}

	/** Writes the epoch's checkpoint, the selected weights if they improved, the log and model.json. */
	private static void writeEpoch(final Block net, final AdamW adamW, final Path modelDir, final Path ckptDir,
		final State state, final boolean better, final PhysNetConfig config, final TrainOptions o, final double fps,
		final int clipFrames, final long paramCount, final int videos, final double seconds)
	{
		final int e = state.epochsCompleted();
		ModelFiles.saveWeights(net, ckptDir.resolve(epochFile(e, ".params")));
		AtomicFiles.write(ckptDir.resolve(epochFile(e, ".adamw")), out -> {
			final DataOutputStream d = new DataOutputStream(out);
			adamW.save(d);
			d.flush();
		});
		if (better) ModelFiles.saveWeights(net, modelDir.resolve(ModelDescription.WEIGHTS));
		// the columns of older logs first; mcc is empty when epochs were chosen by IPR
		final StringBuilder csv = new StringBuilder("epoch,loss,ipr,seconds,mcc,criterion,skipped_steps\n");
		for (final TrainingReport.EpochStats s : state.history())
			csv.append(String.format(Locale.ROOT, "%d,%s,%.6f,%.3f,%s,%s,%d%n", s.epoch(), Double.isFinite(s.loss())
				? String.format(Locale.ROOT, "%.8g", s.loss()) : "", s.ipr(), s.seconds(),
				// checkpoints of older versions read back mcc = 0 for their epochs: only an MCC, COMPANIONS or BOTH run has MCCs
				state.criterionOrIpr() != EpochSelection.Criterion.IPR && Double.isFinite(s.mcc()) ? String.format(
					Locale.ROOT, "%.6f", s.mcc()) : "", state.criterionOrIpr(), s.skipped()));
		AtomicFiles.writeString(modelDir.resolve(LOG), csv.toString());
		final ModelDescription d = new ModelDescription(ModelDescription.FORMAT, ModelDescription.FORMAT_VERSION,
			PulseJ.VERSION, Instant.now().toString(), ModelDescription.WEIGHTS, config.width(), config.inputHeight(),
			config.inputWidth(), config.channels(), config.colorSpace(), config.normalization(),
			PhysNetModel.IN_NETWORK_NORMALIZATION, fps, clipFrames / fps, clipFrames, MultiViewTripletLoss.LOW_BPM,
			MultiViewTripletLoss.HIGH_BPM, paramCount, new ModelDescription.Training(videos, seconds, e, state
				.selectedEpoch(), state.selectedIpr(), state.criterionOrIpr().description, o, state.criterionOrIpr().name(),
				state.selectedMcc()));
		AtomicFiles.writeString(modelDir.resolve(ModelDescription.FILE), d.toJson());
		// the checkpoint's state last: written before model.json, a failure there (a full disk, an immutable file) left
		// the new weights beside the old model.json, and resume=true found the epoch done and never wrote it again
		AtomicFiles.writeString(ckptDir.resolve(STATE), GSON.toJson(state));
		// older epochs are not needed to resume
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(ckptDir, "epoch-*")) {
			for (final Path f : ds)
				if (!f.getFileName().toString().startsWith(epochFile(e, "."))) Files.deleteIfExists(f);
		}
		catch (final IOException ex) {
			// stale checkpoints only take space
		}
	}

	/** Everything that must match for a checkpoint to be resumed exactly (epochs and device may change). */
	static String fingerprint(final PhysNetConfig c, final TrainOptions o, final double fps, final int clipFrames,
		final List<FaceVolume> videos)
	{
		long hash = 0xcbf29ce484222325L;
		for (final FaceVolume v : videos) {
			hash = fnv(hash, v.channels() * 31L + v.frames());
			hash = fnv(hash, v.height() * 31L + v.width());
			hash = fnv(hash, Double.doubleToLongBits(v.fps()));
			// sampled values, read wherever the volume is stored (the same hash in memory or in a scratch file)
			final long stride = Math.max(1, v.size() / 4096);
			for (long i = 0; i < v.size(); i += stride)
				hash = fnv(hash, Float.floatToIntBits(v.value(i)));
		}
		return String.format(Locale.ROOT, "%s|fps=%s clip=%d batch=%d lr=%s factors=%s-%s views=%d x %s seed=%d " +
			"stretch=%s wd=%s samples=%d%s|videos=%d data=%016x", c, fps, clipFrames, o.batchSize(), o.learningRate(), o
				.minFactor(), o.maxFactor(), o.views(), o.viewSeconds(), o.seed(), o.stretchMin(), o.weightDecay(), o
					.samplesPerEpoch(), (o.nuisanceWeight() > 0 ? " nuisance=" + o.nuisanceWeight() : "") + (o.companions() > 0 ? " companions=" + o
						.companions() : "") + (o.companions() > 0 && o.companionPulse() > 0 ? " companion_pulse=" + o
							.companionPulse() : "") + (o.lossOrDefault() != TrainOptions.Loss.CONTRASTIVE
						? " loss=" + o.lossOrDefault().key() : ""), videos.size(), hash);
	}

	/**
	 * What differs between a checkpoint's fingerprint and this run's, in words ("width 4 then, 8 now;
	 * the videos' pictures differ"): the refusal named neither the key nor the videos.
	 */
	static String fingerprintDifference(final String then, final String now) {
		if (then == null) return "the checkpoint records no settings";
		final java.util.Map<String, String> a = fingerprintFields(then), b = fingerprintFields(now);
		final List<String> out = new ArrayList<>();
		final java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
		keys.addAll(b.keySet());
		boolean pictures = false;
		for (final String k : keys) {
			final String x = a.get(k), y = b.get(k);
			if (java.util.Objects.equals(x, y)) continue;
			if (k.equals("data")) pictures = true;
			else out.add(k + " " + (x == null ? absent(k) : x) + " then, " + (y == null ? absent(k) : y) + " now");
		}
		if (pictures) out.add("the videos' pictures differ");
		return out.isEmpty() ? "the fingerprints differ" : String.join("; ", out);
	}

	/**
	 * A key a fingerprint leaves out: the count keys only when 0, the loss when it is the paper's (whatever the
	 * default is now), the others at their default.
	 */
	private static String absent(final String key) {
		return key.equals("companions") || key.equals("nuisance") || key.equals("companion_pulse") ? "0" : key.equals("loss") ? "contrastive"
			: "(default)";
	}

	/** The key=value fields of a fingerprint (the network's, the training's and the videos'). */
	private static java.util.Map<String, String> fingerprintFields(final String fingerprint) {
		final java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
		final java.util.regex.Matcher f = java.util.regex.Pattern.compile("(\\w+)=([^,|\\]\\s]+(?: x [^,|\\]\\s]+)?)")
			.matcher(fingerprint.replace("\\u003d", "="));
		while (f.find())
			m.put(f.group(1), f.group(2));
		return m;
	}

	private static long fnv(long h, final long v) {
		for (int i = 0; i < 8; i++) {
			h ^= (v >>> (8 * i)) & 0xff;
			h *= 0x100000001b3L;
		}
		return h;
	}
}

package org.pulsej.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.pulsej.eval.ConfidenceTrainingSet;
import org.pulsej.eval.EvaluationJob;
import org.pulsej.eval.EvaluationWriter;
import org.pulsej.eval.FrameReference;
import org.pulsej.eval.GroundTruthLoader;
import org.pulsej.eval.LabelledVideos;
import org.pulsej.eval.Reference;
import org.pulsej.eval.VideoScore;
import org.pulsej.input.ColorTransforms;
import org.pulsej.nn.ConfidenceModel;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.TrainOptions;
import org.pulsej.pipeline.EstimateJob;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.results.HeartRateResult;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.pipeline.TrainingJob;
import org.pulsej.signal.Metrics;
import org.pulsej.signal.PulseMethod;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.pulsej.video.Video;

/**
 * The paper's Table 2 climb for PhysNet on a synthetic set (bench/specialists_ablation.sh): half the
 * videos dark, half of each half with sudden head moves, heart rates drifting. A generalist PhysNet
 * and two lighting specialists are trained on the videos to be measured, without labels (the paper's
 * train-on-target setting, epochs chosen by IPR); a confidence model is trained on POS PPGs of other
 * videos; then one Evaluate run scores PhysNet median → instantaneous → specialists → confidence (and
 * POS for reference). Videos are whole-frame face crops (roi=whole), so the background feature is the
 * whole frame's mean intensity.
 *
 * <pre>
 * SpecialistsAblationBench WORK_DIR [--videos 8] [--seconds 20] [--epochs 10] [--samples 8]
 *     [--general-epochs EPOCHS] [--labelled 0] [--confidence-on pos|physnet|physnet+pos]
 *     [--confidence-epochs 20] [--colors yuv|chroma|chroma_luma] [--loss contrastive|sinc|spatial]
 * </pre>
 * {@code --general-epochs} trains the generalist longer (e.g. twice as long: as many steps as both
 * specialists together, a control for compute); {@code --labelled N} writes N more synthetic videos
 * with ground truth (held out: never measured) and lets them choose each specialist's epoch by MCC,
 * as the paper's specialists row does (5.4). {@code --confidence-on physnet} trains the confidence
 * model on the specialists' PPGs of those held-out labelled videos (as the paper trains it on its
 * previous step's PPGs) instead of on POS PPGs of other synthetic videos; {@code physnet+pos} trains it on
 * both sets together. {@code --confidence-epochs} overrides ConfidenceTrainer's 20 epochs. Every training
 * video's L1 of the instantaneous HR, of the median and of the best possible per-frame blend (the
 * oracle: 0 where the reference lies between the two) is printed before training, and the mean c and
 * L1 the trained model reaches on it after: when instantaneous beats median on (nearly) every training
 * frame, c ≈ 1 is the right answer for that data.
 * <p>
 * Trained models are reused when their folder exists (the specialists too, whatever {@code --labelled}
 * now says; the header then says so); each confidence variant gets its own folders.
 */
public final class SpecialistsAblationBench {

	static final double FPS = 30, WINDOW = 6, STEP = 0.5;

	static SyntheticVideoSpec spec(final int i, final Random r, final long seed, final double seconds) {
		final boolean dark = i % 2 == 1;
		final int moves = (i / 2) % 2 == 1 ? 4 + r.nextInt(3) : 0;
		final double h0 = 60 + r.nextInt(40), h1 = h0 + (r.nextBoolean() ? 1 : -1) * (15 + r.nextInt(16));
		return new SyntheticVideoSpec().size(128, 96).seconds(seconds).fps(FPS).brightness(dark ? 0.3 : 1).suddenMoves(
			moves).hrRamp(h0, h1).seed(seed * 100 + i);
	}

	static String name(final String prefix, final int i, final SyntheticVideoSpec s) {
		return prefix + i + (i % 2 == 1 ? "_dark" : "") + ((i / 2) % 2 == 1 ? "_motion" : "");
	}

	public static void main(final String[] args) throws Exception {
		final Path work = Path.of(args.length > 0 ? args[0] : "target/specialists-ablation");
		int videos = 8, epochs = 10, samples = 8, generalEpochs = -1, labelled = 0, confidenceEpochs = 20;
		String confidenceOn = "pos", colors = "yuv", loss = "contrastive";
		double seconds = 20;
		for (int a = 1; a + 1 < args.length; a += 2)
			switch (args[a]) {
				case "--videos" -> videos = Integer.parseInt(args[a + 1]);
				case "--seconds" -> seconds = Double.parseDouble(args[a + 1]);
				case "--epochs" -> epochs = Integer.parseInt(args[a + 1]);
				case "--samples" -> samples = Integer.parseInt(args[a + 1]);
				case "--general-epochs" -> generalEpochs = Integer.parseInt(args[a + 1]);
				case "--labelled" -> labelled = Integer.parseInt(args[a + 1]);
				case "--confidence-on" -> confidenceOn = args[a + 1];
				case "--confidence-epochs" -> confidenceEpochs = Integer.parseInt(args[a + 1]);
				case "--colors" -> colors = args[a + 1];
				case "--loss" -> loss = args[a + 1];
				default -> throw new IllegalArgumentException(args[a]);
			}
		final long t0 = System.nanoTime();
		final Progress quiet = new Progress() {

			@Override
			public void status(final String m) {
				if (m.startsWith("Epoch") || m.startsWith("PhysNet:")) System.out.println("  " + m);
			}

			@Override
			public void fraction(final double f) {}
		};
		// the set to measure (and train PhysNet on), written as files with ground truth
		final Path dir = work.resolve("videos");
		final List<File> files = new ArrayList<>();
		final Random r = new Random(8);
		for (int i = 0; i < videos; i++) {
			final SyntheticVideoSpec s = spec(i, r, 8, seconds);
			final String n = name("test", i, s);
			if (!Files.exists(dir.resolve(n + ".avi"))) SyntheticFaceVideo.write(s, dir.toFile(), n, false, Progress.NONE);
			files.add(dir.resolve(n + ".avi").toFile());
		}
		final Path heldDir = work.resolve("labelled");
		final List<File> held = new ArrayList<>();
		final Random rh = new Random(9);
		for (int i = 0; i < labelled; i++) {
			final SyntheticVideoSpec s = spec(i, rh, 9, seconds);
			final String n = name("held", i, s);
			if (!Files.exists(heldDir.resolve(n + ".avi"))) SyntheticFaceVideo.write(s, heldDir.toFile(), n, false,
				Progress.NONE);
			held.add(heldDir.resolve(n + ".avi").toFile());
		}
		if (generalEpochs < 0) generalEpochs = epochs;
		System.out.printf(Locale.ROOT, "%d videos written (%.0f s)%n", videos + labelled, (System.nanoTime() - t0) /
			1e9);

		final PhysNetConfig config = PhysNetConfig.cpu().withWidth(16).withInputSize(64, 64).withColorSpace(
			org.pulsej.input.ColorTransforms.ColorSpace.parse(colors));
		final TrainOptions o = TrainOptions.paper().withEpochs(epochs).withSamplesPerEpoch(samples).withLearningRate(
			0.002).withSeed(1).withDevice("cpu").withSelection(TrainOptions.Selection.IPR).withLoss(TrainOptions.Loss
				.parse(loss));
		final List<String> log = new ArrayList<>();
		final Path general = work.resolve("general"), spec = work.resolve("specialists");
		if (!Files.exists(general.resolve("model.json"))) {
			System.out.println("Training the generalist");
			TrainingJob.train(files, 0, null, config, o.withEpochs(generalEpochs), general, quiet, log::add);
		}
		final double tGeneral = (System.nanoTime() - t0) / 1e9;
		final boolean specCached = Files.exists(spec.resolve("specialists.json"));
		if (!specCached) {
			System.out.println("Training 2 specialists");
			TrainingJob.trainSpecialists(files, held, LabelledVideos.labeller(), 0, null, config, o.withSelection(
				TrainOptions.Selection.AUTO), 2, spec, quiet, log::add);
		}
		final double tSpec = (System.nanoTime() - t0) / 1e9;
		log.forEach(System.out::println);

		// the confidence model: trained on POS PPGs of other videos, as in ConfidenceAblationTest
		final EstimateOptions pos = new EstimateOptions().method(PulseMethod.POS).roi(RoiMode.WHOLE, null).window(WINDOW,
			STEP);
		final List<EvaluationJob.Sample> train = new ArrayList<>();
		final Random rt = new Random(7);
		for (int i = 0; i < 8; i++) {
			final SyntheticVideoSpec s = spec(i, rt, 7, seconds);
			final SyntheticFaceVideo.Result v = SyntheticFaceVideo.virtual(s);
			train.add(new EvaluationJob.Sample(name("train", i, s), Video.of(v.video(), FPS, name("train", i, s), null),
				Reference.of(v.truth(), null)));
		}
		final String on = confidenceOn.toLowerCase(Locale.ROOT);
		if (!List.of("pos", "physnet", "physnet+pos").contains(on)) throw new IllegalArgumentException(
			"--confidence-on " + confidenceOn);
		final boolean onPhysNet = on.startsWith("physnet"), onPos = on.endsWith("pos");
		if (onPhysNet && held.isEmpty()) throw new IllegalArgumentException("--confidence-on physnet needs --labelled");
		final List<ConfidenceTrainer.Sample> confSamples = new ArrayList<>();
		if (onPos) confSamples.addAll(ConfidenceTrainingSet.of(train, pos, Progress.NONE));
		if (onPhysNet) {
			// the specialists' PPGs of the held-out labelled videos, with their reference heart rate
			final EstimateOptions o2 = new EstimateOptions().roi(RoiMode.WHOLE, null).window(WINDOW, STEP).physNet(spec,
				"cpu");
			try (EstimateJob job = new EstimateJob(o2, null, false, s -> {})) {
				for (final File f : held) {
					final HeartRateResult hr = job.run(f, 0, Progress.NONE).results().get(0);
					final Reference ref = GroundTruthLoader.load(GroundTruthLoader.find(f).orElseThrow(), hr.fps());
					confSamples.add(ConfidenceTrainingSet.of(hr, FrameReference.align(ref, hr.frames(), hr.fps(), o2)));
				}
			}
		}
		// the first two variants keep the folder names of the runs recorded in bench/specialists_ablation.md
		final String variant = on.equals("pos") ? "" : "-" + on + (on.equals("physnet") && labelled == 8 &&
			confidenceEpochs == 20 ? "" : "-L" + labelled + "-e" + confidenceEpochs);
		final Path conf = work.resolve("confidence" + variant);
		final StringBuilder diag = new StringBuilder("confidence training videos (L1 bpm over frames with a reference):\n");
		try (ConfidenceModel m = new ConfidenceTrainer(ConfidenceTrainer.Options.defaults().withSeed(1).withEpochs(
			confidenceEpochs)).train(confSamples, Progress.NONE, s -> diag.append("  ").append(s).append('\n')))
		{
			m.save(conf);
			diagnose(confSamples, m, diag);
		}
		final double tConf = (System.nanoTime() - t0) / 1e9;

		final Path out = work.resolve(on.equals("pos") ? "evaluation" : "evaluation" + (variant.equals("-physnet")
			? "-physnet-confidence" : variant));
		final EvaluationJob.Outcome outcome;
		final EstimateOptions options = new EstimateOptions().roi(RoiMode.WHOLE, null).window(WINDOW, STEP)
			.confidenceModel(conf);
		try (EvaluationJob job = new EvaluationJob(options, List.of(PulseMethod.POS), new EvaluationJob.PhysNetRows(
			general, spec, "cpu"), true, out, false, s -> {}))
		{
			outcome = job.run(dir.toFile(), 0, Progress.NONE);
		}
		final double tEval = (System.nanoTime() - t0) / 1e9;
		final StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
			"%n%d synthetic videos of %.0f s (half dark, half of each half with 4-6 sudden moves, heart rate drifting " +
				"15-30 bpm), roi=whole, window %.0f s step %.1f s; PhysNet 64x64 width 16, %d clips per epoch, lr 0.002, " +
				"trained on the videos measured: generalist %d epochs (IPR selection), 2 specialists %d epochs each (%s)%n" +
				"%-26s %8s %8s %7s %10s %11s%n", videos, seconds, WINDOW, STEP, samples, generalEpochs, epochs, specCached
				? "reused from " + spec : labelled > 0 ? "MCC selection on " + labelled + " held-out labelled videos"
					: "IPR selection", "row", "MAE", "RMSE", "r", "video MAE", "motion MAE"));
		t.insert(t.indexOf("\nrow"), String.format(Locale.ROOT, "; confidence model (%d epochs) trained on %s",
			confidenceEpochs, (onPhysNet ? "the specialists' PPGs of the " + held.size() + " held-out labelled videos" : "") +
				(onPhysNet && onPos ? " and " : "") + (onPos ? "POS PPGs of 8 other videos" : "")));
		for (final Map<String, String> row : EvaluationWriter.read(out.resolve(EvaluationWriter.METRICS))) {
			final String name = row.get("method");
			final List<Double> e = new ArrayList<>(), ref = new ArrayList<>();
			for (final VideoScore s : outcome.videos())
				if (s.row().equals(name) && s.video().contains("motion")) for (int i = 0; i < s.est().length; i++) {
					e.add(s.est()[i]);
					ref.add(s.ref()[i]);
				}
			final double motion = Metrics.mae(e.stream().mapToDouble(Double::doubleValue).toArray(), ref.stream()
				.mapToDouble(Double::doubleValue).toArray());
			t.append(String.format(Locale.ROOT, "%-26s %8.2f %8.2f %7.3f %10.2f %11.2f%n", name, Double.parseDouble(row
				.get("mae_bpm")), Double.parseDouble(row.get("rmse_bpm")), Double.parseDouble(row.get("pearson_r")), Double
					.parseDouble(row.get("video_mae_bpm")), motion));
		}
		t.append(String.format(Locale.ROOT,
			"time: videos+generalist %.0f s, specialists %.0f s, confidence %.0f s, evaluation %.0f s (total %.0f s)%n",
			tGeneral, tSpec - tGeneral, tConf - tSpec, tEval - tConf, tEval));
		t.append(diag);
		t.append("per video (MAE bpm):\n");
		for (final VideoScore s : outcome.videos())
			t.append(String.format(Locale.ROOT, "  %-22s %-26s %6.2f  (ref %.1f, est %.1f)%n", s.video(), s.row(), s.mae(),
				s.hrRef(), s.hrEst()));
		System.out.print(t);
		Files.writeString(work.resolve(on.equals("pos") ? "ablation.txt" : "ablation" + (variant.equals("-physnet")
			? "-physnet-confidence" : variant) + ".txt"), t.toString());
	}

	/**
	 * Per training video: L1 of the instantaneous HR, of the median, of the oracle blend (the best c per
	 * frame: 0 error where the reference lies between the two), the share of frames where the median is
	 * closer, and the mean c and L1 of the trained model's blend.
	 */
	static void diagnose(final List<ConfidenceTrainer.Sample> samples, final ConfidenceModel m,
		final StringBuilder out)
	{
		out.append(String.format(Locale.ROOT, "  %-22s %7s %7s %7s %9s %7s %8s%n", "video", "instant", "median", "oracle",
			"median<", "mean c", "blended"));
		double si = 0, sm = 0, so = 0, sb = 0;
		int total = 0;
		for (final ConfidenceTrainer.Sample s : samples) {
			final double[] c = m.confidence(s.ppg(), s.hrInstant(), FPS);
			double li = 0, lm = 0, lo = 0, lb = 0, cs = 0;
			int n = 0, closer = 0;
			for (int f = 0; f < c.length; f++) {
				final double hi = s.hrInstant()[f], hm = s.hrMedian(), ref = s.hrReference()[f];
				if (Double.isNaN(hi) || Double.isNaN(hm) || Double.isNaN(ref)) continue;
				final double ei = Math.abs(hi - ref), em = Math.abs(hm - ref);
				li += ei;
				lm += em;
				lo += ref >= Math.min(hi, hm) && ref <= Math.max(hi, hm) ? 0 : Math.min(ei, em);
				lb += Math.abs(c[f] * hi + (1 - c[f]) * hm - ref);
				cs += c[f];
				if (em < ei) closer++;
				n++;
			}
			si += li;
			sm += lm;
			so += lo;
			sb += lb;
			total += n;
			out.append(String.format(Locale.ROOT, "  %-22s %7.2f %7.2f %7.2f %8.0f%% %7.3f %8.2f%n", s.name(), li / n, lm /
				n, lo / n, 100.0 * closer / n, cs / n, lb / n));
		}
		out.append(String.format(Locale.ROOT, "  %-22s %7.2f %7.2f %7.2f %9s %7s %8.2f%n", "all", si / total, sm / total,
			so / total, "", "", sb / total));
	}
}

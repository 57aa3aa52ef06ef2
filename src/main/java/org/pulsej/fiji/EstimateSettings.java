package org.pulsej.fiji;

import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.pulsej.eval.Reference;
import org.pulsej.face.FaceTracker;
import org.pulsej.nn.BundledModels;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.signal.BpmBand;
import org.pulsej.signal.PulseMethod;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The measuring parameters of Estimate Heart Rate, Batch Estimate, Evaluate and Train Confidence
 * Model, checked alike for all four with messages that name the macro keys (a widget clamps numbers
 * to their min and max, but a macro or the command line passes them as typed). The commands declare
 * the parameters themselves, so that each dialog keeps its order (see DialogOrderTest).
 */
final class EstimateSettings {

	private EstimateSettings() {}

	/**
	 * Estimate's and Batch Estimate's settings of the heart rate and the PPG's source: {@link #heartRate},
	 * {@link #method}, the PhysNet window overlap and POS's share ({@link #physNetKeysUnused} with a classical
	 * method).
	 */
	static EstimateOptions options(final String method, final File model, final String device, final double overlap,
		final double posWeight, final double window, final double step, final double minBpm, final double maxBpm,
		final Consumer<String> log)
	{
		final EstimateOptions options = method(heartRate(window, step, minBpm, maxBpm), method, model, device)
			.physNetOverlap(overlap).posWeight(posWeight);
		if (options.physNetModel() == null) physNetKeysUnused(device, overlap, posWeight, "method=" + options
			.methodName(), "give method=PhysNet", log);
		return options;
	}

	/**
	 * Says in the log which of PhysNet's keys ({@code device}, {@code overlap}, {@code pos_weight}) are not used: the methods
	 * asked for do not include PhysNet (they were ignored without a word). A key at its default value is
	 * taken for not given: a command cannot tell it from one typed.
	 *
	 * @param methods what names the methods, e.g. {@code method=POS}
	 * @param use how to use them instead, e.g. {@code give method=PhysNet}
	 */
	static void physNetKeysUnused(final String device, final double overlap, final double posWeight,
		final String methods, final String use, final Consumer<String> log)
	{
		// device=gpu with POS ran on the CPU without a word: only PhysNet runs on a device
		if (device != null && device.trim().equalsIgnoreCase("gpu")) log.accept("PulseJ: device=" +
			device.trim() + " is not used with " + methods + ": it sets where PhysNet runs; POS, CHROM and GREEN " +
			"always run on the CPU (leave device out, or " + use + ")");
		unused("overlap", overlap, PhysNetModel.DEFAULT_OVERLAP_SECONDS, "how PhysNet's windows overlap", methods, use,
			log);
		unused("pos_weight", posWeight, EstimateOptions.DEFAULT_POS_WEIGHT, "how much of POS's spectrum PhysNet's " +
			"heart rate is read with", methods, use, log);
	}

	private static void unused(final String key, final double value, final double dflt, final String sets,
		final String methods, final String use, final Consumer<String> log)
	{
		if (value != dflt) log.accept("PulseJ: " + key + "=" + Messages.num(value) + " is not used with " + methods +
			": it sets " + sets + " (leave " + key + " out, or " + use + ")");
	}

	/** {@code background_light}: remove (the default) or keep. */
	static EstimateOptions backgroundLight(final EstimateOptions options, final String choice) {
		final String c = choice == null ? "" : choice.trim();
		if (c.isEmpty() || c.equalsIgnoreCase("remove")) return options.removeBackgroundLight(true);
		if (c.equalsIgnoreCase("keep")) return options.removeBackgroundLight(false);
		throw new PulseJException("Unknown background_light '" + choice + "'.", "Use background_light=remove (take " +
			"out what follows the background's brightness, e.g. a flickering lamp) or background_light=keep.");
	}

	/** {@code window_hr}: track (the default) or peak. */
	static EstimateOptions windowHeartRate(final EstimateOptions options, final String choice) {
		final String c = choice == null ? "" : choice.trim();
		if (c.isEmpty() || c.equalsIgnoreCase("track")) return options.trackHeartRate(true);
		if (c.equalsIgnoreCase("peak")) return options.trackHeartRate(false);
		throw new PulseJException("Unknown window_hr '" + choice + "'.", "Use window_hr=track (each window's rate " +
			"on the path through all windows that changes least) or window_hr=peak (each window's own highest peak, " +
			"the paper's rule).");
	}

	/** {@code window}, {@code step}, {@code min_bpm} and {@code max_bpm}. */
	static EstimateOptions heartRate(final double window, final double step, final double minBpm, final double maxBpm) {
		if (!(minBpm > 0) || Double.isInfinite(minBpm)) throw new PulseJException("min_bpm=" + Messages.num(minBpm) +
			" is not a heart rate.", "Give the lowest heart rate to look for, e.g. min_bpm=40.");
		// below any person's heart rate: the window check that follows asked for a window of hours instead
		if (minBpm < Reference.MIN_HR_BPM) throw new PulseJException("min_bpm=" + Messages.num(minBpm) +
			" is below any person's heart rate (" + Messages.num(Reference.MIN_HR_BPM) + " bpm).",
			"Give the lowest heart rate to look for, e.g. min_bpm=40 (at least " + Messages.num(Reference.MIN_HR_BPM) +
				").");
		if (!(maxBpm > minBpm) || Double.isInfinite(maxBpm)) throw new PulseJException("min_bpm=" + Messages.num(minBpm) +
			" is not below max_bpm=" + Messages.num(maxBpm) + ".", "Give min_bpm < max_bpm, e.g. min_bpm=40 max_bpm=180.");
		// above any person's heart rate: noise there was written as the heart rate (487 bpm with max_bpm=850), and
		// max_bpm=1e9 was answered with a video "of at least 33333334 fps"
		if (maxBpm > Reference.MAX_HR_BPM) throw new PulseJException("max_bpm=" + Messages.num(maxBpm) + " is above " +
			"any person's heart rate (" + Messages.num(Reference.MAX_HR_BPM) + " bpm), so noise there could be taken " +
			"for the pulse.", "Give the highest heart rate to look for, e.g. max_bpm=180 (at most " + Messages.num(
				Reference.MAX_HR_BPM) + ").");
		return new EstimateOptions().band(new BpmBand(minBpm, maxBpm)).window(window, step);
	}

	/**
	 * @param method {@code POS}, {@code CHROM}, {@code GREEN} or {@code PhysNet}
	 * @param model PhysNet model folder for {@code method=PhysNet}; null or empty: the bundled one
	 * @param device {@code auto}, {@code cpu} or {@code gpu}, for PhysNet
	 */
	static EstimateOptions method(final EstimateOptions options, final String method, final File model,
		final String device)
	{
		if (method != null && "PhysNet".equalsIgnoreCase(method.trim())) return options.physNet(physNetModel(model),
			device);
		final PulseMethod m = PulseMethod.parse(method);
		// a PhysNet model with method= left at POS (or another classical method): the model was ignored, and POS's
		// results written as if they were what was asked for
		if (PulseJCommand.path(model) != null) throw new PulseJException("A PhysNet model is given (model=" + model +
			") but method=" + m.name() + " does not use one.", "Give method=PhysNet to measure with that model, or " +
				"leave model= out.");
		return options.method(m);
	}

	/** The PhysNet model folder given as {@code model}, else the one bundled with PulseJ. */
	static Path physNetModel(final File model) {
		final Path given = PulseJCommand.path(model);
		return given != null ? given : BundledModels.defaultModel();
	}

	/**
	 * {@code fps}, {@code roi} with its rectangle typed as {@code rect}, and {@code detect_every}: the frame
	 * rate, the region measured and how often the face is looked for.
	 *
	 * @param rect the rectangle typed, or null
	 * @param log where a note on a rectangle that the region does not use goes ({@link #rectangleUnused})
	 */
	static void region(final EstimateOptions options, final double fps, final String roi, final Rectangle rect,
		final int detectEvery, final Consumer<String> log)
	{
		region(options, fps, roi, rect, false, detectEvery, log);
	}

	/**
	 * As {@link #region(EstimateOptions, double, String, Rectangle, int, Consumer)}, for a rectangle typed
	 * or drawn on the open image.
	 *
	 * @param drawn whether {@code rect} was drawn on the open image rather than typed as {@code rect}
	 */
	static void region(final EstimateOptions options, final double fps, final String roi, final Rectangle rect,
		final boolean drawn, final int detectEvery, final Consumer<String> log)
	{
		checkFps(fps);
		options.roi(region(roi, rect), rect);
		face(options, detectEvery);
		rectangleUnused(options.roi(), rect, drawn, log);
		if (drawn && rect != null && options.roi() == RoiMode.MANUAL) log.accept("PulseJ: measuring inside the rectangle drawn on " +
			"the image (" + rectText(rect) + ")");
	}

	/** {@code x,y,w,h}, as {@code rect=} takes it. */
	static String rectText(final Rectangle r) {
		return r.x + "," + r.y + "," + r.width + "," + r.height;
	}

	/**
	 * Says in the log that a rectangle is not used by a region other than {@code manual} ({@code roi=whole},
	 * {@code tracked}, …, which measured without a word of it). Not refused: Fiji hands over a rectangle
	 * drawn on the image whatever the region chosen.
	 */
	private static void rectangleUnused(final RoiMode mode, final Rectangle rect, final boolean drawn,
		final Consumer<String> log)
	{
		if (rect == null || mode == RoiMode.MANUAL) return;
		final String r = rectText(rect);
		log.accept("PulseJ: " + (drawn ? "the rectangle drawn on the image (" + r + ")" : "rect=" + r) +
			" is not used with roi=" + mode.key() + " (to measure inside the rectangle, give roi=manual or roi=auto)");
	}

	/** The face tracker's settings with the user's detection interval; the paper's for the rest. */
	private static void face(final EstimateOptions options, final int detectEvery) {
		if (detectEvery < 1) throw new PulseJException("detect_every=" + detectEvery + " is not a frame interval.",
			"Give detect_every=1 (every frame) or more; 2 is as accurate and twice as fast.");
		final FaceTracker.Options d = FaceTracker.Options.defaults();
		options.face(new FaceTracker.Options(detectEvery, d.minScore(), d.buffer(), d.smoothSeconds(), d.cropHeight(), d
			.cropWidth()));
	}

	/** 0 means "from the file". */
	static void checkFps(final double fps) {
		if (!(fps >= 0) || fps > org.pulsej.video.Video.MAX_FPS) throw new PulseJException("fps=" + Messages.num(fps) +
			" is not a frame rate of a face video.", "Give the video's frame rate, e.g. fps=30, or fps=0 to take it " +
				"from the file.");
	}

	/** {@code auto}: the given rectangle if any, else the tracked face. */
	static RoiMode region(final String roi, final Rectangle rect) {
		if (!"auto".equalsIgnoreCase(roi == null ? "" : roi.trim())) return RoiMode.parse(roi);
		return rect != null ? RoiMode.MANUAL : RoiMode.TRACKED;
	}

	/** {@code x,y,w,h}; null for an empty text. */
	static Rectangle parseRect(final String s) {
		if (s == null || s.isBlank()) return null;
		final String[] p = s.trim().split("\\s*,\\s*");
		try {
			if (p.length == 4) {
				final Rectangle r = new Rectangle(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
					Integer.parseInt(p[3]));
				if (r.width > 0 && r.height > 0) return r;
			}
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new PulseJException("rect=" + s + " is not a rectangle.",
			"Give it as x,y,width,height in pixels, e.g. rect=100,80,120,160.");
	}
}

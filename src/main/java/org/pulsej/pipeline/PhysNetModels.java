package org.pulsej.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.pulsej.nn.ModelDescription;
import org.pulsej.nn.PhysNetConfig;
import org.pulsej.nn.PhysNetModel;
import org.pulsej.nn.SpecialistRouter;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The PhysNet(s) of a model folder: a plain model folder is one network for every video; a
 * specialists folder ({@link SpecialistRouter}) sends each video to the specialist of its lighting
 * cluster by the video's mean background intensity (paper 5.3). Specialists are loaded when first
 * needed and kept; close to free them.
 */
public final class PhysNetModels implements AutoCloseable {

	/**
	 * The network chosen for one video.
	 *
	 * @param model the network
	 * @param name model name for results: the folder, or folder/cluster-N for a specialist
	 * @param cluster 0-based cluster, -1 for a plain model
	 */
	public record Choice(PhysNetModel model, String name, int cluster) {}

	private final Path dir;
	private final String device;
	private final Consumer<String> log;
	private final SpecialistRouter router;
	private final PhysNetConfig config;
	private final Map<Integer, PhysNetModel> loaded = new HashMap<>();

	/** The folder's {@value SpecialistRouter#FILE}; a file whose content is not a router (null, a list, missing fields) is refused by name. */
	static SpecialistRouter loadRouter(final Path dir) {
		try {
			final SpecialistRouter r = SpecialistRouter.load(dir);
			if (r == null || r.specialists() == null || r.specialists().isEmpty()) throw new IllegalStateException(
				"no specialists");
			return r;
		}
		catch (final PulseJException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new PulseJException("The specialists file " + dir.resolve(SpecialistRouter.FILE) +
				" is damaged or not one PulseJ wrote (" + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
					: ": " + e.getMessage()) + ").", "Give the model folder that Train PhysNet wrote with clusters=2, " +
						"unchanged, or train the specialists again.", e);
		}
	}

	private PhysNetModels(final Path dir, final String device, final Consumer<String> log) {
		this.dir = dir;
		this.device = device;
		this.log = log;
		if (SpecialistRouter.isRouter(dir)) {
			router = loadRouter(dir);
			PhysNetConfig c = null;
			double clip = Double.POSITIVE_INFINITY;
			for (int j = 0; j < router.specialists().size(); j++) {
				final ModelDescription d = PhysNetModel.readDescription(router.folder(dir, j));
				clip = Math.min(clip, d.clipSeconds());
				if (c == null) c = d.config();
				else if (!c.equals(d.config())) throw new PulseJException("The specialists in " + dir +
					" were trained with different network settings (" + c + " and " + d.config() + ").",
					"Train the specialists again in one run of Train PhysNet.");
			}
			config = c;
			clipSeconds = clip;
		}
		else {
			router = null;
			final ModelDescription d = PhysNetModel.readDescription(dir);
			config = d.config();
			clipSeconds = d.clipSeconds();
		}
	}

	private final double clipSeconds;

	/** The length of the windows the network is applied to: its training clips (the shortest specialist's). */
	public double clipSeconds() {
		return clipSeconds;
	}

	/**
	 * Refuses a window overlap of more than half the network's window: neighbouring windows overlap by
	 * at most half a window (the reference code's), so a larger overlap=, or one longer than the window
	 * itself, was silently taken as half. The default overlap is always taken (a model trained on clips
	 * under 4 s has it capped at half its window, as before).
	 */
	public void checkOverlap(final double overlapSeconds) {
		if (overlapSeconds > Math.max(clipSeconds / 2, PhysNetModel.DEFAULT_OVERLAP_SECONDS) + 1e-9) throw new PulseJException("overlap=" + Messages.num(
			overlapSeconds) + " s is more than half of " + folderName(dir) + "'s " + Messages.num(clipSeconds) +
			" s window" + (overlapSeconds >= clipSeconds ? " (it is longer than the window itself)" : "") +
			": neighbouring windows overlap by at most half a window.", "Give overlap between 0 and " + Messages.num(
				clipSeconds / 2) + " s (half the window, as the reference code); " + Messages.num(PhysNetModel
					.DEFAULT_OVERLAP_SECONDS) + " s is the usual value.");
	}

	/**
	 * Opens a plain or specialists model folder; checks it at once (every specialist's folder must be
	 * there) but loads networks only when used.
	 */
	public static PhysNetModels open(final Path dir, final String device, final Consumer<String> log) {
		return new PhysNetModels(dir, device, log);
	}

	/** The network settings, the same for every specialist: how to prepare a video's volume. */
	public PhysNetConfig config() {
		return config;
	}

	/** The router, or null for a plain model folder. */
	public SpecialistRouter router() {
		return router;
	}

	/** The network for a video of this mean background intensity ({@link FaceVolumes#BACKGROUND_FEATURE}). */
	public Choice choose(final double background) {
		final int j = router == null ? -1 : router.route(background);
		final String base = folderName(dir);
		return new Choice(network(j), j < 0 ? base : base + "/" + router.specialists().get(j).folder(), j);
	}

	/**
	 * Loads every network of the folder now (the plain model, or each specialist): weights that are
	 * damaged or of another size are refused before any video's face is looked for, not after the
	 * first video's detection (in a batch, before every video has paid for it). The networks are small.
	 */
	public PhysNetModels loadAll() {
		if (router == null) network(-1);
		else for (int j = 0; j < router.specialists().size(); j++)
			network(j);
		return this;
	}

	/** Network {@code j} (−1: the plain model), loaded once. */
	private PhysNetModel network(final int j) {
		PhysNetModel m = loaded.get(j);
		if (m == null) {
			final Path p = j < 0 ? dir : router.folder(dir, j);
			m = PhysNetModel.load(p, device);
			loaded.put(j, m);
			log.accept("PulseJ: " + (j < 0 ? "model: " : "specialist " + router.specialists().get(j).folder() + ": ") + m
				.description().summary() + (m.deviceMessage().isEmpty() ? "" : " — " + m.deviceMessage()));
		}
		return m;
	}

	static String folderName(final Path dir) {
		final Path p = dir.toAbsolutePath().normalize();
		return p.getFileName() == null ? p.toString() : p.getFileName().toString();
	}

	/** A line for the log: where a video went. */
	String routing(final String video, final double background, final Choice c) {
		return String.format(Locale.ROOT, "PulseJ: %s — background intensity %.3f → specialist %s (centre %.3f)", video,
			background, router.specialists().get(c.cluster()).folder(), router.specialists().get(c.cluster()).centre());
	}

	@Override
	public void close() {
		for (final PhysNetModel m : loaded.values())
			m.close();
		loaded.clear();
	}
}

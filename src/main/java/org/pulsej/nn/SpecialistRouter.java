package org.pulsej.nn;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.pulsej.util.AtomicFiles;
import org.pulsej.util.Messages;
import org.pulsej.util.PulseJException;

/**
 * The router of a specialists model folder (paper 5.4): {@code specialists.json} beside one ordinary
 * PhysNet model folder per lighting cluster. A video goes to the specialist whose cluster centre is
 * nearest to its feature (the mean background intensity, see {@code feature}); the thresholds
 * between clusters are the midpoints of neighbouring centres.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param feature the feature's definition, in words
 * @param thresholds feature values between neighbouring clusters (ascending; one fewer than clusters)
 * @param specialists one per cluster, by ascending centre
 */
public record SpecialistRouter(String format, int formatVersion, String feature, double[] thresholds,
	List<Specialist> specialists)
{
	public static final String FILE = "specialists.json", FORMAT = "pulsej-specialists";
	public static final int FORMAT_VERSION = 1;

	/**
	 * @param folder sub-folder (a plain model folder) of this specialist
	 * @param centre cluster centre of the feature
	 * @param videos names of the videos it was trained on
	 */
	public record Specialist(String folder, double centre, List<String> videos) {}

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	/** A router for the clusters {@code c} of videos {@code names} (in the order of the clustered values). */
	public static SpecialistRouter of(final LightingClusters.Result c, final List<String> names, final String feature) {
		final List<Specialist> s = new java.util.ArrayList<>();
		for (int j = 0; j < c.k(); j++) {
			final List<String> v = new java.util.ArrayList<>();
			for (int i = 0; i < names.size(); i++)
				if (c.assignment()[i] == j) v.add(names.get(i));
			s.add(new Specialist(folder(j), c.centres()[j], List.copyOf(v)));
		}
		final double[] t = new double[c.k() - 1];
		for (int j = 0; j + 1 < c.k(); j++)
			t[j] = (c.centres()[j] + c.centres()[j + 1]) / 2;
		return new SpecialistRouter(FORMAT, FORMAT_VERSION, feature, t, List.copyOf(s));
	}

	/** Sub-folder name of cluster {@code j} (0-based): cluster-1, cluster-2, … from dark to bright. */
	public static String folder(final int j) {
		return "cluster-" + (j + 1);
	}

	/** Index of the specialist for a video with this feature value. */
	public int route(final double feature) {
		int j = 0;
		while (j < thresholds.length && feature > thresholds[j])
			j++;
		return j;
	}

	/** Whether {@code dir} is a specialists folder (holds a router). */
	public static boolean isRouter(final Path dir) {
		return dir != null && Files.isRegularFile(dir.resolve(FILE));
	}

	public void save(final Path dir) {
		AtomicFiles.writeString(dir.resolve(FILE), GSON.toJson(this));
	}

	/**
	 * Reads and checks the router in {@code dir}: every specialist's sub-folder must exist and hold a
	 * model; otherwise a {@link PulseJException} names the folder and the fix.
	 */
	public static SpecialistRouter load(final Path dir) {
		final Path json = dir.resolve(FILE);
		final String again = "Copy the whole specialists folder again (with its cluster-N sub-folders), or train it " +
			"again with Train PhysNet (clusters=2).";
		final SpecialistRouter r;
		try {
			r = GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8), SpecialistRouter.class);
			if (r == null) throw new JsonParseException("empty file");
		}
		catch (IOException | JsonParseException | IllegalStateException e) {
			throw new PulseJException("The specialists router " + json + " is damaged (" + Messages.fileProblem(e) + ").", again, e);
		}
		if (!FORMAT.equals(r.format())) throw new PulseJException(json + " is not a PulseJ specialists router (format '" +
			r.format() + "').", again);
		if (r.formatVersion() != FORMAT_VERSION) throw new PulseJException("The specialists router " + json +
			" has format version " + r.formatVersion() + "; this PulseJ reads version " + FORMAT_VERSION + ".",
			"Use the PulseJ version that trained it, or train it again.");
		final int k = r.specialists() == null ? 0 : r.specialists().size();
		if (k == 0 || r.thresholds() == null || r.thresholds().length != k - 1) throw new PulseJException(
			"The specialists router " + json + " is incomplete (" + k + " specialists, " + (r.thresholds() == null ? 0
				: r.thresholds().length) + " thresholds).", again);
		for (int j = 1; j < r.thresholds().length; j++)
			if (!(r.thresholds()[j] > r.thresholds()[j - 1])) throw new PulseJException("The thresholds in " + json +
				" are not ascending.", again);
		for (final Specialist s : r.specialists()) {
			final String f = s.folder();
			if (f == null || f.isEmpty() || f.contains("/") || f.contains("\\") || f.startsWith(".")) throw new PulseJException(
				"The specialists router " + json + " names the sub-folder '" + f + "', which is not a plain folder name.",
				again);
			final Path sub = dir.resolve(f);
			if (!Files.isRegularFile(sub.resolve(ModelDescription.FILE))) throw new PulseJException(String.format(
				Locale.ROOT, "The specialists model %s is incomplete: its router names the sub-folder %s, which %s.", dir,
				f, Files.isDirectory(sub) ? "holds no " + ModelDescription.FILE + " (training unfinished?)"
					: "does not exist"), again + " To resume an unfinished training, run Train PhysNet with resume.");
		}
		return r;
	}

	/** The folder of specialist {@code j} inside {@code dir}. */
	public Path folder(final Path dir, final int j) {
		return dir.resolve(specialists.get(j).folder());
	}
}

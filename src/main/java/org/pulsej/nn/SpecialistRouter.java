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
		boolean centresGiven = false;
		try {
			final String text = Files.readString(json, StandardCharsets.UTF_8);
			final com.google.gson.JsonObject o = JsonFields.object(text); // null: not JSON, named by Gson below
			if (o != null) {
				centresGiven = everyCentreGiven(o);
				final int newer = otherVersion(o);
				if (newer != FORMAT_VERSION) throw new PulseJException("The specialists router " + json +
					" has format version " + newer + "; this PulseJ reads version " + FORMAT_VERSION + ".",
					"Use the PulseJ version that trained it, or train it again.");
				final String field = fieldProblem(o);
				if (field != null) throw new PulseJException("The specialists router " + json + " is damaged (" + field +
					").", again);
			}
			r = GSON.fromJson(text, SpecialistRouter.class);
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
		final String between = thresholdOutsideCentres(r, centresGiven);
		if (between != null) throw new PulseJException("The specialists router " + json + " contradicts itself: " +
			between + ". PulseJ sends each video by the thresholds, which training puts midway between the centres, " +
			"so that each video goes to the nearest centre.", "Set each threshold between the centres of the two " +
				"clusters it separates (a hand edit of one without the other?), or copy the specialists folder again.");
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

	/**
	 * What is wrong with the fields of a router of this format and version, naming the field and the value
	 * found ({@code "thresholds" is 0.5, not a list [...] of numbers}); null when every field has its type,
	 * or when the text is not such a router (left to the checks after it). A field of another type was
	 * reported with the JSON library's words ("Expected BEGIN_ARRAY but was NUMBER at line 1 column 88
	 * path $.thresholds") or as "NumberFormatException: For input string: \"x\"".
	 */
	static String fieldProblem(final com.google.gson.JsonObject o) {
		final com.google.gson.JsonElement format = o.get("format"), version = o.get("formatVersion");
		if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) return null;
		if (version == null || !JsonFields.isNumber(version)) return version == null ? "it has no \"formatVersion\" field"
			: "\"formatVersion\" is " + JsonFields.shown(version) + ", not a number";
		if (version.getAsDouble() != FORMAT_VERSION) return null; // named by the version check
		if (o.has("feature") && !o.get("feature").isJsonNull() && !JsonFields.isText(o.get("feature"))) return "\"feature\" is " +
			JsonFields.shown(o.get("feature")) + ", not a text in quotes";
		final com.google.gson.JsonElement t = o.get("thresholds");
		if (t == null) return "it has no \"thresholds\" field";
		if (!t.isJsonArray()) return "\"thresholds\" is " + JsonFields.shown(t) + ", not a list [...] of numbers";
		for (int i = 0; i < t.getAsJsonArray().size(); i++)
			if (!t.getAsJsonArray().get(i).isJsonNull() && !JsonFields.isNumber(t.getAsJsonArray().get(i))) return "\"thresholds\" holds " + JsonFields.shown(t.getAsJsonArray().get(i)) +
				" at position " + (i + 1) + ", not a number";
		final com.google.gson.JsonElement sp = o.get("specialists");
		if (sp == null) return "it has no \"specialists\" field";
		if (!sp.isJsonArray()) return "\"specialists\" is " + JsonFields.shown(sp) + ", not a list [...] of specialists";
		for (int i = 0; i < sp.getAsJsonArray().size(); i++) {
			final com.google.gson.JsonElement e = sp.getAsJsonArray().get(i);
			final String which = "specialist " + (i + 1) + " of \"specialists\"";
			if (!e.isJsonObject()) return which + " is " + JsonFields.shown(e) + ", not an object {...}";
			final com.google.gson.JsonObject so = e.getAsJsonObject();
			if (!so.has("folder") || !JsonFields.isText(so.get("folder"))) return which + " has " + (so.has("folder") ? "\"folder\" " +
				JsonFields.shown(so.get("folder")) + ", not a text in quotes" : "no \"folder\" field");
			if (so.has("centre") && !so.get("centre").isJsonNull() && !JsonFields.isNumber(so.get("centre"))) return which +
				" has \"centre\" " + JsonFields.shown(so.get("centre")) + ", not a number";
			final com.google.gson.JsonElement v = so.get("videos");
			if (v == null || v.isJsonNull()) continue;
			boolean names = v.isJsonArray();
			if (names) for (final com.google.gson.JsonElement n : v.getAsJsonArray())
				names &= JsonFields.isText(n);
			if (!names) return which + " has \"videos\" " + JsonFields.shown(v) + ", not a list [...] of names";
		}
		return null;
	}

	/** Whether every specialist of {@code o} has a numeric centre (a router without them has no centres to check). */
	private static boolean everyCentreGiven(final com.google.gson.JsonObject o) {
		final com.google.gson.JsonElement sp = o.get("specialists");
		if (sp == null || !sp.isJsonArray()) return false;
		for (final com.google.gson.JsonElement e : sp.getAsJsonArray())
			if (!e.isJsonObject() || !e.getAsJsonObject().has("centre") || !JsonFields.isNumber(e.getAsJsonObject().get(
				"centre"))) return false;
		return true;
	}

	/**
	 * Names the first threshold that does not lie strictly between the centres of the two clusters it
	 * separates, or null. The docs say a video goes to the nearest centre; the thresholds decide it, and a
	 * hand edit of one without the other made them disagree without a word.
	 */
	static String thresholdOutsideCentres(final SpecialistRouter r, final boolean centresGiven) {
		if (!centresGiven) return null;
		for (int j = 0; j < r.thresholds().length; j++) {
			final double lo = r.specialists().get(j).centre(), hi = r.specialists().get(j + 1).centre(), t = r
				.thresholds()[j];
			if (!(t > lo && t < hi)) return String.format(Locale.ROOT, "threshold %d (%s) does not lie between the " +
				"centres of %s (%s) and %s (%s), the clusters it separates", j + 1, Messages.num(t), r.specialists().get(j)
					.folder(), Messages.num(lo), r.specialists().get(j + 1).folder(), Messages.num(hi));
		}
		return null;
	}

	/**
	 * The format version of a router of this format, read before its other fields (whose layout another
	 * version may change, which was then called damage); {@link #FORMAT_VERSION} when it cannot be told.
	 */
	private static int otherVersion(final com.google.gson.JsonObject o) {
		final com.google.gson.JsonElement f = o.get("format");
		if (f == null || !f.isJsonPrimitive() || !FORMAT.equals(f.getAsString())) return FORMAT_VERSION;
		return JsonFields.version(o.get("formatVersion"), FORMAT_VERSION);
	}

	/** The folder of specialist {@code j} inside {@code dir}. */
	public Path folder(final Path dir, final int j) {
		return dir.resolve(specialists.get(j).folder());
	}
}

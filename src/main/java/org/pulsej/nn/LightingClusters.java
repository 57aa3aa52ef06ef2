package org.pulsej.nn;

import java.util.Arrays;
import java.util.Locale;

import org.pulsej.util.PulseJException;

/**
 * Groups videos by one number each — for the specialist models, the mean background intensity
 * (paper 5.4) — with 1-D k-means solved exactly: on sorted values every optimal cluster is a run of
 * neighbours, so dynamic programming finds the least within-cluster sum of squares without random
 * starts, i.e. deterministically.
 * <p>
 * <b>Automatic k</b> ({@code clusters=0}), from 1 to 3: one more cluster is taken only when it removes
 * at least 3/4 of the remaining within-cluster sum of squares <em>and</em> every pair of neighbouring
 * centres lies at least {@link #MIN_GAP} apart (5 % of full scale). The first rule asks for clearly
 * separated groups; the second keeps videos filmed in the same light (whose intensities differ by
 * noise only) in one cluster, which the scale-free first rule alone would split.
 */
public final class LightingClusters {

	/** Smallest distance between neighbouring centres that automatic k accepts. */
	public static final double MIN_GAP = 0.05;
	/** Largest k that automatic k tries. */
	public static final int MAX_AUTO = 3;
	/** Share of the within-cluster sum of squares one more cluster must remove (automatic k). */
	public static final double MIN_REDUCTION = 0.75;

	/**
	 * @param centres cluster centres, ascending
	 * @param assignment cluster index (into centres) of each input value, in input order
	 * @param sse within-cluster sum of squares
	 */
	public record Result(double[] centres, int[] assignment, double sse) {

		public int k() {
			return centres.length;
		}

		/** Values per cluster. */
		public int[] sizes() {
			final int[] n = new int[centres.length];
			for (final int a : assignment)
				n[a]++;
			return n;
		}
	}

	private LightingClusters() {}

	/** Refuses fewer videos than clusters: each specialist needs at least one. */
	public static void checkEnough(final int videos, final int k) {
		if (videos < k) throw new PulseJException("There are " + videos + " video(s) for " + k +
			" clusters; each specialist needs at least one video.", "Use clusters=" + Math.max(1, videos) +
				" or fewer, or clusters=0 (automatic), or give more videos.");
	}

	/**
	 * Optimal k-means of {@code values} into exactly {@code k} clusters.
	 *
	 * @throws PulseJException when there are fewer values, or fewer distinct values, than clusters
	 */
	public static Result cluster(final double[] values, final int k) {
		if (k < 1) throw new PulseJException(k + " clusters cannot be made.", "Use clusters=1, 2 (paper) or 0 (automatic).");
		for (final double v : values)
			if (!Double.isFinite(v)) throw new PulseJException("A background intensity is " + v + ".",
				"Check that every video has frames with content.");
		checkEnough(values.length, k);
		final double[] sorted = values.clone();
		Arrays.sort(sorted);
		final long distinct = Arrays.stream(sorted).distinct().count();
		if (distinct < k) throw new PulseJException(String.format(Locale.ROOT,
			"The videos' background intensities take only %d distinct value(s) (%s), too few for %d clusters.", distinct,
			Arrays.toString(Arrays.stream(sorted).distinct().mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
				.toArray()), k), "Use clusters=1 (one model) or clusters=0 (automatic).");
		final int n = sorted.length;
		final double[] s1 = new double[n + 1], s2 = new double[n + 1];
		for (int i = 0; i < n; i++) {
			s1[i + 1] = s1[i] + sorted[i];
			s2[i + 1] = s2[i] + sorted[i] * sorted[i];
		}
		// cost[j][m]: least SSE of the first m sorted values in j+1 clusters; from[j][m]: start of the last
		final double[][] cost = new double[k][n + 1];
		final int[][] from = new int[k][n + 1];
		for (int m = 1; m <= n; m++)
			cost[0][m] = sse(s1, s2, 0, m);
		for (int j = 1; j < k; j++)
			for (int m = j + 1; m <= n; m++) {
				cost[j][m] = Double.POSITIVE_INFINITY;
				for (int a = j; a < m; a++) {
					final double c = cost[j - 1][a] + sse(s1, s2, a, m);
					// strict: the first (leftmost) split of equal cost wins, so ties are broken the same way always
					if (c < cost[j][m] - 1e-15) {
						cost[j][m] = c;
						from[j][m] = a;
					}
				}
			}
		final double[] centres = new double[k];
		final double[] upper = new double[k];
		for (int j = k - 1, m = n; j >= 0; j--) {
			final int a = j == 0 ? 0 : from[j][m];
			centres[j] = (s1[m] - s1[a]) / (m - a);
			upper[j] = sorted[m - 1];
			m = a;
		}
		final int[] assignment = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			int j = 0;
			while (values[i] > upper[j])
				j++;
			assignment[i] = j;
		}
		return new Result(centres, assignment, Math.max(0, cost[k - 1][n]));
	}

	/** Automatic k (see the class comment): 1 to {@link #MAX_AUTO}, never more than the values. */
	public static Result auto(final double[] values) {
		Result best = cluster(values, 1);
		final long distinct = Arrays.stream(values).distinct().count();
		for (int k = 2; k <= Math.min(MAX_AUTO, distinct); k++) {
			final Result r = cluster(values, k);
			boolean apart = true;
			for (int j = 1; j < k; j++)
				apart &= r.centres()[j] - r.centres()[j - 1] >= MIN_GAP;
			if (!apart || r.sse() > (1 - MIN_REDUCTION) * best.sse()) break;
			best = r;
		}
		return best;
	}

	private static double sse(final double[] s1, final double[] s2, final int a, final int b) {
		final double n = b - a, sum = s1[b] - s1[a];
		return s2[b] - s2[a] - sum * sum / n;
	}
}

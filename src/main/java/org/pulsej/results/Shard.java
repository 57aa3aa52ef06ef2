package org.pulsej.results;

import java.util.ArrayList;
import java.util.List;

import org.pulsej.util.PulseJException;

/**
 * One part of a folder of videos split across the jobs of a cluster job array ({@code shard=i/n}).
 * Users number shards 1 to n ({@code shard=1/3}, {@code 2/3}, {@code 3/3}, as with
 * {@code sbatch --array=1-n}); inside, {@link #index()} counts from 0. Video k of the folder (in
 * PulseJ's sorted order, from 0) belongs to the shard of index {@code k mod n}: taking every n-th video, rather
 * than contiguous blocks, spreads videos of one recording session (which sort together and tend to
 * have similar lengths) over all shards, so the shards finish at about the same time. The split
 * depends only on the sorted list of videos, so every job computes the same one.
 *
 * @param index this shard counted from 0 (the user's shard number − 1), 0 ≤ index < count
 * @param count number of shards, ≥ 1
 */
public record Shard(int index, int count) {

	/** The whole folder in one job. */
	public static final Shard ALL = new Shard(0, 1);

	public Shard {
		// shard=1/0 said "shards of 1 are numbered 1 to 1", a count it was not given
		if (count < 1) throw new PulseJException("shard=" + (index + 1) + "/" + count + " is not a shard: the number " +
			"of shards, " + count + ", must be 1 or more.", "Give shard=i/n with 1 ≤ i ≤ n, e.g. shard=1/1 for the " +
				"whole folder, or shard=${SLURM_ARRAY_TASK_ID}/10 with sbatch --array=1-10.");
		if (index < 0 || index >= count) throw new PulseJException("shard=" + (index + 1) + "/" + count +
			" is not a shard: shards of " + count + " are numbered 1 to " + count + ".",
			"Give shard=i/n with 1 ≤ i ≤ n, e.g. shard=${SLURM_ARRAY_TASK_ID}/10 with sbatch --array=1-10.");
	}

	/** {@code "i/n"}; empty or null means {@link #ALL}. */
	public static Shard parse(final String text) {
		if (text == null || text.isBlank()) return ALL;
		final String[] p = text.trim().split("\\s*/\\s*");
		if (p.length == 2) {
			try {
				return new Shard(Integer.parseInt(p[0]) - 1, Integer.parseInt(p[1]));
			}
			catch (final NumberFormatException e) {
				// shard=1/99999999999 said "is not of the form i/n", which it is
				if (p[0].trim().matches("[+-]?\\d+") && p[1].trim().matches("[+-]?\\d+")) throw new PulseJException(
					"shard=" + text.trim() + " holds a number too large for a shard (at most " + Integer.MAX_VALUE +
						").", "Give shard=i/n with 1 ≤ i ≤ n, e.g. shard=3/10 (shards 1/10 to 10/10).");
			}
		}
		throw new PulseJException("shard=" + text + " is not of the form i/n.",
			"Give this job's shard number and the number of shards, e.g. shard=3/10 (shards 1/10 to 10/10).");
	}

	/** Whether video {@code k} (0-based position in the sorted list) belongs to this shard. */
	public boolean owns(final int k) {
		return k % count == index;
	}

	/** The items of {@code sorted} that belong to this shard, in their order. */
	public <T> List<T> select(final List<T> sorted) {
		final List<T> out = new ArrayList<>();
		for (int k = index; k < sorted.size(); k += count)
			out.add(sorted.get(k));
		return out;
	}

	@Override
	public String toString() {
		return (index + 1) + "/" + count;
	}
}

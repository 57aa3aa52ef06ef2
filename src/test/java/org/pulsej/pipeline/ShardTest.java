package org.pulsej.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class ShardTest {

	@Test
	void videoKGoesToShardKModNAndTheShardsCoverEachVideoOnce() {
		final List<Integer> videos = IntStream.range(0, 23).boxed().toList();
		assertEquals(List.of(3, 13), Shard.parse("3/10").select(videos));
		final List<Integer> all = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			final Shard s = Shard.parse(i + "/4");
			for (final int k : s.select(videos)) {
				assertTrue(s.owns(k));
				assertEquals(i, k % 4);
			}
			all.addAll(s.select(videos));
		}
		all.sort(null);
		assertEquals(videos, all, "every video in exactly one shard");
		assertEquals(videos, Shard.ALL.select(videos));
		assertEquals(Shard.ALL, Shard.parse(""));
		assertEquals(new Shard(2, 5), Shard.parse(" 2 / 5 "));
		assertEquals("2/5", new Shard(2, 5).toString());
		assertEquals(List.of(), Shard.parse("7/8").select(List.of(1, 2, 3)), "more shards than videos: some are empty");
	}

	@Test
	void badShardsNameTheRule() {
		for (final String bad : new String[] { "4/4", "-1/3", "0/0", "3", "a/b", "1/2/3" }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> Shard.parse(bad), bad);
			assertTrue(e.getMessage().contains("shard=") && e.fix().contains("shard="), e.getMessage());
		}
		assertTrue(assertThrows(PulseJException.class, () -> Shard.parse("4/4")).getMessage().contains("0 to 3"));
	}
}

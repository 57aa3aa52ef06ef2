package org.pulsej.results;

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
		assertEquals(List.of(2, 12, 22), Shard.parse("3/10").select(videos), "the third shard: 3rd, 13th, 23rd video");
		final List<Integer> all = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			final Shard s = Shard.parse((i + 1) + "/4"); // users count shards from 1
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
		assertEquals(new Shard(1, 5), Shard.parse(" 2 / 5 "));
		assertEquals("2/5", new Shard(1, 5).toString());
		assertEquals("1/1", Shard.ALL.toString());
		assertEquals(List.of(1), Shard.parse("1/3").select(List.of(1, 2, 3)), "shard 1/3 starts with the first video");
		assertEquals(List.of(3), Shard.parse("3/3").select(List.of(1, 2, 3)), "shard 3/3 is the last");
		assertEquals(List.of(), Shard.parse("8/8").select(List.of(1, 2, 3)), "more shards than videos: some are empty");
	}

	@Test
	void badShardsNameTheRule() {
		for (final String bad : new String[] { "5/4", "0/3", "-1/3", "0/0", "3", "a/b", "1/2/3" }) {
			final PulseJException e = assertThrows(PulseJException.class, () -> Shard.parse(bad), bad);
			assertTrue(e.getMessage().contains("shard=") && e.fix().contains("shard="), e.getMessage());
		}
		assertTrue(assertThrows(PulseJException.class, () -> Shard.parse("5/4")).getMessage().contains("1 to 4"));
		// shard=1/0 said "shards of 1 are numbered 1 to 1"; shard=1/99999999999 "is not of the form i/n"
		assertEquals("shard=1/0 is not a shard: the number of shards, 0, must be 1 or more.", assertThrows(
			PulseJException.class, () -> Shard.parse("1/0")).problem());
		assertEquals("shard=1/99999999999 holds a number too large for a shard (at most 2147483647).", assertThrows(
			PulseJException.class, () -> Shard.parse("1/99999999999")).problem());
	}

	@Test
	void aDamagedBatchRecordIsNamedInWords(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir)
		throws Exception
	{
		final java.nio.file.Path file = dir.resolve(ShardRecord.FILE);
		new ShardRecord("/in", Shard.parse("1/2"), 3, "method=POS", List.of("a", "c")).write(dir);
		final String good = java.nio.file.Files.readString(file);
		assertEquals(List.of("a", "c"), ShardRecord.read(dir).videos());
		final byte[] noise = new byte[200];
		new java.util.Random(3).nextBytes(noise);
		final Object[][] cases = { { "", "is damaged (it has no shard)" }, { good.replaceAll("(?m)^settings=.*$", ""),
			"is damaged (it has no settings)" }, { good.replaceAll("(?m)^total=.*$", "total=abc"),
				"is damaged (a number is written as \"abc\")" }, { noise, "cannot be read (it holds bytes that are not text)" } };
		for (final Object[] c : cases) {
			if (c[0] instanceof byte[] b) java.nio.file.Files.write(file, b);
			else java.nio.file.Files.writeString(file, (String) c[0]);
			final PulseJException e = assertThrows(PulseJException.class, () -> ShardRecord.read(dir));
			assertEquals("The batch record " + file + " " + c[1] + ".", e.problem());
			assertTrue(e.fix().contains("Delete it"), e.fix());
		}
	}
}

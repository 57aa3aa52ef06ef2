package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;

class LightingClustersTest {

	@Test
	void twoClustersSplitDarkFromBrightWhateverTheOrder() {
		final double[] v = { 0.52, 0.10, 0.55, 0.12, 0.50 };
		final LightingClusters.Result r = LightingClusters.cluster(v, 2);
		assertArrayEquals(new double[] { 0.11, 0.52333333333333 }, r.centres(), 1e-9);
		assertArrayEquals(new int[] { 1, 0, 1, 0, 1 }, r.assignment());
		assertArrayEquals(new int[] { 2, 3 }, r.sizes());
		assertEquals(0.0002 + 0.00126666666667, r.sse(), 1e-9);
		// the same clusters for a permuted input (deterministic, no random starts)
		final LightingClusters.Result p = LightingClusters.cluster(new double[] { 0.50, 0.12, 0.55, 0.10, 0.52 }, 2);
		assertArrayEquals(r.centres(), p.centres(), 1e-15);
		assertArrayEquals(new int[] { 1, 0, 1, 0, 1 }, p.assignment());
	}

	/** The least sum of squares of the three possible splits of 0, 0.2, 0.3, 1 (0.3267, 0.265, 0.0467). */
	@Test
	void theExactOptimum() {
		final LightingClusters.Result r = LightingClusters.cluster(new double[] { 1, 0.3, 0, 0.2 }, 2);
		assertArrayEquals(new double[] { 0.5 / 3, 1 }, r.centres(), 1e-12);
		assertEquals(0.04666666666667, r.sse(), 1e-9);
	}

	@Test
	void automaticKFindsOneTwoOrThreeLightings() {
		assertEquals(1, LightingClusters.auto(new double[] { 0.50, 0.51, 0.52, 0.505 }).k(),
			"one lighting: noise is no cluster");
		assertEquals(2, LightingClusters.auto(new double[] { 0.2, 0.22, 0.6, 0.62, 0.61 }).k());
		assertEquals(3, LightingClusters.auto(new double[] { 0.1, 0.11, 0.5, 0.52, 0.9, 0.91 }).k());
		assertEquals(1, LightingClusters.auto(new double[] { 0.4 }).k(), "one video");
		assertEquals(2, LightingClusters.auto(new double[] { 0.1, 0.8 }).k(), "two videos, two lightings");
	}

	@Test
	void badInputIsNamed() {
		PulseJException e = assertThrows(PulseJException.class, () -> LightingClusters.cluster(new double[] { 0.3 },
			2));
		assertTrue(e.getMessage().contains("1 video(s) for 2 clusters") && e.getMessage().contains("clusters=1"), e
			.getMessage());
		e = assertThrows(PulseJException.class, () -> LightingClusters.cluster(new double[] { 0.3, 0.3, 0.3 }, 2));
		assertTrue(e.getMessage().contains("only 1 distinct"), e.getMessage());
		assertThrows(PulseJException.class, () -> LightingClusters.cluster(new double[] { 0.3, Double.NaN }, 1));
	}

	@Test
	void routerRoutesByTheMidpointsAndRefusesAMissingSpecialist(@TempDir final Path dir) throws Exception {
		final LightingClusters.Result c = LightingClusters.cluster(new double[] { 0.1, 0.12, 0.5, 0.54 }, 2);
		final SpecialistRouter r = SpecialistRouter.of(c, List.of("a", "b", "c", "d"), "test feature");
		assertArrayEquals(new double[] { (0.11 + 0.52) / 2 }, r.thresholds(), 1e-12);
		assertEquals(List.of("a", "b"), r.specialists().get(0).videos());
		assertEquals("cluster-2", r.specialists().get(1).folder());
		assertEquals(0, r.route(0.3));
		assertEquals(1, r.route(0.32));
		assertEquals(1, r.route(0.99));
		r.save(dir);
		assertTrue(SpecialistRouter.isRouter(dir));
		Files.createDirectories(dir.resolve("cluster-1"));
		Files.writeString(dir.resolve("cluster-1/model.json"), "{}");
		final PulseJException e = assertThrows(PulseJException.class, () -> SpecialistRouter.load(dir));
		assertTrue(e.getMessage().contains("cluster-2") && e.getMessage().contains("does not exist") && e.fix().contains(
			"Copy the whole specialists folder"), e.getMessage());
		Files.createDirectories(dir.resolve("cluster-2"));
		Files.writeString(dir.resolve("cluster-2/model.json"), "{}");
		final SpecialistRouter back = SpecialistRouter.load(dir);
		assertArrayEquals(r.thresholds(), back.thresholds(), 0);
		assertEquals(r.specialists(), back.specialists());
		Files.writeString(dir.resolve(SpecialistRouter.FILE), "{\"format\":\"other\"}");
		assertThrows(PulseJException.class, () -> SpecialistRouter.load(dir));
	}

	/**
	 * A router whose fields are of another type (a hand edit, a damaged copy) names the field and the
	 * value found; it said "Expected BEGIN_ARRAY but was NUMBER at line 1 column 88 path $.thresholds" or
	 * "NumberFormatException: For input string: \"x\"".
	 */
	@Test
	void aRouterFieldOfAnotherTypeIsNamed(@TempDir final Path dir) throws Exception {
		for (final String c : new String[] { "cluster-1", "cluster-2" }) {
			Files.createDirectories(dir.resolve(c));
			Files.writeString(dir.resolve(c + "/model.json"), "{}");
		}
		final String head = "{\"format\":\"pulsej-specialists\",\"formatVersion\":1,\"feature\":\"f\",";
		final String two = "\"specialists\":[{\"folder\":\"cluster-1\",\"centre\":0.1,\"videos\":[\"a\"]},{\"folder\":" +
			"\"cluster-2\",\"centre\":0.5,\"videos\":[]}]}";
		final String[][] cases = {
			{ head + "\"thresholds\":[\"x\"]," + two, "(\"thresholds\" holds \"x\" at position 1, not a number)" },
			{ head + "\"thresholds\":0.3," + two, "(\"thresholds\" is 0.3, not a list [...] of numbers)" },
			{ head + "\"thresholds\":[0.3],\"specialists\":{\"folder\":\"cluster-1\"}}", "(\"specialists\" is " +
				"{\"folder\":\"cluster-1\"}, not a list" },
			{ head + "\"thresholds\":[0.3]," + two.replace("0.5", "\"a\""), "(specialist 2 of \"specialists\" has " +
				"\"centre\" \"a\", not a number)" },
			{ head + "\"thresholds\":[0.3]," + two.replace("\"folder\":\"cluster-1\"", "\"folder\":1"),
				"(specialist 1 of \"specialists\" has \"folder\" 1, not a text in quotes)" },
			{ head + "\"thresholds\":[0.3]," + two.replace("[\"a\"]", "\"a\""), "(specialist 1 of \"specialists\" has \"videos\" \"a\", not a list" },
			{ head + "\"thresholds\":[0.3]}", "(it has no \"specialists\" field)" },
			{ head.replace("1,", "\"1\",") + "\"thresholds\":[0.3]," + two, "(\"formatVersion\" is \"1\", not a number)" } };
		for (final String[] k : cases) {
			Files.writeString(dir.resolve(SpecialistRouter.FILE), k[0]);
			final PulseJException e = assertThrows(PulseJException.class, () -> SpecialistRouter.load(dir), k[0]);
			assertTrue(e.getMessage().contains("is damaged " + k[1]), k[0] + " -> " + e.getMessage());
			assertFalse(e.getMessage().matches("(?s).*(Exception|BEGIN_|path \\$).*"), e.getMessage());
			assertTrue(e.fix().contains("Copy the whole specialists folder"), e.fix());
		}
		// thresholds and centres that disagree (one edited without the other) are named, not routed by the thresholds
		// without a word against the docs' "nearest centre"
		Files.writeString(dir.resolve(SpecialistRouter.FILE), head + "\"thresholds\":[0.6]," + two);
		final PulseJException e = assertThrows(PulseJException.class, () -> SpecialistRouter.load(dir));
		assertTrue(e.getMessage().contains("contradicts itself: threshold 1 (0.6) does not lie between the centres of " +
			"cluster-1 (0.1) and cluster-2 (0.5)"), e.getMessage());
		assertTrue(e.fix().startsWith("Set each threshold between the centres"), e.fix());
		// without centres (nothing to contradict) the thresholds alone route
		Files.writeString(dir.resolve(SpecialistRouter.FILE), head + "\"thresholds\":[0.6]," + two.replace(
			"\"centre\":0.1,", "").replace("\"centre\":0.5,", ""));
		assertEquals(1, SpecialistRouter.load(dir).route(0.7));
		// the good one loads, and a newer version is still named by its version
		Files.writeString(dir.resolve(SpecialistRouter.FILE), head + "\"thresholds\":[0.3]," + two);
		assertEquals(2, SpecialistRouter.load(dir).specialists().size());
		Files.writeString(dir.resolve(SpecialistRouter.FILE), head.replace("1,", "2,") + "\"thresholds\":5}");
		assertTrue(assertThrows(PulseJException.class, () -> SpecialistRouter.load(dir)).getMessage().contains(
			"format version 2"));
	}
}

package org.pulsej.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The even grid a file of variable frame rate is read on, and the files that are read by index. */
class FrameTimesTest {

	/** 30 fps for {@code fast} frames, then 15 fps for {@code slow} frames. */
	private static double[] slowingDown(final int fast, final int slow) {
		final double[] t = new double[fast + slow];
		for (int i = 0; i < t.length; i++)
			t[i] = i < fast ? i / 30.0 : (fast - 1) / 30.0 + (i - fast + 1) / 15.0;
		return t;
	}

	@Test
	void aCameraThatSlowsDownIsReadAtTheTimesItsFramesWereTaken() {
		final double[] t = slowingDown(300, 150);
		final FrameTimes g = FrameTimes.of(t);
		assertNotNull(g);
		assertEquals(30, g.fps(), 1e-9, "the most common interval");
		// 10 s at 30 fps and 10 s at 15 fps last 20 s: 600 grid frames, not 450 frames at the average 22.5 fps
		assertEquals(600, g.gridFrames());
		for (int k = 0; k < g.gridFrames(); k++)
			assertTrue(Math.abs(t[g.source(k)] - k / 30.0) <= 1 / 30.0 + 1e-9, "grid frame " + k + " shows a frame " +
				"taken at " + t[g.source(k)] + " s");
		assertEquals(0, g.source(0));
		assertEquals(299, g.source(299));
		assertEquals(449, g.source(599));
		// every frame of the slow stretch is shown twice (in turn), none of the fast one
		int twice = 0;
		for (int k = 1; k < g.gridFrames(); k++)
			if (g.source(k) == g.source(k - 1)) twice++;
		assertEquals(150, twice);
		final String note = g.note("phone.mp4");
		assertTrue(note.contains("phone.mp4 has a variable frame rate") && note.contains("33.3 to 66.7 ms") && note
			.contains("30 fps") && note.contains("450 of 450 frames used, 150 shown twice"), note);
	}

	@Test
	void stampsOnAMillisecondClockGiveTheRateTheyRound() {
		final double[] t = slowingDown(300, 150);
		for (int i = 0; i < t.length; i++)
			t[i] = Math.round(t[i] * 1000) / 1000.0; // 33 and 34 ms apart
		final FrameTimes g = FrameTimes.of(t);
		assertEquals(30, g.fps(), 0.01);
		assertEquals(600, g.gridFrames());
	}

	@Test
	void stampsInDecodingOrderGiveTheSameGrid() {
		final double[] t = slowingDown(200, 100);
		final double[] shuffled = t.clone();
		final Random r = new Random(4);
		for (int i = shuffled.length - 1; i > 0; i--) {
			final int j = r.nextInt(i + 1);
			final double x = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = x;
		}
		final FrameTimes a = FrameTimes.of(t), b = FrameTimes.of(shuffled);
		assertEquals(a.gridFrames(), b.gridFrames());
		for (int k = 0; k < a.gridFrames(); k++)
			assertEquals(a.source(k), b.source(k));
	}

	@Test
	void aSteadyRateWithJitterOrOneDroppedFrameIsReadByIndex() {
		final Random r = new Random(7);
		final double[] jitter = new double[900];
		for (int i = 0; i < jitter.length; i++)
			jitter[i] = i / 30.0 + (r.nextDouble() - 0.5) * 0.012; // ±6 ms around an even 30 fps clock
		assertNull(FrameTimes.of(jitter));
		final double[] dropped = new double[899];
		for (int i = 0; i < dropped.length; i++)
			dropped[i] = (i < 450 ? i : i + 1) / 30.0;
		assertNull(FrameTimes.of(dropped), "one frame late is no reason to resample");
		final double[] even = new double[900];
		for (int i = 0; i < even.length; i++)
			even[i] = 10 + i / 25.0;
		assertNull(FrameTimes.of(even));
	}

	@Test
	void stampsThatAreNotTimesAreReadByIndex() {
		assertNull(FrameTimes.of(new double[0]));
		assertNull(FrameTimes.of(new double[] { 0, 1 }));
		final double[] missing = slowingDown(100, 100);
		missing[50] = Double.NaN;
		assertNull(FrameTimes.of(missing), "a frame without a stamp");
		assertNull(FrameTimes.of(new double[] { 0, 0, 0, 0, 1 }), "repeated stamps");
		// a pause of an hour in 300 frames would take 108,000 grid frames: not a recording to fill in
		final double[] paused = slowingDown(300, 0);
		for (int i = 150; i < paused.length; i++)
			paused[i] += 3600;
		assertNull(FrameTimes.of(paused));
	}
}

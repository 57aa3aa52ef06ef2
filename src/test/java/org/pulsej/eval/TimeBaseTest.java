package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.util.PulseJException;

/** A ground truth whose times are not on the video's time base is converted (milliseconds) or refused. */
class TimeBaseTest {

	/** A 72 bpm reference PPG sampled at 30 Hz for 30 s, its times multiplied by {@code unit}. */
	static Reference ppg(final double unit) {
		final int n = 900;
		final double[] t = new double[n], p = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = i / 30.0 * unit;
			p[i] = Math.sin(2 * Math.PI * 1.2 * i / 30.0);
		}
		return new Reference("STEM_gt.csv", Path.of("v_gt.csv"), t, p, Reference.nans(n), Reference.nans(n), null);
	}

	@Test
	void millisecondsAreConvertedWithANoteAndGiveTheTrueHeartRate() {
		final List<String> notes = new ArrayList<>();
		final Reference r = FrameReference.checkTimeBase(ppg(1000), 900, 30, notes, "v_gt.csv");
		assertEquals(29.9667, r.timeSeconds()[899], 1e-3);
		assertTrue(notes.get(0).contains("read as milliseconds and converted to seconds"), notes.toString());
		final FrameReference fr = FrameReference.align(ppg(1000), 900, 30, new EstimateOptions());
		assertEquals(72, fr.hrMedian(), 1.0, "the true heart rate");
		assertEquals(900, fr.covered(), "aligned over the whole video");
		final Reference seconds = ppg(1);
		assertSame(seconds, FrameReference.checkTimeBase(seconds, 900, 30, notes, "v_gt.csv"));
		assertEquals(1, notes.size(), "seconds: no note");
	}

	@Test
	void anotherTimeBaseIsRefusedNamingBothSpans() {
		final PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(ppg(100), 900, 30,
			new EstimateOptions()));
		assertTrue(e.getMessage().contains("spans 2997 time units, but the video lasts 30.0 s (900 frames at 30 fps)"),
			e.getMessage());
		assertTrue(e.getMessage().contains("fps="), e.getMessage());
	}

	@Test
	void aTimeBaseOffByLessThanTwentyIsRefusedNamingBothDurationsAndTheCause() {
		// times ×5: before, a 30 s video read the first sixth of a 150 s reference (53 bpm for 72), exit 0
		PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(ppg(5), 900, 30,
			new EstimateOptions()));
		assertTrue(e.getMessage().contains("spans 149.8 time units, but the video lasts 30.0 s (900 frames at 30 fps): " +
			"5.0 times as long"), e.getMessage());
		assertTrue(e.getMessage().contains("another unit than seconds, the frame rate is wrong, or it belongs to " +
			"another video"), e.getMessage());
		assertTrue(e.fix().contains("fps=") && e.fix().contains("from 15.0 to 48.0 s are accepted"), e.fix());
		// a frame-numbered ground truth ten times the video's frames
		e = assertThrows(PulseJException.class, () -> FrameReference.align(FrameReferenceTest.sine(72, 30, 0, 300), 900,
			30, new EstimateOptions()));
		assertTrue(e.getMessage().contains("10.0 times as long"), e.getMessage());
		// times ÷5 (or a video read at a fifth of its frame rate)
		e = assertThrows(PulseJException.class, () -> FrameReference.align(ppg(0.2), 900, 30, new EstimateOptions()));
		assertTrue(e.getMessage().contains("(900 frames at 30 fps): 20 % of it"), e.getMessage());
	}

	@Test
	void aMistypedLastOrFirstTimeIsNamed() {
		// frame 899 typed as 8990 (299.67 s): it was refused as another unit or frame rate
		final Reference last = ppg(1);
		last.timeSeconds()[899] = 8990 / 30.0;
		PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(last, 900, 30,
			new EstimateOptions()));
		assertTrue(e.getMessage().contains("its last sample (number 900) is at 299.7, 269.7 after the one before, " +
			"where the others are 0.03333 apart: a mistyped time or frame number?"), e.getMessage());
		assertTrue(e.fix().contains("Correct the time (or frame number) of that sample"), e.fix());
		final Reference first = ppg(1);
		first.timeSeconds()[0] = -100;
		e = assertThrows(PulseJException.class, () -> FrameReference.align(first, 900, 30, new EstimateOptions()));
		assertTrue(e.getMessage().contains("its first sample is at -100"), e.getMessage());
		// every time off (another unit) is still named as such
		e = assertThrows(PulseJException.class, () -> FrameReference.align(ppg(5), 900, 30, new EstimateOptions()));
		assertTrue(e.getMessage().contains("another unit"), e.getMessage());
	}

	@Test
	void aGroundTruthSomewhatLongerOrShorterThanTheVideoIsAccepted() {
		final List<String> notes = new ArrayList<>();
		for (final double seconds : new double[] { 15, 29, 30, 31, 40, 48 }) {
			final Reference r = FrameReferenceTest.sine(72, 30, 0, seconds);
			assertSame(r, FrameReference.checkTimeBase(r, 900, 30, notes, "v_gt.csv"), seconds + " s");
		}
		// a 10 s clip with a few seconds of sensor lead-in and tail
		final Reference r = FrameReferenceTest.sine(72, 30, -3, 16);
		assertSame(r, FrameReference.checkTimeBase(r, 300, 30, notes, "v_gt.csv"));
		assertTrue(notes.isEmpty(), notes.toString());
		for (final double seconds : new double[] { 14, 49 })
			assertThrows(PulseJException.class, () -> FrameReference.checkTimeBase(FrameReferenceTest.sine(72, 30, 0,
				seconds), 900, 30, notes, "v_gt.csv"), seconds + " s");
	}
}

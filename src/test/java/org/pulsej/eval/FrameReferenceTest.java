package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pulsej.pipeline.EstimateOptions;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.signal.InstantaneousHeartRate;
import org.pulsej.util.PulseJException;

/** Ground truth onto video frames: rates, time stamps, partial coverage, and the same-method reference. */
class FrameReferenceTest {

	static final double FPS = 30;
	final EstimateOptions options = new EstimateOptions();

	/** A reference sampled at {@code rate} Hz for {@code seconds} from {@code start}: PPG a sine at {@code bpm}. */
	static Reference sine(final double bpm, final double rate, final double start, final double seconds) {
		final int n = (int) Math.round(seconds * rate);
		final double[] t = new double[n], ppg = new double[n], hr = new double[n];
		for (int i = 0; i < n; i++) {
			t[i] = start + i / rate;
			ppg[i] = Math.sin(2 * Math.PI * bpm / 60 * t[i]);
			hr[i] = bpm;
		}
		return new Reference("test", null, t, ppg, hr, Reference.nans(n), null);
	}

	@Test
	void referenceHeartRateComesFromThePpgByTheEstimatesOwnMethod() {
		final Reference ref = sine(72, FPS, 0, 30);
		// the sensor's own heart-rate column says 90: it must not be used when there is a PPG
		Arrays.fill(ref.hrBpm(), 90);
		final FrameReference fr = FrameReference.align(ref, 900, FPS, options);
		assertTrue(fr.hrFromPpg());
		final double[] same = InstantaneousHeartRate.compute(HeartRatePipeline.clean(ref.ppg(), FPS, options.band()),
			FPS, options.windowSeconds(), options.stepSeconds(), options.band());
		for (int t = 0; t < 900; t++)
			assertEquals(same[t], fr.hrBpm()[t], 1e-9, "frame " + t);
		assertEquals(72, fr.hrMedian(), 0.1);
		assertEquals(0, fr.first());
		assertEquals(899, fr.last());
		assertTrue(fr.notes().isEmpty(), fr.notes().toString());
	}

	@Test
	void anotherSamplingRateIsResampledLinearlyToTheFrames() {
		final FrameReference fr = FrameReference.align(sine(80, 60, 0, 30), 900, FPS, options);
		for (int t = 0; t < 899; t++)
			assertEquals(Math.sin(2 * Math.PI * 80 / 60 * t / FPS), fr.ppg()[t], 0.005, "frame " + t);
		assertEquals(80, fr.hrMedian(), 0.1);
		assertTrue(fr.notes().get(0).contains("sampled at 60 Hz"), fr.notes().toString());
		// 250 Hz, as a contact sensor might record
		assertEquals(80, FrameReference.align(sine(80, 250, 0, 30), 900, FPS, options).hrMedian(), 0.1);
	}

	@Test
	void irregularTimeStampsAreInterpolatedExactlyForALine() {
		final Random random = new Random(3);
		final int n = 700;
		final double[] t = new double[n], y = new double[n];
		double time = 0;
		for (int i = 0; i < n; i++) {
			t[i] = time;
			y[i] = 3 * time + 1;
			time += (0.5 + random.nextDouble()) / 20; // 13–40 Hz
		}
		final Reference ref = new Reference("test", null, t, y, Reference.nans(n), Reference.nans(n), null);
		final FrameReference fr = FrameReference.align(ref, 900, FPS, options); // 35 s of reference, 30 s of video
		for (int f = fr.first(); f <= fr.last(); f++)
			assertEquals(3 * f / FPS + 1, fr.ppg()[f], 1e-9);
		assertTrue(fr.notes().stream().anyMatch(s -> s.contains("irregular")), fr.notes().toString());
	}

	@Test
	void groundTruthShorterThanTheVideoCoversOnlyItsFrames() {
		final FrameReference fr = FrameReference.align(sine(66, FPS, 0, 20), 900, FPS, options);
		assertEquals(0, fr.first());
		assertEquals(599, fr.last());
		assertEquals(600, fr.covered());
		assertTrue(Double.isNaN(fr.hrBpm()[600]) && Double.isNaN(fr.ppg()[899]));
		assertEquals(66, fr.hrMedian(), 0.1);
		assertTrue(fr.notes().get(0).contains("covers only frames 0–599 of 900"), fr.notes().toString());
		final FrameReference late = FrameReference.align(sine(66, FPS, 5, 25), 900, FPS, options);
		assertEquals(150, late.first());
		assertEquals(899, late.last());
	}

	@Test
	void datasetFrameTimeStampsPlaceTheFrames() {
		// frames stamped 1 s after the reference starts: frame 0 meets reference time 1 s
		final Reference base = sine(72, 60, 0, 40);
		final double[] frames = new double[900];
		for (int f = 0; f < frames.length; f++)
			frames[f] = 1 + f / FPS;
		final Reference ref = new Reference("test", null, base.timeSeconds(), base.ppg(), base.hrBpm(), base.respBpm(),
			frames);
		final FrameReference fr = FrameReference.align(ref, 900, FPS, options);
		assertEquals(Math.sin(2 * Math.PI * 72 / 60 * 1.0), fr.ppg()[0], 0.005);
	}

	@Test
	void withoutPpgTheHeartRateColumnIsTheReference() {
		final Reference s = sine(70, 10, 0, 30);
		final Reference hrOnly = new Reference("test", null, s.timeSeconds(), Reference.nans(s.samples()), s.hrBpm(),
			s.respBpm(), null);
		final FrameReference fr = FrameReference.align(hrOnly, 900, FPS, options);
		assertFalse(fr.hrFromPpg());
		assertEquals(70, fr.hrBpm()[450], 0);
		// a PPG shorter than one 10 s window: the heart-rate column, with a note (a 10 s video: a ground truth
		// under half the video is refused as another time base, TimeBaseTest)
		final FrameReference shortPpg = FrameReference.align(sine(70, FPS, 0, 6), 300, FPS, options);
		assertFalse(shortPpg.hrFromPpg());
		assertTrue(shortPpg.notes().stream().anyMatch(n -> n.contains("less than one")), shortPpg.notes().toString());
	}

	/**
	 * A pulse oximeter writes a heart rate of 0 while it has no reading (a finger off the sensor); one such
	 * sample refused the whole recording as a rate "no person has". The zeros are left out, with a note,
	 * and the rest is the reference; a recording whose every heart rate is 0 and that has no PPG is
	 * refused, naming the zeros.
	 */
	@Test
	void heartRatesOfZeroAreNoReadingAndLeftOut() {
		final Reference s = sine(70, 10, 0, 30);
		final double[] hr = s.hrBpm().clone(), resp = new double[s.samples()];
		java.util.Arrays.fill(hr, 0, 50, 0); // the first 5 s: finger off
		java.util.Arrays.fill(resp, 15);
		resp[7] = 0;
		final Reference zeros = new Reference("test", null, s.timeSeconds(), Reference.nans(s.samples()), hr, resp, null);
		final FrameReference fr = FrameReference.align(zeros, 900, FPS, options);
		assertFalse(fr.hrFromPpg());
		assertTrue(Double.isNaN(fr.hrBpm()[30]), "no reference where the oximeter had none");
		assertEquals(70, fr.hrBpm()[450], 0);
		assertEquals(70, fr.hrMedian(), 0, "the zeros do not pull the median down");
		assertEquals(15, fr.respBpm(), 0);
		assertTrue(fr.notes().contains("50 of the ground truth's 300 heart-rate samples (hr_bpm) are 0, a sensor's " +
			"'no reading' (e.g. a finger off the oximeter); they are left out"), fr.notes().toString());
		assertTrue(fr.notes().stream().anyMatch(n -> n.startsWith("1 of the ground truth's 300 breathing-rate")), fr
			.notes().toString());

		final PulseJException e = assertThrows(PulseJException.class, () -> new Reference("test", null, s.timeSeconds(),
			Reference.nans(s.samples()), new double[s.samples()], Reference.nans(s.samples()), null));
		assertTrue(e.problem().contains("neither a reference PPG nor a heart rate (its heart rate is 0"), e.problem());
	}

	/**
	 * A PPG column of one value (a sensor that recorded nothing, zeros) beside a heart-rate column: its
	 * heart rate came out NaN, and the video was refused as covering "less than one 10 s heart-rate
	 * window" and having "no heart-rate column", both untrue. The flat PPG is left out, with a note, and
	 * the heart-rate column is the reference; without one the message names the flat PPG.
	 */
	@Test
	void aFlatPpgIsLeftOutForTheHeartRateColumn() {
		final Reference s = sine(70, FPS, 0, 30);
		final Reference flat = new Reference("test", null, s.timeSeconds(), new double[s.samples()], s.hrBpm(), s
			.respBpm(), null);
		final FrameReference fr = FrameReference.align(flat, 900, FPS, options);
		assertFalse(fr.hrFromPpg());
		assertEquals(70, fr.hrMedian(), 0);
		assertFalse(Reference.hasAny(fr.ppg()), "no PPG to correlate with");
		assertTrue(fr.notes().contains("the ground truth PPG is 0 in every sample over the video (a sensor that " +
			"recorded no pulse), so it is left out and the heart-rate column is the reference"), fr.notes().toString());

		final Reference flatOnly = new Reference("test", null, s.timeSeconds(), new double[s.samples()], Reference.nans(s
			.samples()), s.respBpm(), null);
		final PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(flatOnly, 900, FPS,
			options));
		assertEquals("test has no heart-rate column, and its PPG is 0 in every sample over the video: the sensor " +
			"recorded no pulse.", e.problem());
		assertTrue(e.fix().contains("hr_bpm"), e.fix());
	}

	@Test
	void unusableGroundTruthIsRefusedWithTheReason() {
		PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(sine(70, FPS, 40, 20), 900,
			FPS, options));
		assertTrue(e.getMessage().contains("does not overlap"), e.getMessage());
		assertTrue(e.fix().contains("starts at time 0") && !e.getMessage().contains("clock times"), e.getMessage());
		// times of a clock, seconds since 1970 as sensor logs write them: it said only "does not overlap", with a fix
		// to check that the ground truth starts at time 0
		e = assertThrows(PulseJException.class, () -> FrameReference.align(sine(70, FPS, 1.7e9, 30), 900, FPS,
			options));
		assertTrue(e.getMessage().contains("does not overlap") && e.getMessage().contains("Its times are clock times " +
			"(seconds since 1970: it starts at 2023-11-14 22:13:20 UTC)"), e.getMessage());
		assertTrue(e.fix().startsWith("Subtract the time of the video's first frame from every time_s") && e.fix()
			.contains("1700000000.000"), e.fix());
		final Reference s = sine(70, FPS, 0, 6);
		final Reference ppgOnly = new Reference("test", null, s.timeSeconds(), s.ppg(), Reference.nans(s.samples()), s
			.respBpm(), null);
		e = assertThrows(PulseJException.class, () -> FrameReference.align(ppgOnly, 300, FPS, options));
		assertTrue(e.getMessage().contains("less than one 10 s heart-rate window") && e.fix().contains("hr_bpm"), e
			.getMessage());
	}

	/**
	 * A PURE frame folder missing frames (or holding extra ones): the session file's stamps were given to
	 * the frames by position, so every frame after the gap took a later frame's time and Evaluate scored a
	 * shifted reference with exit 0 (the note said frames "beyond the stamps" were placed at 1/fps steps).
	 */
	@Test
	void frameStampsOfAnotherNumberOfFramesAreRefused() {
		final Reference s = sine(72, 60, 0, 30);
		final double[] stamps = new double[900];
		for (int f = 0; f < stamps.length; f++)
			stamps[f] = f / FPS;
		final Reference stamped = new Reference("PURE", java.nio.file.Path.of("01-01.json"), s.timeSeconds(), s.ppg(),
			s.hrBpm(), s.respBpm(), stamps);
		assertEquals(72, FrameReference.align(stamped, 900, FPS, options).hrMedian(), 0.1);
		final PulseJException missing = assertThrows(PulseJException.class, () -> FrameReference.align(stamped, 870,
			FPS, options));
		assertTrue(missing.getMessage().contains("01-01.json gives the time stamps of 900 frames, but the video has " +
			"870: frames are missing from the frame folder"), missing.getMessage());
		assertTrue(missing.getMessage().contains("Copy the frame folder again"), missing.getMessage());
		final PulseJException added = assertThrows(PulseJException.class, () -> FrameReference.align(stamped, 930, FPS,
			options));
		assertTrue(added.getMessage().contains("frames are added to the frame folder"), added.getMessage());
	}

	/** {@link #sine} with no PPG samples (NaN, as an empty cell reads) from {@code from} to {@code to} s. */
	static Reference withGap(final Reference ref, final double from, final double to) {
		for (int i = 0; i < ref.ppg().length; i++)
			if (ref.timeSeconds()[i] >= from && ref.timeSeconds()[i] < to) ref.ppg()[i] = Double.NaN;
		return ref;
	}

	@Test
	void framesWhoseWindowsAreMostlyAGapInTheReferencePpgAreNotEvaluated() {
		// a sensor that lost contact for 12 s: a straight line across it has no pulse, and windows over it read
		// whatever the line's ends give (a perfect estimate scored 2.1 bpm MAE against such a reference)
		final FrameReference fr = FrameReference.align(withGap(sine(72, FPS, 0, 30), 10, 22), 900, FPS, options);
		assertTrue(fr.hrFromPpg());
		assertTrue(Double.isNaN(fr.hrBpm()[480]), "mid-gap frame evaluated: " + fr.hrBpm()[480]);
		int evaluated = 0;
		for (int t = 0; t < 900; t++)
			if (!Double.isNaN(fr.hrBpm()[t])) {
				evaluated++;
				assertEquals(72, fr.hrBpm()[t], 1.0, "frame " + t);
			}
		assertTrue(evaluated >= 400 && evaluated < 900, evaluated + " frames evaluated");
		assertTrue(Double.isNaN(fr.ppg()[450]) && !Double.isNaN(fr.ppg()[100]) && !Double.isNaN(fr.ppg()[800]));
		final String note = String.join("; ", fr.notes());
		assertTrue(note.contains("missing or stuck at one value at 10.0–22.0 s") && note.contains("not evaluated"), note);
	}

	@Test
	void aReferencePpgStuckAtOneValueIsAGapToo() {
		// an oximeter without contact writing 0 (or its ceiling) for 12 s: no pulse there either
		final Reference ref = sine(72, FPS, 0, 30);
		for (int i = 300; i < 660; i++)
			ref.ppg()[i] = 0;
		final FrameReference fr = FrameReference.align(ref, 900, FPS, options);
		assertTrue(Double.isNaN(fr.hrBpm()[480]), "mid-gap frame evaluated: " + fr.hrBpm()[480]);
		for (int t = 0; t < 900; t++)
			if (!Double.isNaN(fr.hrBpm()[t])) assertEquals(72, fr.hrBpm()[t], 1.0, "frame " + t);
		assertTrue(String.join("; ", fr.notes()).contains("stuck at one value at 10.0–22.0 s"), fr.notes().toString());
		// a sine sampled where it repeats a value (its zero crossings, peaks) is no stuck sensor
		assertTrue(FrameReference.align(sine(60, FPS, 0, 30), 900, FPS, options).notes().isEmpty());
	}

	@Test
	void shortDropoutsOfTheReferencePpgAreBridgedWithoutANote() {
		Reference ref = sine(72, FPS, 0, 30);
		for (double t = 3; t < 28; t += 4)
			ref = withGap(ref, t, t + 0.5);
		final FrameReference fr = FrameReference.align(ref, 900, FPS, options);
		for (int t = 0; t < 900; t++)
			assertEquals(72, fr.hrBpm()[t], 1.0, "frame " + t);
		assertTrue(fr.notes().isEmpty(), fr.notes().toString());
		assertFalse(Arrays.stream(fr.ppg()).anyMatch(Double::isNaN));
	}

	@Test
	void aReferencePpgThatIsGapInEveryWindowFallsBackToTheHeartRateColumnOrIsRefused() {
		final FrameReference fr = FrameReference.align(withGap(sine(72, FPS, 0, 30), 5, 25), 900, FPS, options);
		assertFalse(fr.hrFromPpg());
		assertEquals(72, fr.hrMedian(), 1e-9);
		assertTrue(fr.notes().stream().anyMatch(n -> n.contains("heart-rate column is the reference")), fr.notes()
			.toString());
		final Reference noHr = withGap(sine(72, FPS, 0, 30), 5, 25);
		Arrays.fill(noHr.hrBpm(), Double.NaN);
		final PulseJException e = assertThrows(PulseJException.class, () -> FrameReference.align(noHr, 900, FPS,
			options));
		assertTrue(e.getMessage().contains("stuck at one value at 5.0–25.0 s") && e.getMessage().contains("no heart-rate " +
			"column"), e.getMessage());
	}

	@Test
	void gapFramesAreThoseBetweenValidSamplesMoreThanASecondApart() {
		final double[] t = new double[300], y = new double[300], at = new double[300];
		for (int i = 0; i < 300; i++) {
			t[i] = at[i] = i / FPS;
			// 1.33 s and 0.5 s without samples
			y[i] = i >= 100 && i < 140 || i >= 200 && i < 215 ? Double.NaN : Math.sin(2 * Math.PI * 1.2 * t[i]);
		}
		final boolean[] gap = FrameReference.gapFrames(t, y, at, 0, 299);
		for (int i = 0; i < 300; i++)
			assertEquals(i >= 100 && i < 140, gap[i], "frame " + i);
	}

	@Test
	void longestValidRunOfAReferenceWithGaps() {
		final double[] x = { Double.NaN, 1, 2, Double.NaN, 3, 4, 5, Double.NaN };
		assertTrue(Arrays.equals(new int[] { 4, 7 }, VideoScore.longestValidRun(x, 0, x.length)));
		assertTrue(Arrays.equals(new int[] { 1, 3 }, VideoScore.longestValidRun(x, 0, 4)));
		assertTrue(VideoScore.longestValidRun(new double[] { Double.NaN }, 0, 1) == null);
	}

	/**
	 * A recording whose pulse lies outside min_bpm–max_bpm was scored as if the reference read within the
	 * band (a harmonic, or the band's edge) were the truth: 35 bpm scored POS's 105 as near perfect.
	 */
	@Test
	void aPulseOutsideTheBandIsWarnedOfBySensorRateOrPpg() {
		final double fps = 30;
		final int n = 600;
		final org.pulsej.signal.BpmBand band = org.pulsej.signal.BpmBand.HEART;
		final double[] slow = new double[n], fast = new double[n], normal = new double[n], hr35 = new double[n];
		for (int t = 0; t < n; t++) {
			final double s = t / fps;
			// a pulse wave with its second harmonic at half the amplitude, as a contact PPG has
			slow[t] = Math.sin(2 * Math.PI * 35 / 60 * s) + 0.5 * Math.sin(2 * 2 * Math.PI * 35 / 60 * s + 1);
			fast[t] = Math.sin(2 * Math.PI * 200 / 60 * s);
			// a 72 bpm pulse under strong breathing at 15 per minute: no warning
			normal[t] = Math.sin(2 * Math.PI * 72 / 60 * s) + 3 * Math.sin(2 * Math.PI * 15 / 60 * s);
			hr35[t] = 35;
		}
		final String bySensor = FrameReference.outsideBand(hr35, normal, 0, n - 1, fps, band);
		assertTrue(bySensor != null && bySensor.startsWith("warning — the ground truth's pulse lies outside the " +
			"heart-rate band 40–180 bpm: its heart-rate column gives a median of 35 bpm") && bySensor.contains(
				"min_bpm=30"), bySensor);
		final String byPpg = FrameReference.outsideBand(null, slow, 0, n - 1, fps, band);
		assertTrue(byPpg != null && byPpg.contains("its PPG's strongest rhythm is at 35 bpm"), byPpg);
		final String high = FrameReference.outsideBand(null, fast, 0, n - 1, fps, band);
		assertTrue(high != null && high.contains("at 200 bpm") && high.contains("max_bpm=205"), high);
		assertEquals(null, FrameReference.outsideBand(null, normal, 0, n - 1, fps, band));
		final double[] hr72 = new double[n];
		java.util.Arrays.fill(hr72, 72);
		assertEquals(null, FrameReference.outsideBand(hr72, slow, 0, n - 1, fps, band), "the sensor's rate decides");
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Roi;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.prefs.PrefService;

/**
 * Keys that a run does not use are said in the log, once, and the run goes ahead: a rectangle with a
 * region other than {@code roi=manual} (Fiji hands over a drawn one whatever the region), and
 * {@code overlap} and {@code pos_weight} with methods without PhysNet. They were ignored without a word. A key left at its
 * default is not named.
 */
class UnusedKeysTest {

	static Context context;

	@TempDir
	static Path shared;

	static File video;

	@TempDir
	Path dir;

	static SyntheticVideoSpec spec() {
		return new SyntheticVideoSpec().size(96, 72).seconds(11).hrBpm(72).seed(5);
	}

	@BeforeAll
	static void setUp() {
		context = new Context();
		SyntheticFaceVideo.write(spec(), shared.toFile(), "face", false, Progress.NONE); // with face_gt.csv
		video = shared.resolve("face.avi").toFile();
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	/** The lines a successful run of the command logged. */
	static List<String> logOf(final Class<? extends Command> command, final Object... keyValues) throws Exception {
		return logOf(context, command, keyValues);
	}

	/** As {@link #logOf(Class, Object...)} in another test's context. */
	static List<String> logOf(final Context context, final Class<? extends Command> command, final Object... keyValues)
		throws Exception
	{
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("plots", false);
		for (int i = 0; i < keyValues.length; i += 2)
			inputs.put((String) keyValues[i], keyValues[i + 1]);
		final List<String> logged = new CopyOnWriteArrayList<>();
		final LogListener listener = m -> logged.add(m.text());
		final LogService log = context.service(LogService.class);
		final PrefService prefs = context.service(PrefService.class);
		prefs.clear(command);
		log.addLogListener(listener);
		try {
			assertEquals(null, EstimateHeartRateCommandTest.failure(context.service(CommandService.class).run(command,
				true, inputs).get()), "the run goes ahead: " + logged);
		}
		finally {
			log.removeLogListener(listener);
			prefs.clear(command);
		}
		return logged;
	}

	static List<String> notes(final List<String> log, final String about) {
		return log.stream().filter(l -> l.contains(about) && l.contains("is not used")).toList();
	}

	@Test
	void aRectangleWithRoiWholeIsSaidToBeUnused() throws Exception {
		final List<String> log = logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve("e")
			.toFile(), "method", "GREEN", "roi", "whole", "rect", "10, 8,40,30");
		assertEquals(List.of("PulseJ: rect=10,8,40,30 is not used with roi=whole (to measure inside the rectangle, " +
			"give roi=manual or roi=auto)"), notes(log, "rect"), "once: " + log);
		assertEquals(1, notes(logOf(BatchEstimateCommand.class, "input", shared.toFile(), "output", dir.resolve("b")
			.toFile(), "method", "GREEN", "roi", "whole", "rect", "10,8,40,30"), "rect=10,8,40,30").size());
		assertEquals(1, notes(logOf(EvaluateCommand.class, "input", video, "output", dir.resolve("v").toFile(),
			"method", "GREEN", "roi", "whole", "rect", "10,8,40,30"), "rect=10,8,40,30 is not used with roi=whole")
				.size());
	}

	@Test
	void aRectangleDrawnOnTheOpenImageWithRoiWholeIsSaidToBeUnused() throws Exception {
		final ImagePlus imp = SyntheticFaceVideo.generate(spec(), Progress.NONE).video();
		imp.setRoi(new Roi(10, 8, 40, 30));
		final List<String> log = logOf(EstimateHeartRateCommand.class, "image", imp, "output", dir.toFile(), "method",
			"GREEN", "roi", "whole");
		assertEquals(List.of("PulseJ: the rectangle drawn on the image (10,8,40,30) is not used with roi=whole (to " +
			"measure inside the rectangle, give roi=manual or roi=auto)"), notes(log, "rectangle"), "" + log);
	}

	@Test
	void aRectangleTheRegionUsesIsNotNamed() throws Exception {
		for (final String roi : new String[] { "manual", "auto" })
			assertEquals(List.of(), notes(logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve(
				roi).toFile(), "method", "GREEN", "roi", roi, "rect", "10,8,40,30"), "rect"), roi);
		assertEquals(List.of(), notes(logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve(
			"none").toFile(), "method", "GREEN", "roi", "whole"), "rect"), "no rectangle given");
	}

	@Test
	void overlapWithAClassicalMethodIsSaidToBeUnused() throws Exception {
		final List<String> log = logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve("e")
			.toFile(), "method", "GREEN", "roi", "whole", "overlap", 5.0);
		assertEquals(List.of("PulseJ: overlap=5 is not used with method=GREEN: it sets how PhysNet's windows overlap " +
			"(leave overlap out, or give method=PhysNet)"), notes(log, "overlap"), "once: " + log);
		assertEquals(1, notes(logOf(BatchEstimateCommand.class, "input", shared.toFile(), "output", dir.resolve("b")
			.toFile(), "method", "GREEN", "roi", "whole", "overlap", 5.0), "overlap=5 is not used with method=GREEN")
				.size());
		assertEquals(List.of("PulseJ: overlap=0 is not used with method=GREEN,POS: it sets how PhysNet's windows " +
			"overlap (leave overlap out, or add PhysNet to the methods)"), notes(logOf(EvaluateCommand.class, "input",
				video, "output", dir.resolve("v").toFile(), "method", "GREEN,POS", "roi", "whole", "overlap", 0.0),
				"overlap"));
	}

	@Test
	void overlapAtItsDefaultOrWithPhysNetIsNotNamed() throws Exception {
		assertEquals(List.of(), notes(logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.toFile(),
			"method", "GREEN", "roi", "whole"), "overlap"), "the default (2 s) is not taken for a given overlap");
		final List<String> log = new ArrayList<>();
		EstimateSettings.options("PhysNet", null, "cpu", 5, 0.2, 10, 1, 40, 180, log::add);
		EstimateSettings.options("POS", null, "cpu", 2, 0.5, 10, 1, 40, 180, log::add);
		assertEquals(List.of(), log);
	}

	@Test
	void posWeightWithAClassicalMethodIsSaidToBeUnused() throws Exception {
		final List<String> log = logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve("e")
			.toFile(), "method", "GREEN", "roi", "whole", "pos_weight", 0.0);
		assertEquals(List.of("PulseJ: pos_weight=0 is not used with method=GREEN: it sets how much of POS's " +
			"spectrum PhysNet's heart rate is read with (leave pos_weight out, or give method=PhysNet)"), notes(log,
				"pos_weight"), "once: " + log);
		assertEquals(1, notes(logOf(EvaluateCommand.class, "input", video, "output", dir.resolve("v").toFile(),
			"method", "GREEN,POS", "roi", "whole", "pos_weight", 1.0), "pos_weight=1 is not used with method=GREEN,POS")
				.size());
		assertEquals(List.of(), notes(logOf(BatchEstimateCommand.class, "input", shared.toFile(), "output", dir
			.resolve("b").toFile(), "method", "GREEN", "roi", "whole"), "pos_weight"), "the default is not named");
	}

	/** device=gpu with a classical method ran on the CPU without a word. */
	@Test
	void aGpuAskedForWithAClassicalMethodIsSaidToBeUnused() throws Exception {
		final List<String> log = logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve("e")
			.toFile(), "method", "GREEN", "roi", "whole", "device", "gpu");
		assertEquals(List.of("PulseJ: device=gpu is not used with method=GREEN: it sets where PhysNet runs; POS, CHROM " +
			"and GREEN always run on the CPU (leave device out, or give method=PhysNet)"), notes(log, "device="), "once: " +
				log);
		assertEquals(1, notes(logOf(EvaluateCommand.class, "input", video, "output", dir.resolve("v").toFile(),
			"method", "POS", "roi", "whole", "device", "gpu"), "device=gpu is not used with method=POS").size());
		assertEquals(List.of(), notes(logOf(EstimateHeartRateCommand.class, "input", video, "output", dir.resolve("c")
			.toFile(), "method", "GREEN", "roi", "whole", "device", "cpu"), "device="), "the CPU is what they use");
	}
}

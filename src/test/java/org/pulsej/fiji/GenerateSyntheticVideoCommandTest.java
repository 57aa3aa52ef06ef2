package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.prefs.PrefService;

/** Generate Synthetic Video's name=: the video is always NAME.avi. */
class GenerateSyntheticVideoCommandTest {

	static Context context;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		context = new Context();
	}

	@AfterAll
	static void tearDown() {
		if (context != null) context.dispose();
	}

	/** Runs Generate on a tiny video; the failure message, or null. */
	static String generate(final Path output, final String name) throws Exception {
		final Map<String, Object> inputs = new HashMap<>(Map.of("output", output.toFile(), "name", name, "seconds", 1.0,
			"width", 32, "height", 32));
		context.service(PrefService.class).clear(GenerateSyntheticVideoCommand.class);
		return EstimateHeartRateCommandTest.failure(context.service(CommandService.class).run(
			GenerateSyntheticVideoCommand.class, true, inputs).get());
	}

	static List<String> names(final Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void anotherFormatsExtensionIsRefusedBeforeAnythingIsWritten() throws Exception {
		// name=x.tif wrote x.tif.avi
		for (final String name : new String[] { "x.tif", "x.TIFF", "x.mp4", "x.png" }) {
			final Path out = dir.resolve("new");
			final String failure = generate(out, name);
			assertTrue(failure != null && failure.contains("name=" + name) && failure.contains("writes an AVI") && failure
				.contains("without extension, e.g. name=x."), name + ": " + failure);
			assertFalse(Files.exists(out), name + ": nothing written, no folder made");
		}
	}

	/**
	 * A name too long for the files named after it (300 letters) failed with "File name too long" and a fix
	 * to check that the disk is not full; a name that fits its own files but not Estimate Heart Rate's
	 * results would have made a video no command could measure.
	 */
	@Test
	void aNameTooLongForItsFilesIsRefusedBeforeAnythingIsWritten() throws Exception {
		final Path out = dir.resolve("new");
		final String failure = generate(out, "a".repeat(300));
		assertTrue(failure != null && failure.contains("is too long for the files named after it") && failure
			.contains("more than the 255 a file name may have") && failure.contains("Give a name of at most"), failure);
		assertFalse(failure.contains("disk is not full"), failure);
		assertFalse(Files.exists(out), "nothing written, no folder made");
		// the longest name it allows is written, and its results could be
		final int allowed = Integer.parseInt(failure.replaceAll(".*at most (\\d+) bytes.*", "$1"));
		assertNull(generate(out, "b".repeat(allowed)));
		assertTrue(failure(generate(out, "c".repeat(allowed + 1))));
	}

	private static boolean failure(final String message) {
		return message != null && message.contains("is too long");
	}

	@Test
	void anAviExtensionInAnyCaseIsTheVideosOwn() throws Exception {
		assertNull(generate(dir, "x.AVI"));
		assertNull(generate(dir, "y"));
		assertEquals(List.of("x.avi", "x_gt.csv", "x_gt_beats.csv", "y.avi", "y_gt.csv", "y_gt_beats.csv"), names(dir));
	}

	@Test
	void theStemKeepsItsOwnDotsAndRefusesWhatIsNoName() {
		assertEquals("hr72_amp0.005", GenerateSyntheticVideoCommand.stem("hr72_amp0.005"));
		assertEquals("x.avi", GenerateSyntheticVideoCommand.stem("x.avi.avi"));
		for (final String bad : new String[] { ".avi", ".tif", "a/b", " " })
			assertThrows(PulseJException.class, () -> GenerateSyntheticVideoCommand.stem(bad), bad);
	}
}

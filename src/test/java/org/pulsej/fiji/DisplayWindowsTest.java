package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.TextRoi;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.Progress;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Estimate Heart Rate and Track Face as Fiji runs them, with windows: in a child JVM under a virtual
 * display (xvfb-run), as the tests run headless. Each plot window became the active image, so a macro's
 * next {@code run("Estimate Heart Rate", …)} measured "Tachogram plot of …" (1 frame); each run added
 * three more plot windows; Track Face replaced the user's own overlay on the image with its boxes.
 */
class DisplayWindowsTest {

	/** The child JVM: prints one {@code key: value} line per fact the test checks. */
	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		final Context context = new Context();
		try {
			final ImagePlus video = SyntheticFaceVideo.generate(new SyntheticVideoSpec().size(128, 96).seconds(12)
				.hrBpm(72).seed(1), Progress.NONE).video();
			video.setTitle("subj.avi");
			video.show();
			final TextRoi note = new TextRoi(5, 5, "my note");
			video.setOverlay(new Overlay(note));
			for (int run = 1; run <= 2; run++) {
				System.out.println("estimate " + run + ": " + run(context, EstimateHeartRateCommand.class, Map.of("image",
					video, "method", "GREEN", "roi", "whole", "plots", false)));
				System.out.println("plots after " + run + ": " + plotWindows("subj"));
				System.out.println("active after " + run + ": " + WindowManager.getCurrentImage().getTitle());
			}
			if (BlazeFaceDetector.isAvailable()) for (int run = 1; run <= 2; run++) {
				System.out.println("track " + run + ": " + run(context, TrackFaceCommand.class, Map.of("image", video)));
				final Overlay o = video.getOverlay();
				System.out.println("note kept after track " + run + ": " + (o != null && o.contains(note)));
				System.out.println("overlay after track " + run + ": " + (o == null ? 0 : o.size()));
			}
		}
		finally {
			context.dispose();
		}
		System.exit(0); // ImageJ's windows would keep the JVM alive
	}

	private static String run(final Context context, final Class<? extends PulseJCommand> c,
		final Map<String, Object> inputs) throws Exception
	{
		final Module m = context.service(CommandService.class).run(c, true, new HashMap<>(inputs)).get();
		final PulseJCommand command = (PulseJCommand) m.getDelegateObject();
		java.awt.EventQueue.invokeAndWait(() -> {}); // the windows it opened are shown
		return command.isCanceled() ? "failed: " + command.getCancelReason() : "ok";
	}

	/** Titles of the open plot windows of one video. */
	private static List<String> plotWindows(final String video) {
		final List<String> out = new ArrayList<>();
		for (final int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
			final ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && imp.getWindow() instanceof ij.gui.PlotWindow && imp.getTitle().endsWith(" of " + video))
				out.add(imp.getTitle());
		}
		out.sort(null);
		return out;
	}

	private static File onPath(final String name) {
		for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			final File f = new File(dir, name);
			if (f.canExecute()) return f;
		}
		return null;
	}

	@Test
	void plotsAreReplacedTheVideoStaysActiveAndTheUsersOverlayIsKept() throws Exception {
		final File xvfb = onPath("xvfb-run");
		assumeTrue(xvfb != null, "xvfb-run is not installed (apt-get install xvfb): the checks of PulseJ's windows " +
			"with a display are skipped");
		final Process p = new ProcessBuilder(xvfb.getPath(), "-a", Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=false", "-Xmx1g", "-Djava.util.prefs.PreferencesFactory=" +
				"org.pulsej.util.MemoryPreferencesFactory", "-Dai.djl.offline=true", "-cp", System.getProperty(
					"java.class.path"), DisplayWindowsTest.class.getName()).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(240, TimeUnit.SECONDS), out);
		assertEquals(0, p.exitValue(), out);
		final List<String> three = List.of("Heart-rate plot of subj", "PPG plot of subj", "Tachogram plot of subj");
		for (int run = 1; run <= 2; run++) {
			assertTrue(out.contains("estimate " + run + ": ok"), out);
			// the second run's plots replace the first's (each run added three)
			assertTrue(out.contains("plots after " + run + ": " + three), out);
			// the video, not a plot, is the image the next command (a macro's next line) takes
			assertTrue(out.contains("active after " + run + ": subj.avi"), out);
		}
		if (!out.contains("track 1:")) return; // no BlazeFace model in this build: Track Face cannot run
		assertTrue(out.contains("track 1: ok") && out.contains("track 2: ok"), out);
		assertTrue(out.contains("note kept after track 1: true") && out.contains("note kept after track 2: true"), out);
		final String first = out.replaceAll("(?s).*overlay after track 1: (\\d+).*", "$1");
		assertTrue(out.contains("overlay after track 2: " + first), "a second run replaces its boxes only: " + out);
	}
}

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.gui.ImageWindow;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.swing.JWindow;
import javax.swing.SwingUtilities;

import org.pulsej.fiji.EstimateHeartRateCommand;
import org.pulsej.fiji.EvaluateCommand;
import org.pulsej.fiji.GenerateSyntheticVideoCommand;
import org.pulsej.fiji.TrackFaceCommand;
import org.pulsej.fiji.TrainConfidenceModelCommand;
import org.pulsej.fiji.TrainPhysNetCommand;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;

/**
 * Runs PulseJ's commands in a real ImageJ display (started by docs/screenshots.sh under Xvfb), saves
 * each window they open as a PNG, and checks that long work leaves the display responsive and shows
 * its progress in ImageJ's status bar.
 * <p>
 * Fiji connects SciJava's status service to ImageJ's status bar (imagej-legacy); PulseJ depends on
 * neither Fiji nor imagej-legacy, so {@link StatusBar} does the same here. Fiji also displays a
 * command's image outputs (Generate Synthetic Video's video, Track Face's crop); this driver shows
 * them the same way, with {@code ImagePlus.show()}.
 * <p>
 * Usage: {@code java -cp CLASSPATH docs/screenshots/Screenshots.java IMAGES_DIR WORK_DIR}; exit status
 * 0 when every window was captured and both checks passed, 1 otherwise.
 */
public class Screenshots {

	/**
	 * A probe of the Event Dispatch Thread counts as late after this long (ms); the thread's stack is
	 * then sampled. Found in PulseJ's measuring code (not in painting or showing a window), the run
	 * fails: long work is on the Event Dispatch Thread.
	 */
	static final long LATE_MS = 200;
	/** Share of late probes allowed during a run, whatever the cause (a busy machine paints slowly). */
	static final double LATE_SHARE = 0.10;
	/** No probe may take longer than this (ms), whatever the cause: a frozen display. */
	static final long FROZEN_MS = 3000;
	/** Packages of PulseJ's measuring work, and DJL: none may run on the Event Dispatch Thread. */
	static final List<String> WORK = List.of("org.pulsej.video.", "org.pulsej.face.", "org.pulsej.signal.",
		"org.pulsej.nn.", "org.pulsej.pipeline.", "org.pulsej.eval.", "org.pulsej.synth.", "ai.djl.");

	static Path images, work;
	static Robot robot;
	static CommandService commands;
	static final StatusBar statusBar = new StatusBar();
	static final List<String> saved = new ArrayList<>(), problems = new ArrayList<>();

	public static void main(final String[] args) throws Exception {
		if (args.length != 2) throw new IllegalArgumentException("usage: Screenshots IMAGES_DIR WORK_DIR");
		images = Path.of(args[0]);
		work = Path.of(args[1]);
		Files.createDirectories(images);
		Files.createDirectories(work);
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println("screenshots: no display; run docs/screenshots.sh, which starts one under Xvfb");
			System.exit(2);
		}
		int status = 1;
		try {
			run();
			status = problems.isEmpty() ? 0 : 1;
		}
		catch (final Throwable t) {
			t.printStackTrace();
			problems.add("the driver stopped: " + t);
		}
		System.out.println();
		System.out.println("screenshots: " + saved.size() + " PNG files in " + images + ": " + String.join(", ", saved));
		for (final String p : problems)
			System.out.println("screenshots: FAILED: " + p);
		if (problems.isEmpty()) System.out.println("screenshots: all checks passed");
		System.exit(status);
	}

	static void run() throws Exception {
		robot = new Robot();
		final ImageJ ij = new ImageJ();
		// ImageJ places its window itself once it is up; move it only after that, or the move is lost
		settle();
		edt(() -> ij.setLocation(0, 0));
		settle();
		final Context context = new Context();
		context.service(EventService.class).subscribe(statusBar);
		commands = context.service(CommandService.class);

		// 1. Generate Synthetic Video: a face that sways and turns a little, pulse 72 bpm
		final File videos = dir("videos");
		final CommandModule generated = run(GenerateSyntheticVideoCommand.class, "output", videos, "name", "face", "hr", 72.0,
			"seconds", 30.0, "motion", 12.0, "rotation", 4.0, "noise", 0.0, "seed", 3L, "overwrite", true);
		final ImagePlus video = (ImagePlus) generated.getOutput("video");
		video.show();
		final ImageWindow videoWindow = waitFor(video::getWindow, "the generated video's window");
		edt(() -> videoWindow.setLocation(0, 140));

		// 2. Track Face on the open video: boxes as overlay, the track table, the crop
		final CommandModule tracked = run(TrackFaceCommand.class, "image", video, "output", dir("track"));
		final ImagePlus crop = (ImagePlus) tracked.getOutput("crop");
		crop.show();
		video.setSlice(Math.min(video.getStackSize(), 600));
		crop.setSlice(Math.min(crop.getStackSize(), 600));
		settle();
		capture(videoWindow, "track-face-overlay.png");
		capture(waitFor(crop::getWindow, "the face crop's window"), "track-face-crop.png");
		capture(window("Face track of face"), "track-face-table.png", 760, 260);

		// 3. Estimate Heart Rate with POS, watching the display and the status bar while it measures
		final File avi = new File(videos, "face.avi");
		final Watch pos = measure("Estimate Heart Rate (POS)", EstimateHeartRateCommand.class, "input", avi, "output",
			dir("estimate"), "method", "POS");
		capture(window("PPG plot of face"), "estimate-ppg-plot.png", 760, 360);
		capture(window("Heart-rate plot of face"), "estimate-heart-rate-plot.png", 760, 360);
		capture(window("Tachogram plot of face"), "estimate-tachogram-plot.png", 760, 360);
		capture(window("Heart rate of face"), "estimate-heart-rate-table.png", 560, 260);
		capture(window("Beats of face"), "estimate-beats-table.png", 480, 260);
		overview(ij, videoWindow);

		// ... and with PhysNet (the bundled model): a second row in the session's summary window
		final Watch physNet = measure("Estimate Heart Rate (PhysNet)", EstimateHeartRateCommand.class, "input", avi,
			"output", dir("estimate-physnet"), "method", "PhysNet");
		capture(window("PulseJ summary"), "estimate-summary.png", 900, 150);
		if (pos.statusImage != null) save(pos.statusImage, "imagej-status-bar.png");
		else if (physNet.statusImage != null) save(physNet.statusImage, "imagej-status-bar.png");
		else problems.add("the status bar never showed PulseJ's progress, so imagej-status-bar.png was not made");

		// 4. Evaluate three methods on five videos with ground truth: weak pulse, drifting heart rate,
		// head motion and jumps, half of them in a dark room
		final File eval = dir("eval");
		final double[] hr = { 58, 71, 84, 97, 110 };
		for (int i = 0; i < hr.length; i++)
			run(GenerateSyntheticVideoCommand.class, "output", eval, "name", "subject" + (i + 1), "hr", hr[i], "hr_end",
				hr[i] + 12 * (i % 2 == 0 ? 1 : -1), "seconds", 20.0, "amplitude", 0.003, "motion", 6.0 + 5 * i, "sudden", i % 3,
				"brightness", i % 2 == 0 ? 1.0 : 0.4, "noise", 2.0, "seed", 10L + i, "overwrite", true);
		run(EvaluateCommand.class, "input", eval, "output", dir("evaluation"), "method", "POS,CHROM,GREEN");
		capture(window("PulseJ metrics"), "evaluate-metrics-table.png", 900, 160);
		capture(window("PulseJ evaluation"), "evaluate-evaluation-table.png", 900, 300);
		capture(window("Bland–Altman: POS"), "evaluate-bland-altman.png", 720, 440);
		capture(window("Estimate vs reference: POS"), "evaluate-estimate-vs-reference.png", 720, 440);

		// 5. Train Confidence Model on four other videos with sudden head moves and drifting heart rates
		final File train = dir("confidence-videos");
		for (int i = 0; i < 4; i++)
			run(GenerateSyntheticVideoCommand.class, "output", train, "name", "train" + (i + 1), "hr", 62.0 + 12 * i, "hr_end",
				62.0 + 12 * i + (i % 2 == 0 ? 15 : -15), "seconds", 20.0, "amplitude", 0.003, "motion", 8.0, "sudden", 4,
				"brightness", i % 2 == 0 ? 1.0 : 0.5, "noise", 2.0, "seed", 40L + i, "overwrite", true);
		run(TrainConfidenceModelCommand.class, "input", train, "output", dir("confidence-model"), "method", "POS", "epochs",
			10, "overwrite", true);
		// a plot window with a legend is taller than the plots above: at its own size its title stays in the picture
		capture(window("Confidence model training"), "confidence-training-loss.png");
		capture(window("PulseJ confidence training"), "confidence-training-table.png", 560, 200);

		// 6. Train PhysNet, briefly, on the evaluation videos (no labels used)
		run(TrainPhysNetCommand.class, "input", eval, "output", dir("physnet-model"), "epochs", 4, "samples", 4, "batch", 2,
			"minutes", 0.0, "patience", 0);
		capture(window("PhysNet training"), "physnet-training-loss.png");
		capture(window("PhysNet training log"), "physnet-training-table.png", 520, 180);

		check("Estimate Heart Rate (POS)", pos);
		check("Estimate Heart Rate (PhysNet)", physNet);
	}

	// -- commands --

	static CommandModule run(final Class<? extends Command> command, final Object... keyValues) throws Exception {
		return finish(command, commands.run(command, true, inputs(keyValues)));
	}

	static CommandModule finish(final Class<? extends Command> command, final Future<CommandModule> future)
		throws Exception
	{
		final CommandModule m = future.get(30, TimeUnit.MINUTES);
		final Cancelable c = (Cancelable) m.getDelegateObject();
		if (c.isCanceled()) throw new IllegalStateException(command.getSimpleName() + " failed: " + c.getCancelReason());
		System.out.println("screenshots: ran " + command.getSimpleName());
		return m;
	}

	static Map<String, Object> inputs(final Object... keyValues) {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			m.put((String) keyValues[i], keyValues[i + 1]);
		return m;
	}

	static File dir(final String name) throws IOException {
		final Path p = work.resolve(name);
		Files.createDirectories(p);
		return p.toFile();
	}

	// -- the checks: a responsive display and progress in the status bar --

	/** What was seen while one command ran. */
	static final class Watch {
		final List<Long> latencyMs = new ArrayList<>();
		final Set<String> statusTexts = new LinkedHashSet<>();
		final List<String> lateProbes = new ArrayList<>(), workOnEdt = new ArrayList<>();
		int progressEvents, statusEvents;
		double seconds;
		BufferedImage statusImage;
	}

	/**
	 * Runs a command on SciJava's thread, as Fiji does, and meanwhile asks the Event Dispatch Thread to
	 * run an empty task every 25 ms (how long it takes to answer) and reads ImageJ's status bar.
	 */
	static Watch measure(final String what, final Class<? extends Command> command, final Object... keyValues)
		throws Exception
	{
		final Watch w = new Watch();
		edt(() -> IJ.getInstance().setLocation(0, 0)); // where grab() expects it
		settle();
		final int progress0 = statusBar.progressEvents.get(), status0 = statusBar.statusEvents.get();
		final long t0 = System.nanoTime();
		final Future<CommandModule> future = commands.run(command, true, inputs(keyValues));
		while (!future.isDone()) {
			final long start = System.nanoTime();
			final CountDownLatch answered = new CountDownLatch(1);
			SwingUtilities.invokeLater(answered::countDown);
			boolean ok = answered.await(LATE_MS, TimeUnit.MILLISECONDS);
			if (!ok) {
				// late: what is the Event Dispatch Thread doing?
				final StackTraceElement[] stack = stackOfEdt();
				final String status = ImageJ.getStatusBarText();
				ok = answered.await(5, TimeUnit.SECONDS);
				final long ms = ok ? (System.nanoTime() - start) / 1_000_000 : 5000;
				final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d ms at %.1f s (status bar: '%s'); " +
					"the Event Dispatch Thread was in", ms, (start - t0) / 1e9, status));
				for (int i = 0; i < Math.min(14, stack.length); i++)
					sb.append("\n      at ").append(stack[i]);
				w.lateProbes.add(sb.toString());
				for (final StackTraceElement e : stack)
					if (WORK.stream().anyMatch(e.getClassName()::startsWith)) {
						w.workOnEdt.add(e.toString());
						break;
					}
			}
			w.latencyMs.add(ok ? (System.nanoTime() - start) / 1_000_000 : 5000);
			final String text = ImageJ.getStatusBarText();
			if (text != null && !text.isBlank()) {
				w.statusTexts.add(text);
				// the ImageJ window with PulseJ's status and its progress bar part-way, once
				final double done = statusBar.lastValue.get() / (double) Math.max(1, statusBar.lastMaximum.get());
				if (w.statusImage == null && statusBar.progressEvents.get() - progress0 > 3 && done > 0.2 && done < 0.8) {
					Thread.sleep(150); // ImageJ repaints its progress bar at most every 90 ms
					w.statusImage = grab(IJ.getInstance());
				}
			}
			Thread.sleep(25);
		}
		w.seconds = (System.nanoTime() - t0) / 1e9;
		w.progressEvents = statusBar.progressEvents.get() - progress0;
		w.statusEvents = statusBar.statusEvents.get() - status0;
		finish(command, future);
		settle();
		System.out.println(String.format(Locale.ROOT, "screenshots: %s took %.1f s; the display answered %d probes, " +
			"median %d ms, slowest %d ms, %d over %d ms; %d status and %d progress events; status bar texts: %s", what,
			w.seconds, w.latencyMs.size(), percentile(w.latencyMs, 50), percentile(w.latencyMs, 100), late(w), LATE_MS,
			w.statusEvents, w.progressEvents, w.statusTexts));
		for (final String late : w.lateProbes)
			System.out.println("screenshots: late probe: " + late);
		return w;
	}

	static void check(final String what, final Watch w) {
		final long slowest = percentile(w.latencyMs, 100);
		if (!w.workOnEdt.isEmpty()) problems.add(what + ": long work runs on the Event Dispatch Thread: the display " +
			"was found busy in " + String.join(", ", w.workOnEdt));
		if (slowest > FROZEN_MS) problems.add(String.format(Locale.ROOT, "%s: the display did not answer for %d ms " +
			"(more than %d ms)", what, slowest, FROZEN_MS));
		if (w.latencyMs.size() >= 10 && late(w) > LATE_SHARE * w.latencyMs.size()) problems.add(String.format(
			Locale.ROOT, "%s: %d of %d probes of the display took over %d ms", what, late(w), w.latencyMs.size(),
			LATE_MS));
		if (w.latencyMs.size() < 10 && w.workOnEdt.isEmpty() && slowest <= FROZEN_MS) problems.add(String.format(
			Locale.ROOT, "%s ended before the display could be probed 10 times (%d probes in %.1f s); give it a longer " +
				"video", what, w.latencyMs.size(), w.seconds));
		if (w.statusTexts.isEmpty() || w.statusEvents == 0) problems.add(what + ": ImageJ's status bar showed no " +
			"status while it ran");
		if (w.progressEvents == 0) problems.add(what + ": no progress was reported to the status bar while it ran");
	}

	/** The Event Dispatch Thread's stack now. */
	static StackTraceElement[] stackOfEdt() {
		for (final Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet())
			if (e.getKey().getName().startsWith("AWT-EventQueue")) return e.getValue();
		return new StackTraceElement[0];
	}

	static int late(final Watch w) {
		return (int) w.latencyMs.stream().filter(ms -> ms > LATE_MS).count();
	}

	static long percentile(final List<Long> values, final int p) {
		if (values.isEmpty()) return 0;
		final Long[] v = values.toArray(new Long[0]);
		Arrays.sort(v);
		return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - (p == 0 ? 0 : 1))];
	}

	/**
	 * SciJava status events shown in ImageJ's status bar and progress bar, as Fiji's imagej-legacy does.
	 * Events arrive on the Event Dispatch Thread (StatusService publishes them later there).
	 */
	public static final class StatusBar {
		final AtomicInteger statusEvents = new AtomicInteger(), progressEvents = new AtomicInteger(), lastValue =
			new AtomicInteger(), lastMaximum = new AtomicInteger();

		@EventHandler
		public void onEvent(final StatusEvent e) {
			final String message = e.getStatusMessage();
			if (message != null) {
				if (!message.isEmpty()) statusEvents.incrementAndGet();
				IJ.showStatus(message);
			}
			if (e.getProgressMaximum() > 0) {
				progressEvents.incrementAndGet();
				lastValue.set(e.getProgressValue());
				lastMaximum.set(e.getProgressMaximum());
				IJ.showProgress(e.getProgressValue(), e.getProgressMaximum());
			}
		}
	}

	// -- windows and pictures --

	/** The newest showing window with this title. */
	static Window window(final String title) throws InterruptedException {
		final long deadline = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < deadline) {
			Window found = null;
			for (final Window w : Window.getWindows())
				if (w.isShowing() && w instanceof Frame && title.equals(((Frame) w).getTitle())) found = w;
			if (found != null) return found;
			Thread.sleep(100);
		}
		final List<String> open = new ArrayList<>();
		for (final Window w : Window.getWindows())
			if (w.isShowing() && w instanceof Frame) open.add("'" + ((Frame) w).getTitle() + "'");
		throw new IllegalStateException("no window titled '" + title + "' opened; open: " + String.join(", ", open));
	}

	static <T> T waitFor(final Supplier<T> s, final String what) throws InterruptedException {
		final long deadline = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < deadline) {
			final T t = s.get();
			if (t != null) return t;
			Thread.sleep(100);
		}
		throw new IllegalStateException(what + " did not open");
	}

	/** Saves a window as the user sees it, at its own size. */
	static void capture(final Window w, final String name) throws Exception {
		capture(w, name, 0, 0);
	}

	/** Saves a window, first given this size (0: its own) and moved to where it fits the screen. */
	static void capture(final Window w, final String name, final int width, final int height) throws Exception {
		edt(() -> {
			if (width > 0 && height > 0) w.setSize(new Dimension(width, height));
			final Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
			final Rectangle b = w.getBounds();
			w.setLocation(Math.max(0, Math.min(b.x, screen.width - b.width)), Math.max(0, Math.min(b.y, screen.height -
				b.height)));
			w.toFront();
			w.validate();
			w.repaint();
		});
		settle();
		save(grab(w), name);
	}

	static BufferedImage grab(final Window w) throws Exception {
		final AtomicReference<Rectangle> bounds = new AtomicReference<>();
		edt(() -> bounds.set(new Rectangle(w.getLocationOnScreen(), w.getSize())));
		return robot.createScreenCapture(bounds.get());
	}

	static void save(final BufferedImage image, final String name) throws IOException {
		// Xvfb's screen is black where no window is: a picture that is largely black missed its window
		int black = 0;
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++)
				if ((image.getRGB(x, y) & 0xffffff) == 0) black++;
		if (black > 0.25 * image.getWidth() * image.getHeight()) problems.add(name + " is " + 100 * black / (image
			.getWidth() * image.getHeight()) + " % black: its window was not where it was captured");
		final File f = images.resolve(name).toFile();
		Files.deleteIfExists(f.toPath());
		final ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
		final ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(0f); // lossless either way; 0 = the smallest file
		try (ImageOutputStream out = ImageIO.createImageOutputStream(f)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		saved.add(name);
		System.out.println(String.format(Locale.ROOT, "screenshots: %s (%dx%d, %d kB)", name, image.getWidth(), image
			.getHeight(), (f.length() + 512) / 1024));
	}

	/**
	 * The desktop after a video was measured: ImageJ's window, the video with its face boxes, its
	 * heart-rate table and plot, the PPG plot and the summary, side by side.
	 */
	static void overview(final ImageJ ij, final ImageWindow video) throws Exception {
		final Window hr = window("Heart-rate plot of face"), ppg = window("PPG plot of face"), summary = window(
			"PulseJ summary"), table = window("Heart rate of face");
		final AtomicReference<Rectangle> area = new AtomicReference<>();
		final JWindow desk = new JWindow();
		edt(() -> {
			final int width = 960, gap = 4, top = ij.getHeight() + gap, vh = video.getHeight(), tableH = 180;
			final int right = video.getWidth() + gap, plotH = (vh + tableH) / 2;
			area.set(new Rectangle(0, 0, width, top + vh + gap + tableH + gap + 100));
			desk.getContentPane().setBackground(new Color(0x5a, 0x6e, 0x7f));
			desk.setBounds(area.get());
			desk.setVisible(true);
			ij.setLocation(0, 0);
			video.setLocation(0, top);
			hr.setBounds(right, top, width - right, plotH);
			ppg.setBounds(right, top + plotH + gap, width - right, plotH);
			table.setBounds(0, top + vh + gap, video.getWidth(), tableH);
			summary.setBounds(0, top + vh + gap + tableH + gap, width, 100);
			for (final Window w : List.of(desk, ij, video, table, hr, ppg, summary)) {
				w.toFront();
				w.validate();
			}
		});
		settle();
		save(robot.createScreenCapture(area.get()), "estimate-desktop.png");
		edt(desk::dispose);
	}

	static void settle() throws Exception {
		Toolkit.getDefaultToolkit().sync();
		robot.waitForIdle();
		Thread.sleep(600);
		robot.waitForIdle();
	}

	static void edt(final Runnable r) throws Exception {
		SwingUtilities.invokeAndWait(r);
	}
}

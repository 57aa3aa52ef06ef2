package org.pulsej.cli;

import ij.measure.ResultsTable;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.pulsej.PulseJ;
import org.pulsej.results.ResultWriter;
import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.input.ScratchVolumes;
import org.pulsej.util.AtomicFiles;
import org.pulsej.util.PulseJException;
import org.pulsej.util.QuietLogging;
import org.pulsej.util.StopFromOutside;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * PulseJ headless, with Fiji's headless syntax:
 *
 * <pre>
 * pulsej demo [DIR]
 * pulsej --run "Estimate Heart Rate" "input=video.avi output=results method=POS"
 * pulsej --macro batch.ijm [ARGUMENT]
 * pulsej --list
 * </pre>
 *
 * Exit status 0 on success, 1 when a command failed, 2 for a wrong command line.
 */
public final class Main {

	private final PrintStream out;
	private final PrintStream err;

	public Main(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		QuietLogging.apply();
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		StopFromOutside.runStarted();
		// a cluster's time limit or kill -TERM ends the JVM through its shutdown hooks: say so and what is kept,
		// and let the run stop at its next cancellation point first (a thread inside PyTorch as the process
		// exits can crash it), for a while shorter than a cluster's grace before kill -KILL (SLURM: 30 s);
		// the scratch files of training are deleted after that end too (ScratchVolumes)
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (!StopFromOutside.running()) return;
			final StackTraceElement inside = StopFromOutside.exitCaller();
			if (inside != null) {
				// not a signal: ImageJ ended the JVM from inside the run, with status 0, e.g. a macro's
				// saveAs() with no image open. Say where and why, let the hooks that remove files finish,
				// and end with status 1: a cluster job must not read it as success.
				System.err.println("PulseJ error: " + MacroBridge.endedInside(inside));
				StopFromOutside.runEnded();
				StopFromOutside.awaitThreads(5, AtomicFiles.HOOK_THREAD, ScratchVolumes.HOOK_THREAD);
				Runtime.getRuntime().halt(1);
			}
			System.err.println(STOPPED_MESSAGE);
			StopFromOutside.request();
			StopFromOutside.awaitRunEnd();
		}, "pulsej-stopped"));
		final int status;
		try {
			status = new Main(System.out, System.err).run(args);
		}
		finally {
			StopFromOutside.runEnded();
		}
		System.exit(status);
	}

	/** What a run stopped from outside (a signal, the cluster's time limit) prints on its way out. */
	static final String STOPPED_MESSAGE = "PulseJ error: stopped from outside (a signal such as kill or the " +
		"cluster's time limit) before the run finished. — Files it had finished are kept and the one it was " +
		"writing was removed; run the same command again (Batch Estimate then skips the videos already complete).";

	/** Runs the command line; returns the exit status. */
	public int run(final String... args) {
		if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0])) {
			usage(args.length == 0 ? err : out);
			return args.length == 0 ? 2 : 0;
		}
		try (Context context = new Context()) {
			final CommandRunner runner = new CommandRunner(context);
			switch (args[0]) {
				case "demo":
					return demo(runner, new File(args.length > 1 ? args[1] : "pulsej-demo"));
				case "--run":
					if (args.length < 2) return usageError("--run needs a command name, e.g. --run \"Estimate Heart Rate\" \"input=...\"");
					printOutputs(runner.run(args[1], args.length > 2 ? args[2] : "", null));
					return 0;
				case "--macro":
					if (args.length < 2) return usageError("--macro needs a macro file, e.g. --macro macros/batch_pos.ijm");
					final List<String> errors = MacroBridge.runMacro(runner, Path.of(args[1]), args.length > 2 ? args[2] : "");
					for (final String e : errors)
						err.println("PulseJ error: " + e);
					return errors.isEmpty() ? 0 : 1;
				case "--list":
					list(runner);
					return 0;
				default:
					return usageError("Unknown argument " + args[0]);
			}
		}
		catch (final PulseJException e) {
			// stopped from outside, the run ends as if cancelled ("Cancelled by the user"): the shutdown hook has
			// said what happened
			if (!StopFromOutside.requested()) err.println("PulseJ error: " + e.getMessage());
			return 1;
		}
		catch (final RuntimeException e) {
			if (!StopFromOutside.requested()) err.println("PulseJ error: " + PulseJException.unexpected(
				args.length > 1 ? "\"" + args[1] + "\"" : args[0], e).getMessage());
			return 1;
		}
	}

	private int demo(final CommandRunner runner, final File dir) {
		out.println(PulseJ.title() + " demo: synthetic face video with a known pulse of 72 bpm.");
		final File video = SyntheticFaceVideo.demoVideo(dir);
		out.println("Video: " + video);
		runner.run("Estimate Heart Rate", "input=[" + video.getAbsolutePath() + "] output=[" + dir.getAbsolutePath() +
			"] method=POS", null);
		final String stem = video.getName().replaceFirst("\\.avi$", "");
		for (final var row : ResultWriter.readSummary(dir.toPath().resolve(ResultWriter.SUMMARY)))
			if (row.get("video").equals(stem)) out.println(String.format(Locale.ROOT,
				"Measured heart rate: %s bpm (median over the video; true value 72 bpm), SNR %s dB, method %s.", row.get(
					"hr_median_bpm"), row.get("snr_db"), row.get("method")));
		out.println("Results (CSV and PNG plots) in " + dir.getAbsolutePath() + File.separator);
		return 0;
	}

	private void printOutputs(final Module module) {
		if (module.getDelegateObject() instanceof TableOutputs) for (final var t : ((TableOutputs) module
			.getDelegateObject()).tables().entrySet())
			if (t.getValue() != null) printTable(out, t.getKey(), t.getValue());
		for (final var entry : module.getOutputs().entrySet())
			if (entry.getValue() != null) out.println(entry.getKey() + " = " + entry.getValue());
	}

	/** Rows of a table that are printed; the files hold them all. */
	static final int PRINTED_ROWS = 100;

	/**
	 * Prints a results table as CSV: a value not measured is an empty cell, as in the files (ImageJ
	 * writes NaN), a cell holding a comma or a quote is quoted, as in the files, and a table cut at
	 * {@link #PRINTED_ROWS} says so (it was cut without a word).
	 */
	static void printTable(final PrintStream out, final String name, final ResultsTable t) {
		out.println(String.join(",", t.getHeadings()));
		for (int row = 0; row < t.size() && row < PRINTED_ROWS; row++) {
			final String[] cells = t.getRowAsString(row).split("\t", -1);
			// a video named a,b.avi: its cells unquoted made the row one column longer than the header (the files
			// quote it)
			for (int c = 0; c < cells.length; c++)
				cells[c] = cells[c].equals("NaN") ? "" : org.pulsej.util.Csv.quote(cells[c]);
			out.println(String.join(",", cells));
		}
		if (t.size() > PRINTED_ROWS) out.println("(the first " + PRINTED_ROWS + " of the " + t.size() + " rows of the " +
			name + " table are printed; the files in the output folder hold them all)");
	}

	private void list(final CommandRunner runner) {
		for (final CommandInfo info : runner.commands()) {
			out.println(info.getMenuPath().getLeaf().getName());
			for (final ModuleItem<?> item : CommandRunner.parameters(info))
				out.println("    " + item.getName().toLowerCase(Locale.ROOT) + "  (" + item.getType().getSimpleName() +
					(item.getLabel() != null ? ", " + item.getLabel() : "") + ")");
		}
	}

	private int usageError(final String message) {
		err.println("PulseJ: " + message);
		usage(err);
		return 2;
	}

	private static void usage(final PrintStream s) {
		s.println(PulseJ.title() + " — heart rate from face video, headless");
		s.println("usage:");
		s.println("  pulsej demo [DIR]                        measure the bundled synthetic demo video (72 bpm)");
		s.println("  pulsej --run \"Command Name\" \"key=value ...\" run one PulseJ command");
		s.println("  pulsej --macro FILE.ijm [ARGUMENT]       run an ImageJ macro that calls PulseJ commands");
		s.println("  pulsej --list                            list the commands and their parameters");
	}
}

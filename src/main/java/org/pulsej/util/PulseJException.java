package org.pulsej.util;

/**
 * An error the user can act on: it names the problem and says what to do about it.
 * Commands show {@link #getMessage()} as is; nothing else is needed to understand it.
 */
public class PulseJException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String problem;
	private final String fix;

	public PulseJException(final String problem, final String fix) {
		this(problem, fix, null);
	}

	public PulseJException(final String problem, final String fix, final Throwable cause) {
		super(fix == null || fix.isEmpty() ? problem : problem + " — " + fix, cause);
		this.problem = problem;
		this.fix = fix;
	}

	/**
	 * An exception PulseJ did not expect (a bug, or a file damaged in a way no check catches), turned
	 * into a message about {@code subject} that names it and says what to do, so that a batch goes on
	 * with the next video and no run ends in a stack trace.
	 */
	public static PulseJException unexpected(final String subject, final Throwable e) {
		if (e instanceof PulseJException) return (PulseJException) e;
		if (e instanceof java.nio.file.InvalidPathException) {
			// under the C locale Java names files in ASCII: a path with ü or é cannot be named at all
			final String jnu = System.getProperty("sun.jnu.encoding", "");
			return new PulseJException("The path " + ((java.nio.file.InvalidPathException) e).getInput() + " cannot " +
				"be used as a file name here" + (jnu.isEmpty() ? "" : " (Java names files in " + jnu + ")") + ": it " +
				"holds letters outside that encoding (ü, é, ...), which Java reads as '?' when the locale is C or " +
				"POSIX, as in many cluster jobs and containers.", "Start PulseJ with a UTF-8 locale (export " +
					"LC_ALL=C.UTF-8 before fiji or java; bin/pulsej does so itself), or use paths of plain ASCII " +
					"letters.", e);
		}
		// the JVM ending (kill -TERM, a cluster's time limit) while the run goes on: something the run did then
		// (registering a clean-up, a temporary file) fails with "Shutdown in progress", which was reported as an
		// unexpected error with a fix to convert the video
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
			if (t instanceof IllegalStateException && "Shutdown in progress".equals(t.getMessage()))
				return new PulseJException("The run of " + subject + " was stopped from outside (a signal such as kill " +
					"or the cluster's time limit) before it finished.", "Files it had finished are kept and the one it " +
						"was writing was removed; run the same command again (Batch Estimate then skips the videos " +
						"already complete).", e);
		final String what = e.getClass().getSimpleName() + (e.getMessage() == null || e.getMessage().isBlank() ? ""
			: ": " + e.getMessage().strip().replaceAll("\\s+", " "));
		return new PulseJException("PulseJ could not process " + subject + " (unexpected " + what + ").",
			"Check that it opens in ImageJ or a video player and convert it again (e.g. ffmpeg -i VIDEO -c:v mjpeg " +
				"-q:v 2 -an VIDEO.avi); if it does and this persists, please report it with this message.", e);
	}

	/**
	 * The same problem with another fix, for a caller that knows what the user can do there (a command
	 * without the keys the fix names); this exception is its cause.
	 */
	public PulseJException withFix(final String otherFix) {
		return new PulseJException(problem, otherFix, this);
	}

	/** What went wrong. */
	public String problem() {
		return problem;
	}

	/** What the user can do about it. */
	public String fix() {
		return fix;
	}
}

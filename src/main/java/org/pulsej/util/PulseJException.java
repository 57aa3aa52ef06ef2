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

	/** What went wrong. */
	public String problem() {
		return problem;
	}

	/** What the user can do about it. */
	public String fix() {
		return fix;
	}
}

package org.pulsej.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.pulsej.util.Progress;

/**
 * A {@link Progress} for tests: records the status messages, counts how often it was asked whether
 * to stop and how many fractions it was told, and says "cancel" once its condition holds (and from
 * then on).
 */
public final class TestProgress implements Progress {

	public final List<String> messages = new ArrayList<>();
	/** Calls of {@link #isCancelled()} so far. */
	public int asked;
	/** Calls of {@link #fraction(double)} so far. */
	public int fractions;

	private final Predicate<TestProgress> cancelWhen;
	private boolean cancelled;

	private TestProgress(final Predicate<TestProgress> cancelWhen) {
		this.cancelWhen = cancelWhen;
	}

	/** Never cancels; counts and records. */
	public static TestProgress never() {
		return new TestProgress(p -> false);
	}

	/** The user has cancelled already: every check says stop. */
	public static TestProgress cancelled() {
		return new TestProgress(p -> true);
	}

	/** Says "cancel" once it has been asked more than {@code asked} times. */
	public static TestProgress cancelAfterAsked(final int asked) {
		return new TestProgress(p -> p.asked > asked);
	}

	/** Says "cancel" once it has been told more than {@code fractions} fractions. */
	public static TestProgress cancelAfterFractions(final int fractions) {
		return new TestProgress(p -> p.fractions > fractions);
	}

	/** Says "cancel" once a status message starting with {@code prefix} was reported. */
	public static TestProgress cancelOnStatus(final String prefix) {
		return new TestProgress(p -> p.messages.stream().anyMatch(m -> m.startsWith(prefix)));
	}

	@Override
	public void status(final String message) {
		messages.add(message);
	}

	@Override
	public void fraction(final double done) {
		fractions++;
	}

	@Override
	public boolean isCancelled() {
		asked++;
		if (!cancelled) cancelled = cancelWhen.test(this);
		return cancelled;
	}
}

package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;
import org.scijava.Context;
import org.scijava.ui.UIService;

/**
 * A failed command shows one dialog in Fiji (issue 18: two identical ones, "PulseJ ..." and
 * "ImageJ2"): Fiji shows the reason of a cancelled command itself, so PulseJ's own code shows none
 * and only cancels with the message.
 */
class FailureDialogTest {

	static final class Failing extends PulseJCommand {

		@Override
		protected void execute() {
			throw new PulseJException("The video is broken.", "Give another one.");
		}

		@Override
		protected boolean headless() {
			return false; // as in Fiji with a display
		}
	}

	static final class RunningOutOfMemoryCommand extends PulseJCommand {

		@Override
		protected void execute() {
			throw new OutOfMemoryError("Java heap space");
		}

		@Override
		protected boolean headless() {
			return true;
		}
	}

	@Test
	void runningOutOfMemoryEndsTheCommandWithTheWayOut() {
		// it escaped as a stack trace, then "unexpected RuntimeException: Module threw error" with a fix about
		// converting a video (Generate Synthetic Video of large frames in a small heap)
		try (Context context = new Context()) {
			final RunningOutOfMemoryCommand command = new RunningOutOfMemoryCommand();
			command.setContext(context);
			command.run();
			assertTrue(command.isCanceled());
			final String m = command.getCancelReason();
			assertTrue(m.startsWith("Java ran out of memory during this Running Out Of Memory run (it may use at most ") &&
				m.contains("-Xmx8g") && m.contains("smaller frames"), m);
		}
		// a command's menu name, not its class name split at capitals ("Train Phys Net")
		assertEquals("Train PhysNet", PulseJCommand.commandName(TrainPhysNetCommand.class));
		assertEquals("Estimate Heart Rate", PulseJCommand.commandName(EstimateHeartRateCommand.class));
	}

	@Test
	void aFailureCancelsWithItsMessageAndShowsNoDialogOfItsOwn() {
		final List<String> calls = new ArrayList<>();
		try (Context context = new Context()) {
			final Failing command = new Failing();
			command.setContext(context);
			command.ui = (UIService) Proxy.newProxyInstance(UIService.class.getClassLoader(), new Class<?>[] {
				UIService.class }, (proxy, method, args) -> {
					calls.add(method.getName());
					if (method.getReturnType() == boolean.class) return false;
					return null;
				});
			command.run();
			assertTrue(command.isCanceled());
			// laid out for Fiji's dialog: the problem, then the fix (lines of at most 90 characters)
			assertEquals("The video is broken.\n\nGive another one.", command.getCancelReason());
		}
		assertTrue(calls.stream().noneMatch(c -> c.startsWith("show")), "dialogs shown by PulseJ: " + calls);
	}
}

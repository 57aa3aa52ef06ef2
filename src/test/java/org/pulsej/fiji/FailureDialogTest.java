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

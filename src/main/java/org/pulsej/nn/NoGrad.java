package org.pulsej.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope without autograd. PyTorch's grad mode is per thread and ON by default in every thread the
 * engine did not start on — Fiji and SciJava run commands on pool threads — so in-place weight
 * updates and inference must switch it off themselves, not rely on the engine's start-up setting.
 */
final class NoGrad implements AutoCloseable {

	private final boolean previous;

	NoGrad() {
		previous = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
	}

	@Override
	public void close() {
		JniUtils.setGradMode(previous);
	}
}

package org.pulsej.nn;

import ai.djl.engine.Engine;

/**
 * Loads the PyTorch engine for tests with one intra-op thread: on the shared 2-core build machine
 * several builds run at once, and PyTorch's spinning OpenMP threads then make each step several
 * times slower and the timings erratic. One thread also keeps CPU results bit-reproducible.
 */
final class TestEngine {

	static {
		if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads",
			"1");
	}

	private TestEngine() {}

	static Engine get() {
		return Devices.engine();
	}
}

package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pulsej.util.PulseJException;

class DevicesTest {

	@Test
	void pytorchLoadsOfflineFromTheBundledNatives() {
		// Devices sets ai.djl.offline before DJL first looks for libtorch; with it DJL cannot download
		// anything, so a loaded engine proves the natives came from the pytorch-native-cpu jar
		final Engine e = TestEngine.get();
		assertEquals("true", System.getProperty("ai.djl.offline"));
		assertEquals("PyTorch", e.getEngineName());
		assertEquals("2.7.1", e.getVersion());
		final String saved = System.clearProperty("ai.djl.offline");
		try {
			Devices.engine();
			assertEquals("true", System.getProperty("ai.djl.offline"), "set when the user did not set it");
			System.setProperty("ai.djl.offline", "false");
			Devices.engine();
			assertEquals("false", System.getProperty("ai.djl.offline"), "a user's own setting is kept");
		}
		finally {
			if (saved != null) System.setProperty("ai.djl.offline", saved);
			else System.setProperty("ai.djl.offline", "true");
		}
	}

	@Test
	void cpuAndAutoChooseAndExplain() {
		final List<String> log = new ArrayList<>();
		assertEquals(Device.cpu(), Devices.choose("cpu", log::add));
		assertTrue(log.get(0).contains("CPU"), log.toString());
		log.clear();
		final Device auto = Devices.choose("AUTO", log::add);
		if (TestEngine.get().getGpuCount() == 0) {
			assertEquals(Device.cpu(), auto);
			assertTrue(log.get(0).contains("No usable GPU") && log.get(0).contains("PYTORCH_FLAVOR=cu128"), log
				.toString());
		}
		else assertTrue(auto.isGpu());
		assertEquals(auto, Devices.choose(null, s -> {}));
	}

	@Test
	void gpuRequestedWithoutGpuIsAnError() {
		assumeTrue(TestEngine.get().getGpuCount() == 0, "this machine has a GPU");
		final PulseJException e = assertThrows(PulseJException.class, () -> Devices.choose("gpu", s -> {}));
		assertTrue(e.problem().contains("sees no usable GPU"), e.getMessage());
		assertTrue(e.fix().contains("PYTORCH_LIBRARY_PATH") && e.fix().contains("device=auto"), e.fix());
		// and the trainer passes it on before doing any work
		assertThrows(PulseJException.class, () -> new ContrastiveTrainer().train(ContrastiveTrainerTest.tinyVideos(1),
			ContrastiveTrainerTest.TINY, ContrastiveTrainerTest.tiny().withDevice("gpu"), java.nio.file.Files
				.createTempDirectory("pj"), org.pulsej.util.Progress.NONE));
	}

	@Test
	void unknownDeviceIsAnError() {
		final PulseJException e = assertThrows(PulseJException.class, () -> Devices.choose("tpu", s -> {}));
		assertTrue(e.fix().contains("device=cpu"));
	}
}

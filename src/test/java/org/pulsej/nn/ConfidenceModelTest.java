package org.pulsej.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.util.Pair;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.PulseJ;
import org.pulsej.util.PulseJException;

/** The confidence model of the paper, Sec. 3: its input, its network, and its files. */
class ConfidenceModelTest {

	static double[] sine(final int n, final double cyclesPerFrame, final double amplitude) {
		final double[] x = new double[n];
		for (int t = 0; t < n; t++)
			x[t] = amplitude * Math.sin(2 * Math.PI * cyclesPerFrame * t + 0.3);
		return x;
	}

	@Test
	void stftHas33ChannelsAlignedToTheFramesAndIsScaleFree() {
		// bin 4 of a 64-point transform: 4/64 cycles per frame (1.875 Hz, 112.5 bpm at 30 fps)
		final double[] x = sine(400, 4 / 64.0, 0.02);
		final float[][] f = ConfidenceModel.features(x);
		assertEquals(33, f.length);
		assertEquals(400, f[0].length, "one column per frame (the centred STFT's extra column is dropped)");
		for (int t = 40; t < 360; t++) {
			int best = 0;
			for (int k = 1; k < 33; k++)
				if (f[k][t] > f[best][t]) best = k;
			assertEquals(4, best, "frame " + t);
			assertEquals(0.95, f[4][t], 0.1, "about 1 for a unit robust std");
		}
		final double[] louder = x.clone();
		for (int t = 0; t < louder.length; t++)
			louder[t] *= 37;
		final float[][] g = ConfidenceModel.features(louder);
		for (int k = 0; k < 33; k++)
			assertArrayEquals(f[k], g[k], 1e-4f, "robust scaling: units of the PPG do not matter");
	}

	@Test
	void stftColumnIsCentredOnItsFrame() {
		final double[] x = new double[300];
		final Random r = new Random(1);
		for (int t = 0; t < x.length; t++)
			x[t] = 0.01 * r.nextGaussian();
		x[150] = 5;
		final float[][] f = ConfidenceModel.features(x);
		final double[] energy = new double[300];
		for (int t = 0; t < 300; t++)
			for (int k = 0; k < 33; k++)
				energy[t] += f[k][t] * f[k][t];
		int peak = 0;
		for (int t = 0; t < 300; t++)
			if (energy[t] > energy[peak]) peak = t;
		assertEquals(150, peak, "the Hann window's centre is on the frame");
		assertEquals(energy[140], energy[160], 0.05 * energy[150], "symmetric around it");
		assertEquals(2, ConfidenceModel.reflect(-2, 10));
		assertEquals(7, ConfidenceModel.reflect(11, 10));
	}

	@Test
	void eightConvolutionsOf64ChannelsWithSigmoidOutput() {
		try (ConfidenceModel m = ConfidenceModel.create(3)) {
			final Block net = m.model().getBlock();
			int convs = 0;
			for (final Pair<String, Block> child : net.getChildren())
				if (child.getValue() instanceof Conv1d) convs++;
			assertEquals(8, convs);
			long params = 0;
			for (final Pair<String, Parameter> p : net.getParameters())
				params += p.getValue().getArray().size();
			// 33→64, six 64→64, 64→1; kernel 5, with biases
			assertEquals((33 * 64 * 5 + 64) + 6 * (64 * 64 * 5 + 64) + (64 * 5 + 1), params);
			final double[] c = m.confidence(sine(777, 0.04, 1), new double[777], 30);
			assertEquals(777, c.length, "any length, one confidence per frame");
			for (final double v : c)
				assertTrue(v > 0 && v < 1, "sigmoid output: " + v);
		}
	}

	@Test
	void savedAndLoadedModelGivesTheSameConfidence(@TempDir final Path dir) throws Exception {
		final double[] ppg = sine(500, 0.04, 1);
		final double[] before;
		try (ConfidenceModel m = ConfidenceModel.create(5)) {
			before = m.confidence(ppg, new double[500], 30);
			m.save(dir.resolve("model"));
		}
		final Path json = dir.resolve("model/confidence.json");
		final JsonObject d = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
		assertEquals("pulsej-confidence-model", d.get("format").getAsString());
		assertEquals(1, d.get("formatVersion").getAsInt());
		assertEquals(PulseJ.VERSION, d.get("pulsejVersion").getAsString());
		assertEquals(64, d.getAsJsonObject("architecture").get("stftWindow").getAsInt());
		assertTrue(Files.exists(dir.resolve("model/confidence-0000.params")));
		try (ConfidenceModel back = ConfidenceModel.load(dir.resolve("model"))) {
			assertArrayEquals(before, back.confidence(ppg, new double[500], 30), 0);
		}
	}

	@Test
	void foreignOrNewerModelFoldersAreRefused(@TempDir final Path dir) throws Exception {
		PulseJException e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("none")));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir));
		assertTrue(e.getMessage().contains("not a PulseJ confidence model"), e.getMessage());
		try (ConfidenceModel m = ConfidenceModel.create(1)) {
			m.save(dir.resolve("m"));
		}
		// a file chosen in a file dialog, and a PhysNet model given as confidence= (it was "does not exist", and
		// "holds no confidence.json")
		e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m/confidence.json")));
		assertTrue(e.getMessage().contains("is a file, not a folder") && e.fix().contains("confidence=" + dir.resolve("m")
			.toAbsolutePath()), e.getMessage());
		final Path physnet = Files.createDirectories(dir.resolve("physnet"));
		Files.writeString(physnet.resolve(ModelDescription.FILE), "{}");
		e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(physnet));
		assertTrue(e.getMessage().contains("holds a PhysNet model, not a confidence model") && e.fix().contains(
			"model=" + physnet), e.getMessage());
		final Path json = dir.resolve("m/confidence.json");
		Files.writeString(json, Files.readString(json).replace("\"formatVersion\":1", "\"formatVersion\":7"));
		e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")));
		assertTrue(e.getMessage().contains("format version 7") && e.fix().contains("Update PulseJ"), e.getMessage());
		Files.writeString(json, "{\"format\":\"something-else\"}");
		e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")));
		assertTrue(e.getMessage().contains("does not describe"), e.getMessage());
		// damaged files: the message says what is wrong in words, never with Java's exception names
		for (final String text : new String[] { "garbage", "{\"format\": ", "{\"format\": [1, 2]}",
			"{\"format\":\"" + ConfidenceModel.FORMAT + "\",\"formatVersion\":\"one\"}", "{\"format\":\"" +
				ConfidenceModel.FORMAT + "\",\"formatVersion\":1,\"architecture\":{\"stftWindow\":\"x\"}}",
			"{\"format\":\"" + ConfidenceModel.FORMAT + "\",\"formatVersion\":1,\"architecture\":{}}" }) {
			Files.writeString(json, text);
			e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")), text);
			assertTrue(e.getMessage().startsWith("Cannot read " + json) || e.getMessage().contains("does not describe"),
				text + " -> " + e.getMessage());
			assertFalse(e.getMessage().matches("(?s).*(java\\.|Exception|https?://).*"), text + " -> " + e.getMessage());
		}
		// the field and the value found are named (it was "a field is missing or of the wrong type")
		final String head = "{\"format\":\"" + ConfidenceModel.FORMAT + "\",";
		final String[][] named = { { head + "\"formatVersion\":\"one\"}", "(\"formatVersion\" is \"one\", not a number)" },
			{ head + "\"formatVersion\":1.5}", "(\"formatVersion\" is 1.5, not a whole number" },
			{ head + "\"pulsejVersion\":\"x\"}", "(it has no \"formatVersion\" field)" },
			{ head + "\"formatVersion\":1}", "(it has no \"architecture\" field)" },
			{ head + "\"formatVersion\":1,\"architecture\":[64]}", "(\"architecture\" is [64], not an object" },
			{ head + "\"formatVersion\":1,\"architecture\":{\"stftWindow\":\"x\"}}", "(\"stftWindow\" is \"x\", not a number)" },
			{ head + "\"formatVersion\":1,\"architecture\":{\"stftWindow\":64}}", "(it has no \"hidden\" field)" } };
		for (final String[] n : named) {
			Files.writeString(json, n[0]);
			e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")), n[0]);
			assertTrue(e.getMessage().startsWith("Cannot read " + json + " " + n[1]), n[0] + " -> " + e.getMessage());
			assertTrue(e.fix().contains("Train the model again"), e.fix());
		}
	}

	@Test
	void damagedOrMissingWeightsAreRefusedWhenTheModelOpensInWords(@TempDir final Path dir) throws Exception {
		try (ConfidenceModel m = ConfidenceModel.create(1)) {
			m.save(dir.resolve("m"));
		}
		final Path params;
		try (var files = Files.list(dir.resolve("m"))) {
			params = files.filter(p -> p.getFileName().toString().endsWith(".params")).findFirst().orElseThrow();
		}
		final byte[] good = Files.readAllBytes(params);
		final java.util.Random r = new java.util.Random(5);
		final byte[] noise = new byte[good.length];
		r.nextBytes(noise);
		for (final byte[] bad : new byte[][] { noise, new byte[0], Arrays.copyOf(good, good.length / 2), Arrays.copyOf(
			good, 40) })
		{
			Files.write(params, bad);
			final PulseJException e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")),
				bad.length + " bytes");
			assertTrue(e.getMessage().contains("weights of the confidence model") && e.getMessage().contains("cannot be " +
				"read ("), e.getMessage());
			assertFalse(e.getMessage().matches("(?s).*(\\(null\\)|\\(\\)|java\\.|Exception|Input length).*"), e.getMessage());
		}
		// bytes overwritten inside (not cut): they load, as NaN, and every video read as "flat or not a number"
		final byte[] nan = good.clone();
		Arrays.fill(nan, nan.length / 2, nan.length / 2 + 64, (byte) 0xff);
		Files.write(params, nan);
		final PulseJException inside = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")));
		assertTrue(inside.problem().startsWith("The weights in " + dir.resolve("m") + " are damaged: ") && inside
			.problem().contains(" holds "), inside.getMessage());
		Files.delete(params);
		final PulseJException e = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")));
		assertTrue(e.getMessage().contains("has no weights file (confidence-0000.params)"), e.getMessage());
		// and an empty description, which the JSON library reads as null
		Files.write(params, good);
		Files.writeString(dir.resolve("m/confidence.json"), "");
		final PulseJException empty = assertThrows(PulseJException.class, () -> ConfidenceModel.load(dir.resolve("m")));
		assertTrue(empty.getMessage().contains("no JSON object"), empty.getMessage());
	}
}

package org.pulsej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Runs from classes (tests, bin/pulsej) know PulseJ's version: model files and messages record it. */
class PulseJVersionTest {

	@Test
	void versionIsTheBuildsNotAPlaceholder() throws Exception {
		final Matcher m = Pattern.compile("<artifactId>pulsej</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertTrue(m.find(), "pom.xml names PulseJ's version");
		assertEquals(m.group(1), PulseJ.VERSION);
		assertEquals("PulseJ v" + m.group(1), PulseJ.title());
		try (InputStream in = PulseJ.class.getResourceAsStream("pulsej.properties")) {
			final Properties p = new Properties();
			p.load(in);
			assertEquals(m.group(1), p.getProperty("version"), "the properties file is filtered");
		}
	}
}

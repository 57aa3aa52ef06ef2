package org.pulsej.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Java preferences that live in memory only, for the test JVM (the surefire argument
 * {@code -Djava.util.prefs.PreferencesFactory=org.pulsej.util.MemoryPreferencesFactory} in pom.xml):
 * SciJava remembers command inputs in the user's preferences node, which Fiji and bin/pulsej share,
 * so tests that run commands must never write or clear the real one.
 */
public final class MemoryPreferencesFactory implements PreferencesFactory {

	private static final Preferences USER = new Node(null, "");
	private static final Preferences SYSTEM = new Node(null, "");

	@Override
	public Preferences userRoot() {
		return USER;
	}

	@Override
	public Preferences systemRoot() {
		return SYSTEM;
	}

	private static final class Node extends AbstractPreferences {

		private final Map<String, String> values = new LinkedHashMap<>();
		private final Map<String, Node> children = new LinkedHashMap<>();

		Node(final Node parent, final String name) {
			super(parent, name);
		}

		@Override
		protected void putSpi(final String key, final String value) {
			values.put(key, value);
		}

		@Override
		protected String getSpi(final String key) {
			return values.get(key);
		}

		@Override
		protected void removeSpi(final String key) {
			values.remove(key);
		}

		@Override
		protected void removeNodeSpi() {
			((Node) parent()).children.remove(name());
		}

		@Override
		protected String[] keysSpi() {
			return values.keySet().toArray(new String[0]);
		}

		@Override
		protected String[] childrenNamesSpi() {
			return children.keySet().toArray(new String[0]);
		}

		@Override
		protected AbstractPreferences childSpi(final String name) {
			return children.computeIfAbsent(name, n -> new Node(this, n));
		}

		@Override
		protected void syncSpi() {}

		@Override
		protected void flushSpi() {}
	}
}

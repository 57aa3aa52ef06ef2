package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.measure.ResultsTable;

import org.junit.jupiter.api.Test;

/** The "PulseJ summary" window grows by each run's rows instead of being replaced (issue 18). */
class ResultsTablesTest {

	static ResultsTable row(final String video, final double hr) {
		final ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addValue("video", video);
		t.addValue("hr_median_bpm", hr);
		t.addValue("method", "POS");
		return t;
	}

	@Test
	void appendKeepsTheEarlierRowsAndTheirTextAndNumbers() {
		final ResultsTable shown = row("first", 66);
		ResultsTables.append(shown, row("second", 90.5));
		assertEquals(2, shown.size());
		assertEquals("first", shown.getStringValue("video", 0));
		assertEquals("second", shown.getStringValue("video", 1));
		assertEquals(90.5, shown.getValue("hr_median_bpm", 1), 1e-9);
		assertEquals("POS", shown.getStringValue("method", 1));
	}
}

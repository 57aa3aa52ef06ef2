package org.pulsej.cli;

import ij.measure.ResultsTable;

import java.util.Map;

/**
 * A command whose results are ImageJ tables (not SciJava outputs: Fiji cannot display an ImageJ 1
 * table as one); the launcher prints them after the run.
 */
public interface TableOutputs {

	/** The tables by name, once the command has run (null where it ended before making one). */
	Map<String, ResultsTable> tables();
}

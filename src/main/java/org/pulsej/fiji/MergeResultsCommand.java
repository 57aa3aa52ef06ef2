package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.io.File;
import java.nio.file.Path;

import org.pulsej.results.ResultMerger;
import org.pulsej.results.ResultWriter;
import org.pulsej.util.PulseJException;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Merge Results: joins the output folders of the shards of a Batch Estimate run
 * (the subfolders of {@code input}) into one folder with one {@code summary.csv}. Files are
 * hard-linked (or copied); a file that would replace a different one stops the merge before
 * anything is written. Missing shards or videos are merged around and then reported as an error,
 * so a job script notices them.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Merge Results", headless = true,
	label = "Merge Results")
public class MergeResultsCommand extends PulseJCommand {

	@Parameter(persist = false, label = "Folder holding the shard output folders", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "Folder for the merged results", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable summary;

	@Override
	protected void execute() {
		final Path shards = required(input, "No input folder given.",
			"Give input=/path/to/results, the folder holding the shards' output folders.").toPath();
		final Path out = required(output, "No output folder given.", "Give output=/path/to/merged.").toPath();
		final ResultMerger.Outcome outcome = ResultMerger.merge(shards, out, progress(), log::info);
		summary = ResultsTables.summary(out.resolve(ResultWriter.SUMMARY));
		if (!headless()) summary.show("PulseJ merged summary");
		if (!outcome.missing().isEmpty()) throw new PulseJException(outcome.report(out) + " Results are missing:\n  " +
			outcome.missingListing(), (outcome.missingListing().contains(org.pulsej.results.ShardRecord.FILE)
				? "First copy again whole the folders named as lacking " + org.pulsej.results.ShardRecord.FILE +
					" and merge again; then run " : "Run ") + "those shards or videos again (Batch Estimate skips " +
				"finished videos), then merge again; what is merged already stays.");
	}
}

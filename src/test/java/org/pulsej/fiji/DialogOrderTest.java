package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * The order of each command's inputs, which is the order of its dialog in Fiji and of its recorded
 * macro line. SciJava lists the inputs of a superclass before those of the class itself, so moving
 * shared inputs into a base command would move them to the top of every dialog: this keeps the
 * dialogs as users know them.
 */
class DialogOrderTest {

	static final Map<Class<? extends Command>, List<String>> ORDER = Map.of( //
		EstimateHeartRateCommand.class, List.of("image", "input", "output", "method", "model", "device", "overlap", "roi",
			"rect", "detect_every", "fps", "window", "step", "min_bpm", "max_bpm", "plots", "confidence"), //
		BatchEstimateCommand.class, List.of("input", "output", "method", "model", "device", "overlap", "roi", "rect",
			"detect_every", "fps", "window", "step", "min_bpm", "max_bpm", "plots", "confidence", "shard"), //
		EvaluateCommand.class, List.of("input", "output", "method", "model", "specialists", "device", "overlap", "roi",
			"rect", "detect_every", "fps", "window", "step", "min_bpm", "max_bpm", "plots", "confidence", "ablation", "compare_regions"), //
		TrainConfidenceModelCommand.class, List.of("input", "output", "method", "roi", "rect", "detect_every", "fps",
			"window", "step", "min_bpm", "max_bpm", "epochs", "learning_rate", "seed", "overwrite"), //
		TrackFaceCommand.class, List.of("image", "input", "output", "fps", "detect_every", "min_score", "buffer",
			"smooth", "crop_height", "crop_width"), //
		TrainPhysNetCommand.class, List.of("input", "output", "minutes", "epochs", "patience", "clip", "size", "width",
			"colors", "batch", "lr", "samples", "loss", "nuisance", "device", "seed", "resume", "roi", "fps", "clusters", "labelled",
			"selection", "scratch"), //
		MergeResultsCommand.class, List.of("input", "output"), //
		GenerateSyntheticVideoCommand.class, List.of("output", "name", "hr", "hr_end", "seconds", "fps", "width",
			"height", "amplitude", "rsa", "rmssd", "motion", "rotation", "sudden", "drift", "light_step", "shake",
			"shake_hz", "flicker", "brightness", "noise", "jpeg", "seed", "overwrite"));

	@Test
	void everyDialogKeepsItsOrder() {
		ORDER.forEach((command, order) -> {
			final CommandInfo info = new CommandInfo(command);
			final List<String> names = CommandConventionsTest.keys(info).stream().map(ModuleItem::getName).toList();
			assertEquals(order, names, command.getSimpleName());
		});
	}
}

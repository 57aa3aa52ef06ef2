package org.pulsej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * The order of each command's inputs, which is the order of its dialog in Fiji and of its recorded
 * macro line. SciJava lists the inputs of a superclass before those of the class itself, so moving
 * shared inputs into a base command would move them to the top of every dialog: this keeps the
 * dialogs as users know them. Issue 18: the measuring commands open with the fields most runs set;
 * the PhysNet-only and the expert fields follow under their own headings (SciJava message items,
 * which are neither macro keys nor recorded).
 */
class DialogOrderTest {

	/** Each dialog, top to bottom; "-- name" is a section heading (no macro key). */
	static final Map<Class<? extends Command>, List<String>> ORDER = Map.of( //
		EstimateHeartRateCommand.class, List.of("image", "input", "output", "method", "roi", "plots", "-- section_physnet",
			"model", "device", "overlap", "pos_weight", "-- section_advanced", "rect", "detect_every", "fps", "window",
			"step", "min_bpm", "max_bpm", "window_hr", "background_light", "confidence"), //
		BatchEstimateCommand.class, List.of("input", "output", "method", "roi", "plots", "shard", "-- section_physnet",
			"model", "device", "overlap", "pos_weight", "-- section_advanced", "rect", "detect_every", "fps", "window",
			"step", "min_bpm", "max_bpm", "window_hr", "background_light", "confidence"), //
		EvaluateCommand.class, List.of("input", "output", "method", "roi", "plots", "ablation", "compare_regions",
			"-- section_physnet", "model", "specialists", "device", "overlap", "pos_weight", "-- section_advanced", "rect",
			"detect_every", "fps", "window", "step", "min_bpm", "max_bpm", "window_hr", "background_light", "confidence"), //
		TrainConfidenceModelCommand.class, List.of("input", "output", "method", "roi", "overwrite", "-- section_advanced",
			"rect", "detect_every", "fps", "window", "step", "min_bpm", "max_bpm", "window_hr", "background_light", "epochs", "minutes", "learning_rate",
			"seed"), //
		TrackFaceCommand.class, List.of("image", "input", "output", "fps", "detect_every", "min_score", "buffer",
			"smooth", "crop_height", "crop_width"), //
		TrainPhysNetCommand.class, List.of("input", "output", "minutes", "device", "resume", "-- section_videos", "roi",
			"fps", "clusters", "labelled", "selection", "scratch", "-- section_training", "size", "width", "colors", "appearance",
			"skin", "epochs", "patience", "clip", "batch", "lr", "samples", "loss", "nuisance", "companions", "companion_pulse", "seed"), //
		MergeResultsCommand.class, List.of("input", "output"), //
		GenerateSyntheticVideoCommand.class, List.of("output", "name", "hr", "hr_end", "seconds", "fps", "width",
			"height", "-- section_pulse", "amplitude", "rsa", "rmssd", "-- section_nuisances", "motion", "rotation",
			"sudden", "drift", "light_step", "shake", "shake_hz", "turn", "turn_hz", "side_light", "gloss", "flicker", "brightness", "noise", "jpeg",
			"-- section_output", "seed", "overwrite"));

	@Test
	void everyDialogKeepsItsOrder() {
		ORDER.forEach((command, order) -> {
			final CommandInfo info = new CommandInfo(command);
			final List<String> names = new ArrayList<>();
			for (final ModuleItem<?> item : info.inputs()) {
				if (Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType()))
					continue;
				names.add(item.getVisibility() == ItemVisibility.MESSAGE ? "-- " + item.getName() : item.getName());
			}
			assertEquals(order, names, command.getSimpleName());
			// the keys of a macro line are the dialog's fields without the headings
			assertEquals(order.stream().filter(n -> !n.startsWith("-- ")).toList(), CommandConventionsTest.keys(info)
				.stream().map(ModuleItem::getName).toList(), command.getSimpleName());
		});
	}
}

package org.pulsej.fiji;

import java.io.File;

import org.pulsej.synth.SyntheticFaceVideo;
import org.pulsej.synth.SyntheticVideoSpec;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/**
 * Plugins › PulseJ › Generate Synthetic Video: a face video with a known pulse (and optional
 * motion, lighting changes, noise and compression) written as {@code NAME.avi} with its ground truth
 * {@code NAME_gt.csv} and true beat times {@code NAME_gt_beats.csv} (heart-rate variability with
 * {@code rsa=} and {@code rmssd=}), for trying PulseJ and for checking it on your own settings.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Generate Synthetic Video", headless = true,
	label = "Generate Synthetic Video")
public class GenerateSyntheticVideoCommand extends PulseJCommand {

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(persist = false, label = "Name (file stem)")
	private String name = "synthetic";

	@Parameter(persist = false, label = "Heart rate (bpm)", min = "30", max = "240")
	private double hr = 72;

	@Parameter(persist = false, label = "Heart rate at the end (bpm, 0 = constant)", min = "0", max = "240")
	private double hr_end = 0;

	@Parameter(persist = false, label = "Duration (s)", min = "1")
	private double seconds = 30;

	@Parameter(persist = false, label = "Frame rate (fps)", min = "1")
	private double fps = 30;

	@Parameter(persist = false, label = "Width (px)", min = "32")
	private int width = 320;

	@Parameter(persist = false, label = "Height (px)", min = "32")
	private int height = 240;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_pulse = "Pulse";

	@Parameter(persist = false, label = "Pulse amplitude (fraction of intensity)", min = "0")
	private double amplitude = 0.005;

	@Parameter(persist = false, label = "Respiratory sinus arrhythmia (± bpm with breathing)", min = "0", max = "30")
	private double rsa = 0;

	@Parameter(persist = false, label = "Beat-to-beat jitter (RMSSD, ms)", min = "0", max = "300")
	private double rmssd = 0;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_nuisances = "Motion, light and camera";

	@Parameter(persist = false, label = "Head translation (px)", min = "0")
	private double motion = 0;

	@Parameter(persist = false, label = "Head rotation (degrees)", min = "0")
	private double rotation = 0;

	@Parameter(persist = false, label = "Sudden head moves (count)", min = "0")
	private int sudden = 0;

	@Parameter(persist = false, label = "Illumination drift (fraction)")
	private double drift = 0;

	@Parameter(persist = false, label = "Light step (fraction, at mid-video)")
	private double light_step = 0;

	@Parameter(persist = false, label = "Head shake (px, periodic)", min = "0")
	private double shake = 0;

	@Parameter(persist = false, label = "Head shake frequency (Hz)", min = "0")
	private double shake_hz = 1;

	@Parameter(persist = false, label = "Head turn (degrees, left and right)", min = "0", max = "60")
	private double turn = 0;

	@Parameter(persist = false, label = "Head turn rhythm (Hz)", min = "0", max = "2")
	private double turn_hz = 0.3;

	@Parameter(persist = false, label = "Side light (0 = frontal, 1 = from the side)", min = "0", max = "1")
	private double side_light = 0;

	@Parameter(persist = false, label = "Skin shine (0..1, with a side light)", min = "0", max = "1")
	private double gloss = 0;

	@Parameter(persist = false, label = "Flicker (Hz, 0 = none)", min = "0")
	private double flicker = 0;

	@Parameter(persist = false, label = "Brightness (1 = bright room)", min = "0.05", max = "1.5")
	private double brightness = 1;

	@Parameter(persist = false, label = "Sensor noise (grey levels)", min = "0")
	private double noise = 1;

	@Parameter(persist = false, label = "JPEG quality (0 = uncompressed)", min = "0", max = "100")
	private int jpeg = 0;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private String section_output = "Output";

	@Parameter(persist = false, label = "Random seed")
	private long seed = 1;

	@Parameter(persist = false, label = "Overwrite existing files")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Synthetic video")
	private ImagePlus video;

	@Override
	protected void execute() {
		required(output, "No output folder given.", "Add output=/path/to/folder.");
		name = stem(name);
		final SyntheticVideoSpec spec = new SyntheticVideoSpec().size(width, height).fps(fps).seconds(seconds).hrRamp(hr,
			hr_end > 0 ? hr_end : hr).pulseAmplitude(amplitude).translationPx(motion).rotationDeg(rotation).suddenMoves(
				sudden).driftFraction(drift).brightness(brightness).noiseSigma(noise).jpegQuality(jpeg).seed(seed).rsaBpm(rsa).rmssdMs(rmssd);
		if (light_step != 0) spec.stepFraction(light_step).stepAtSeconds(seconds / 2);
		if (flicker > 0) spec.flickerHz(flicker).flickerAmplitude(0.02);
		if (shake > 0) spec.shake(shake, shake_hz);
		if (turn > 0) spec.turn(turn, turn_hz);
		spec.sideLight(side_light).gloss(gloss);
		final SyntheticFaceVideo.Result r = SyntheticFaceVideo.write(spec, output, name, overwrite, progress());
		log.info("PulseJ: wrote " + new File(output, name + ".avi") + " and its ground truth " + name + "_gt.csv, " + name + "_gt_beats.csv");
		// Only shown in Fiji; headless callers have the files.
		video = headless() ? null : r.video();
	}

	/**
	 * The file stem of {@code name=}: name=x.avi (any case) means the video x.avi, not x.avi.avi; another
	 * format's extension (x.tif, x.mp4, x.png) is refused, as the video is an AVI whatever the name says
	 * (name=x.tif wrote x.tif.avi).
	 */
	static String stem(final String name) {
		if (name == null || name.isBlank() || name.contains("/") || name.contains(File.separator) || name.chars()
			.anyMatch(Character::isISOControl))
			throw new PulseJException("name=" + name + " is not a file name.", "Give a plain name such as name=test.");
		final String ext = VideoReader.mediaExtension(name);
		final String stem = ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
		if (!ext.isEmpty() && !ext.equals("avi")) throw new PulseJException("name=" + name + " ends in ." + name
			.substring(stem.length() + 1) + ", but Generate Synthetic Video writes an AVI (MJPEG or uncompressed) " +
			"video, " + (stem.isBlank() ? "NAME" : stem) + ".avi.", "Give the name without extension, e.g. name=" +
				(stem.isBlank() ? "test" : stem) + ".");
		if (stem.isBlank()) throw new PulseJException("name=" + name + " is not a file name.",
			"Give a plain name such as name=test.");
		return stem;
	}
}

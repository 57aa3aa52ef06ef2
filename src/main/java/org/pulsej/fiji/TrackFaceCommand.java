package org.pulsej.fiji;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.awt.Color;
import java.io.File;
import java.nio.file.Path;

import org.pulsej.face.BlazeFaceDetector;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.face.FaceTracker;
import org.pulsej.pipeline.HeartRatePipeline;
import org.pulsej.pipeline.RoiMode;
import org.pulsej.pipeline.SkinRegion;
import org.pulsej.pipeline.TrackFaceJob;
import org.pulsej.util.PulseJException;
import org.pulsej.video.VideoReader;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins › PulseJ › Track Face: detects the face, stabilises its box as the paper does (25 % buffer,
 * moves only when the face leaves it, smoothly over 0.25 s) and crops it to 192×128. Shows the crop,
 * a table of boxes per frame, and both boxes drawn over the video to check the tracking.
 */
@Plugin(type = Command.class, menuPath = "Plugins>PulseJ>Track Face", headless = true, label = "Track Face")
public class TrackFaceCommand extends PulseJCommand {

	@Parameter(label = "Open video", required = false, persist = false)
	private ImagePlus image;

	@Parameter(label = "Video file or folder of frames", required = false, persist = false,
		description = "Empty: the open image; a folder that holds one video: that video")
	private File input;

	@Parameter(label = "Output folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Writes STEM_face_track.csv and STEM_face.tif; empty: windows only")
	private File output;

	@Parameter(persist = false, label = "Frame rate (fps, 0 = from file)", min = "0")
	private double fps = 0;

	@Parameter(persist = false, label = "Detect every k-th frame", min = "1")
	private int detect_every = FaceTracker.Options.defaults().detectEvery();

	@Parameter(persist = false, label = "Minimum face score", min = "0", max = "1")
	private double min_score = BlazeFaceDetector.DEFAULT_MIN_SCORE;

	@Parameter(persist = false, label = "Box buffer (fraction)", min = "0")
	private double buffer = 0.25;

	@Parameter(persist = false, label = "Box move time (s)", min = "0")
	private double smooth = 0.25;

	@Parameter(persist = false, label = "Crop height (px)", min = "8")
	private int crop_height = 192;

	@Parameter(persist = false, label = "Crop width (px)", min = "8")
	private int crop_width = 128;

	@Parameter(type = ItemIO.OUTPUT, label = "Face crop")
	private ImagePlus crop;

	// a results window in Fiji, printed by bin/pulsej --run (see PulseJCommand.tables())
	private ResultsTable track;

	@Override
	protected void execute() {
		EstimateSettings.checkFps(fps);
		final boolean fromFile = given(input);
		final boolean haveImage = image != null && image.getProcessor() != null;
		if (!fromFile && !haveImage) throw new PulseJException("No video given and no image is open.",
			"Give input=/path/to/video.avi, or open a video first.");
		final Path out = path(output);
		if (out == null && headless()) throw new PulseJException("No output folder given.",
			"Add output=/path/to/folder so the face track and crop can be written.");
		// the track and crop files are named after the open image's title: only then must it be a plain name
		if (!fromFile && out != null) VideoReader.checkTitle(image);
		// an open image that is no video (palette, one frame, no rate) is refused before the output folder is made
		final org.pulsej.video.Video opened = fromFile ? null : VideoReader.of(image, fps);
		// a folder of several videos is refused before the output folder is made
		final File file = fromFile ? oneVideo(input, log::info) : null;
		final TrackFaceJob job = new TrackFaceJob(new FaceTracker.Options(detect_every, min_score, buffer, smooth,
			crop_height, crop_width), out, log::info);
		if (!fromFile) {
			announceOpenImage(image);
			opened.logWarnings(opened.name(), log::info); // fps= over the image's own rate
		}
		final TrackFaceJob.Outcome t = fromFile ? job.run(file, fps, progress()) : job.run(opened,
			progress());
		crop = new ImagePlus(t.cropTitle(), t.crop());
		crop.getCalibration().fps = t.video().fps();
		track = ResultsTables.faceTrack(t.faces(), t.video().fps());
		if (!headless()) {
			final ImagePlus shown = haveImage && !fromFile ? image : new ImagePlus(t.video().name(), t.video().stack());
			shown.setOverlay(keepOthers(shown.getOverlay(), overlay(t.faces(), t.faces().isFixed() ? null : SkinRegion.of(t
				.video(), t.faces()))));
			if (shown != image) shown.show();
			track.show("Face track of " + t.video().name());
		}
		else crop = null; // headless callers have the files; do not hold the crop
	}

	/**
	 * The video Track Face tracks for {@code input=}: a file or a folder of frames as given; a folder that
	 * holds one video (beside images or earlier results), that video, as Estimate Heart Rate measures it
	 * (the folder was read as frames: "has only 1 frame", or "the frame rate is unknown"); a folder of
	 * several videos is refused with their names.
	 */
	static File oneVideo(final File input, final java.util.function.Consumer<String> log) {
		if (!input.isDirectory()) return input;
		final VideoReader.Found found = VideoReader.find(input, "input");
		final java.util.List<File> videos = found.videos();
		if (videos.size() == 1 && videos.get(0).equals(input)) return input; // a folder of frames
		if (videos.size() > 1) throw new PulseJException(input.getName() + " holds " + videos.size() + " videos (" +
			String.join(", ", videos.stream().limit(5).map(File::getName).toList()) + (videos.size() > 5 ? ", …" : "") +
			"); Track Face tracks one.", "Give one of them as input=, e.g. input=[" + videos.get(0) + "]; Estimate " +
				"Heart Rate and Batch Estimate measure a whole folder.");
		for (final String note : found.notes())
			log.accept("PulseJ: " + note);
		log.accept("PulseJ: " + input.getName() + " holds one video; tracking " + videos.get(0).getName() + ".");
		return videos.get(0);
	}

	/**
	 * Detected face (yellow), stabilised buffered box (cyan, PhysNet's crop with {@code roi=face}), the
	 * tracked region that POS, CHROM and GREEN average over by default (green, {@code roi=tracked}) and,
	 * with {@code skin}, the outline of the skin pixels in it that they average (magenta), on every frame.
	 *
	 * @param skin the video's skin region, or null (a grey video, or none wanted)
	 */
	static Overlay overlay(final FaceTrack faces, final SkinRegion skin) {
		final Overlay o = new Overlay();
		final Box[] tracked = faces.isFixed() ? null : HeartRatePipeline.trackedBoxes(faces, RoiMode.TRACKED_HALF_WINDOW,
			RoiMode.TRACKED_SCALE);
		final ThresholdToSelection outline = new ThresholdToSelection();
		for (int i = 0; i < faces.frames(); i++) {
			final Box r = faces.raw(i), s = faces.stabilised(i);
			if (r != null) o.add(roi(r, Color.YELLOW, i));
			o.add(roi(s, Color.CYAN, i));
			if (tracked != null) o.add(roi(tracked[i], Color.GREEN, i));
			if (skin != null) {
				final ByteProcessor mask = skin.mask(i);
				mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
				final Roi m = outline.convert(mask);
				if (m != null) {
					m.setStrokeColor(Color.MAGENTA);
					m.setName(OVERLAY_NAME);
					m.setPosition(i + 1);
					o.add(m);
				}
			}
		}
		return o;
	}

	/** The name of the overlay's elements Track Face draws: a second run replaces them, and only them. */
	static final String OVERLAY_NAME = "PulseJ face track";

	/**
	 * The user's own overlay elements on the open image (annotations, an earlier analysis), followed by
	 * Track Face's: setting the overlay alone dropped them without a word, and saving the image then lost them.
	 */
	static Overlay keepOthers(final Overlay existing, final Overlay track) {
		if (existing == null) return track;
		final Overlay out = new Overlay();
		for (final Roi r : existing.toArray())
			if (!OVERLAY_NAME.equals(r.getName())) out.add(r);
		for (final Roi r : track.toArray())
			out.add(r);
		return out;
	}

	private static Roi roi(final Box b, final Color c, final int frame) {
		final Roi roi = new Roi(b.x(), b.y(), b.w(), b.h());
		roi.setName(OVERLAY_NAME);
		roi.setStrokeColor(c);
		roi.setPosition(frame + 1);
		return roi;
	}
}

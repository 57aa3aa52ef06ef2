package org.pulsej.results;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;

import java.nio.file.Path;

import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.util.AtomicFiles;

/**
 * Writes a face track ({@code STEM_face_track.csv}: per frame the detected box, its score, whether it
 * was interpolated, and the stabilised buffered box) and the face crop ({@code STEM_face.tif}).
 */
public final class FaceTrackWriter {

	public static final String HEADER =
		"frame,time_s,face_x,face_y,face_w,face_h,score,interpolated,box_x,box_y,box_w,box_h";

	private FaceTrackWriter() {}

	public static Path trackFile(final Path dir, final String video) {
		return dir.resolve(video + "_face_track.csv");
	}

	public static Path cropFile(final Path dir, final String video) {
		return dir.resolve(video + "_face.tif");
	}

	/**
	 * Refuses, before anything is written, a track or crop file of these names that PulseJ did not
	 * write: a track CSV without PulseJ's header, or a crop TIFF without PulseJ's track beside it.
	 */
	public static void refuseForeign(final Path dir, final String video) {
		final Path track = trackFile(dir, video), crop = cropFile(dir, video);
		ResultWriter.refuseForeign(track, HEADER);
		if (java.nio.file.Files.exists(crop) && !java.nio.file.Files.isRegularFile(track)) throw AtomicFiles.foreign(crop,
			"no face track beside it", null);
	}

	/** The track and the crop of {@code video} in {@code dir}, as one set ({@link AtomicFiles#writeAll}). */
	public static void writeBoth(final FaceTrack track, final ImageStack crop, final double fps, final String title,
		final Path dir, final String video)
	{
		final java.util.Map<Path, AtomicFiles.Content> files = new java.util.LinkedHashMap<>();
		files.put(trackFile(dir, video), AtomicFiles.utf8(trackText(track, fps)));
		files.put(cropFile(dir, video), cropContent(crop, fps, title));
		AtomicFiles.writeAll(files);
	}

	public static void writeTrack(final FaceTrack track, final double fps, final Path file) {
		AtomicFiles.writeText(file, trackText(track, fps));
	}

	private static AtomicFiles.Text trackText(final FaceTrack track, final double fps) {
		return w -> {
			w.write(HEADER + "\n");
			for (int t = 0; t < track.frames(); t++) {
				final Box raw = track.raw(t), s = track.stabilised(t);
				w.write(t + "," + ResultWriter.num(t / fps, 5) + "," + box(raw) + "," + ResultWriter.opt(track.score(t), 4) +
					"," + (track.interpolated(t) ? 1 : 0) + "," + box(s) + "\n");
			}
		};
	}

	/** The crop as a TIFF stack, frame rate kept in its calibration. */
	public static void writeCrop(final ImageStack crop, final double fps, final String title, final Path file) {
		AtomicFiles.write(file, cropContent(crop, fps, title));
	}

	private static AtomicFiles.Content cropContent(final ImageStack crop, final double fps, final String title) {
		final ImagePlus imp = new ImagePlus(title, crop);
		imp.getCalibration().fps = fps;
		final FileInfo fi = imp.getFileInfo();
		fi.description = new FileSaver(imp).getDescriptionString(); // carries the frame rate
		return out -> new TiffEncoder(fi).write(out);
	}

	private static String box(final Box b) {
		if (b == null) return ",,,"; // no face in this frame: empty cells, as in PulseJ's other files
		return ResultWriter.num(b.x(), 2) + "," + ResultWriter.num(b.y(), 2) + "," + ResultWriter.num(b.w(), 2) + "," +
			ResultWriter.num(b.h(), 2);
	}
}

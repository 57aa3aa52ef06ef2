package org.pulsej.video;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import ij.plugin.AVI_Reader;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.pulsej.util.Messages;
import org.pulsej.util.Progress;
import org.pulsej.util.PulseJException;

/**
 * Opens the videos PulseJ reads: AVI files (ImageJ's own reader), TIFF stacks, and folders of
 * image frames (one video per folder). Files are opened as virtual stacks where ImageJ can, so long
 * videos are read frame by frame instead of all at once. Input files are only ever read.
 */
public final class VideoReader {

	/** A video needs at least this many frames (a pulse needs far more; this only rejects still images). */
	public static final int MIN_FRAMES = 2;

	static final String CONVERT_FIX = "Convert it to image frames, e.g. `ffmpeg -i VIDEO frames/%05d.png`, and give " +
		"input=frames fps=N; or to an AVI that ImageJ reads: `ffmpeg -i VIDEO -c:v mjpeg -q:v 2 -an VIDEO.avi`.";

	private static final Set<String> VIDEO_EXTENSIONS = Set.of("avi");
	private static final Set<String> TIFF_EXTENSIONS = Set.of("tif", "tiff");
	private static final Set<String> FRAME_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
	/**
	 * Video containers ImageJ does not read, which a folder of recordings often holds (phones: MP4, MOV; IP and
	 * capture cameras: MPEG-TS as .ts; broadcast and cinema cameras: MXF; Windows Media: ASF; DVD: VOB).
	 */
	private static final Set<String> OTHER_VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "wmv", "mpg",
		"mpeg", "mts", "m2ts", "ts", "3gp", "flv", "f4v", "ogv", "mxf", "asf", "vob");
	/**
	 * AVI codecs (FourCC, upper case) that ImageJ's reader cannot decode and FFmpeg can: H.264/HEVC, the
	 * MPEG-4 family (XviD, DivX), VP8/9, AV1, FFV1, Windows Media, and other common ones.
	 */
	private static final Set<String> FFMPEG_CODECS = Set.of("H264", "X264", "AVC1", "DAVC", "HEVC", "H265", "HVC1",
		"XVID", "DIVX", "DX50", "DIV3", "DIV4", "FMP4", "MP4V", "MP42", "MP43", "MPG4", "M4S2", "3IV2", "FFV1", "VP80",
		"VP90", "AV01", "WMV1", "WMV2", "WMV3", "WVC1", "MPG1", "MPG2", "MP2V", "FLV1", "CVID", "MSVC", "CRAM", "HFYU",
		"FFVH", "LAGS", "MAGY", "TSCC", "ZMBV", "IV50", "IV41", "IV32");
	/** Converts every such video of the folder it is run in to an AVI beside it. */
	static final String CONVERT_ALL = "for f in *.mp4 *.mov *.MP4 *.MOV; do [ -e \"$f\" ] && ffmpeg -i \"$f\" -c:v " +
		"mjpeg -q:v 2 -an \"${f%.*}.avi\"; done";

	private VideoReader() {}

	/**
	 * Opens a video file (AVI, TIFF stack) or a folder of image frames (in natural order of names).
	 *
	 * @param fpsOverride frames per second to use instead of the file's; 0 or less: take it from the file
	 */
	public static Video open(final File fileOrFolder, final double fpsOverride, final Progress progress) {
		checkExists(fileOrFolder, "input");
		checkName(fileOrFolder);
		progress.status("Opening " + fileOrFolder.getName());
		final Video video;
		if (fileOrFolder.isDirectory()) video = openFolder(fileOrFolder, fpsOverride);
		else {
			final String ext = extension(fileOrFolder);
			if (VIDEO_EXTENSIONS.contains(ext)) video = openAvi(fileOrFolder, fpsOverride);
			else if (TIFF_EXTENSIONS.contains(ext)) video = openTiff(fileOrFolder, fpsOverride);
			else if (decodable(ext)) video = openFfmpeg(fileOrFolder, fpsOverride);
			else if (FRAME_EXTENSIONS.contains(ext)) throw new PulseJException(fileOrFolder.getName() +
				" is a single image, not a video.", "Give the folder that holds all frames as input= (with fps=).");
			else throw unsupported(fileOrFolder);
		}
		progress.fraction(1);
		return video;
	}

	/**
	 * An image already open in ImageJ; its name is the title without extension, control characters
	 * shown as '?'. A title that is a path ("cam1/session2.avi", as some readers title images) is
	 * measured under it: only the result files named after it need a plain name, which {@link
	 * #checkTitle(ImagePlus)} asks for where they are written.
	 */
	public static Video of(final ImagePlus imp, final double fpsOverride) {
		if (imp == null) throw new PulseJException("No image is open.", "Open a video first (File > Open).");
		final String name = titleStem(imp.getTitle()).replaceAll("\\p{Cntrl}", "?");
		checkDimensions(imp, name);
		refusePalette(imp.getProcessor(), name);
		// fps= over the image's own rate is said, as for a file (it scaled every heart rate without a word)
		final Calibration cal = imp.getCalibration();
		final double interval = cal == null ? 0 : intervalFps(cal);
		final String overridden = cal == null ? null : overrideNote(interval > 0 ? interval : cal.fps, fpsOverride,
			interval > 0 ? "frame interval" : "calibration");
		return new Video(imp.getStack(), imp.getBitDepth(), fps(cal, fpsOverride, name), name, openedFrom(imp),
			overridden == null ? List.of() : List.of(overridden));
	}

	/**
	 * An open image's title without the extension of a format PulseJ or ImageJ reads ({@code v.avi},
	 * {@code v.mp4}, {@code v.tif}). Any other suffix stays: the titles {@code P1.1} and {@code P1.2} were
	 * both named P1, and the second one's results replaced the first one's without a word.
	 */
	static String titleStem(final String title) {
		final String stem = stripExtension(title);
		if (title == null || title.isBlank() || stem.equals(title)) return stem;
		final String ext = title.substring(stem.length() + 1).toLowerCase(Locale.ROOT);
		return VIDEO_EXTENSIONS.contains(ext) || FRAME_EXTENSIONS.contains(ext) || OTHER_VIDEO_EXTENSIONS.contains(ext)
			? stem : title;
	}

	/**
	 * The file an open image was read from, where ImageJ knows it and it is still there; else null. With it
	 * the image's results are recorded and checked as a file's are ({@link org.pulsej.results.ResultSources}):
	 * an open image was never checked, so another video of its name measured into the same folder replaced
	 * its results, or it theirs, without a word, and it is never overwritten by them.
	 */
	static File openedFrom(final ImagePlus imp) {
		final ij.io.FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.fileName.isEmpty() || fi.directory == null || fi.directory
			.isEmpty()) return null;
		final File f = new File(fi.directory, fi.fileName);
		return f.isFile() ? f : null;
	}

	/**
	 * What to process for an {@code input=} path: a video file gives itself; a folder holding videos
	 * (AVI files, multi-page TIFFs) gives those in natural order (image files beside them are not
	 * frames then); a folder holding only image frames gives the folder, one video.
	 */
	public static List<File> videosIn(final File input) {
		return videosIn(input, "input");
	}

	/**
	 * As {@link #videosIn(File)}, for a path given under another key ({@code labelled}): a missing path
	 * is named with that key (Train PhysNet's labelled=/nonexistent said "Check the path given as input=").
	 */
	public static List<File> videosIn(final File input, final String key) {
		return find(input, key).videos();
	}

	/**
	 * The videos of an {@code input=} path ({@link #videosIn(File, String)}) with the notes a run logs
	 * about that folder, from one listing of it: a run lists its input once, and a file added to the
	 * folder while it starts cannot be in a note but not among the videos, or the other way round.
	 *
	 * @param ignoredFrames {@link #ignoredFramesNote}, or null
	 * @param leftOut {@link #leftOutNote}, or null
	 */
	public record Found(List<File> videos, String ignoredFrames, String leftOut) {

		/** The notes that there are, in this order: the ignored frames, then the videos left out. */
		public List<String> notes() {
			final List<String> notes = new ArrayList<>();
			if (ignoredFrames != null) notes.add(ignoredFrames);
			if (leftOut != null) notes.add(leftOut);
			return notes;
		}
	}

	/** As {@link #videosIn(File, String)}, with its notes: see {@link Found}. */
	public static Found find(final File input, final String key) {
		checkExists(input, key);
		if (!input.isDirectory()) {
			final String ext = extension(input);
			if (VIDEO_EXTENSIONS.contains(ext) || TIFF_EXTENSIONS.contains(ext) || decodable(ext)) return new Found(List
				.of(input), null, null);
			if (FRAME_EXTENSIONS.contains(ext)) throw new PulseJException(input.getName() +
				" is a single image, not a video.", "Give the folder that holds all frames as input= (with fps=).");
			throw unsupported(input);
		}
		final Listing listing = listing(visibleFiles(input));
		if (!listing.videos.isEmpty()) {
			final Listed l = withoutRepeats(listing.videos);
			return new Found(l.kept(), ignoredFramesNote(input, listing), leftOutNote(input, l));
		}
		if (listing.images > 0) {
			refuseResultsFolder(input);
			return new Found(List.of(input), null, null);
		}
		throw noFrames(input);
	}

	/**
	 * A folder of PulseJ's results (its summary.csv beside per-video CSVs and PNG plots) given as input=
	 * was read as a folder of frames, its plots the frames: "The frame rate is unknown", then "too short:
	 * 3 frames".
	 */
	private static void refuseResultsFolder(final File folder) {
		if (!isResultsFolder(folder)) return;
		final String[] results = folder.list((d, n) -> n.endsWith("_heart_rate.csv") || n.endsWith("_ppg.csv"));
		if (results != null) Arrays.sort(results);
		throw new PulseJException(folder.getName() + " is a folder of PulseJ's results (" + (results == null || results
			.length == 0 ? "its summary and records" : "summary.csv, " + results[0] + ", …") + "), not a video or a " +
				"folder of frames: its PNG plots would be read as frames.", "Give the video, or the folder of the " +
					"videos, as input=; Merge Results takes results folders.");
	}

	/** A folder's visible files by kind: the videos, how many image files, the names of videos ImageJ cannot read. */
	private record Listing(List<File> videos, int images, List<String> others) {}

	private static Listing listing(final List<File> files) {
		final List<File> videos = new ArrayList<>();
		int images = 0;
		final List<String> others = new ArrayList<>();
		for (final File f : files) {
			if (isVideo(f)) videos.add(f);
			else if (FRAME_EXTENSIONS.contains(extension(f))) images++;
			else if (OTHER_VIDEO_EXTENSIONS.contains(extension(f))) others.add(f.getName());
		}
		return new Listing(videos, images, others);
	}

	/**
	 * The videos of a folder, less those that would measure a video a second time:
	 * <ul>
	 * <li>every second name of one file (a symbolic or hard link beside the video, {@code a.avi} and
	 * {@code b.avi -> a.avi}): that one video was measured twice, with two result rows, and trained on
	 * twice. Of two names the real file is kept, else the first;</li>
	 * <li>Track Face's crop of a video beside it ({@code v_face.tif} with its {@code v_face_track.csv},
	 * written there with output= the video's folder), which a later batch measured as a video of its own.
	 * Given alone as input=, a crop is measured.</li>
	 * </ul>
	 *
	 * @param left each name left out, with why (in words)
	 */
	record Listed(List<File> kept, Map<File, String> left) {}

	static Listed withoutRepeats(final List<File> videos) {
		final Map<File, String> left = new LinkedHashMap<>();
		final Map<Object, List<File>> byFile = new LinkedHashMap<>();
		for (final File f : videos)
			byFile.computeIfAbsent(identity(f), k -> new ArrayList<>()).add(f);
		for (final List<File> names : byFile.values()) {
			if (names.size() < 2) continue;
			final File k = names.stream().filter(f -> !java.nio.file.Files.isSymbolicLink(f.toPath())).findFirst().orElse(
				names.get(0));
			for (final File f : names)
				if (f != k) left.put(f, "the same file as " + k.getName());
		}
		final Map<String, File> byStem = new HashMap<>();
		for (final File f : videos)
			byStem.putIfAbsent(stripExtension(f.getName()), f);
		for (final File f : videos) {
			final String n = f.getName(), lower = n.toLowerCase(Locale.ROOT);
			if (!lower.endsWith("_face.tif") && !lower.endsWith("_face.tiff")) continue;
			final String stem = n.substring(0, lower.lastIndexOf("_face.tif"));
			final File source = byStem.get(stem);
			if (source != null && source != f && new File(f.getParentFile(), stem + "_face_track.csv").isFile()) left
				.putIfAbsent(f, "Track Face's face crop of " + source.getName());
		}
		if (left.isEmpty()) return new Listed(videos, Map.of());
		final List<File> kept = new ArrayList<>(videos);
		kept.removeAll(left.keySet());
		return new Listed(kept, left);
	}

	/** What makes two names one file: the file system's key (hard links too), else the real path. */
	private static Object identity(final File f) {
		try {
			final Object key = java.nio.file.Files.readAttributes(f.toPath(), java.nio.file.attribute.BasicFileAttributes.class)
				.fileKey();
			return key != null ? key : f.toPath().toRealPath();
		}
		catch (final java.io.IOException | SecurityException e) {
			return f.getAbsoluteFile(); // unreadable: its own; opening it will say why
		}
	}

	/**
	 * The note for a folder with videos left out by {@link #withoutRepeats} (one video under two names,
	 * Track Face's crop beside its video): which and why; null when there is none, and for a file. The
	 * listing that measures a folder gives the same note ({@link Found}); this one is for tests.
	 */
	static String leftOutNote(final File input) {
		if (input == null || !input.isDirectory()) return null;
		final List<File> videos;
		try {
			videos = visibleFiles(input).stream().filter(VideoReader::isVideo).toList();
		}
		catch (final PulseJException e) {
			return null;
		}
		return leftOutNote(input, withoutRepeats(videos));
	}

	private static String leftOutNote(final File input, final Listed listed) {
		final Map<File, String> left = listed.left();
		if (left.isEmpty()) return null;
		final List<String> named = new ArrayList<>();
		for (final Map.Entry<File, String> e : left.entrySet())
			named.add(e.getKey().getName() + " (" + e.getValue() + ")");
		return input.getName() + ": " + String.join(", ", named) + (left.size() == 1 ? " is" : " are") +
			" left out, so that each video is measured once";
	}

	/**
	 * The note for a folder that holds image frames beside its videos: only the videos are measured, and
	 * a folder of 360 frames with one AVI in it gave that AVI's result without a word about the frames.
	 * Null for a file, a folder of frames only, or one of videos only. The listing that measures a folder
	 * gives the same note ({@link Found}); this one is for tests.
	 */
	static String ignoredFramesNote(final File input) {
		if (!input.isDirectory()) return null;
		return ignoredFramesNote(input, listing(visibleFiles(input)));
	}

	private static String ignoredFramesNote(final File input, final Listing listing) {
		final int videos = listing.videos.size(), images = listing.images;
		final List<String> others = listing.others;
		if (videos == 0 || images == 0 && others.isEmpty()) return null;
		// MP4 or MOV recordings beside AVIs were left out without a word, and the batch looked complete
		final String otherNote = others.isEmpty() ? "" : input.getName() + " holds " + others.size() + " video" +
			(others.size() == 1 ? "" : "s") + " PulseJ cannot read (" + names(others) + "), which " + (others.size() == 1
				? "is" : "are") + " left out: convert " + (others.size() == 1 ? "it" : "them") + " to AVI first, e.g. " +
			"in that folder: " + CONVERT_ALL;
		if (images == 0) return otherNote;
		return input.getName() + " holds " + images + " image file" + (images == 1 ? "" : "s") + " beside its " +
			videos + " video" + (videos == 1 ? "" : "s") + "; only the video" + (videos == 1 ? " is" : "s are") +
			" measured (to measure the images as the frames of a video, give a folder that holds only them)" + (otherNote
				.isEmpty() ? "" : "; " + otherNote);
	}

	/** The first three names, then how many more. */
	private static String names(final List<String> names) {
		return String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? " and " + (names
			.size() - 3) + " more" : "");
	}

	/**
	 * The name a video's output files are given: the file name without extension, or the name of
	 * a folder of frames.
	 */
	public static String nameOf(final File fileOrFolder) {
		return fileOrFolder.isDirectory() ? fileOrFolder.getName() : stripExtension(fileOrFolder.getName());
	}

	/** The order PulseJ sorts names in (digit runs by value: frame2 before frame10). */
	public static Comparator<String> nameOrder() {
		return NaturalOrder.INSTANCE;
	}

	// -- AVI --

	private static Video openAvi(final File file, final double fpsOverride) {
		final AviHeader header;
		try {
			header = AviHeader.read(file);
		}
		catch (final IOException e) {
			final PulseJException refusal = new PulseJException("Cannot read " + file + " (" + e.getMessage() + ").",
				"Check that the file is complete and readable; " + CONVERT_FIX, e);
			// another container named .avi (an MP4 renamed), or an AVI whose header PulseJ does not follow
			return otherwiseFfmpeg(file, fpsOverride, refusal);
		}
		catch (final PulseJException e) {
			// not RIFF at all and none of the formats PulseJ knows by their first bytes: an MP4 or MKV named .avi
			if (kindByContent(file) == null && file.length() > 0) return otherwiseFfmpeg(file, fpsOverride, e);
			throw e;
		}
		// codecs ImageJ's reader cannot decode go to FFmpeg directly (ImageJ would print its own error first)
		if (FFMPEG_CODECS.contains(header.compression.toUpperCase(Locale.ROOT)) && FfmpegStack.available())
			return otherwiseFfmpeg(file, fpsOverride, new PulseJException("ImageJ cannot read " + file.getName() +
				" (codec " + header.compression + ").", CONVERT_FIX));
		MemoryBudget.checkStreaming(file.getName(), header.width, header.height, header.bitCount <= 8 ? 1 : 4);
		final List<String> warnings = new ArrayList<>();
		final AVI_Reader reader = new AVI_Reader();
		final ImageStack stack;
		final boolean redirected = IJ.redirectingErrorMessages();
		IJ.redirectErrorMessages(true); // ImageJ's reader would show an error dialog; PulseJ reports instead
		try {
			stack = reader.makeStack(file.getPath(), 1, 0, true, false, false);
		}
		finally {
			IJ.redirectErrorMessages(redirected);
		}
		if (stack == null || stack.getSize() == 0) {
			final String why = cleanImageJError(reader.getErrorText());
			if (header.truncated()) throw new PulseJException(file.getName() + " is truncated (the file ends early) " +
				"and ImageJ cannot read what remains" + (why.isEmpty() ? "." : ": " + why),
				"Copy or record the file again.");
			return otherwiseFfmpeg(file, fpsOverride, new PulseJException("ImageJ cannot read " + file.getName() +
				" (codec " + header.compression + ")" + (why.isEmpty() ? "." : ": " + why), CONVERT_FIX));
		}
		if (header.truncated()) {
			// ImageJ lists the frame that the cut ends in, but cannot decode it: keep only complete frames
			int complete;
			try {
				complete = header.countCompleteFrames(file);
			}
			catch (final IOException e) {
				complete = stack.getSize() - 1;
			}
			while (stack.getSize() > Math.max(complete, 0))
				stack.deleteSlice(stack.getSize());
			warnings.add(truncated(file, stack.getSize(), header.declaredFrames));
		}
		int[] slots = null;
		if (!header.truncated() && header.declaredFrames > stack.getSize()) {
			slots = DroppedFrames.slots(droppedFrameSizes(header, file), stack.getSize());
			warnings.add(slots != null ? DroppedFrames.note(file.getName(), slots) : file.getName() + " announces " +
				header.declaredFrames + " frames but holds " + stack.getSize() + "; the missing ones were skipped.");
		}
		final String name = stripExtension(file.getName());
		if (stack.getSize() == 0) throw new PulseJException(file.getName() + " is truncated before its first frame.",
			"Copy or record the file again.");
		checkFrames(stack.getSize(), file.getName());
		final double fps = fpsOverride > 0 ? fpsOverride : header.fps;
		if (!(fps > 0) || Double.isInfinite(fps)) throw unknownFps(name);
		final String overridden = overrideNote(header.fps, fpsOverride, "header");
		if (overridden != null) warnings.add(overridden);
		final ImagePlus imp = new ImagePlus(name, stack); // reads frame 1, which also checks that it decodes
		if (imp.getProcessor() == null) return otherwiseFfmpeg(file, fpsOverride, new PulseJException(
			"ImageJ cannot decode the frames of " + file.getName() + " (codec " + header.compression + ").", CONVERT_FIX));
		refusePalette(imp.getProcessor(), file.getName());
		// JPEG frames decode several times faster, and in parallel, outside ImageJ's reader (same pixels)
		final ImageStack frames = JpegAviStack.wrap(stack, file);
		return new Video(slots == null ? frames : new DroppedFrames(frames, slots), imp.getBitDepth(), fps, name, file,
			warnings);
	}

	/**
	 * An AVI that ImageJ cannot read (H.264, MPEG-4, other codecs), read with FFmpeg instead; where FFmpeg
	 * cannot either (or does not load here), ImageJ's {@code refusal}, with FFmpeg's reason added.
	 */
	private static Video otherwiseFfmpeg(final File file, final double fpsOverride, final PulseJException refusal) {
		if (!FfmpegStack.available()) throw refusal;
		try {
			return openFfmpeg(file, fpsOverride);
		}
		catch (final PulseJException e) {
			throw new PulseJException(refusal.problem() + " FFmpeg cannot read it either: " + e.problem(), refusal.fix(),
				refusal);
		}
	}

	/** The frame chunks' sizes of an AVI, or null where they cannot be read (then frames are read as ImageJ lists them). */
	private static long[] droppedFrameSizes(final AviHeader header, final File file) {
		try {
			return header.frameSizes(file);
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	// -- FFmpeg (MP4, MOV, MKV, other AVI codecs) --

	private static Video openFfmpeg(final File file, final double fpsOverride) {
		final FfmpegStack stack = FfmpegStack.open(file);
		final String name = stripExtension(file.getName());
		MemoryBudget.checkStreaming(file.getName(), stack.getWidth(), stack.getHeight(), 4);
		checkFrames(stack.getSize(), file.getName());
		final double fps = fpsOverride > 0 ? fpsOverride : stack.fps();
		if (!(fps > 0) || Double.isInfinite(fps)) throw unknownFps(name);
		if (stack.getProcessor(1) == null) throw new PulseJException("FFmpeg cannot decode the frames of " +
			file.getName() + " (codec " + stack.codec() + ").", "Check that it plays in a video player; " + CONVERT_FIX);
		final List<String> warnings = new ArrayList<>();
		if (stack.streamNote() != null) warnings.add(stack.streamNote());
		if (stack.timingNote() != null) warnings.add(stack.timingNote());
		final String overridden = overrideNote(stack.fps(), fpsOverride, "stream");
		if (overridden != null) warnings.add(overridden);
		return new Video(stack, 24, fps, name, file, warnings);
	}

	// -- TIFF --

	private static Video openTiff(final File file, final double fpsOverride) {
		final FileInfo[] info = tiffInfo(file);
		if (info == null) {
			// an AVI or PNG renamed .tif, or an empty file, was "not a TIFF file ImageJ can read", with a fix to save it
			// again from ImageJ
			final String kind = renamedKind(file, "a TIFF");
			if (file.length() == 0) throw new PulseJException(file.getName() + " is empty (0 bytes), not a TIFF stack.",
				"Copy or save the video again.");
			if (kind != null) throw new PulseJException(file.getName() + " is not a TIFF file: its first bytes show " +
				"that it is " + kind.substring(0, kind.indexOf('|')) + ", named ." + extension(file) + ".",
				"Rename it to " + stripExtension(file.getName()) + "." + kind.substring(kind.indexOf('|') + 1) +
					" and give that name as input=.");
			throw new PulseJException(file.getName() + " is not a TIFF file ImageJ can read.",
				"Check the file; save the stack again from ImageJ (File > Save As > Tiff).");
		}
		final int pages = info.length > 1 ? info.length : Math.max(1, info[0].nImages);
		// ImageJ keeps RGB as one int per pixel
		final int bytes = info[0].getBytesPerPixel() == 3 ? 4 : Math.max(1, info[0].getBytesPerPixel());
		MemoryBudget.checkStreaming(file.getName(), info[0].width, info[0].height, bytes);
		// compressed stacks cannot be virtual: ImageJ then reads every page into memory
		if (info[0].compression > FileInfo.COMPRESSION_NONE) MemoryBudget.checkInMemory(file.getName(), info[0].width,
			info[0].height, bytes, pages);
		final boolean redirected = IJ.redirectingErrorMessages();
		IJ.redirectErrorMessages(true);
		ImagePlus imp;
		try {
			// virtual where ImageJ can (uncompressed and ImageJ-compressed stacks), else in memory
			imp = IJ.openVirtual(file.getPath());
			if (imp == null) imp = new Opener().openImage(file.getPath());
		}
		finally {
			IJ.redirectErrorMessages(redirected);
		}
		if (imp == null) throw new PulseJException("ImageJ cannot open " + file.getName() + ".",
			"Check the file; save the stack again from ImageJ (File > Save As > Tiff).");
		final String name = stripExtension(file.getName());
		checkDimensions(imp, file.getName());
		final List<String> warnings = new ArrayList<>();
		truncatedTiff(file, info, imp, warnings);
		refusePalette(imp.getProcessor(), file.getName());
		final Calibration cal = imp.getCalibration();
		// fps= that agrees with the frame interval settles a playback rate that disagrees with it (see fps())
		final double interval = intervalFps(cal);
		final String overridden = overrideNote(interval > 0 ? interval : cal.fps, fpsOverride, interval > 0
			? "frame interval" : "calibration");
		if (overridden != null) warnings.add(overridden);
		return new Video(imp.getStack(), imp.getBitDepth(), fps(cal, fpsOverride, name), name, file, warnings);
	}

	/** {@link #kindByContent}, or null where that is the kind its extension names ({@code own}). */
	static String renamedKind(final File file, final String own) {
		final String kind = kindByContent(file);
		return kind == null || kind.startsWith(own) ? null : kind;
	}

	/**
	 * What a file's first bytes say it is, as "an AVI video|avi" (the words, then the extension), for
	 * the formats PulseJ reads; null when they say none of these.
	 */
	static String kindByContent(final File file) {
		final byte[] b = new byte[12];
		int n = 0;
		try (java.io.InputStream in = new java.io.FileInputStream(file)) {
			for (int r; n < b.length && (r = in.read(b, n, b.length - n)) > 0;)
				n += r;
		}
		catch (final IOException e) {
			return null;
		}
		final String head = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
		if (n >= 12 && head.startsWith("RIFF") && head.startsWith("AVI ", 8)) return "an AVI video|avi";
		if (n >= 4 && (head.startsWith("II*\0") || head.startsWith("MM\0*"))) return "a TIFF file|tif";
		if (n >= 8 && head.startsWith("\u0089PNG")) return "a PNG image|png";
		if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return "a JPEG image|jpg";
		return null;
	}

	/** TIFF pixel types whose frames take width × height × bytes per pixel (not 1-bit or packed 12-bit ones). */
	private static final java.util.Set<Integer> WHOLE_BYTE_TYPES = java.util.Set.of(FileInfo.GRAY8, FileInfo.COLOR8,
		FileInfo.GRAY16_SIGNED, FileInfo.GRAY16_UNSIGNED, FileInfo.GRAY32_INT, FileInfo.GRAY32_UNSIGNED,
		FileInfo.GRAY32_FLOAT, FileInfo.RGB, FileInfo.BGR);

	/**
	 * A TIFF stack cut short (a copy or download interrupted): ImageJ read the frames the file still holds
	 * without a word, and one cut before its first frame as all its frames, black (refused as "No face was
	 * found in any of the 120 frames"), or as a video too short, with a fix to give a longer one. As for an AVI,
	 * the complete frames are read with a warning; none is refused. Uncompressed stacks only (a compressed
	 * one's frames have no fixed size).
	 */
	private static void truncatedTiff(final File file, final FileInfo[] info, final ImagePlus imp,
		final List<String> warnings)
	{
		final FileInfo fi = info[0];
		if (fi.compression > FileInfo.COMPRESSION_NONE || imp.getNChannels() > 1 || !WHOLE_BYTE_TYPES.contains(
			fi.fileType)) return;
		final long frame = (long) fi.width * fi.height * fi.getBytesPerPixel();
		if (frame <= 0) return;
		final long length = file.length();
		final int declared;
		int complete = 0;
		if (info.length > 1) {
			declared = info.length;
			for (final FileInfo page : info)
				if (page.getOffset() + frame <= length) complete++;
		}
		else {
			declared = Math.max(1, fi.nImages);
			final long gap = Math.max(0, fi.gapBetweenImages);
			final long room = length - fi.getOffset();
			complete = room < frame ? 0 : (int) Math.min(declared, (room + gap) / (frame + gap));
		}
		if (complete >= declared) return;
		if (complete == 0) throw new PulseJException(file.getName() + " is truncated before its first frame (the " +
			"file ends early: " + length + " bytes, but its first frame alone needs " + frame + ").",
			"Copy or record the file again.");
		final ImageStack stack = imp.getStack();
		while (stack.getSize() > complete)
			stack.deleteSlice(stack.getSize());
		imp.setStack(stack);
		warnings.add(truncated(file, complete, declared));
	}

	/** Marks the warning of a file cut short ({@link #truncated}), so that a refusal can find and repeat it. */
	public static final String TRUNCATED = " is truncated (the file ends early)";

	/** The end of that warning, which a refusal (no results at all) leaves out. */
	public static final String PARTIAL_RESULTS = " Results cover only those frames.";

	/** The warning of an AVI or TIFF cut short, of which the complete frames were read. */
	private static String truncated(final File file, final int complete, final int declared) {
		return file.getName() + TRUNCATED + ": read its " + complete + " complete frames of " + declared + "." +
			PARTIAL_RESULTS;
	}

	// -- folder of frames --

	private static Video openFolder(final File folder, final double fpsOverride) {
		final List<String> names = new ArrayList<>();
		boolean hasVideos = false;
		for (final File f : visibleFiles(folder)) {
			final String ext = extension(f);
			if (VIDEO_EXTENSIONS.contains(ext)) hasVideos = true;
			else if (FRAME_EXTENSIONS.contains(ext)) names.add(f.getName());
		}
		if (names.isEmpty()) {
			if (hasVideos) throw new PulseJException(folder + " holds video files, not image frames.",
				"Give one video file as input= (Estimate Heart Rate and Batch Estimate also take a folder of videos; " +
					"Track Face takes one video at a time).");
			throw noFrames(folder);
		}
		names.sort(NaturalOrder.INSTANCE);
		refuseMissingFrames(folder, names);
		// First frame: size and type of the stack (ImageJ's VirtualStack opens the others on demand).
		final ImagePlus first = openQuietly(new File(folder, names.get(0)));
		if (first == null) throw new PulseJException("ImageJ cannot open " + names.get(0) + " in " + folder + ".",
			"Check that the frames are PNG, JPEG, BMP or TIFF images; remove damaged ones.");
		if (first.getStackSize() > 1 && names.size() == 1) return openTiff(new File(folder, names.get(0)), fpsOverride);
		// frames of three 16-bit channels (48-bit RGB PNG or TIFF, from scientific cameras): only the first channel,
		// red, was read, as "a 16-bit grey video" that POS and CHROM refused and GREEN measured
		if (first.getStackSize() > 1) throw new PulseJException("The frame " + names.get(0) + " of " + folder.getName() +
			" holds " + (first.getNChannels() > 1 ? first.getNChannels() + " channels of " + first.getBitDepth() +
				" bits" + (first.getNChannels() == 3 ? " (" + 3 * first.getBitDepth() + "-bit RGB)" : "") : first
					.getStackSize() + " pictures") + ", but PulseJ reads frames of one RGB or grey picture each; only " +
			"its first " + (first.getNChannels() > 1 ? "channel" : "picture") + " would be measured.", "Convert the " +
				"frames to 8-bit RGB first, e.g. with ImageMagick: mkdir " + folder.getName() + "_rgb; mogrify -path " +
				folder.getName() + "_rgb -depth 8 -define png:color-type=2 " + folder.getName() + "/*." + extension(new File(names.get(0))) +
				" (then give input=" + folder.getName() + "_rgb).");
		refusePalette(first.getProcessor(), folder.getName() + " (" + names.get(0) + ")");
		final VirtualStack stack = new FrameFolderStack(first.getWidth(), first.getHeight(), first.getBitDepth(),
			folder.getPath() + File.separator, names.get(0));
		for (final String n : names)
			stack.addSlice(n);
		final String name = folder.getName();
		checkFrames(stack.getSize(), name);
		return new Video(stack, first.getBitDepth(), fps(first.getCalibration(), fpsOverride, name), name, folder);
	}

	/**
	 * Refuses frames numbered one by one that skip numbers (frame_0099.png, then frame_0140.png): the
	 * frames after the gap would be measured as if they came right after the one before it, which
	 * changes the heart rate there and shifts every later frame against a ground truth. Names that
	 * do not step by one (time stamps, such as PURE's Image&lt;ns&gt;.png) are not checked. Also refuses
	 * two sequences whose numbers repeat (frame_0001.png and frame_0001.jpg, left_1 and right_1).
	 */
	static void refuseMissingFrames(final File folder, final List<String> names) {
		if (names.size() < 3) return;
		final long[] number = new long[names.size()];
		final String[] rest = new String[names.size()];
		final Map<String, Integer> sequences = new HashMap<>();
		for (int i = 0; i < number.length; i++) {
			final String n = names.get(i);
			int end = n.length();
			while (end > 0 && !Character.isDigit(n.charAt(end - 1)))
				end--;
			int start = end;
			while (start > 0 && Character.isDigit(n.charAt(start - 1)))
				start--;
			if (start == end || end - start > 15) return;
			// what is left of the name around its number: f_0001.png and f_0001.jpg are two sequences
			rest[i] = (n.substring(0, start) + "#" + n.substring(end)).toLowerCase(Locale.ROOT);
			number[i] = Long.parseLong(n.substring(start, end));
			sequences.merge(rest[i], 1, Integer::sum);
		}
		if (sequences.size() > 1) {
			// a few sequences of several frames each (not names whose last number is a constant, f_0001_cam1.png)
			if (sequences.size() > 4 || sequences.values().stream().anyMatch(c -> c < 2)) return;
			final Map<Long, Integer> named = new HashMap<>();
			for (int i = 0; i < number.length; i++) {
				final Integer twin = named.putIfAbsent(number[i], i);
				if (twin != null && !rest[twin].equals(rest[i])) throw new PulseJException(folder + " holds two " +
					"sequences of frames numbered alike (" + names.get(twin) + " and " + names.get(i) + "): read as one " +
					"video, the frames of the two would alternate, and the heart rate come out wrong (halved when both " +
					"hold every frame).", "Put each sequence in a folder of its own (e.g. the ." + extension(new File(
						names.get(i))) + " frames in one, the others in another) and give one as input=.");
			}
			return;
		}
		int ones = 0, gaps = 0, first = -1;
		long missing = 0;
		for (int i = 1; i < number.length; i++) {
			final long step = number[i] - number[i - 1];
			if (step == 1) ones++;
			else if (step > 1) {
				gaps++;
				missing += step - 1;
				if (first < 0) first = i;
			}
		}
		if (gaps == 0 || ones < (number.length - 1) / 2) return;
		final long firstMissing = number[first] - number[first - 1] - 1;
		throw new PulseJException(String.format(Locale.ROOT, "Frames are missing from %s: %s is followed by %s (%d " +
			"frame%s missing there%s). The frames after a gap would be measured as if they came right after the one " +
			"before it, which changes the heart rate and the time of every later frame.", folder, names.get(first - 1),
			names.get(first), firstMissing, firstMissing == 1 ? "" : "s", gaps == 1 ? "" : "; " + missing + " in " +
				gaps + " gaps in all"), "Copy or export the frames again so that none is missing; if the camera " +
					"dropped them, put the frames before and after the gap in separate folders and measure each.");
	}

	static ImagePlus openQuietly(final File f) {
		final boolean redirected = IJ.redirectingErrorMessages();
		IJ.redirectErrorMessages(true);
		try {
			return new Opener().openImage(f.getPath());
		}
		catch (final OutOfMemoryError e) {
			throw MemoryBudget.tooLarge(f.getName(), "one frame");
		}
		finally {
			IJ.redirectErrorMessages(redirected);
		}
	}

	// -- frame rate --

	/** Frame rates closer than this (relative) are one rate, rounded: 1 / 0.033 s is 30.3 fps. */
	static final double RATE_TOLERANCE = 0.02;

	/**
	 * The user's rate if given, else the image's (cal.fps, or 1/frameInterval in seconds or ms). An
	 * image may hold both, set apart: ImageJ's Animation Options set cal.fps as the playback speed,
	 * and Image > Properties leaves it as it was for a frame interval under 1/30 s or in ms; cal.fps
	 * was taken (an animation speed of 7 fps for a 30 fps recording: 51 bpm for 72, without a word).
	 * Two rates more than {@value #RATE_TOLERANCE} apart (relative) are refused, since which one the camera
	 * recorded at cannot be told; closer ones are rounding (a frame interval typed as 0.033 s for 30 fps).
	 */
	static double fps(final Calibration cal, final double fpsOverride, final String name) {
		if (fpsOverride > 0 && !Double.isInfinite(fpsOverride)) return fpsOverride;
		if (cal != null) {
			final double interval = intervalFps(cal);
			if (cal.fps > 0 && !Double.isInfinite(cal.fps)) {
				if (interval > 0 && Math.abs(cal.fps - interval) > RATE_TOLERANCE * interval) throw new PulseJException(
					name + " holds two frame rates that disagree: its frame interval (Image > Properties) is " + Messages.num(
						cal.frameInterval) + " " + cal.getTimeUnit() + ", " + Messages.num(interval) + " fps, but its " +
					"frame rate for playback (Image > Stacks > Animation > Animation Options, or an AVI's header) is " +
					Messages.num(cal.fps) + " fps. Which one the camera recorded at cannot be told, and the wrong one " +
					"would scale every heart rate by " + Messages.num(interval / cal.fps) + ".", "Give the camera's " +
						"rate with fps= (fps=" + Messages.num(interval) + " if the frame interval is right), or set " +
						"both to it in ImageJ (Image > Properties, Animation Options) and save the stack again.");
				return cal.fps;
			}
			if (interval > 0) return interval;
		}
		throw unknownFps(name);
	}

	/**
	 * A warning when fps= is given for a file whose own rate differs from it by more than 2 %: fps= is
	 * meant for a file with a wrong rate or none, and a rate typed for another video (fps=30 for a 25 fps
	 * file) scaled every heart rate without a word.
	 */
	/** Whether a video's warning is that of {@link #overrideNote}: fps= given against the file's rate. */
	public static boolean isFpsOverride(final String warning) {
		return warning.startsWith("fps=") && warning.contains(OVERRIDE);
	}

	private static final String OVERRIDE = " is used instead of the ";

	private static String overrideNote(final double fileFps, final double fpsOverride, final String where) {
		if (!(fpsOverride > 0) || !(fileFps > 0) || Double.isInfinite(fileFps) || Math.abs(fpsOverride - fileFps) <=
			RATE_TOLERANCE * fileFps) return null;
		return "fps=" + Messages.num(fpsOverride) + OVERRIDE + Messages.num(fileFps) + " fps its " +
			where + " gives: every heart rate is " + Messages.num(fpsOverride / fileFps) + " times what the file's " +
			"rate would give. If the file's rate is right, leave fps out (or give fps=0).";
	}

	/** 1 / the frame interval, when it is given in seconds or milliseconds; else 0. */
	private static double intervalFps(final Calibration cal) {
		if (!(cal.frameInterval > 0) || Double.isInfinite(cal.frameInterval)) return 0;
		final String unit = cal.getTimeUnit() == null ? "" : cal.getTimeUnit().trim().toLowerCase(Locale.ROOT);
		if (unit.equals("s") || unit.equals("sec") || unit.equals("second") || unit.equals("seconds"))
			return 1.0 / cal.frameInterval;
		if (unit.equals("ms") || unit.equals("msec")) return 1000.0 / cal.frameInterval;
		return 0;
	}

	/** The end of the message for a video whose frame rate is unknown ("The frame rate of NAME is unknown"). */
	public static final String UNKNOWN_FPS = " is unknown";

	private static PulseJException unknownFps(final String name) {
		return new PulseJException("The frame rate of " + name + UNKNOWN_FPS, "Give it with fps=30 (frames per second)");
	}

	/** Whether {@code message} is that of a video whose frame rate is unknown ({@link #unknownFps}). */
	public static boolean isUnknownFps(final String message) {
		return message != null && message.startsWith("The frame rate of ") && message.contains(UNKNOWN_FPS + " — ");
	}

	// -- checks --

	private static void checkExists(final File f, final String key) {
		if (f == null) throw new PulseJException("No input was given.", "Give a video file or folder as " + key + "=.");
		if (!f.exists() && java.nio.file.Files.isSymbolicLink(f.toPath())) throw new PulseJException(f +
			" is a symbolic link that leads nowhere (its target is missing, or the link points to itself).",
			"Give the real file or folder as " + key + "=, or repair the link (ls -l shows where it points).");
		if (!f.exists()) throw new PulseJException(f + " does not exist.",
			"Check the path given as " + key + "= (spelling, folder, drive).");
		if (!f.isDirectory() && !java.nio.file.Files.isRegularFile(f.toPath())) throw new PulseJException(f +
			" is not a regular file but a named pipe, device or socket; reading it could wait forever.",
			"Save the video to a file first and give that file as " + key + "=.");
		if (!f.canRead()) throw new PulseJException(f + " cannot be read (no permission).",
			"Give PulseJ read access to it, or copy it somewhere readable.");
	}

	private static void checkDimensions(final ImagePlus imp, final String name) {
		// more channels than a colour has: the time points were stored as channels (a wrong dimension order)
		if (imp.getNChannels() > 4 && imp.getNFrames() == 1 && imp.getNSlices() == 1) throw new PulseJException(name +
			" has " + imp.getNChannels() + " channels and 1 time frame (a hyperstack): its frames are stored as " +
			"channels; PulseJ reads one RGB or grey frame per time point.", "Make the channels time frames: Image > " +
				"Hyperstacks > Re-order Hyperstack (channels to frames), or Image > Properties (channels 1, frames " + imp
					.getNChannels() + "); then save it again.");
		if (imp.getNChannels() > 1) throw new PulseJException(name + " has " + imp.getNChannels() +
			" channels (a hyperstack); PulseJ reads one RGB or grey frame per time point.",
			"Make it an RGB stack first: Image > Color > Stack to RGB.");
		if (imp.getNSlices() > 1 && imp.getNFrames() > 1) throw new PulseJException(name + " has both z-slices (" +
			imp.getNSlices() + ") and time frames (" + imp.getNFrames() + ").",
			"Keep one z-slice: Image > Hyperstacks > Reduce Dimensionality.");
		checkFrames(imp.getStackSize(), name);
	}

	/**
	 * Refuses 8-bit frames with a colour palette (indexed colour: GIF, a palette PNG or AVI): their
	 * pixels number palette entries, not brightness, so GREEN averaged the numbers (76.9 bpm for 72)
	 * and POS called the video grey. A LUT that ramps smoothly (Fire, Green: grey values shown in
	 * colour) is not a palette.
	 */
	private static void refusePalette(final ImageProcessor ip, final String name) {
		if (ip == null || !(ip instanceof ByteProcessor) || !ip.isColorLut() || ip.isPseudoColorLut()) return;
		throw new PulseJException(name + " is stored with a colour palette (8-bit indexed colour, at most 256 " +
			"colours): its pixels are numbers of palette entries, not brightness, and the palette's steps between " +
			"colours are far larger than the change a pulse makes (under 1 %).", "Export the video again in RGB (PNG " +
				"or JPEG frames, or an MJPEG AVI), e.g. `ffmpeg -i VIDEO -pix_fmt rgb24 frames/%05d.png`; converting " +
				"this copy to RGB does not bring back the colours the palette merged.");
	}

	private static void checkFrames(final int frames, final String name) {
		if (frames < MIN_FRAMES) throw new PulseJException(name + " has only " + frames + " frame" +
			(frames == 1 ? "" : "s") + "; a video needs at least " + MIN_FRAMES + " (and 10 s or more for a heart rate).",
			"Give a video file, a stack of frames, or a folder holding all frames.");
	}

	private static PulseJException unsupported(final File f) {
		return new PulseJException("PulseJ reads " + (FfmpegStack.available() ? "video files (AVI, MP4, MOV, MKV, " +
			"WebM, ...), " : "AVI files, ") + "TIFF stacks and folders of image frames; " + f.getName() +
			" is none of these.", CONVERT_FIX);
	}

	private static PulseJException noFrames(final File folder) {
		// a dataset of one folder of frames (or videos) per recording: say where they are, and how to measure them
		final List<String> inside = new ArrayList<>();
		final File[] subfolders = folder.listFiles(f -> f.isDirectory() && !f.isHidden() && !f.getName().startsWith(
			"."));
		if (subfolders != null) {
			Arrays.sort(subfolders, Comparator.comparing(File::getName, NaturalOrder.INSTANCE));
			for (final File sub : subfolders)
				if (holdsVideosOrFrames(sub)) inside.add(sub.getName());
		}
		if (!inside.isEmpty()) {
			final String dir = folder.getPath() + File.separator;
			return new PulseJException(folder + " holds no videos (.avi, .tif stacks) and no image frames itself, but " +
				(inside.size() == 1 ? "its subfolder " + inside.get(0) + " does" : inside.size() + " of its subfolders do (" +
					String.join(", ", inside.subList(0, Math.min(3, inside.size()))) + (inside.size() > 3 ? ", …" : "") +
					")") + "; PulseJ does not look into subfolders.", "Give one of them as input= (input=" + dir + inside
						.get(0) + ", with fps= for frames); to measure each, loop over them in a macro: dir = \"" + dir +
				"\"; list = getFileList(dir); for (i = 0; i < list.length; i++) if (endsWith(list[i], \"/\")) " +
				"run(\"Estimate Heart Rate\", \"input=[\" + dir + list[i] + \"] output=[/path/to/results/\" + list[i] + " +
				"\"] fps=30\"); (an output folder each: videos of one name in two subfolders, such as UBFC-rPPG's " +
				"vid.avi, would write results of one name)");
		}
		// a folder of phone recordings (MP4, MOV) was said to hold "no videos", with no word of converting them
		final List<String> others = new ArrayList<>();
		for (final File f : visibleFiles(folder))
			if (OTHER_VIDEO_EXTENSIONS.contains(extension(f))) others.add(f.getName());
		if (!others.isEmpty()) return new PulseJException(folder + " holds " + others.size() + " video" + (others
			.size() == 1 ? "" : "s") + " that PulseJ cannot read (" + names(others) + "): PulseJ reads AVI files, TIFF " +
			"stacks and folders of image frames.", "Convert " + (others.size() == 1 ? "it" : "them") + " to AVI " +
				"files beside " + (others.size() == 1 ? "it" : "them") + ", e.g. in that folder: " + CONVERT_ALL +
				"; then give the folder again.");
		return new PulseJException(folder + " holds no videos (.avi, .tif stacks) and no image frames (.png, .jpg, " +
			".bmp, .tif).", "Give a video file, a folder of videos, or a folder holding the frames of one video.");
	}

	/**
	 * The files by which a folder is one PulseJ wrote results into: the hidden records of an evaluation
	 * ({@code EvaluationWriter.SOURCE}), of a locked output folder ({@code FolderLock.FILE}) and of a batch
	 * shard ({@code ShardRecord.FILE}).
	 */
	static final List<String> RESULT_RECORDS = List.of(".pulsej-evaluated", ".pulsej-lock", ".pulsej-batch");

	/**
	 * The files that also make a results folder: an evaluation's two tables ({@code EvaluationWriter.METRICS},
	 * {@code EVALUATION}), and PulseJ's summary ({@code ResultWriter.SUMMARY}), known by how its header starts.
	 */
	static final String METRICS = "metrics.csv", EVALUATION = "evaluation.csv", SUMMARY = "summary.csv",
		SUMMARY_START = "video,frames,fps,hr_median_bpm";

	/**
	 * Whether {@code dir} is a folder PulseJ wrote results into (its hidden records, an evaluation's
	 * metrics.csv and evaluation.csv, or PulseJ's summary.csv), not a recording: a folder of frames never
	 * holds them, since PulseJ refuses to write into the folder of frames it measures. Its plots made such
	 * a folder inside a dataset folder look like a folder of frames.
	 */
	public static boolean isResultsFolder(final File dir) {
		for (final String record : RESULT_RECORDS)
			if (new File(dir, record).isFile()) return true;
		if (new File(dir, METRICS).isFile() && new File(dir, EVALUATION).isFile()) return true;
		final File summary = new File(dir, SUMMARY);
		if (!summary.isFile()) return false;
		try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(summary.toPath(),
			java.nio.charset.StandardCharsets.UTF_8))
		{
			final String first = r.readLine();
			return first != null && first.replace("\uFEFF", "").startsWith(SUMMARY_START);
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	private static boolean holdsVideosOrFrames(final File folder) {
		if (isResultsFolder(folder)) return false; // Estimate's or Evaluate's output inside a dataset folder
		final File[] files = folder.listFiles();
		if (files != null) for (final File f : files) {
			final String ext = extension(f);
			if (f.isFile() && !f.getName().startsWith(".") && (VIDEO_EXTENSIONS.contains(ext) || FRAME_EXTENSIONS
				.contains(ext) || decodable(ext))) return true;
		}
		return false;
	}

	/** Whether a file of a folder is measured as a video: an AVI, or a TIFF holding more than one image. */
	private static boolean isVideo(final File f) {
		final String ext = extension(f);
		return VIDEO_EXTENSIONS.contains(ext) || decodable(ext) || TIFF_EXTENSIONS.contains(ext) && isTiffStack(f);
	}

	/**
	 * Whether a file of this extension (MP4, MOV, MKV, ...) is read with FFmpeg: where its natives load
	 * (PulseJ ships them for Linux x86-64); elsewhere such files are refused with the command that converts them.
	 */
	static boolean decodable(final String ext) {
		return OTHER_VIDEO_EXTENSIONS.contains(ext) && FfmpegStack.available();
	}

	private static boolean isTiffStack(final File f) {
		final FileInfo[] info = tiffInfo(f);
		return info != null && (info.length > 1 || info[0].nImages > 1);
	}

	private static FileInfo[] tiffInfo(final File file) {
		// a bare name (input=v.tif, in the working folder) has no parent: it was looked for as "null/v.tif" and
		// refused as "not a TIFF file ImageJ can read"
		final File f = file.getAbsoluteFile();
		try {
			final FileInfo[] info = new TiffDecoder(f.getParent() + File.separator, f.getName()).getTiffInfo();
			return info == null || info.length == 0 ? null : info;
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	private static List<File> visibleFiles(final File folder) {
		final File[] all = folder.listFiles();
		if (all == null) throw new PulseJException("Cannot list the folder " + folder + ".",
			"Check that it exists and that you may read it.");
		final List<File> files = new ArrayList<>(Arrays.asList(all));
		files.removeIf(f -> !f.isFile() || f.isHidden() || f.getName().startsWith("."));
		files.sort(Comparator.comparing(File::getName, NaturalOrder.INSTANCE));
		return files;
	}

	/**
	 * The extension of {@code name} in lower case when it is that of a video or image format (avi, tif,
	 * png, mp4, ...), else "" (no extension, or a stem's own dot: {@code hr72_amp0.005}).
	 */
	public static String mediaExtension(final String name) {
		final String ext = extension(new File(name));
		return VIDEO_EXTENSIONS.contains(ext) || FRAME_EXTENSIONS.contains(ext) || OTHER_VIDEO_EXTENSIONS.contains(ext)
			? ext : "";
	}

	static String extension(final File f) {
		final String n = f.getName();
		final int dot = n.lastIndexOf('.');
		return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** "clip.avi" → "clip"; a title without a short extension stays as it is. */
	static String stripExtension(final String title) {
		if (title == null || title.isBlank()) return "video";
		final int dot = title.lastIndexOf('.');
		if (dot <= 0 || title.length() - dot - 1 > 5) return title;
		for (int i = dot + 1; i < title.length(); i++)
			if (!Character.isLetterOrDigit(title.charAt(i))) return title;
		return title.substring(0, dot);
	}

	/**
	 * Refuses an open image whose result files, named after its title, are to be written (output=) when
	 * the title cannot name them: one holding a folder separator (Image > Rename to "day1/subj2", or
	 * "../x") put them into a subfolder of the output folder, or outside it, where they could replace
	 * other files. Without output= the image is measured all the same ({@link #of(ImagePlus, double)}).
	 */
	public static void checkTitle(final ImagePlus imp) {
		if (imp == null) return; // refused as no image by of()
		checkTitle(imp.getTitle(), File.separatorChar == '\\');
	}

	/**
	 * As {@link #checkTitle(ImagePlus)} for a title, on Windows ({@code windows}) or elsewhere: Windows
	 * allows none of {@code : * ? " < > |} in a file name, so a title such as "Subject 1: rest" failed
	 * only when the first result file was written.
	 */
	static void checkTitle(final String title, final boolean windows) {
		final String name = titleStem(title);
		final boolean separator = name.contains("/") || name.contains("\\");
		final boolean forbidden = windows && name.matches("(?s).*[:*?\"<>|].*");
		if (!separator && !forbidden && !name.isBlank() && !name.equals(".") && !name.equals("..") && name.chars()
			.noneMatch(Character::isISOControl)) return;
		throw new PulseJException("The title of the open image, \"" + title.replaceAll("\\p{Cntrl}", "?") + "\", " +
			(separator ? "holds a folder separator (/ or \\): the result files, named after it, would be written into " +
				"another folder than output=." : forbidden ? "holds a character that Windows allows in no file name (: * ? " +
					"\" < > |), and the result files are named after it." : "cannot name the result files, which are " +
						"named after it."), "Rename the image (Image > Rename...) to a plain name such as " + (separator ||
							forbidden ? name.replaceAll("[/\\\\:*?\"<>|]+", "_").replaceAll("^[._]+", "") : "subject1") +
							", then run the command again; or leave the output folder empty in Fiji's dialog to see the " +
							"results without writing them.");
	}

	/**
	 * Refuses a name with a line break or another control character: it names every output file and
	 * the video's row in summary.csv, which such a name would split in two (the row was lost).
	 */
	static void checkName(final File f) {
		if (f.getName().chars().anyMatch(Character::isISOControl)) throw new PulseJException("The name of " + f
			.getName().replaceAll("\\p{Cntrl}", "?") + " (in " + f.getParent() + ") holds a line break or another " +
			"control character, which would break the result files named after it.", "Rename the file (ls -b shows " +
				"the name as it is).");
		checkNameLength(f);
	}

	/** The longest suffix of a result file named after a video (STEM_heart_rate.png, STEM_face_track.csv). */
	public static final String LONGEST_RESULT_SUFFIX = "_heart_rate.png";

	/**
	 * Refuses a name too long for the result files named after it: a legal name of 240 characters was
	 * measured, then failed with "File name too long" and a fix about a full disk and permissions.
	 */
	static void checkNameLength(final File f) {
		final String stem = f.isDirectory() ? f.getName() : stripExtension(f.getName());
		final int bytes = org.pulsej.util.AtomicFiles.temporaryNameBytes(stem + LONGEST_RESULT_SUFFIX);
		if (bytes <= org.pulsej.util.AtomicFiles.NAME_MAX_BYTES) return;
		final int stemBytes = stem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		final int allowed = stemBytes - (bytes - org.pulsej.util.AtomicFiles.NAME_MAX_BYTES);
		final String shown = f.getName().length() > 60 ? f.getName().substring(0, 40) + "…" + f.getName().substring(f
			.getName().length() - 10) : f.getName();
		throw new PulseJException("The name of " + shown + " (in " + f.getParent() + ") is too long for the result " +
			"files named after it: the temporary copy of NAME" + LONGEST_RESULT_SUFFIX + " would need " + bytes +
			" bytes, more than the " + org.pulsej.util.AtomicFiles.NAME_MAX_BYTES + " a file " +
			"name may have.", "Rename it to a name of at most " + allowed + " bytes before its extension (" + allowed +
				" plain letters; accented letters and symbols take 2 to 4 bytes each).");
	}

	/** ImageJ's reader prefixes its reason with a generic sentence and blank lines; keep the reason. */
	static String cleanImageJError(final String text) {
		if (text == null) return "";
		// ImageJ quotes a damaged header's codec bytes as they are: control bytes (NUL) would reach the log
		return text.replace("An error occurred reading the AVI file.", "").replaceAll("\\p{Cntrl}", " ").replaceAll(
			"\\s+", " ").replace("' '", "").trim();
	}
}

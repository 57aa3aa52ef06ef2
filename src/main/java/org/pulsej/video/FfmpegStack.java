package org.pulsej.video;

import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.pulsej.util.PulseJException;

/**
 * The frames of a video that ImageJ's readers cannot open (MP4, MOV, MKV, WebM, and AVIs of codecs such as
 * H.264 or MPEG-4), decoded by FFmpeg through JavaCV, whose natives come from Maven Central jars.
 * <p>
 * Compressed video decodes fastest in order, so frames are decoded one after the other and a frame asked
 * for out of order is reached by a seek (frame-accurate: FFmpeg decodes on from the key frame before it).
 * The last few frames are kept, so that reading a frame twice does not decode it twice. Frames are 8-bit
 * RGB, turned upright where the file says the camera was held on its side (phones store that as a rotation).
 * A file whose frame rate varies is read on an even grid of times ({@link FrameTimes}).
 * Read-only, like ImageJ's virtual stacks; the decoder is freed when the stack is no longer used.
 */
final class FfmpegStack extends ReadOnlyFrames {

	/** Frames decoded forward and dropped rather than sought to: a seek decodes from the key frame anyway. */
	private static final int FORWARD_DECODE = 90;
	/** Recent frames kept (RGB pixels). */
	private static final int KEPT = 4;

	private static final Cleaner CLEANER = Cleaner.create();
	private static volatile String unavailable;
	private static volatile boolean checked;

	private final File file;
	private final Decoder decoder;
	private final int frames, rotation;
	/** The even grid a file of variable frame rate is read on, or null where frames are read by index. */
	private final FrameTimes times;
	private final String codec;
	private final double fps;
	/** What the log says of a file holding several video streams, or null for one with a single stream. */
	private String streamNote;
	private final int[] keptT = new int[KEPT];
	private final int[][] kept = new int[KEPT][];
	private int keptNext;

	/** The grabber and where it stands, apart from the stack so that the cleaner can free it. */
	private static final class Decoder implements Runnable {

		final FFmpegFrameGrabber grabber;
		/** The frame the next grab gives (0-based). */
		int next;

		Decoder(final FFmpegFrameGrabber grabber) {
			this.grabber = grabber;
		}

		@Override
		public void run() {
			release(grabber);
		}
	}

	private FfmpegStack(final File file, final FFmpegFrameGrabber grabber, final int width, final int height,
		final int frames, final int rotation, final FrameTimes times)
	{
		super(width, height);
		this.file = file;
		this.decoder = new Decoder(grabber);
		this.times = times;
		this.frames = times == null ? frames : times.gridFrames();
		this.rotation = rotation;
		this.codec = grabber.getVideoCodecName();
		this.fps = times == null ? grabber.getVideoFrameRate() : times.fps();
		java.util.Arrays.fill(keptT, -1);
		CLEANER.register(this, decoder);
	}

	/**
	 * Whether FFmpeg's natives load on this machine; PulseJ ships them for Linux x86-64 only (Fiji's own
	 * FFmpeg update site adds them elsewhere).
	 */
	static boolean available() {
		return unavailableReason() == null;
	}

	/** {@code -Dpulsej.ffmpeg=false} leaves FFmpeg unused: such videos are then refused with the command that converts them. */
	static final String SWITCH = "pulsej.ffmpeg";

	/** Why FFmpeg cannot be used here, or null where it can. */
	static String unavailableReason() {
		if ("false".equalsIgnoreCase(System.getProperty(SWITCH))) return "turned off with -D" + SWITCH + "=false";
		if (!checked) {
			synchronized (FfmpegStack.class) {
				if (!checked) {
					try {
						FFmpegFrameGrabber.tryLoad();
						avutil.av_log_set_level(avutil.AV_LOG_QUIET); // PulseJ says what went wrong itself
						unavailable = null;
					}
					catch (final Throwable e) { // no natives for this platform, or JavaCV missing from the class path
						unavailable = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
					}
					checked = true;
				}
			}
		}
		return unavailable;
	}

	/**
	 * Opens {@code file} with FFmpeg.
	 *
	 * @throws PulseJException where FFmpeg cannot read it as a video
	 */
	static FfmpegStack open(final File file) {
		final String reason = unavailableReason();
		if (reason != null) throw new PulseJException("PulseJ cannot decode " + file.getName() + ": its FFmpeg decoder " +
			"does not load on this machine (" + reason + ").", VideoReader.CONVERT_FIX);
		final Stream chosen = new Stream();
		final double[] times = frameTimes(file, chosen);
		final FFmpegFrameGrabber g = new FFmpegFrameGrabber(file);
		// JavaCV takes the first video stream whose disposition is exactly its videoDisposition (0): of a default
		// stream and another one, the other. Name the one a player shows instead.
		if (chosen.index >= 0) g.setVideoStream(chosen.index);
		g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
		g.setVideoOption("threads", "auto");
		try {
			g.start();
			if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
				release(g);
				throw new PulseJException(file.getName() + " holds no video picture (only sound, or nothing FFmpeg can " +
					"decode).", "Give the recording of the face; check that it plays in a video player.");
			}
			final int rotation = quarterTurns(g.getDisplayRotation());
			final boolean across = rotation % 2 != 0;
			final int w = across ? g.getImageHeight() : g.getImageWidth();
			final int h = across ? g.getImageWidth() : g.getImageHeight();
			final FfmpegStack stack = new FfmpegStack(file, g, w, h, times.length, rotation, FrameTimes.of(times));
			stack.streamNote = chosen.note;
			return stack;
		}
		catch (final FFmpegFrameGrabber.Exception e) {
			release(g);
			throw notReadable(file, e);
		}
	}

	/**
	 * The presentation time in seconds of each video frame in {@code file} (NaN where a packet has none),
	 * from its packets (no decoding); their number is the frame count: the container's duration times the
	 * frame rate is only an estimate, and MKV and WebM state no frame count at all.
	 */
	private static double[] frameTimes(final File file, final Stream chosen) {
		FFmpegFrameGrabber g = new FFmpegFrameGrabber(file);
		try {
			try {
				g.start(false);
			}
			catch (final FFmpegFrameGrabber.Exception e) {
				// a container whose header lists no streams (MPEG program streams: .mpg, .vob, .mod) names them only once
				// FFmpeg has probed its packets (avformat_find_stream_info), which start(false) skips for speed
				release(g);
				g = new FFmpegFrameGrabber(file);
				g.start(true);
			}
			chooseStream(file, g.getFormatContext(), chosen);
			final int stream = chosen.index >= 0 ? chosen.index : g.getVideoStream();
			if (stream < 0) return new double[0];
			final org.bytedeco.ffmpeg.avutil.AVRational base = g.getFormatContext().streams(stream).time_base();
			final double unit = base.den() == 0 ? Double.NaN : (double) base.num() / base.den();
			double[] t = new double[1024];
			int n = 0;
			for (AVPacket p; (p = g.grabPacket()) != null;) {
				// a cut that starts between key frames (a phone's trim, ffmpeg -ss … -c copy) keeps the frames from the key
				// frame before it, before time 0 and marked to be discarded: the decoder gives none of them, so they are not
				// frames of the video (counted, the last of them were read as damaged)
				if (p.stream_index() == stream && (p.flags() & avcodec.AV_PKT_FLAG_DISCARD) == 0) {
					final long stamp = p.pts() != avutil.AV_NOPTS_VALUE ? p.pts() : p.dts();
					if (n == t.length) t = java.util.Arrays.copyOf(t, 2 * n);
					t[n++] = stamp == avutil.AV_NOPTS_VALUE ? Double.NaN : stamp * unit;
				}
				avcodec.av_packet_unref(p);
			}
			return java.util.Arrays.copyOf(t, n);
		}
		catch (final FFmpegFrameGrabber.Exception e) {
			throw notReadable(file, e);
		}
		finally {
			release(g);
		}
	}

	/** The video stream to read, and what the log says of it (null where the file holds one). */
	private static final class Stream {
		int index = -1;
		String note;
	}

	/**
	 * The video stream a player shows: of the video streams that are not a cover picture, the first one
	 * marked default, else the first; with a note naming it where the file holds more than one.
	 */
	private static void chooseStream(final File file, final org.bytedeco.ffmpeg.avformat.AVFormatContext oc,
		final Stream chosen)
	{
		if (oc == null) return;
		int first = -1, firstDefault = -1, count = 0;
		final int[] video = new int[oc.nb_streams()]; // the streams' numbers among the video streams (ffmpeg's 0:v:N)
		for (int i = 0; i < oc.nb_streams(); i++) {
			if (oc.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) video[i] = i == 0 ? 0 : video[i - 1] + 1;
			else video[i] = i == 0 ? -1 : video[i - 1];
			final org.bytedeco.ffmpeg.avformat.AVStream st = oc.streams(i);
			if (st.codecpar().codec_type() != avutil.AVMEDIA_TYPE_VIDEO || (st.disposition() & org.bytedeco.ffmpeg
				.global.avformat.AV_DISPOSITION_ATTACHED_PIC) != 0) continue;
			count++;
			if (first < 0) first = i;
			if (firstDefault < 0 && (st.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT) != 0)
				firstDefault = i;
		}
		chosen.index = firstDefault >= 0 ? firstDefault : first;
		if (count > 1) {
			final org.bytedeco.ffmpeg.avcodec.AVCodecParameters par = oc.streams(chosen.index).codecpar();
			int other = -1;
			for (int i = 0; i < oc.nb_streams() && other < 0; i++)
				if (i != chosen.index && oc.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO && (oc.streams(i)
					.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) other = video[i];
			chosen.note = String.format(java.util.Locale.ROOT, "%s holds %d video streams; stream %d (%dx%d%s) is " +
				"measured, the one a video player shows. To measure another, extract it first, e.g. ffmpeg -i %s " +
				"-map 0:v:%d -c copy OTHER.mkv", file.getName(), count, chosen.index, par.width(), par.height(),
				firstDefault >= 0 ? ", marked default" : ", the first", file.getName(), other);
		}
	}

	private static PulseJException notReadable(final File file, final Exception e) {
		return new PulseJException((file.length() == 0 ? file.getName() + " is empty (0 bytes)" : "FFmpeg cannot read " +
			file.getName() + " as a video") + (file.length() == 0 ? "." : ffmpegWords(e.getMessage())),
			"Check that it plays in a video player and is complete; copy or export it again. " + VideoReader.CONVERT_FIX,
			e);
	}

	/**
	 * FFmpeg's own words from a grabber's message, as " (…)." or "." where it has none: "avformat_open_input()
	 * error -1094995529: Could not open input "F". (Has setFormat() been called?) (For more details, make sure
	 * FFmpegLogCallback.set() has been called.)" says only "Could not open input "F"" to a user; the rest is
	 * advice to a programmer (and holds brackets of its own, so it is cut off to the end, not to a bracket).
	 */
	static String ffmpegWords(final String message) {
		final String why = message == null ? "" : message.replaceAll("\\(For more details.*$", "").replaceAll(
			"\\(Has setFormat\\(\\) been called\\?\\)", "").replaceAll("^\\w+\\(\\) error -?\\d+: ", "")
			.replaceAll("\\s+", " ").trim().replaceAll("\\.$", "");
		return why.isEmpty() ? "." : " (" + why + ").";
	}

	/** The display rotation in quarter turns clockwise (0-3); FFmpeg gives degrees counter-clockwise. */
	static int quarterTurns(final double degrees) {
		if (!Double.isFinite(degrees)) return 0;
		return Math.floorMod((int) Math.round(-degrees / 90), 4);
	}

	private static void release(final FFmpegFrameGrabber g) {
		try {
			g.release();
		}
		catch (final Exception | Error e) {
			// freed as far as it can be; nothing else holds it
		}
	}

	/**
	 * Frames per second as the file states them, or 0 where it states none; for a file of variable frame
	 * rate, the rate of the even grid it is read on ({@link FrameTimes}).
	 */
	double fps() {
		return fps > 0 && Double.isFinite(fps) ? fps : 0;
	}

	/** What the log says of a file holding several video streams, or null. */
	String streamNote() {
		return streamNote;
	}

	/** What the log says of a file of variable frame rate, or null for one read by index. */
	String timingNote() {
		return times == null ? null : times.note(file.getName());
	}

	/** The codec's name, e.g. h264. */
	String codec() {
		return codec;
	}

	@Override
	public synchronized ImageProcessor getProcessor(final int n) {
		if (n < 1 || n > frames) throw new IllegalArgumentException("Argument out of range: " + n);
		final int t = times == null ? n - 1 : times.source(n - 1);
		int[] px = keptFrame(t);
		if (px == null) {
			px = decode(t);
			if (px == null) return null; // the file ends early or the frame is damaged: Video stands in for it
			keep(t, px);
		}
		final ColorProcessor cp = new ColorProcessor(getWidth(), getHeight(), px.clone());
		cp.setSliceNumber(n);
		return cp;
	}

	private int[] keptFrame(final int t) {
		for (int i = 0; i < KEPT; i++)
			if (keptT[i] == t) return kept[i];
		return null;
	}

	private void keep(final int t, final int[] px) {
		keptT[keptNext] = t;
		kept[keptNext] = px;
		keptNext = (keptNext + 1) % KEPT;
	}

	/** Frame t's RGB pixels, upright, or null where it does not decode. */
	private int[] decode(final int t) {
		final FFmpegFrameGrabber g = decoder.grabber;
		try {
			if (t < decoder.next || t > decoder.next + FORWARD_DECODE && times == null) {
				// FFmpeg seeks to a frame number by the average rate: in a file of variable rate that is another
				// frame, so there only the start is sought (the grid asks for frames in order)
				g.setVideoFrameNumber(times == null ? t : 0);
				decoder.next = times == null ? t : 0;
			}
			while (decoder.next < t) { // decoded, not converted to RGB
				if (g.grabFrame(false, true, false, false, false) == null) return null;
				decoder.next++;
			}
			final Frame f = g.grabImage();
			if (f == null || f.image == null) return null;
			decoder.next++;
			return rgb(f);
		}
		catch (final FFmpegFrameGrabber.Exception e) {
			decoder.next = Integer.MAX_VALUE; // unknown: the next frame asked for seeks
			return null;
		}
	}

	private int[] rgb(final Frame f) {
		final int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
		final ByteBuffer b = (ByteBuffer) f.image[0];
		final int across = rotation % 2 != 0 ? h : w;
		if (across != getWidth() || (rotation % 2 != 0 ? w : h) != getHeight()) return null; // the size changed mid-file
		final int[] px = new int[w * h];
		final byte[] row = new byte[3 * w];
		for (int y = 0; y < h; y++) {
			b.position(y * stride);
			b.get(row);
			for (int x = 0; x < w; x++) {
				final int v = 0xff000000 | (row[3 * x + 2] & 0xff) << 16 | (row[3 * x + 1] & 0xff) << 8 | row[3 * x] & 0xff;
				px[target(x, y, w, h)] = v;
			}
		}
		return px;
	}

	/** Where pixel (x, y) of a w×h picture lands once turned upright. */
	private int target(final int x, final int y, final int w, final int h) {
		return switch (rotation) {
			case 1 -> x * h + (h - 1 - y); // a quarter turn clockwise: the picture is h wide
			case 2 -> (h - 1 - y) * w + (w - 1 - x);
			case 3 -> (w - 1 - x) * h + y;
			default -> y * w + x;
		};
	}

	@Override
	int frameCount() {
		return frames;
	}

	@Override
	public int getBitDepth() {
		return 24;
	}

	@Override
	public String getSliceLabel(final int n) {
		return file.getName() + " " + n;
	}
}

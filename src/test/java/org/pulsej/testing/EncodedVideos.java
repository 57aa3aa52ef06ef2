package org.pulsej.testing;

import ij.ImageStack;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes frames as compressed video through FFmpeg, in the container the file's extension names (MP4,
 * AVI, MKV, ...). Uses only ImageJ and JavaCV, so that UpdateSiteIT can run it on the update site's own jars.
 */
public final class EncodedVideos {

	private EncodedVideos() {}

	/**
	 * H.264 (OpenH264, YUV 4:2:0), as phones record. Like phones' encoders, OpenH264 drops changes too small
	 * to see where the picture is flat and still: a small, still, untextured face loses its pulse.
	 *
	 * @param rotation the display rotation the file records, in FFmpeg's degrees (counter-clockwise)
	 */
	public static void h264(final ImageStack frames, final double fps, final File file, final double rotation)
		throws IOException
	{
		write(frames, fps, file, rotation, avcodec.AV_CODEC_ID_H264, avutil.AV_PIX_FMT_YUV420P);
	}

	/**
	 * FFV1, lossless (RGB), e.g. in an MKV: every pixel as ImageJ had it, for even widths and heights (the
	 * recorder scales odd sizes to even ones).
	 */
	public static void lossless(final ImageStack frames, final double fps, final File file) throws IOException {
		write(frames, fps, file, 0, avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_BGR0);
	}

	/**
	 * FFV1, lossless, in an MKV whose frames carry the given presentation times (seconds, increasing, on a
	 * millisecond clock): a video of variable frame rate, as phones record in dim light.
	 */
	public static void losslessAt(final ImageStack frames, final double[] seconds, final File file)
		throws IOException
	{
		write(frames, seconds, file, 0, avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_BGR0);
	}

	/**
	 * Copies {@code from} (an MP4) into the MP4 {@code to} as a phone's trim or {@code ffmpeg -ss … -c copy} cuts
	 * a video between key frames: every packet kept, the first {@code preRoll} frames moved before time 0, so
	 * that the file's edit list marks them to be discarded (decoded only to decode what follows).
	 */
	public static void trimmed(final File from, final File to, final int preRoll) throws IOException {
		avutil.av_log_set_level(avutil.AV_LOG_QUIET);
		try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(from)) {
			g.start(false);
			final org.bytedeco.ffmpeg.avutil.AVRational base = g.getFormatContext().streams(g.getVideoStream())
				.time_base();
			final long shift = Math.round(preRoll / g.getFrameRate() * base.den() / base.num());
			try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(to, g.getImageWidth(), g.getImageHeight())) {
				r.setFormat("mp4");
				r.start(g.getFormatContext());
				for (org.bytedeco.ffmpeg.avcodec.AVPacket p; (p = g.grabPacket()) != null;) {
					if (p.pts() != avutil.AV_NOPTS_VALUE) p.pts(p.pts() - shift);
					if (p.dts() != avutil.AV_NOPTS_VALUE) p.dts(p.dts() - shift);
					r.recordPacket(p);
				}
			}
		}
	}

	/** MPEG-2 in an MPEG program stream (.mpg, .vob: DVDs, older camcorders), whose header lists no streams. */
	public static void mpegProgramStream(final ImageStack frames, final double fps, final File file) throws IOException {
		avutil.av_log_set_level(avutil.AV_LOG_QUIET);
		write(frames, new double[] { fps }, file, 0, avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, "mpeg");
	}

	/**
	 * One file holding the video streams of {@code first} and {@code second} (each a file of one video stream),
	 * in that order, the one numbered {@code defaultStream} (0 or 1) marked default: a player shows that one.
	 */
	public static void twoStreams(final File first, final File second, final File to, final int defaultStream)
		throws IOException
	{
		avutil.av_log_set_level(avutil.AV_LOG_QUIET);
		try (org.bytedeco.javacv.FFmpegFrameGrabber a = new org.bytedeco.javacv.FFmpegFrameGrabber(first);
			org.bytedeco.javacv.FFmpegFrameGrabber b = new org.bytedeco.javacv.FFmpegFrameGrabber(second))
		{
			a.start(false);
			b.start(false);
			final org.bytedeco.javacv.FFmpegFrameGrabber[] in = { a, b };
			final org.bytedeco.ffmpeg.avformat.AVFormatContext oc = new org.bytedeco.ffmpeg.avformat.AVFormatContext(null);
			check(org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2(oc, null, null, to.getPath()), to);
			final org.bytedeco.ffmpeg.avformat.AVStream[] out = new org.bytedeco.ffmpeg.avformat.AVStream[2];
			for (int i = 0; i < 2; i++) {
				final org.bytedeco.ffmpeg.avformat.AVStream src = in[i].getFormatContext().streams(in[i].getVideoStream());
				out[i] = org.bytedeco.ffmpeg.global.avformat.avformat_new_stream(oc, null);
				check(avcodec.avcodec_parameters_copy(out[i].codecpar(), src.codecpar()), to);
				out[i].codecpar().codec_tag(0);
				out[i].time_base(src.time_base());
				out[i].disposition(i == defaultStream ? org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT : 0);
			}
			final org.bytedeco.ffmpeg.avformat.AVIOContext pb = new org.bytedeco.ffmpeg.avformat.AVIOContext(null);
			check(org.bytedeco.ffmpeg.global.avformat.avio_open(pb, to.getPath(),
				org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE), to);
			oc.pb(pb);
			check(org.bytedeco.ffmpeg.global.avformat.avformat_write_header(oc,
				(org.bytedeco.ffmpeg.avutil.AVDictionary) null), to);
			for (int i = 0; i < 2; i++) {
				final org.bytedeco.ffmpeg.avformat.AVStream src = in[i].getFormatContext().streams(in[i].getVideoStream());
				for (org.bytedeco.ffmpeg.avcodec.AVPacket p; (p = in[i].grabPacket()) != null;) {
					if (p.stream_index() != in[i].getVideoStream()) continue;
					avcodec.av_packet_rescale_ts(p, src.time_base(), out[i].time_base());
					p.stream_index(i);
					check(org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame(oc, p), to);
				}
			}
			check(org.bytedeco.ffmpeg.global.avformat.av_write_trailer(oc), to);
			org.bytedeco.ffmpeg.global.avformat.avio_closep(oc.pb());
			org.bytedeco.ffmpeg.global.avformat.avformat_free_context(oc);
		}
	}

	private static void check(final int ret, final File file) throws IOException {
		if (ret < 0) throw new IOException("FFmpeg error " + ret + " writing " + file);
	}

	/** Transcodes a video ImageJ reads (e.g. an MJPEG AVI) into a lossless {@code to}; for UpdateSiteIT. */
	public static void transcodeLossless(final File from, final File to) throws IOException {
		final ij.ImagePlus imp = ij.IJ.openImage(from.getPath());
		if (imp == null) throw new IOException("ImageJ cannot open " + from);
		lossless(imp.getStack(), imp.getCalibration().fps > 0 ? imp.getCalibration().fps : 30, to);
	}

	private static void write(final ImageStack frames, final double fps, final File file, final double rotation,
		final int codec, final int pixelFormat) throws IOException
	{
		write(frames, new double[] { fps }, file, rotation, codec, pixelFormat);
	}

	/** {@code rate}: one value, the frame rate; or one presentation time per frame (seconds). */
	private static void write(final ImageStack frames, final double[] rate, final File file, final double rotation,
		final int codec, final int pixelFormat) throws IOException
	{
		write(frames, rate, file, rotation, codec, pixelFormat, null);
	}

	/** As above, in the container {@code format} (null: the one the file's extension names). */
	private static void write(final ImageStack frames, final double[] rate, final File file, final double rotation,
		final int codec, final int pixelFormat, final String format) throws IOException
	{
		final boolean stamped = rate.length == frames.getSize() && rate.length > 1;
		final double fps = stamped ? 1000 : rate[0];
		avutil.av_log_set_level(avutil.AV_LOG_QUIET); // the encoder's notes are not the test's output
		final int w = frames.getWidth(), h = frames.getHeight();
		try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file, w, h)) {
			if (format != null) r.setFormat(format);
			if (codec == avcodec.AV_CODEC_ID_MPEG2VIDEO) r.setVideoQuality(1); // as ffmpeg -q:v 1: the pulse survives
			r.setVideoCodec(codec);
			r.setFrameRate(fps);
			r.setPixelFormat(pixelFormat);
			r.setVideoBitrate(6_000_000);
			r.setDisplayRotation(rotation);
			r.start();
			// frames in the encoder's own layout where it takes RGB (BGR0), else BGR24
			final boolean bgr0 = pixelFormat == avutil.AV_PIX_FMT_BGR0;
			final int channels = bgr0 ? 4 : 3;
			final Frame f = new Frame(w, h, Frame.DEPTH_UBYTE, channels);
			final ByteBuffer b = (ByteBuffer) f.image[0];
			for (int i = 1; i <= frames.getSize(); i++) {
				final int[] px = (int[]) frames.getProcessor(i).convertToRGB().getPixels();
				for (int y = 0; y < h; y++) {
					b.position(y * f.imageStride);
					for (int x = 0; x < w; x++) {
						final int v = px[y * w + x];
						b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
						if (bgr0) b.put((byte) 0);
					}
				}
				b.rewind();
				if (stamped) r.setTimestamp(Math.round(rate[i - 1] * 1e6));
				r.record(f, bgr0 ? avutil.AV_PIX_FMT_BGR0 : avutil.AV_PIX_FMT_BGR24);
			}
			r.stop();
		}
	}
}

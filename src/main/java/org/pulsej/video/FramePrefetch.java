package org.pulsej.video;

import ij.process.ImageProcessor;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the frames of a video in order while worker threads decode the next few ahead of the
 * reader, and run per-frame work on them there too (e.g. face detection on key frames). The consumer
 * gets frame 0, 1, 2, ... exactly as {@link Video#frame} would give them. At most {@code ahead} frames
 * are held (fewer where the heap is small), so memory stays small for any video length.
 * <p>
 * Frames are decoded by several threads at once only where the stack allows it (frames in memory,
 * PulseJ's JPEG AVI reader); other virtual stacks are read by one worker thread, in order.
 *
 * @param <T> what the per-frame work returns
 */
public final class FramePrefetch<T> implements AutoCloseable {

	/** Work done on a worker thread for each frame; may return null. */
	@FunctionalInterface
	public interface Work<T> {
		T apply(int t, ImageProcessor frame);
	}

	/** Frame {@code t} and the result of the work on it. */
	public record Frame<T>(int t, ImageProcessor frame, T result) {}

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final Video video;
	private final Work<T> work;
	private final ExecutorService pool;
	private final ArrayDeque<Future<Frame<T>>> queue = new ArrayDeque<>();
	private final int ahead;
	private int submitted, taken;

	/**
	 * @param threads worker threads at most (fewer where the stack must be read in order)
	 * @param ahead frames decoded ahead of the consumer (memory: that many frames)
	 * @param work per-frame work on the worker thread, or null
	 */
	public FramePrefetch(final Video video, final int threads, final int ahead, final Work<T> work) {
		this.video = video;
		this.work = work;
		this.ahead = Math.max(1, Math.min(ahead, affordable(video)));
		final int n = parallelSafe(video) ? Math.max(1, threads) : 1;
		final int id = POOLS.incrementAndGet();
		this.pool = Executors.newFixedThreadPool(n, r -> {
			final Thread th = new Thread(r, "PulseJ frames " + id);
			th.setDaemon(true);
			return th;
		});
		while (submitted < Math.min(this.ahead, video.frames()))
			submit();
	}

	/**
	 * Frames that may be held ahead within an eighth of the heap Java can still use (a decoded frame, and
	 * as much again for the decoder's buffers): a small heap reads fewer frames ahead, never none.
	 */
	static int affordable(final Video video) {
		final int bytesPerPixel = video.bitDepth() == 8 ? 1 : video.bitDepth() == 16 ? 2 : 4;
		final double frame = 2.0 * video.width() * video.height() * bytesPerPixel;
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, MemoryBudget.available() / 8 / frame));
	}

	/** Threads for frame reading and per-frame work on this machine: all cores. */
	public static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** Whether several threads may read frames of {@code video} at once. */
	static boolean parallelSafe(final Video video) {
		return !video.isVirtual() || video.stack() instanceof JpegAviStack;
	}

	private void submit() {
		final int t = submitted++;
		queue.add(pool.submit(() -> {
			final ImageProcessor ip = video.frame(t);
			return new Frame<>(t, ip, work == null || ip == null ? null : work.apply(t, ip));
		}));
	}

	public boolean hasNext() {
		return taken < video.frames();
	}

	/** The next frame in order (waits for it); its errors are thrown here. */
	public Frame<T> next() {
		if (!hasNext()) throw new IllegalStateException("no frames left");
		final Future<Frame<T>> f = queue.poll();
		taken++;
		if (submitted < video.frames()) submit();
		try {
			return f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("Interrupted while reading frames.");
		}
		catch (final ExecutionException e) {
			final Throwable c = e.getCause();
			if (c instanceof RuntimeException r) throw r;
			if (c instanceof Error err) throw err;
			throw new IllegalStateException(c);
		}
	}

	/**
	 * Stops the workers and waits until none is running any more (a frame's work may use resources, such
	 * as a detector, that the caller frees next); frames not taken yet are dropped.
	 */
	@Override
	public void close() {
		for (final Future<Frame<T>> f : queue)
			f.cancel(false);
		pool.shutdown();
		boolean interrupted = false;
		while (true) {
			try {
				if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) Thread.currentThread().interrupt();
	}
}

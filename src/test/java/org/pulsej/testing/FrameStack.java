package org.pulsej.testing;

import ij.VirtualStack;
import ij.process.ImageProcessor;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An RGB virtual stack whose frames (1-based, as ImageJ numbers them) are made on demand by
 * {@code source}. It counts the frames it served, and remembers their pixels weakly so that a test
 * can count how many are still reachable ({@link #countAlive()}, every 100 frames and on demand).
 */
public final class FrameStack extends VirtualStack {

	private final IntFunction<ImageProcessor> source;
	private final int frames;
	private final boolean watch;
	public final List<WeakReference<Object>> handedOut = new ArrayList<>();
	public int maxAlive, checks, served;

	private FrameStack(final int width, final int height, final int frames, final IntFunction<ImageProcessor> source,
		final boolean watch)
	{
		super(width, height);
		this.frames = frames;
		this.source = source;
		this.watch = watch;
	}

	/** Frames made on demand. */
	public static FrameStack of(final int width, final int height, final int frames,
		final IntFunction<ImageProcessor> source)
	{
		return new FrameStack(width, height, frames, source, false);
	}

	/** Frames made on demand, whose reachability is counted ({@link #maxAlive}). */
	public static FrameStack watched(final int width, final int height, final int frames,
		final IntFunction<ImageProcessor> source)
	{
		return new FrameStack(width, height, frames, source, true);
	}

	@Override
	public ImageProcessor getProcessor(final int n) {
		if (++served % 100 == 0 && watch) countAlive();
		final ImageProcessor ip = source.apply(n);
		if (watch) handedOut.add(new WeakReference<>(ip.getPixels()));
		return ip;
	}

	/** After a full garbage collection: how many of the frames handed out are still reachable. */
	public void countAlive() {
		System.gc();
		int alive = 0;
		for (final WeakReference<Object> w : handedOut)
			if (w.get() != null) alive++;
		handedOut.removeIf(w -> w.get() == null);
		maxAlive = Math.max(maxAlive, alive);
		checks++;
	}

	@Override
	public int getSize() {
		return frames;
	}

	@Override
	public int size() {
		return frames;
	}

	@Override
	public int getBitDepth() {
		return 24;
	}
}

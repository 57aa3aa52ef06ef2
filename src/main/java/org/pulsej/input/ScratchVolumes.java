package org.pulsej.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.pulsej.util.DiskSpace;
import org.pulsej.util.PulseJException;
import org.pulsej.util.StopFromOutside;
import org.pulsej.video.MemoryBudget;

/**
 * Face volumes moved out of the heap into files of a scratch folder, so that a training set larger
 * than the heap can be trained on: each prepared volume is {@linkplain #spill spilled} and its array
 * dropped, and training reads its clips back by positional reads (no memory mapping, so the files
 * can be deleted at once on every system). {@link #close()} deletes the files and the folder.
 * <p>
 * The folder is a new {@code pulsej-volumes-*} folder inside the chosen parent (the temporary folder
 * by default), so PulseJ only ever deletes what it created.
 */
public final class ScratchVolumes implements AutoCloseable {

	public static final String PREFIX = "pulsej-volumes-";
	private static final int CHUNK = 1 << 20; // values written at a time

	private final Path folder;
	private final List<FileChannel> channels = new ArrayList<>();
	private long bytes;

	/**
	 * Deletes the folder when the JVM is stopped before {@link #close()} (a cluster job killed at its
	 * time limit gets SIGTERM first): gigabytes of volumes must not stay in a node's /tmp.
	 */
	private final Thread onExit;

	/** The name of the shutdown hook's thread that deletes the scratch folder. */
	public static final String HOOK_THREAD = "PulseJ scratch cleanup";

	private ScratchVolumes(final Path folder) {
		this.folder = folder;
		onExit = new Thread(this::deleteOnExit, HOOK_THREAD);
		Runtime.getRuntime().addShutdownHook(onExit);
	}

	/**
	 * What the shutdown hook does. bin/pulsej stopped from outside lets its run stop at its next step first,
	 * and training reads its volumes until then: the files go once the run has ended (it closes this itself
	 * then), or when the stop's wait is over ({@link StopFromOutside#awaitRunEnd}). Deleted at once, they
	 * failed the stopping training's reads.
	 */
	void deleteOnExit() {
		StopFromOutside.awaitRunEnd();
		try {
			delete();
		}
		catch (final RuntimeException e) {
			// the JVM is stopping; nothing else can be done
		}
	}

	/** Reads the free space of a scratch folder's disk. */
	interface UsableSpace {

		long of(Path folder) throws IOException;
	}

	/** How the free space is read (tests make it fail, as some containers do: "Mount point not found"). */
	static UsableSpace usableSpace = DiskSpace::usable;

	/**
	 * A new scratch folder inside {@code parent} (null = java.io.tmpdir), refused when its disk has
	 * less than {@code need} bytes free; when that cannot be read, made all the same with a warning to
	 * {@code log}.
	 *
	 * @param what what is spilled, for the message (e.g. "the face volumes of 40 video(s)")
	 */
	public static ScratchVolumes create(final Path parent, final double need, final String what,
		final Consumer<String> log)
	{
		final Path p = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
		try {
			Files.createDirectories(p);
			removeAbandoned(p);
			checkRoom(p, need, what, log);
			final Path folder = Files.createTempDirectory(p, PREFIX);
			Files.writeString(folder.resolve(OWNER), owner(ProcessHandle.current().pid()));
			return new ScratchVolumes(folder);
		}
		catch (final IOException e) {
			throw new PulseJException("The scratch folder for " + what + " cannot be made in " + p + " (" + e
				.getMessage() + ").", "Choose a writable scratch folder with room for them (scratch=/path/to/folder).", e);
		}
	}

	/** The file in a scratch folder naming the process that made it: host and process id. */
	static final String OWNER = "owner.txt";

	static String owner(final long pid) {
		return host() + " " + pid + "\n";
	}

	private static String host() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (final IOException e) {
			return "localhost";
		}
	}

	/**
	 * Deletes the scratch folders in {@code parent} that a process of this host made and that is gone
	 * (a training killed outright, e.g. by the kernel's out-of-memory killer, cannot clean up after
	 * itself). Folders of live processes, of other hosts (a shared disk) or without an owner file are
	 * left alone.
	 *
	 * @return the folders deleted
	 */
	static List<Path> removeAbandoned(final Path parent) {
		final List<Path> removed = new ArrayList<>();
		final String here = host(); // a name lookup: once, not per folder
		try (var dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (final Path d : dirs) {
				final Path ownerFile = d.resolve(OWNER);
				if (!Files.isDirectory(d) || !Files.isRegularFile(ownerFile)) continue;
				final String[] o = Files.readString(ownerFile).trim().split(" ");
				if (o.length != 2 || !o[0].equals(here)) continue;
				final long pid;
				try {
					pid = Long.parseLong(o[1]);
				}
				catch (final NumberFormatException e) {
					continue;
				}
				if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
				try (var files = Files.list(d)) {
					for (final Path f : files.toList())
						Files.deleteIfExists(f);
				}
				Files.deleteIfExists(d);
				removed.add(d);
			}
		}
		catch (final IOException e) {
			// best effort: a folder that cannot be read or deleted is left as it is
		}
		return removed;
	}

	/**
	 * Refuses when the disk of {@code parent} has less than {@code need} bytes free. A free space that
	 * cannot be read is no reason to refuse (Generate Synthetic Video goes ahead too): a disk that fills
	 * up fails the write, which names the scratch folder ({@link #spill}).
	 */
	private static void checkRoom(final Path parent, final double need, final String what,
		final Consumer<String> log)
	{
		final long usable;
		try {
			usable = usableSpace.of(parent);
		}
		catch (final IOException e) {
			log.accept(String.format(Locale.ROOT, "PulseJ: warning — the free space of the disk of %s could not be " +
				"read (%s); training goes ahead, and %s need about %s there.", parent, e.getMessage() != null ? e
					.getMessage() : e.getClass().getSimpleName(), what, MemoryBudget.size(need)));
			return;
		}
		checkSpace(parent, need, usable, what);
	}

	/** Refuses when {@code usable} bytes are fewer than {@code need}. */
	static void checkSpace(final Path parent, final double need, final long usable, final String what) {
		if (need <= usable) return;
		throw new PulseJException(String.format(Locale.ROOT,
			"Training keeps %s in a scratch folder in %s (they do not fit in Java's memory) and needs about %s there, " +
				"but that disk has only %s free.", what, parent, MemoryBudget.size(need), MemoryBudget.size(usable)),
			"Free space there, choose a scratch folder on a disk with more room (scratch=/path/to/folder), give Java " +
				"more memory (Fiji: Edit > Options > Memory & Threads; bin/pulsej: PULSEJ_JAVA_OPTS=-Xmx16g), or train " +
				"on fewer or shorter videos.");
	}

	public Path folder() {
		return folder;
	}

	/** Bytes written so far. */
	public long bytes() {
		return bytes;
	}

	/**
	 * The volume written to a file of the scratch folder, as a read-only volume reading from it; the
	 * caller drops {@code v} (its array) afterwards.
	 */
	public synchronized FaceVolume spill(final FaceVolume v) {
		final Path file = folder.resolve(String.format(Locale.ROOT, "volume-%04d.f32", channels.size()));
		try {
			final FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
			channels.add(ch);
			final ByteBuffer buf = ByteBuffer.allocate(Float.BYTES * (int) Math.min(CHUNK, Math.max(1, v.size())))
				.order(ByteOrder.LITTLE_ENDIAN);
			final float[] part = new float[buf.capacity() / Float.BYTES];
			long pos = 0;
			for (long i = 0; i < v.size(); i += part.length) {
				final int n = (int) Math.min(part.length, v.size() - i);
				v.read(i, part, 0, n);
				buf.clear();
				buf.asFloatBuffer().put(part, 0, n);
				buf.limit(n * Float.BYTES);
				while (buf.hasRemaining())
					pos += ch.write(buf, pos);
			}
			bytes += pos;
			return FaceVolume.stored(new FileStorage(ch, file), v.channels(), v.frames(), v.height(), v.width(), v
				.fps()).withNuisance(v.nuisance());
		}
		catch (final IOException e) {
			throw new PulseJException("A face volume cannot be written to the scratch folder " + folder + " (" + e
				.getMessage() + ").", "Choose a scratch folder on a disk with more free room (scratch=/path/to/folder).",
				e);
		}
	}

	/** Closes and deletes every file and the folder; nothing of the training is left behind. */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(onExit);
		}
		catch (final IllegalStateException e) {
			// already shutting down: the hook deletes
		}
		delete();
	}

	private synchronized void delete() {
		// closed first even when the folder is gone (removed from outside): the open files hold their disk space
		for (final FileChannel ch : channels)
			try {
				ch.close();
			}
			catch (final IOException e) {
				// deleted below all the same
			}
		channels.clear();
		if (!Files.exists(folder)) return;
		try (var files = Files.list(folder)) {
			for (final Path f : files.toList())
				Files.deleteIfExists(f);
			Files.deleteIfExists(folder);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("The scratch folder " + folder + " could not be deleted", e);
		}
	}

	/** Positional reads of little-endian floats; one buffer, grown as needed. */
	private static final class FileStorage implements FaceVolume.Storage {

		private final FileChannel ch;
		private final Path file;
		private ByteBuffer buf = ByteBuffer.allocate(0);

		FileStorage(final FileChannel ch, final Path file) {
			this.ch = ch;
			this.file = file;
		}

		@Override
		public synchronized void read(final long index, final float[] dst, final int off, final int length) {
			final int n = length * Float.BYTES;
			if (buf.capacity() < n) buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
			buf.clear().limit(n);
			final long at = index * Float.BYTES;
			try {
				while (buf.hasRemaining())
					if (ch.read(buf, at + buf.position()) < 0) throw new IOException("end of file at " + (at + buf
						.position()));
			}
			catch (final IOException e) {
				throw new PulseJException("The scratch file " + file + " of a training video cannot be read (" + e
					.getMessage() + ").", "Keep the scratch folder while training runs, or choose another one " +
						"(scratch=/path/to/folder).", e);
			}
			buf.flip();
			buf.asFloatBuffer().get(dst, off, length);
		}
	}
}

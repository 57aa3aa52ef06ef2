package org.pulsej.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes output files so that a reader never sees a half-written file: the content goes to a
 * temporary file in the same folder, which is then renamed over the target in one step. The
 * temporary file's name says which process writes it ({@code .NAME~PID@HOST~RANDOM.part}), so a run
 * that cleans up after a killed one never deletes the live temporary file of a run that is still
 * writing ({@link #isAbandoned}).
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** This process: its id and host, as written into the names of its temporary files. */
	static final String OWNER = ProcessHandle.current().pid() + "@" + host();

	/** A temporary file without an owner in its name (an older PulseJ) counts as abandoned after this long. */
	static final long UNTAGGED_AGE_MS = 10 * 60_000L;
	/** ... and one of another host (a shared disk; its process cannot be asked) after this long. */
	static final long OTHER_HOST_AGE_MS = 6 * 3600_000L;

	private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("~(\\d+)@([^~/]+)~[^~]*\\.part$");

	/** This host's name, without characters that the temporary file's name uses as separators. */
	public static String host() {
		String h;
		try {
			h = java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (final IOException | RuntimeException e) {
			h = System.getenv().getOrDefault("HOSTNAME", "localhost");
		}
		h = h.replaceAll("[^A-Za-z0-9._-]", "_");
		return h.isEmpty() ? "localhost" : h;
	}

	/**
	 * Whether a temporary file {@code .NAME~PID@HOST~RANDOM.part} was left by a process that is gone:
	 * one of this host whose process no longer runs. A file of this process or of a live one is never
	 * abandoned; one of another host, or without an owner in its name, only when it has not been
	 * written to for hours (respectively minutes): writing one file takes seconds.
	 */
	public static boolean isAbandoned(final Path file) {
		final String name = file.getFileName().toString();
		final long age;
		try {
			age = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
		}
		catch (final IOException e) {
			return false; // gone already, or unreadable: leave it
		}
		final java.util.regex.Matcher m = TAG.matcher(name);
		if (!m.find()) return age > UNTAGGED_AGE_MS;
		final long pid;
		try {
			pid = Long.parseLong(m.group(1));
		}
		catch (final NumberFormatException e) {
			return age > UNTAGGED_AGE_MS;
		}
		if (!m.group(2).equals(OWNER.substring(OWNER.indexOf('@') + 1))) return age > OTHER_HOST_AGE_MS;
		if (pid == ProcessHandle.current().pid()) return false;
		return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** Something that writes the content of a file. */
	@FunctionalInterface
	public interface Content {
		void write(OutputStream out) throws IOException;
	}

	/** Something that writes the text of a file. */
	@FunctionalInterface
	public interface Text {
		void write(Writer out) throws IOException;
	}

	public static void writeText(final Path target, final Text text) {
		write(target, utf8(text));
	}

	/** The content of {@code text} in UTF-8. */
	public static Content utf8(final Text text) {
		return out -> {
			final Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
			text.write(w);
			w.flush();
		};
	}

	public static void writeString(final Path target, final String text) {
		writeText(target, w -> w.write(text));
	}

	/**
	 * Writes several files as one set, in the order given: each is written in full to a temporary file
	 * first, then each takes its place. When one cannot (a folder of its name in the way, a file locked or
	 * immutable), those already replaced get their earlier contents back and those new are removed, so the
	 * folder holds the whole old set or the whole new one, not a mix (one video's PPG new, its heart rate
	 * old). Earlier contents are kept as temporary copies until the set is in place.
	 */
	public static void writeAllText(final java.util.Map<Path, Text> files) {
		final java.util.Map<Path, Content> contents = new java.util.LinkedHashMap<>();
		files.forEach((path, text) -> contents.put(path, utf8(text)));
		writeAll(contents);
	}

	/** {@link #writeAllText} for files of any content (a video's tables and its plots). */
	public static void writeAll(final java.util.Map<Path, Content> files) {
		if (files.size() == 1) {
			final java.util.Map.Entry<Path, Content> only = files.entrySet().iterator().next();
			write(only.getKey(), only.getValue());
			return;
		}
		final java.util.List<Path> targets = new java.util.ArrayList<>(), temps = new java.util.ArrayList<>(),
			copies = new java.util.ArrayList<>();
		try {
			for (final java.util.Map.Entry<Path, Content> f : files.entrySet()) {
				final Path target = f.getKey().toAbsolutePath(), dir = target.getParent();
				ensureWritableDirectory(dir);
				if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw notReplaced(target,
					new IOException("a folder"));
				targets.add(target);
				temps.add(temporaryFile(dir, target, f.getValue()));
				Path copy = null;
				if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
					copy = createTemp(dir, "." + target.getFileName().toString());
					unfinished(copy, true);
					// a symbolic link is kept as the link it was
					Files.copy(target, copy, StandardCopyOption.REPLACE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS);
				}
				copies.add(copy);
			}
		}
		catch (final IOException e) {
			removeAll(temps);
			removeAll(copies);
			final Path at = targets.isEmpty() ? files.keySet().iterator().next() : targets.get(targets.size() - 1);
			throw new PulseJException("Could not write " + at + ": " + ioProblem(e), "Check that the disk is not full " +
				"and that you may write to " + at.toAbsolutePath().getParent() + ".", e);
		}
		catch (final RuntimeException e) {
			removeAll(temps);
			removeAll(copies);
			throw e;
		}
		for (int i = 0; i < targets.size(); i++) {
			try {
				move(temps.get(i), targets.get(i));
			}
			catch (final IOException e) {
				// put back what this set replaced, remove what it added
				for (int j = 0; j < i; j++)
					try {
						if (copies.get(j) != null) move(copies.get(j), targets.get(j));
						else Files.deleteIfExists(targets.get(j));
					}
					catch (final IOException ignored) {
						// the failure below is what the user can act on
					}
				removeAll(temps);
				removeAll(copies);
				throw notReplaced(targets.get(i), e);
			}
			unfinished(temps.get(i), false);
		}
		removeAll(copies);
	}

	/**
	 * A temporary file in {@code dir} for {@code target}, holding {@code content} in full and marked
	 * {@link #unfinished}; removed again when writing it fails.
	 */
	private static Path temporaryFile(final Path dir, final Path target, final Content content) throws IOException {
		final Path tmp = createTemp(dir, "." + target.getFileName().toString());
		unfinished(tmp, true);
		try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
			content.write(out);
		}
		catch (final IOException | RuntimeException e) {
			removeAll(java.util.List.of(tmp));
			throw e;
		}
		return tmp;
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Deletes the files that exist of {@code files} (nulls skipped) and forgets them as unfinished. */
	private static void removeAll(final java.util.List<Path> files) {
		for (final Path p : files) {
			if (p == null) continue;
			try {
				Files.deleteIfExists(p);
			}
			catch (final IOException ignored) {
				// a leftover temporary file is removed by the next run (isAbandoned)
			}
			unfinished(p, false);
		}
	}

	/** The name of the shutdown hook's thread that deletes unfinished temporary files. */
	public static final String HOOK_THREAD = "pulsej-temporary-files";

	/** Temporary files being written now; a JVM ended by a signal deletes them (see {@link #unfinished}). */
	private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

	static {
		// kill -TERM, a cluster's time limit or quitting Fiji mid-write: no half file (a 1 GB video) stays
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (final Path p : LIVE)
				try {
					Files.deleteIfExists(p);
				}
				catch (final IOException | RuntimeException e) {
					// the next batch run removes what is left (CompletedVideos)
				}
		}, HOOK_THREAD));
	}

	/**
	 * Marks {@code tmp} as a temporary file being written (true) or finished or gone (false); those
	 * still marked when the JVM is ended are deleted.
	 */
	public static void unfinished(final Path tmp, final boolean writing) {
		if (tmp == null) return;
		if (writing) LIVE.add(tmp);
		else LIVE.remove(tmp);
	}

	public static void write(final Path target, final Content content) {
		final Path dir = target.toAbsolutePath().getParent();
		ensureWritableDirectory(dir);
		Path tmp = null;
		try {
			tmp = temporaryFile(dir, target, content);
			try {
				move(tmp, target);
			}
			catch (final IOException e) {
				throw notReplaced(target, e);
			}
			unfinished(tmp, false);
			tmp = null;
		}
		catch (final IOException e) {
			// ioProblem: the PNG encoder's "I/O error writing PNG file!" hid "No space left on device"
			throw new PulseJException("Could not write " + target + ": " + ioProblem(e),
				"Check that the disk is not full and that you may write to " + dir + ".", e);
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (final IOException ignored) {
				// the failure above is what the user needs to know about
			}
			unfinished(tmp, false);
		}
	}

	/**
	 * The file was written in full, but could not take the place of {@code target}: the disk is not full,
	 * the file of that name is in the way. It said "Check that the disk is not full", with Java's message
	 * naming the temporary file ("/out/.summary.csv~123@host~456.part -> /out/summary.csv: Operation not
	 * permitted"): a file open in a spreadsheet (Windows locks it), read-only or immutable, another user's in
	 * a folder with the sticky bit, or a folder of that name.
	 */
	private static PulseJException notReplaced(final Path target, final IOException e) {
		final String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
			: ioProblem(e);
		if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return new PulseJException(
			"Could not write " + target + ": a folder of that name is in the way.", "Move that folder " +
				"away, or choose another output folder.", e);
		return new PulseJException("Could not write " + target + ": the file there cannot be replaced (" + why + ").",
			"Close it if a program has it open (a spreadsheet such as Excel locks the files it shows), make it " +
				"writable if it is read-only or protected (ls -l, lsattr; chattr -i), or choose another output folder.",
			e);
	}

	/** The most bytes a file name may have (ext4, XFS, NTFS, APFS: 255). */
	public static final int NAME_MAX_BYTES = 255;

	/**
	 * The bytes of the longest name the temporary file of {@code name} can have
	 * ({@code .NAME~PID@HOST~RANDOM.part}, RANDOM up to 20 digits), in UTF-8 as the file system stores it.
	 */
	public static int temporaryNameBytes(final String name) {
		return ("." + name + "~" + OWNER + "~").getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 20 +
			".part".length();
	}

	/**
	 * A temporary file readable like any other output (rw-r--r-- less the umask), not the owner-only
	 * default of temporary files: results on a shared cluster disk must be readable by the group.
	 */
	private static Path createTemp(final Path dir, final String name) throws IOException {
		final String prefix = name + "~" + OWNER + "~";
		try {
			return Files.createTempFile(dir, prefix, ".part", PosixFilePermissions.asFileAttribute(PosixFilePermissions
				.fromString("rw-r--r--")));
		}
		catch (final UnsupportedOperationException notPosix) {
			return Files.createTempFile(dir, prefix, ".part");
		}
	}

	/**
	 * Why a file operation failed, in words: Java's file exceptions carry only the path as their
	 * message ("Cannot create /proc/x (/proc/x)"), the reason is their type.
	 */
	public static String ioProblem(final IOException e) {
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.NoSuchFileException n) {
			final Path parent = n.getFile() == null ? null : Path.of(n.getFile()).getParent();
			// a parent that is there but refuses new entries (/proc, a mount point) says "no such file" too
			return parent != null && Files.isDirectory(parent) ? "the file system there does not allow it"
				: "a folder on the way does not exist";
		}
		if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
		if (e instanceof java.nio.file.NotDirectoryException) return "a file on the way is not a folder";
		if (e instanceof java.nio.file.FileSystemException f) return f.getReason() != null ? f.getReason()
			: "the file system refused";
		// an encoder's own words ("I/O error writing PNG file!") hide the system's below them
		for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause())
			if (c instanceof IOException io && io.getMessage() != null && !io.getMessage().isBlank()) return ioProblem(io);
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/**
	 * The refusal of a file in an output folder that PulseJ did not write: it is left untouched, never
	 * replaced.
	 *
	 * @param why how that was told, or null
	 * @param orElse another way out beyond moving the file or choosing another folder, or null
	 */
	public static PulseJException foreign(final Path file, final String why, final String orElse) {
		return new PulseJException("The output folder holds a " + file.getFileName() + " that PulseJ did not write (" +
			file + (why == null ? "" : "; " + why) + "); it is left untouched.", "Choose another output folder, or " +
				"move that file away" + (orElse == null ? "." : " (or " + orElse + ")."));
	}

	/** Creates the folder if needed and checks that files can be written in it. */
	public static void ensureWritableDirectory(final Path dir) {
		try {
			refuseUnusableFolder(dir);
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot create the output folder " + dir + " (" + ioProblem(e) + ").",
				"Choose a folder you may write to for output=.", e);
		}
		if (!Files.isWritable(dir)) throw new PulseJException("The output folder " + dir + " is not writable.",
			"Choose a folder you may write to for output=.");
	}

	/**
	 * Refuses, without creating anything, an output folder that cannot be made or written: a file of its
	 * name, a file or a broken symbolic link on its way, or (where it does not exist yet) a nearest existing
	 * folder that is not writable. Long work (a training) checks this before it starts, not after.
	 */
	public static void checkOutputFolder(final Path dir) {
		try {
			refuseUnusableFolder(dir);
		}
		catch (final IOException e) {
			throw new PulseJException("Cannot create the output folder " + dir + " (" + ioProblem(e) + ").",
				"Choose a folder you may write to for output=.", e);
		}
		Path p = dir.toAbsolutePath();
		while (p != null && !Files.exists(p))
			p = p.getParent();
		if (p != null && !Files.isWritable(p)) throw new PulseJException(p.equals(dir.toAbsolutePath()) ? "The output " +
			"folder " + dir + " is not writable." : "Cannot create the output folder " + dir + ": " + p + " is not " +
				"writable.", "Choose a folder you may write to for output=.");
	}

	private static void refuseUnusableFolder(final Path dir) throws IOException {
		if (Files.exists(dir) && !Files.isDirectory(dir)) throw new PulseJException("The output " + dir +
			" is a file, not a folder.", "Choose a folder for output=.");
		// a file on the way (output=results.csv/run1): it said "(Not a directory)", and to choose a folder one may
		// write to
		for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent())
			if (Files.exists(p) && !Files.isDirectory(p)) throw new PulseJException("Cannot create the output folder " +
				dir + ": " + p + " on its way is a file, not a folder.", "Choose an output folder whose path holds " +
					"no file, e.g. output=" + p.resolveSibling(dir.getFileName()) + ".");
		// a symbolic link that leads nowhere (a scratch folder purged, a link copied to another machine), as the
		// output or on its way: it said "(a file of that name is in the way)", with a fix about permissions
		for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent())
			if (Files.isSymbolicLink(p) && !Files.exists(p)) {
				final Path target = Files.readSymbolicLink(p);
				final Path leads = p.resolveSibling(target).normalize();
				throw new PulseJException("Cannot create the output folder " + dir + ": " + (p.equals(dir
					.toAbsolutePath()) ? "it" : p + " on its way") + " is a symbolic link to " + target +
					", which does not exist.", "Create the folder it leads to (mkdir -p '" + leads + "'), repair the " +
						"link, or give output= another folder.");
			}
	}
}

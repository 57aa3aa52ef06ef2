package org.pulsej.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	@TempDir
	Path dir;

	@Test
	void writesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
		final Path f = dir.resolve("a.csv");
		AtomicFiles.writeString(f, "one\n");
		AtomicFiles.writeString(f, "two\n");
		assertEquals("two\n", Files.readString(f));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "only the target file remains");
		}
	}

	@Test
	void outputsAreReadableByOthersLikeOrdinaryFiles() throws IOException {
		final Path f = dir.resolve("shared.csv");
		AtomicFiles.writeString(f, "x\n");
		final var perms = Files.getPosixFilePermissions(f);
		assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ) || perms.contains(
			java.nio.file.attribute.PosixFilePermission.GROUP_READ), "not owner-only: " + perms);
	}

	@Test
	void failedWriteKeepsTheOldContent() throws IOException {
		final Path f = dir.resolve("b.csv");
		AtomicFiles.writeString(f, "kept\n");
		assertThrows(PulseJException.class, () -> AtomicFiles.write(f, out -> {
			out.write("half".getBytes());
			throw new IOException("disk full (simulated)");
		}));
		assertEquals("kept\n", Files.readString(f));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "the partial file was removed");
		}
	}

	/**
	 * A file written in full that cannot take the place of the one there said "Check that the disk is not
	 * full", naming the temporary file: a folder in the way, or a file that cannot be replaced (immutable
	 * here; open in Excel on Windows, read-only, another user's in a sticky folder). Nothing is changed.
	 */
	@Test
	void aFileThatCannotBeReplacedIsNamedWithoutBlamingTheDisk() throws Exception {
		final Path folder = Files.createDirectories(dir.resolve("in-the-way.csv").resolve("x"));
		PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.writeString(folder.getParent(), "y"));
		assertTrue(e.problem().equals("Could not write " + folder.getParent() + ": a folder of that name is in the " +
			"way.") && e.fix().startsWith("Move that folder away"), e.getMessage());
		assertFalse(e.getMessage().contains(".part") || e.getMessage().contains("disk is not full"), e.getMessage());
		assertTrue(Files.isDirectory(folder));

		final Path locked = Files.writeString(dir.resolve("summary.csv"), "old\n");
		org.junit.jupiter.api.Assumptions.assumeTrue(org.pulsej.testing.FileFlags.chattr("+i", locked), "chattr +i is not available here");
		try {
			e = assertThrows(PulseJException.class, () -> AtomicFiles.writeString(locked, "new\n"));
			assertTrue(e.problem().equals("Could not write " + locked + ": the file there cannot be replaced " +
				"(Operation not permitted).") && e.fix().contains("Excel") && e.fix().contains("read-only"), e
					.getMessage());
			assertEquals("old\n", Files.readString(locked));
		}
		finally {
			org.pulsej.testing.FileFlags.chattr("-i", locked);
		}
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(2, s.count(), "no temporary file left");
		}
	}

	/**
	 * One video's files are a set: when one of them cannot be replaced, the others were already new (its
	 * PPG new, its heart rate old). Now the whole set stays as it was, or is all new.
	 */
	@Test
	void aSetOfFilesIsReplacedWholeOrNotAtAll() throws Exception {
		final Path a = Files.writeString(dir.resolve("v_ppg.csv"), "old ppg\n"), b = dir.resolve("v_heart_rate.csv"),
			c = dir.resolve("v_beats.csv");
		Files.createDirectories(b.resolve("x")); // a folder in the way of the second file
		final java.util.Map<Path, AtomicFiles.Text> set = new java.util.LinkedHashMap<>();
		set.put(a, w -> w.write("new ppg\n"));
		set.put(c, w -> w.write("new beats\n"));
		set.put(b, w -> w.write("new hr\n"));
		final PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.writeAllText(set));
		assertTrue(e.problem().equals("Could not write " + b + ": a folder of that name is in the way."), e.getMessage());
		assertEquals("old ppg\n", Files.readString(a), "the earlier content is back");
		assertFalse(Files.exists(c), "a file new to the set is removed again");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(2, s.count(), "no temporary file or copy left");
		}
		// without the folder in the way, the whole set is new
		Files.delete(b.resolve("x"));
		Files.delete(b);
		AtomicFiles.writeAllText(set);
		assertEquals("new ppg\n", Files.readString(a));
		assertEquals("new hr\n", Files.readString(b));
		assertEquals("new beats\n", Files.readString(c));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(3, s.count(), "no temporary file or copy left");
		}
		// an immutable file (where chattr works): the files before it get their contents back
		org.junit.jupiter.api.Assumptions.assumeTrue(org.pulsej.testing.FileFlags.chattr("+i", b), "chattr +i is not available here");
		try {
			set.put(a, w -> w.write("newer ppg\n"));
			assertThrows(PulseJException.class, () -> AtomicFiles.writeAllText(set));
			assertEquals("new ppg\n", Files.readString(a));
			assertEquals("new beats\n", Files.readString(c));
		}
		finally {
			org.pulsej.testing.FileFlags.chattr("-i", b);
		}
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(3, s.count(), "no temporary file or copy left");
		}
	}

	/**
	 * A full disk while a video's plots were written left its new tables beside its old plots and its old
	 * summary row. Now the tables, plots and row are one set: a file of it that cannot be written leaves
	 * every file as it was.
	 */
	@Test
	void aSetWithAFileThatCannotBeWrittenLeavesEveryFileAsItWas() throws Exception {
		final Path csv = Files.writeString(dir.resolve("v_ppg.csv"), "old ppg\n"), png = dir.resolve("v_ppg.png"),
			summary = Files.writeString(dir.resolve("summary.csv"), "old row\n");
		final java.util.Map<Path, AtomicFiles.Content> set = new java.util.LinkedHashMap<>();
		set.put(csv, AtomicFiles.utf8(w -> w.write("new ppg\n")));
		set.put(png, out -> {
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
			throw new IOException("I/O error writing PNG file!", new IOException("No space left on device"));
		});
		set.put(summary, AtomicFiles.utf8(w -> w.write("new row\n")));
		final PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.writeAll(set));
		assertTrue(e.problem().equals("Could not write " + png + ": No space left on device") && e.getMessage().contains(
			"disk is not full"), e.getMessage());
		assertEquals("old ppg\n", Files.readString(csv));
		assertEquals("old row\n", Files.readString(summary));
		assertFalse(Files.exists(png));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(2, s.count(), "no temporary file or copy left");
		}
	}

	@Test
	void outputThatIsAFileIsRefusedWithAFix() throws IOException {
		final Path file = Files.writeString(dir.resolve("notafolder"), "x");
		final PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.writeString(file.resolve(
			"c.csv"), "y"));
		assertTrue(e.getMessage().contains("output="), e.getMessage());
		assertFalse(e.fix().isEmpty());
		assertEquals("x", Files.readString(file), "the file in the way is untouched");
	}

	@Test
	void aFileOnTheWayOfAnOutputFolderIsNamed() throws IOException {
		// output=results.csv/run1: "Cannot create the output folder … (Not a directory)", choose one you may write to
		final Path file = Files.writeString(dir.resolve("results.csv"), "x");
		final PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.ensureWritableDirectory(file
			.resolve("run1/a")));
		assertTrue(e.getMessage().contains(": " + file + " on its way is a file, not a folder."), e.getMessage());
		assertTrue(e.fix().contains("output=" + dir.resolve("a")), e.fix());
		assertEquals("x", Files.readString(file));
	}

	/**
	 * An output folder that is a symbolic link leading nowhere (a purged scratch folder), or has one on its
	 * way: it said "(a file of that name is in the way)", with a fix to choose a folder one may write to.
	 */
	@Test
	void aSymbolicLinkThatLeadsNowhereIsNamed() throws IOException {
		final Path link = Files.createSymbolicLink(dir.resolve("results"), Path.of("gone/scratch"));
		PulseJException e = assertThrows(PulseJException.class, () -> AtomicFiles.ensureWritableDirectory(link));
		assertTrue(e.getMessage().contains(": it is a symbolic link to gone/scratch, which does not exist."), e
			.getMessage());
		assertTrue(e.fix().contains("mkdir -p '" + dir.resolve("gone/scratch") + "'") && e.fix().contains("output="), e
			.fix());
		e = assertThrows(PulseJException.class, () -> AtomicFiles.ensureWritableDirectory(link.resolve("run1")));
		assertTrue(e.getMessage().contains(": " + link + " on its way is a symbolic link to gone/scratch"), e
			.getMessage());
		assertTrue(Files.isSymbolicLink(link) && !Files.exists(dir.resolve("gone")), "nothing made, the link untouched");
		// a link to a folder that is there is written through, as before
		Files.createDirectories(dir.resolve("gone/scratch"));
		AtomicFiles.ensureWritableDirectory(link.resolve("run1"));
		assertTrue(Files.isDirectory(dir.resolve("gone/scratch/run1")));
	}
}

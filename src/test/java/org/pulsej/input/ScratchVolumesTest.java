package org.pulsej.input;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.pipeline.TrainingJob;
import org.pulsej.util.PulseJException;
import org.pulsej.util.StopFromOutside;

class ScratchVolumesTest {

	@TempDir
	Path dir;

	private static final java.util.function.Consumer<String> NO_LOG = line -> {};

	private static FaceVolume random(final int t, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final FaceVolume v = FaceVolume.zeros(3, t, 12, 8, 25);
		for (int i = 0; i < v.data().length; i++)
			v.data()[i] = (float) rnd.nextGaussian();
		v.data()[5] = Float.NaN;
		v.data()[6] = -0f;
		return v;
	}

	@Test
	void aSpilledVolumeReadsBackBitForBitAndCloseLeavesNothing() throws Exception {
		final FaceVolume a = random(40, 1), b = random(7, 2);
		final Path folder;
		try (ScratchVolumes s = ScratchVolumes.create(dir, 1e6, "test volumes", NO_LOG)) {
			folder = s.folder();
			assertEquals(dir, folder.getParent());
			assertTrue(folder.getFileName().toString().startsWith(ScratchVolumes.PREFIX), folder.toString());
			final FaceVolume sa = s.spill(a), sb = s.spill(b);
			assertEquals(4L * (a.size() + b.size()), s.bytes());
			try (Stream<Path> f = Files.list(folder)) {
				assertEquals(2, f.filter(x -> x.toString().endsWith(".f32")).count());
			}
			assertFalse(sa.inMemory());
			assertEquals(a.frames(), sa.frames());
			assertEquals(a.fps(), sa.fps());
			final float[] back = new float[(int) sa.size()];
			sa.read(0, back, 0, back.length);
			for (int i = 0; i < back.length; i++)
				assertEquals(Float.floatToRawIntBits(a.data()[i]), Float.floatToRawIntBits(back[i]), "value " + i);
			assertEquals(b.get(2, 6, 11, 7), sb.get(2, 6, 11, 7));
			assertArrayEquals(a.frames(13, 29).data(), sa.frames(13, 29).data());
		}
		assertFalse(Files.exists(folder), "scratch folder deleted");
		try (Stream<Path> f = Files.list(dir)) {
			assertEquals(0, f.count(), "nothing left beside it");
		}
	}

	/**
	 * A scratch folder removed from outside during training (a purge of /tmp) still has its files closed
	 * when training ends: closing returned at once when the folder was gone, and the open, deleted files
	 * kept their disk space until Java exited.
	 */
	@Test
	void aScratchFolderRemovedFromOutsideStillHasItsFilesClosed() throws Exception {
		final FaceVolume sa;
		try (ScratchVolumes s = ScratchVolumes.create(dir, 1e6, "test volumes", NO_LOG)) {
			sa = s.spill(random(10, 3));
			try (Stream<Path> f = Files.list(s.folder())) {
				for (final Path p : f.toList())
					Files.delete(p);
			}
			Files.delete(s.folder());
			assertEquals(random(10, 3).get(1, 4, 5, 6), sa.get(1, 4, 5, 6), "an open file reads on after its removal");
		}
		assertThrows(RuntimeException.class, () -> sa.get(1, 4, 5, 6), "closed: its disk space is given back");
	}

	@Test
	void aDiskWithoutRoomIsRefusedNamingTheFolderAndTheSize() {
		final PulseJException e = assertThrows(PulseJException.class, () -> ScratchVolumes.checkSpace(dir, 5.8e9,
			1_200_000_000L, "the face volumes of 40 video(s)"));
		assertTrue(e.problem().contains(dir.toString()) && e.problem().contains("5.8 GB") && e.problem().contains(
			"1.2 GB free") && e.problem().contains("40 video(s)"), e.problem());
		assertTrue(e.fix().contains("scratch=") && e.fix().contains("-Xmx"), e.fix());
		ScratchVolumes.checkSpace(dir, 1e9, 1_000_000_000L, "fits");
		// a disk that cannot hold them is refused before any folder is made
		final Path parent = dir.resolve("scratch");
		assertThrows(PulseJException.class, () -> ScratchVolumes.create(parent, 1e18, "the face volumes of 1 video(s)",
			NO_LOG));
		assertTrue(Files.isDirectory(parent));
		assertEquals(0, parent.toFile().list().length, "no pulsej-volumes folder made");
	}

	@Test
	void aDiskWhoseFreeSpaceCannotBeReadIsTrainedOnWithAWarning() throws Exception {
		// some containers' disks cannot be read ("Mount point not found"): training refused, saying the scratch
		// folder could not be made, where Generate Synthetic Video goes ahead
		final ScratchVolumes.UsableSpace real = ScratchVolumes.usableSpace;
		ScratchVolumes.usableSpace = p -> {
			throw new java.io.IOException("Mount point not found");
		};
		final List<String> log = new ArrayList<>();
		try (ScratchVolumes s = ScratchVolumes.create(dir, 5.8e9, "the face volumes of 40 video(s)", log::add)) {
			assertEquals(1, log.size(), log.toString());
			final String w = log.get(0);
			assertTrue(w.startsWith("PulseJ: warning") && w.contains("free space") && w.contains("could not be read") && w
				.contains("Mount point not found") && w.contains(dir.toString()) && w.contains("5.8 GB") && w.contains(
					"40 video(s)") && !w.contains("\n"), w);
			final FaceVolume a = random(40, 1);
			final FaceVolume sa = s.spill(a);
			assertArrayEquals(a.frames(3, 9).data(), sa.frames(3, 9).data());
			// a write that fails later (a full disk; here the folder gone) names the scratch folder and the fix
			try (Stream<Path> f = Files.list(s.folder())) {
				for (final Path x : f.toList())
					Files.delete(x);
			}
			Files.delete(s.folder());
			final PulseJException e = assertThrows(PulseJException.class, () -> s.spill(random(7, 2)));
			assertTrue(e.problem().contains("scratch folder " + s.folder()), e.problem());
			assertTrue(e.fix().contains("scratch="), e.fix());
		}
		finally {
			ScratchVolumes.usableSpace = real;
		}
		// a free space that was read still refuses a disk without room
		assertThrows(PulseJException.class, () -> ScratchVolumes.create(dir, 1e18, "the face volumes of 1 video(s)",
			NO_LOG));
	}

	/** Run in a child JVM: spills one volume, says where, then waits to be stopped. */
	public static final class Child {

		public static void main(final String[] args) throws Exception {
			final ScratchVolumes s = ScratchVolumes.create(Path.of(args[0]), 1e6, "a test volume", NO_LOG);
			s.spill(random(40, 1));
			System.out.println(s.folder());
			System.out.flush();
			Thread.sleep(120_000);
		}
	}

	@Test
	void aJobStoppedBeforeTheEndLeavesNoScratchFolder() throws Exception {
		// SIGTERM, as a cluster scheduler sends at the time limit (Process.destroy on Linux/macOS)
		final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), Child.class.getName(), dir.toString()).redirectErrorStream(true).start();
		final String folder = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
			java.nio.charset.StandardCharsets.UTF_8)).readLine();
		assertTrue(folder != null && Files.isDirectory(Path.of(folder)), "the child made its folder: " + folder);
		try (var files = Files.list(Path.of(folder))) {
			assertEquals(1, files.filter(x -> x.toString().endsWith(".f32")).count());
		}
		p.destroy();
		assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
		assertFalse(Files.exists(Path.of(folder)), "deleted when the JVM was stopped");
		try (var left = Files.list(dir)) {
			assertEquals(0, left.count());
		}
	}

	@Test
	void aStopFromOutsideDeletesTheFilesOnlyOnceTheStoppingRunHasEnded() throws Exception {
		StopFromOutside.runStarted();
		try (ScratchVolumes s = ScratchVolumes.create(dir, 1e6, "a test volume", NO_LOG)) {
			final FaceVolume v = s.spill(random(40, 1));
			final Thread hook = new Thread(s::deleteOnExit);
			hook.start();
			// the stopping training still reads its volume
			final float[] back = new float[(int) v.size()];
			for (int i = 0; i < 20; i++) {
				v.read(0, back, 0, back.length);
				Thread.sleep(10);
			}
			assertTrue(hook.isAlive() && Files.exists(s.folder()), "kept while the run stops");
			StopFromOutside.runEnded();
			hook.join(10_000);
			assertFalse(hook.isAlive());
			assertFalse(Files.exists(s.folder()), "deleted once it has stopped");
		}
		finally {
			StopFromOutside.runEnded();
		}
		try (Stream<Path> f = Files.list(dir)) {
			assertEquals(0, f.count());
		}
	}

	/**
	 * Run in a child JVM as bin/pulsej runs a training: spills one volume, says where, and reads it until
	 * a stop from outside is asked (Main's shutdown hook), then on for a while as a training finishing its
	 * step; writes whether every read succeeded to the file args[1].
	 */
	public static final class StoppingChild {

		public static void main(final String[] args) throws Exception {
			StopFromOutside.runStarted();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				StopFromOutside.request();
				StopFromOutside.awaitRunEnd();
			}));
			String result = "reads ok";
			try (ScratchVolumes s = ScratchVolumes.create(Path.of(args[0]), 1e6, "a test volume", NO_LOG)) {
				final FaceVolume v = s.spill(random(40, 1));
				final float[] back = new float[(int) v.size()];
				System.out.println(s.folder());
				System.out.flush();
				final long end = System.nanoTime() + 60_000_000_000L;
				while (!StopFromOutside.requested() && System.nanoTime() < end) {
					v.read(0, back, 0, back.length);
					Thread.sleep(5);
				}
				final long step = System.nanoTime() + 500_000_000L;
				while (System.nanoTime() < step) {
					v.read(0, back, 0, back.length);
					Thread.sleep(5);
				}
			}
			catch (final RuntimeException e) {
				result = "read failed: " + e.getMessage();
			}
			Files.writeString(Path.of(args[1]), result);
			StopFromOutside.runEnded();
		}
	}

	@Test
	void aTrainingStoppedFromOutsideReadsItsVolumesUntilItHasStopped() throws Exception {
		final Path scratch = Files.createDirectory(dir.resolve("scratch")), result = dir.resolve("result.txt");
		final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), StoppingChild.class.getName(), scratch.toString(), result.toString())
				.redirectErrorStream(true).start();
		final String folder = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
			java.nio.charset.StandardCharsets.UTF_8)).readLine();
		assertTrue(folder != null && Files.isDirectory(Path.of(folder)), "the child made its folder: " + folder);
		p.destroy(); // SIGTERM
		assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
		assertEquals("reads ok", Files.readString(result), "the scratch files stay while the stopping run reads them");
		assertFalse(Files.exists(Path.of(folder)), "deleted when it had stopped");
		try (var left = Files.list(scratch)) {
			assertEquals(0, left.count());
		}
	}

	@Test
	void foldersOfProcessesThatDiedAreRemovedByTheNextTraining() throws Exception {
		// a process that has ended: its id is free (the kernel may reuse it later; then the folder waits)
		final Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-version").start();
		gone.waitFor();
		final Path dead = Files.createDirectory(dir.resolve(ScratchVolumes.PREFIX + "dead"));
		Files.writeString(dead.resolve(ScratchVolumes.OWNER), ScratchVolumes.owner(gone.pid()));
		Files.write(dead.resolve("volume-0000.f32"), new byte[1000]);
		final Path alive = Files.createDirectory(dir.resolve(ScratchVolumes.PREFIX + "alive"));
		Files.writeString(alive.resolve(ScratchVolumes.OWNER), ScratchVolumes.owner(ProcessHandle.current().pid()));
		final Path elsewhere = Files.createDirectory(dir.resolve(ScratchVolumes.PREFIX + "other-host"));
		Files.writeString(elsewhere.resolve(ScratchVolumes.OWNER), "some-other-node " + gone.pid() + "\n");
		final Path unknown = Files.createDirectory(dir.resolve(ScratchVolumes.PREFIX + "no-owner"));
		final Path foreign = Files.createDirectory(dir.resolve("my-data"));
		Files.writeString(foreign.resolve(ScratchVolumes.OWNER), ScratchVolumes.owner(gone.pid()));

		try (ScratchVolumes s = ScratchVolumes.create(dir, 1e6, "a test volume", NO_LOG)) {
			assertFalse(Files.exists(dead), "the dead process's folder is gone");
			assertTrue(Files.exists(alive) && Files.exists(elsewhere) && Files.exists(unknown) && Files.exists(foreign));
			assertTrue(Files.readString(s.folder().resolve(ScratchVolumes.OWNER)).endsWith(" " + ProcessHandle.current()
				.pid() + "\n"));
		}
	}
}

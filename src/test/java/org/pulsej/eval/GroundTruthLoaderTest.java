package org.pulsej.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pulsej.util.PulseJException;

/** The ground-truth layouts, each written in its exact format, and the clear refusal of wrong ones. */
class GroundTruthLoaderTest {

	@TempDir
	Path dir;

	Path write(final String name, final String text) throws Exception {
		final Path p = dir.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text);
		return p;
	}

	static PulseJException refused(final Path file) {
		return assertThrows(PulseJException.class, () -> GroundTruthLoader.load(file, 30));
	}

	// -- UBFC-rPPG --

	@Test
	void ubfcGroundTruthTxtHasPpgHeartRateAndTimeLines() throws Exception {
		final Path f = write("subject1/ground_truth.txt",
			"  -1.0146484e+00  -9.2041016e-01  -7.2509766e-01  -4.7607422e-01\n" +
				"   8.5000000e+01   8.5000000e+01   8.6000000e+01   8.6000000e+01\n" +
				"   0.0000000e+00   3.3000000e-02   6.6999999e-02   1.0000000e-01\n");
		final Reference r = GroundTruthLoader.load(f, 30);
		assertEquals("UBFC-rPPG", r.format());
		assertArrayEquals(new double[] { -1.0146484, -0.92041016, -0.72509766, -0.47607422 }, r.ppg(), 1e-9);
		assertArrayEquals(new double[] { 85, 85, 86, 86 }, r.hrBpm(), 1e-12);
		assertArrayEquals(new double[] { 0, 0.033, 0.066999999, 0.1 }, r.timeSeconds(), 1e-12);
		assertNull(r.frameTimeSeconds());
		assertEquals(0, r.stampedFps(), "no frame stamps: the video's own rate");
		assertTrue(r.hasPpg() && r.hasHr() && !r.hasResp());
	}

	@Test
	void ubfcGroundTruthTxtSavedWithDecimalCommasIsRead() throws Exception {
		// re-saved by a spreadsheet in a decimal-comma locale: each comma was split as a separator, so every
		// value became two wrong ones (-1 and 146484 for -1,0146484) without a word, or the counts disagreed
		final Path f = write("subject2/ground_truth.txt",
			"  -1,0146484e+00  -9,2041016e-01  -7,2509766e-01  -4,7607422e-01\n" +
				"   85,0   85,0   86,5   86,0\n" +
				"   0,0000000e+00;3,3000000e-02;6,6999999e-02;1,0000000e-01\n");
		final Reference r = GroundTruthLoader.load(f, 30);
		assertArrayEquals(new double[] { -1.0146484, -0.92041016, -0.72509766, -0.47607422 }, r.ppg(), 1e-9);
		assertArrayEquals(new double[] { 85, 85, 86.5, 86 }, r.hrBpm(), 1e-12);
		assertArrayEquals(new double[] { 0, 0.033, 0.066999999, 0.1 }, r.timeSeconds(), 1e-12);
		// values separated by commas alone are still read as separate values
		assertTrue(!GroundTruthLoader.decimalCommas("1,2,3") && !GroundTruthLoader.decimalCommas("72,5"));
	}

	@Test
	void ubfcDataset1GtdumpHasMillisecondsHeartRateSpo2Ppg() throws Exception {
		final Path f = write("s/gtdump.xmp", "0,79,97,180\n17,79,97,195\n33,80,97,214\n50,80,97,230\n");
		final Reference r = GroundTruthLoader.load(f, 30);
		assertArrayEquals(new double[] { 0, 0.017, 0.033, 0.050 }, r.timeSeconds(), 1e-12);
		assertArrayEquals(new double[] { 79, 79, 80, 80 }, r.hrBpm(), 0);
		assertArrayEquals(new double[] { 180, 195, 214, 230 }, r.ppg(), 0, "the fourth column, not SpO2");
	}

	@Test
	void wrongUbfcFilesAreRefusedWithWhatIsExpected() throws Exception {
		PulseJException e = refused(write("a/ground_truth.txt", "1 2 3\n4 5 6\n"));
		assertTrue(e.getMessage().contains("2 lines") && e.getMessage().contains("three"), e.getMessage());
		assertTrue(e.fix().contains("STEM_gt.csv"), e.fix());
		e = refused(write("b/ground_truth.txt", "1 2 3\n80 80\n0 0.03 0.06\n"));
		assertTrue(e.getMessage().contains("3 PPG values, 2 heart rates and 3 times"), e.getMessage());
		e = refused(write("c/ground_truth.txt", "1 2 3\n80 80 x81\n0 0.03 0.06\n"));
		assertTrue(e.getMessage().contains("Line 2") && e.getMessage().contains("x81"), e.getMessage());
		e = refused(write("d/ground_truth.txt", "1 2 3\n80 80 80\n0 0.03 0.03\n"));
		assertTrue(e.getMessage().contains("time does not advance at sample 3"), e.getMessage());
		e = refused(write("e/gtdump.xmp", "0,79,97\n"));
		assertTrue(e.getMessage().contains("four") && e.getMessage().contains("time (ms)"), e.getMessage());
	}

	@Test
	void datasetFilesResavedAsUtf16OrWithLatin1BytesAreRead() throws Exception {
		// Notepad's "Unicode" and a spreadsheet's "Unicode text" (it was "Cannot read … (Input length = 1)" with a
		// fix to check that the file is readable, or, without a byte-order mark, "'\0-\01\0.\0…' not a number")
		final String txt = "-1.0 -0.9 -0.7\r\n85 85 86\r\n0 0.033 0.067\r\n", xmp = "0,79,97,180\n17,79,97,195\n";
		int i = 0;
		for (final java.nio.charset.Charset cs : new java.nio.charset.Charset[] { java.nio.charset.StandardCharsets.UTF_16,
			java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE })
		{
			for (final boolean bom : new boolean[] { false, true }) {
				if (bom && cs == java.nio.charset.StandardCharsets.UTF_16) continue; // UTF_16 writes its own
				final Path t = dir.resolve("u" + i + "/" + GroundTruthLoader.UBFC), x = dir.resolve("u" + i++ + "/" +
					GroundTruthLoader.UBFC_DATASET_1);
				Files.createDirectories(t.getParent());
				Files.write(t, ((bom ? "\uFEFF" : "") + txt).getBytes(cs));
				Files.write(x, ((bom ? "\uFEFF" : "") + xmp).getBytes(cs));
				final Reference r = GroundTruthLoader.load(t, 30);
				assertArrayEquals(new double[] { 85, 85, 86 }, r.hrBpm(), 0, cs + " " + bom);
				assertArrayEquals(new double[] { 0, 0.033, 0.067 }, r.timeSeconds(), 1e-12, cs + " " + bom);
				assertArrayEquals(new double[] { 79, 79 }, GroundTruthLoader.load(x, 30).hrBpm(), 0, cs + " " + bom);
			}
		}
		// UTF-8 with a byte-order mark, and a Latin-1 byte (a comment's "°") that is not UTF-8
		final Path b = dir.resolve("b/" + GroundTruthLoader.UBFC_DATASET_1);
		Files.createDirectories(b.getParent());
		Files.write(b, ("\uFEFF" + xmp).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertArrayEquals(new double[] { 79, 79 }, GroundTruthLoader.load(b, 30).hrBpm(), 0);
		final Path l = dir.resolve("b/" + GroundTruthLoader.UBFC);
		Files.write(l, "1 2\n80 81\n0 0.03\n36 \u00b0C\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		assertArrayEquals(new double[] { 80, 81 }, GroundTruthLoader.load(l, 30).hrBpm(), 0);
	}

	// -- PURE --

	static final String PURE = "{\"/FullPackage\":[" +
		"{\"Timestamp\":1392643993600000000,\"Value\":{\"o2saturation\":99,\"pulseRate\":77,\"signalStrength\":2,\"waveform\":62}}," +
		"{\"Timestamp\":1392643993616666667,\"Value\":{\"o2saturation\":99,\"pulseRate\":77,\"signalStrength\":2,\"waveform\":70}}," +
		"{\"Timestamp\":1392643993633333333,\"Value\":{\"o2saturation\":99,\"pulseRate\":78,\"signalStrength\":2,\"waveform\":81}}]," +
		"\"/Image\":[{\"Timestamp\":1392643993610000000},{\"Timestamp\":1392643993643000000}]}";

	@Test
	void pureJsonGivesTheOximeterAndFrameTimesFromTheFirstFrame() throws Exception {
		final Reference r = GroundTruthLoader.load(write("01-01/01-01.json", PURE), 30);
		assertEquals("PURE", r.format());
		assertArrayEquals(new double[] { -0.010, 0.006666667, 0.023333333 }, r.timeSeconds(), 1e-9);
		assertArrayEquals(new double[] { 62, 70, 81 }, r.ppg(), 0);
		assertArrayEquals(new double[] { 77, 77, 78 }, r.hrBpm(), 0);
		assertArrayEquals(new double[] { 0, 0.033 }, r.frameTimeSeconds(), 1e-12);
		assertEquals(1 / 0.033, r.stampedFps(), 1e-9, "the frame rate the stamps give");
		assertEquals(60, r.sampleRate(), 1e-3);
	}

	@Test
	void aPureSessionFileSavedWithAByteOrderMarkOrAsUtf16IsRead() throws Exception {
		// an editor's "UTF-8 with BOM" or "Unicode": "is not valid JSON" / "Cannot read … (Input length = 1)"
		for (final java.nio.charset.Charset cs : new java.nio.charset.Charset[] { java.nio.charset.StandardCharsets.UTF_8,
			java.nio.charset.StandardCharsets.UTF_16LE })
		{
			final Path f = dir.resolve(cs.name() + "/01-01.json");
			Files.createDirectories(f.getParent());
			Files.write(f, ("\uFEFF" + PURE).getBytes(cs));
			final Reference r = GroundTruthLoader.load(f, 30);
			assertArrayEquals(new double[] { 77, 77, 78 }, r.hrBpm(), 0, cs.name());
		}
	}

	@Test
	void wrongPureFilesAreRefused() throws Exception {
		PulseJException e = refused(write("x/x.json", "{\"/Image\":[]}"));
		assertTrue(e.getMessage().contains("'/FullPackage'") && e.getMessage().contains("not a PURE"), e.getMessage());
		e = refused(write("y/y.json", "{\"/FullPackage\": [ {\"Timestamp\": 1, "));
		assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
		e = refused(write("z/z.json", "{\"/FullPackage\":[{\"Timestamp\":\"soon\",\"Value\":{}}]}"));
		assertTrue(e.getMessage().contains("Timestamp"), e.getMessage());
	}

	// -- PulseJ CSV and unknown files --

	@Test
	void pulsejCsvWithAnyTimeAxis() throws Exception {
		Reference r = GroundTruthLoader.load(write("v_gt.csv", "frame,ppg,hr_bpm\n0,0.1,70\n1,0.2,70\n2,0.3,71\n"), 25);
		assertArrayEquals(new double[] { 0, 0.04, 0.08 }, r.timeSeconds(), 1e-12, "frame / fps");
		r = GroundTruthLoader.load(write("w_gt.csv", "time_s,hr_bpm\n0.0,70\n0.5,72\n1.0,74\n"), 25);
		assertArrayEquals(new double[] { 70, 72, 74 }, r.hrBpm(), 0);
		assertTrue(!r.hasPpg() && r.hasHr());
		PulseJException e = refused(write("bad_gt.csv", "when,value\n0,1\n"));
		assertTrue(e.getMessage().contains("neither a 'frame' nor a 'time_s'"), e.getMessage());
		// saved by a spreadsheet with semicolons or tabs between the columns, and decimal commas: read as meant
		r = GroundTruthLoader.load(write("semi_gt.csv", "frame;time_s;ppg;hr_bpm\n0;0,0;0,1;70\n1;0,04;0,2;70,5\n"), 25);
		assertArrayEquals(new double[] { 0.1, 0.2 }, r.ppg(), 0);
		assertArrayEquals(new double[] { 70, 70.5 }, r.hrBpm(), 0);
		r = GroundTruthLoader.load(write("tab_gt.csv", "frame\tppg\n0\t0.1\n1\t0,2\n"), 25);
		assertArrayEquals(new double[] { 0.1, 0.2 }, r.ppg(), 0);
		e = refused(write("none_gt.csv", "frame,face_x\n0,1\n1,2\n"));
		assertTrue(e.getMessage().contains("neither a reference PPG nor a heart rate"), e.getMessage());
		// ppg and hr_bpm columns without a value (empty or NaN in every row): the fix said to give such a column
		e = refused(write("nan_gt.csv", "frame,ppg,hr_bpm\n0,NaN,NaN\n1,,\n2,nan,\n"));
		assertTrue(e.problem().contains("nan_gt.csv has neither a reference PPG nor a heart rate: every PPG and " +
			"heart-rate value of its 3 samples is empty or NaN") && e.fix().contains("readings in its ppg or hr_bpm"), e
				.getMessage());
		// a header and no rows: said so (it read "0 reference samples")
		e = refused(write("header_gt.csv", "frame,time_s,ppg,hr_bpm\n"));
		assertTrue(e.problem().contains("header_gt.csv holds no reference samples: no row of values was found"), e
			.getMessage());
		e = refused(write("truth.xlsx", "PK"));
		assertTrue(e.getMessage().contains("not a ground-truth format") && e.fix().contains("ground_truth.txt"), e
			.fix());
	}

	@Test
	void spreadsheetCsvsAreReadOrRefusedByWhatIsWrong() throws Exception {
		// a quoted text cell may hold commas: the columns after it were shifted
		Reference r = GroundTruthLoader.load(write("q_gt.csv", "frame,note,ppg,hr_bpm\r\n0,\"moved, then still\",0.1," +
			"70\r\n1,\"said \"\"ok\"\"\",0.2,71\r\n"), 30);
		assertArrayEquals(new double[] { 0.1, 0.2 }, r.ppg(), 0);
		assertArrayEquals(new double[] { 70, 71 }, r.hrBpm(), 0);
		// rows a spreadsheet holds no values in, written as ",,," (they were refused as "frame ''")
		r = GroundTruthLoader.load(write("e_gt.csv", "frame,ppg,hr_bpm\n0,0.1,70\n,,\n1,0.2,71\n,,\n , ,\n"), 30);
		assertArrayEquals(new double[] { 70, 71 }, r.hrBpm(), 0);
		PulseJException bad = refused(write("el_gt.csv", "\nframe,ppg,hr_bpm\n0,0.1,70\n,,\n\n1,x,71\n"));
		assertTrue(bad.getMessage().startsWith("Line 6 of el_gt.csv has 'x' in column ppg"), "the file's own line: " +
			bad.getMessage());
		// a header in Latin-1 (it was "Cannot read … (Input length = 1)")
		final Path latin = dir.resolve("l_gt.csv");
		Files.write(latin, "frame,ppg,hr_bpm,temp \u00b0C\n0,0.1,70,36\n1,0.2,71,36\n".getBytes(
			java.nio.charset.StandardCharsets.ISO_8859_1));
		assertArrayEquals(new double[] { 70, 71 }, GroundTruthLoader.load(latin, 30).hrBpm(), 0);
		// UTF-16 ("Unicode text"), with and without its byte-order mark
		for (final java.nio.charset.Charset cs : new java.nio.charset.Charset[] { java.nio.charset.StandardCharsets.UTF_16,
			java.nio.charset.StandardCharsets.UTF_16LE })
		{
			final Path u = dir.resolve("u_gt.csv");
			Files.write(u, "frame,ppg,hr_bpm\n0,0.1,70\n1,0.2,71\n".getBytes(cs));
			final PulseJException e = refused(u);
			assertTrue(e.getMessage().contains("saved as UTF-16") && e.fix().contains("CSV UTF-8"), e.getMessage());
		}
		// decimal commas: quoted (it was "the time does not advance at sample 2"), or not (read shifted)
		PulseJException e = refused(write("dq_gt.csv", "frame,time_s,ppg,hr_bpm\n0,\"0,0\",\"0,5\",\"72,0\"\n1," +
			"\"0,033\",\"0,6\",\"72,0\"\n"));
		assertTrue(e.getMessage().contains("'0,0' in column time_s, a number written with a decimal comma") && e.fix()
			.contains("decimal point"), e.getMessage());
		e = refused(write("du_gt.csv", "frame,time_s,ppg,hr_bpm\n0,0,0,0,5,72,0\n1,0,033,0,6,72,0\n"));
		assertTrue(e.getMessage().contains("Line 2 of du_gt.csv has 7 values, but its header names 4 columns") && e
			.getMessage().contains("decimal comma") && e.fix().contains("decimal points"), e.getMessage());
	}

	@Test
	void heartAndBreathingRatesNoPersonHasAreRefusedNamingTheSample() throws Exception {
		for (final String bad : new String[] { "1000000", "-72", "1.2", "Infinity" }) {
			final PulseJException e = refused(write("hr_gt.csv", "frame,ppg,hr_bpm\n0,0.1,70\n1,0.2," + bad +
				"\n2,0.3,71\n"));
			assertTrue(e.getMessage().contains("hr_gt.csv: sample 2 (at 0.03333 s) has a heart rate of") && e.getMessage()
				.contains("no person has"), e.getMessage());
			assertTrue(e.fix().contains("hr_bpm in beats per minute (20–300") && e.fix().contains("Hz times 60"), e.fix());
		}
		final PulseJException e = refused(write("resp_gt.csv", "frame,hr_bpm,resp_bpm\n0,70,15\n1,70,0.5\n"));
		assertTrue(e.getMessage().contains("breathing rate of 0.5 per minute") && e.fix().contains("resp_bpm"), e
			.getMessage());
		// the UBFC layout goes through the same check: a heart-rate line with a rate no person has
		final PulseJException u = refused(write("s1/ground_truth.txt", "0.1 0.2 0.3\n70 7000 71\n0 0.033 0.067\n"));
		assertTrue(u.getMessage().contains("sample 2") && u.getMessage().contains("no person has"), u.getMessage());
		// empty cells are unknown readings, not errors; the edges of the range are people
		final Reference r = GroundTruthLoader.load(write("ok_gt.csv", "frame,hr_bpm\n0,20\n1,\n2,300\n"), 30);
		assertArrayEquals(new double[] { 20, Double.NaN, 300 }, r.hrBpm(), 0);
	}

	// -- finding the file of a video --

	@Test
	void findsTheGroundTruthOfEachLayout() throws Exception {
		write("plain/a.avi", "");
		write("plain/a_gt.csv", "frame,hr_bpm\n0,70\n1,70\n");
		write("plain/b.avi", "");
		write("plain/ground_truth.txt", "1\n2\n3\n");
		assertEquals(Optional.of(dir.resolve("plain/a_gt.csv")), GroundTruthLoader.find(dir.resolve("plain/a.avi")
			.toFile()));
		assertEquals(Optional.empty(), GroundTruthLoader.find(dir.resolve("plain/b.avi").toFile()),
			"a dataset file is not shared by the several videos of a folder");
		write("subject3/vid.avi", "");
		write("subject3/ground_truth.txt", "1\n2\n3\n");
		assertEquals(Optional.of(dir.resolve("subject3/ground_truth.txt")), GroundTruthLoader.find(dir.resolve(
			"subject3/vid.avi").toFile()));
		write("old/vid.avi", "");
		write("old/gtdump.xmp", "0,1,2,3\n");
		assertEquals(Optional.of(dir.resolve("old/gtdump.xmp")), GroundTruthLoader.find(dir.resolve("old/vid.avi")
			.toFile()));
		write("02-03/02-03/Image1.png", "");
		write("02-03/02-03.json", PURE);
		assertEquals(Optional.of(dir.resolve("02-03/02-03.json")), GroundTruthLoader.find(dir.resolve("02-03/02-03")
			.toFile()));
	}

	/**
	 * Two ground-truth files beside one video (a STEM_gt.csv of another recording and the dataset's
	 * ground_truth.txt): Evaluate used the first without a word, scoring a reference 18 bpm off with exit 0;
	 * the log now says which is used and which is not. A dataset file in a folder of several videos was
	 * reported as "no ground truth (looked for … ground_truth.txt …)", though it was there.
	 */
	@Test
	void aSecondGroundTruthFileAndAnUnsharedDatasetFileAreNamed() throws Exception {
		write("both/vid.avi", "");
		write("both/vid_gt.csv", "frame,hr_bpm\n0,90\n1,90\n");
		write("both/ground_truth.txt", "1\n2\n3\n");
		final java.io.File both = dir.resolve("both/vid.avi").toFile();
		assertEquals(Optional.of(dir.resolve("both/vid_gt.csv")), GroundTruthLoader.find(both));
		assertEquals("ground truth from vid_gt.csv; ground_truth.txt beside it is not used (move away the file that " +
			"does not belong to this video)", GroundTruthLoader.choiceNote(both));
		write("one/vid.avi", "");
		write("one/ground_truth.txt", "1\n2\n3\n");
		assertEquals(null, GroundTruthLoader.choiceNote(dir.resolve("one/vid.avi").toFile()));

		write("two/a.avi", "");
		write("two/b.avi", "");
		write("two/ground_truth.txt", "1\n2\n3\n");
		assertTrue(GroundTruthLoader.expectedNames(dir.resolve("two/a.avi").toFile()).endsWith("; the " +
			"ground_truth.txt there belongs to the only video of a folder, but this folder holds several: give each " +
			"video its own a_gt.csv, or one video a folder"));
		assertEquals("vid_gt.csv, ground_truth.txt or gtdump.xmp", GroundTruthLoader.expectedNames(dir.resolve(
			"one/vid.avi").toFile()));
		// a name that differs in case, or lacks _gt: "no ground truth" did not say the file was there
		for (final String near : new String[] { "c_GT.csv", "C_gt.csv", "c_gt.CSV", "c.csv" }) {
			final java.nio.file.Path folder = dir.resolve("near-" + near.replace('.', '-'));
			write(folder.getFileName() + "/c.avi", "");
			write(folder.getFileName() + "/" + near, "time_s,ppg\n0,1\n");
			if (GroundTruthLoader.find(folder.resolve("c.avi").toFile()).isPresent()) continue; // a file system blind to case
			assertEquals("c_gt.csv, ground_truth.txt or gtdump.xmp; " + near + " is there: if it is the ground truth, " +
				"rename it to c_gt.csv (the name is matched exactly, case included)", GroundTruthLoader.expectedNames(folder
					.resolve("c.avi").toFile()), near);
		}
	}

	/** UBFC-rPPG subject folders under ubfc/, each with its vid.avi and ground_truth.txt. */
	private void ubfcSubjects(final String... subjects) throws Exception {
		for (final String s : subjects) {
			write("ubfc/" + s + "/vid.avi", "");
			write("ubfc/" + s + "/ground_truth.txt", "1\n2\n3\n");
		}
	}

	@Test
	void scanNamesDatasetRecordingsByTheirFolders() throws Exception {
		ubfcSubjects("subject10", "subject2");
		write("ubfc/subject5/vid.avi", "");
		final List<EvaluationSet.Item> items = EvaluationSet.scan(dir.resolve("ubfc").toFile());
		assertEquals(List.of("subject2", "subject5", "subject10"), items.stream().map(EvaluationSet.Item::name)
			.toList(), "natural order, folder names instead of the shared vid");
		assertTrue(items.get(0).hasGroundTruth() && !items.get(1).hasGroundTruth() && items.get(2).hasGroundTruth());
		write("pure/01-01/01-01/Image1.png", "");
		write("pure/01-01/01-01.json", PURE);
		write("pure/01-02/01-02/Image1.png", "");
		final List<EvaluationSet.Item> pure = EvaluationSet.scan(dir.resolve("pure").toFile());
		assertEquals(List.of("01-01", "01-02"), pure.stream().map(EvaluationSet.Item::name).toList());
		assertEquals(dir.resolve("pure/01-01/01-01.json"), pure.get(0).groundTruth());
		final File empty = dir.resolve("nothing").toFile();
		empty.mkdirs();
		assertThrows(PulseJException.class, () -> EvaluationSet.scan(empty));
	}

	@Test
	void anImageBesideTheRecordingsOfADatasetLeavesThemRead() throws Exception {
		// a figure, or the plots of an Evaluate given the dataset folder as output=: the dataset folder was read as
		// one folder of frames, "None of the 1 videos in ubfc has ground truth"
		ubfcSubjects("subject1", "subject2");
		write("ubfc/overview.png", "");
		write("ubfc/bland_altman_POS.png", "");
		assertEquals(List.of("subject1", "subject2"), EvaluationSet.scan(dir.resolve("ubfc").toFile()).stream().map(
			EvaluationSet.Item::name).toList());
		// a folder of frames with its ground truth stays one video, whatever its sub-folders hold
		write("frames/f0.png", "");
		write("frames/frames_gt.csv", "frame,hr_bpm\n0,70\n");
		write("frames/thumbs/t0.png", "");
		write("frames/thumbs/thumbs_gt.csv", "frame,hr_bpm\n0,70\n");
		assertEquals(List.of("frames"), EvaluationSet.scan(dir.resolve("frames").toFile()).stream().map(
			EvaluationSet.Item::name).toList());
	}
}

package org.pulsej.fiji;

import ij.measure.ResultsTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.pulsej.eval.MethodScore;
import org.pulsej.eval.VideoScore;
import org.pulsej.face.Box;
import org.pulsej.face.FaceTrack;
import org.pulsej.nn.ConfidenceTrainer;
import org.pulsej.nn.TrainingReport;
import org.pulsej.results.HeartRateResult;
import org.pulsej.results.ResultWriter;
import org.pulsej.pipeline.TrainingJob;

/** ImageJ results tables with the same columns as PulseJ's CSV files. */
public final class ResultsTables {

	private ResultsTables() {}

	public static ResultsTable summary(final List<HeartRateResult> results) {
		final ResultsTable t = new ResultsTable();
		for (final HeartRateResult r : results) {
			t.incrementCounter();
			t.addValue("video", r.video());
			t.addValue("frames", r.frames());
			t.addValue("fps", r.fps());
			t.addValue("hr_median_bpm", r.hrMedian());
			t.addValue("hr_mean_bpm", r.hrMean());
			t.addValue("snr_db", r.snrDb());
			t.addValue("method", r.method());
			t.addValue("model", r.model());
			t.addValue("resp_bpm", r.respBpm());
			final org.pulsej.signal.BeatDetector.Beats b = r.beats();
			final org.pulsej.signal.HeartRateVariability h = org.pulsej.signal.HeartRateVariability.of(b);
			t.addValue("beats", b.count());
			t.addValue("beat_quality", h.quality());
			t.addValue("hr_beats_bpm", h.hrBpm());
			t.addValue("sdnn_ms", h.sdnnMs());
			t.addValue("rmssd_ms", h.rmssdMs());
			t.addValue("pnn50_pct", h.pnn50Pct());
			t.addValue("lf_hf", h.lfHf());
			t.addValue("warnings", org.pulsej.results.VideoWarnings.cell(r.warnings()));
		}
		return t;
	}

	/** Adds the rows of {@code rows} to the end of {@code into}, by column name (text stays text). */
	public static void append(final ResultsTable into, final ResultsTable rows) {
		final String[] headings = rows.getHeadings();
		for (int r = 0; r < rows.size(); r++) {
			into.incrementCounter();
			for (final String h : headings) {
				final double v = rows.getValue(h, r);
				final String text = rows.getStringValue(h, r);
				if (Double.isNaN(v) && text != null && !text.equals("NaN")) into.addValue(h, text);
				else into.addValue(h, v);
			}
		}
	}

	/** The beats of one video, as {@code STEM_beats.csv}. */
	public static ResultsTable beats(final HeartRateResult r) {
		final org.pulsej.signal.BeatDetector.Beats b = r.beats();
		final ResultsTable t = new ResultsTable(b.count());
		for (int k = 0; k < b.count(); k++) {
			t.setValue("beat", k, k);
			t.setValue("time_s", k, b.timeSeconds()[k]);
			t.setValue("ibi_ms", k, b.ibiMs()[k]);
			t.setValue("valid", k, b.valid(k) ? 1 : 0);
			t.setValue("reason", k, b.valid(k) ? "" : b.reason()[k].name().toLowerCase(java.util.Locale.ROOT));
		}
		return t;
	}

	/** A {@code summary.csv} as a table (numbers as numbers); empty when the file is absent. */
	public static ResultsTable summary(final Path file) {
		final ResultsTable t = new ResultsTable();
		if (!Files.isRegularFile(file)) return t;
		for (final Map<String, String> row : ResultWriter.readSummary(file)) {
			t.incrementCounter();
			for (final Map.Entry<String, String> e : row.entrySet()) {
				final String v = e.getValue();
				if (e.getKey().equals("video") || e.getKey().equals("method") || e.getKey().equals("model")) t.addValue(e
					.getKey(), v);
				else try {
					t.addValue(e.getKey(), Double.parseDouble(v));
				}
				catch (final NumberFormatException notANumber) {
					t.addValue(e.getKey(), v);
				}
			}
		}
		return t;
	}

	public static ResultsTable ppg(final HeartRateResult r) {
		final ResultsTable t = new ResultsTable(r.frames());
		for (int i = 0; i < r.frames(); i++) {
			t.setValue("frame", i, i);
			t.setValue("time_s", i, r.time(i));
			t.setValue("ppg", i, r.ppg()[i]);
		}
		return t;
	}

	public static ResultsTable heartRate(final HeartRateResult r) {
		final ResultsTable t = new ResultsTable(r.frames());
		for (int i = 0; i < r.frames(); i++) {
			t.setValue("frame", i, i);
			t.setValue("time_s", i, r.time(i));
			t.setValue("hr_bpm", i, r.hr()[i]);
			t.setValue("hr_instant_bpm", i, r.hrInstant()[i]);
			t.setValue("confidence", i, r.confidence()[i]);
		}
		return t;
	}

	/** Evaluate's {@code metrics.csv}: one row per method (and ablation mode). */
	public static ResultsTable metrics(final List<MethodScore> scores) {
		final ResultsTable t = new ResultsTable();
		for (final MethodScore s : scores) {
			t.incrementCounter();
			t.addValue("method", s.method());
			t.addValue("videos", s.videos());
			t.addValue("mae_bpm", s.mae());
			t.addValue("rmse_bpm", s.rmse());
			t.addValue("mape_pct", s.mape());
			t.addValue("pearson_r", s.pearson());
			t.addValue("snr_db", s.snrDb());
			t.addValue("mcc", s.mcc());
			t.addValue("frames", s.frames());
			t.addValue("video_mae_bpm", s.videoMae());
			t.addValue("video_rmse_bpm", s.videoRmse());
			t.addValue("video_pearson_r", s.videoPearson());
			t.addValue("resp_mae_bpm", s.respMae());
		}
		return t;
	}

	/** Evaluate's {@code evaluation.csv}: one row per video and method. */
	public static ResultsTable evaluation(final List<VideoScore> scores) {
		final ResultsTable t = new ResultsTable();
		for (final VideoScore s : scores) {
			t.incrementCounter();
			t.addValue("video", s.video());
			t.addValue("method", s.row());
			t.addValue("hr_ref_bpm", s.hrRef());
			t.addValue("hr_est_bpm", s.hrEst());
			t.addValue("mae_bpm", s.mae());
			t.addValue("rmse_bpm", s.rmse());
			t.addValue("mape_pct", s.mape());
			t.addValue("pearson_r", s.pearson());
			t.addValue("snr_db", s.snrDb());
			t.addValue("mcc", s.mcc());
			t.addValue("frames_evaluated", s.evaluated());
			t.addValue("resp_ref_bpm", s.respRef());
			t.addValue("resp_est_bpm", s.respEst());
		}
		return t;
	}

	/** The loss per epoch of Train Confidence Model, with the errors of either rate alone. */
	public static ResultsTable confidenceTraining(final ConfidenceTrainer.Report report) {
		final ResultsTable t = new ResultsTable();
		for (int e = 0; e < report.epochLoss().size(); e++) {
			t.incrementCounter();
			t.addValue("epoch", e + 1);
			t.addValue("l1_bpm", report.epochLoss().get(e));
			t.addValue("l1_instantaneous_bpm", report.instantLoss());
			t.addValue("l1_median_bpm", report.medianLoss());
		}
		return t;
	}

	/** Train PhysNet's epochs of one model. */
	public static ResultsTable physNetEpochs(final TrainingReport report) {
		final ResultsTable t = new ResultsTable();
		addEpochs(t, report, "");
		return t;
	}

	/** Train PhysNet's epochs of each specialist that was trained, with its cluster's folder. */
	public static ResultsTable physNetEpochs(final TrainingJob.Specialists s) {
		final ResultsTable t = new ResultsTable();
		for (int j = 0; j < s.reports().size(); j++)
			if (s.reports().get(j) != null) addEpochs(t, s.reports().get(j), s.router().specialists().get(j).folder());
		return t;
	}

	private static void addEpochs(final ResultsTable t, final TrainingReport report, final String cluster) {
		for (final TrainingReport.EpochStats e : report.epochs()) {
			t.incrementCounter();
			if (!cluster.isEmpty()) t.addValue("cluster", cluster);
			t.addValue("epoch", e.epoch());
			t.addValue("loss", e.loss());
			t.addValue("ipr", e.ipr());
			t.addValue("mcc", e.mcc());
			t.addValue("seconds", e.seconds());
		}
	}

	/** Track Face's boxes per frame, as {@code STEM_face_track.csv}. */
	public static ResultsTable faceTrack(final FaceTrack faces, final double fps) {
		final ResultsTable t = new ResultsTable(faces.frames());
		for (int i = 0; i < faces.frames(); i++) {
			t.setValue("frame", i, i);
			t.setValue("time_s", i, i / fps);
			final Box r = faces.raw(i), s = faces.stabilised(i);
			t.setValue("face_x", i, r == null ? Double.NaN : r.x());
			t.setValue("face_y", i, r == null ? Double.NaN : r.y());
			t.setValue("face_w", i, r == null ? Double.NaN : r.w());
			t.setValue("face_h", i, r == null ? Double.NaN : r.h());
			t.setValue("score", i, faces.score(i));
			t.setValue("interpolated", i, faces.interpolated(i) ? 1 : 0);
			t.setValue("box_x", i, s.x());
			t.setValue("box_y", i, s.y());
			t.setValue("box_w", i, s.w());
			t.setValue("box_h", i, s.h());
		}
		return t;
	}
}

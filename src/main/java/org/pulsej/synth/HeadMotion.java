package org.pulsej.synth;

import java.util.SplittableRandom;

/**
 * Where the head and the body are in each frame: smooth random drift (a few slow sinusoids scaled
 * so that their peak is exactly the amplitude asked for), quick jumps and turns at random times,
 * and the rise and fall of breathing. Head and body shift and scale together (a person leaning
 * or shifting in the chair, so the neck stays under the chin); the head alone also tilts and
 * turns (a sudden move's turn is drawn as a horizontal squeeze; the steady turning of
 * {@link SyntheticVideoSpec#turn} as a yaw, which the frame renderer draws on a cylinder).
 */
final class HeadMotion {

	/**
	 * Per frame: head translation (px), tilt (rad), scale, horizontal squeeze for turns; body translation;
	 * the head's turn about a vertical axis (yaw, rad: positive turns the face to the frame's right).
	 */
	final double[] dx, dy, angle, scale, squash, bodyDx, bodyDy, yaw;

	HeadMotion(final SyntheticVideoSpec spec, final double faceHeightPx, final double respirationPhase,
		final SplittableRandom random)
	{
		final int n = spec.frames();
		final double fps = spec.fps();
		dx = new double[n];
		dy = new double[n];
		angle = new double[n];
		scale = new double[n];
		squash = new double[n];
		bodyDx = new double[n];
		bodyDy = new double[n];
		yaw = new double[n];

		// the random draws happen whatever the amplitudes, so changing one amplitude keeps the rest
		final double[][] drift = smooth2d(random.split(), n, fps);
		final double[] tilt = smooth1d(random.split(), n, fps);
		final double[] zoom = smooth1d(random.split(), n, fps);
		final Jumps jumps = new Jumps(spec, faceHeightPx, random.split());
		turns(spec, random.split(), yaw); // drawn last: videos without turns stay as they were

		final double respPx = spec.respirationAmplitude() * faceHeightPx;
		final double respHz = spec.respirationBpm() / 60;
		for (int t = 0; t < n; t++) {
			final double time = t / fps;
			final double breath = respHz > 0 ? respPx * Math.sin(2 * Math.PI * respHz * time + respirationPhase) : 0;
			final double[] j = jumps.at(time);
			final double shake = spec.shakePx() * Math.sin(2 * Math.PI * spec.shakeHz() * time);
			final double sx = spec.translationPx() * drift[0][t] + shake, sy = spec.translationPx() * drift[1][t] + 0.5 *
				shake;
			dx[t] = sx + j[0];
			dy[t] = sy + j[1] + breath;
			angle[t] = Math.toRadians(spec.rotationDeg() * tilt[t] + j[2]);
			scale[t] = 1 + spec.scaleAmplitude() * zoom[t];
			squash[t] = j[3];
			bodyDx[t] = dx[t];
			bodyDy[t] = dy[t];
		}
	}

	/** The yaw of {@link SyntheticVideoSpec#turn}: three sinusoids at 1, 3.1 and 5.3 times the rhythm, peak exactly the amplitude. */
	private static void turns(final SyntheticVideoSpec spec, final SplittableRandom random, final double[] yaw) {
		final double[] ratio = { 1, 3.1, 5.3 }, weight = { 1, 0.35, 0.15 }, phase = new double[3];
		for (int k = 0; k < 3; k++)
			phase[k] = 2 * Math.PI * random.nextDouble();
		if (spec.turnDeg() <= 0 || spec.turnHz() <= 0) return;
		double peak = 0;
		for (int t = 0; t < yaw.length; t++) {
			for (int k = 0; k < 3; k++)
				yaw[t] += weight[k] * Math.sin(2 * Math.PI * ratio[k] * spec.turnHz() * t / spec.fps() + phase[k]);
			peak = Math.max(peak, Math.abs(yaw[t]));
		}
		final double scale = peak > 0 ? Math.toRadians(spec.turnDeg()) / peak : 0;
		for (int t = 0; t < yaw.length; t++)
			yaw[t] *= scale;
	}

	/** The furthest any point of the scene moves, in pixels, for a frame of the given size. */
	double reach(final int width, final int height) {
		double r = 0;
		final double size = Math.hypot(width, height);
		for (int t = 0; t < dx.length; t++)
			r = Math.max(r, Math.hypot(dx[t], dy[t]) + (Math.abs(scale[t] - 1) + Math.abs(angle[t])) * size);
		return r;
	}

	/** Sum of three slow sinusoids (0.04–0.35 Hz) per axis, scaled so that the largest distance is 1. */
	private static double[][] smooth2d(final SplittableRandom random, final int n, final double fps) {
		final double[] x = sinusoids(random, n, fps), y = sinusoids(random, n, fps);
		double peak = 0;
		for (int t = 0; t < n; t++) {
			y[t] *= 0.7; // heads sway more sideways than up and down
			peak = Math.max(peak, Math.hypot(x[t], y[t]));
		}
		for (int t = 0; t < n; t++) {
			x[t] /= peak;
			y[t] /= peak;
		}
		return new double[][] { x, y };
	}

	private static double[] smooth1d(final SplittableRandom random, final int n, final double fps) {
		final double[] s = sinusoids(random, n, fps);
		double peak = 0;
		for (final double v : s)
			peak = Math.max(peak, Math.abs(v));
		for (int t = 0; t < n; t++)
			s[t] /= peak;
		return s;
	}

	private static double[] sinusoids(final SplittableRandom random, final int n, final double fps) {
		final double[] s = new double[n];
		for (int k = 0; k < 3; k++) {
			final double f = 0.04 + 0.31 * random.nextDouble(), phase = 2 * Math.PI * random.nextDouble();
			final double a = 0.5 + 0.5 * random.nextDouble();
			for (int t = 0; t < n; t++)
				s[t] += a * Math.sin(2 * Math.PI * f * t / fps + phase);
		}
		return s;
	}

	/** Quick moves: the head jumps aside (and tilts, sometimes turns) in about 0.2 s, holds, and comes back. */
	private static final class Jumps {

		private final double[] start, rise, hold, fall, x, y, tilt, squeeze;

		Jumps(final SyntheticVideoSpec spec, final double faceHeightPx, final SplittableRandom random) {
			final int n = spec.suddenMoves();
			start = new double[n];
			rise = new double[n];
			hold = new double[n];
			fall = new double[n];
			x = new double[n];
			y = new double[n];
			tilt = new double[n];
			squeeze = new double[n];
			final double duration = spec.seconds();
			for (int k = 0; k < n; k++) {
				start[k] = duration * (0.05 + 0.85 * random.nextDouble());
				rise[k] = 0.15 + 0.1 * random.nextDouble();
				hold[k] = 0.3 + 0.9 * random.nextDouble();
				fall[k] = 0.2 + 0.2 * random.nextDouble();
				final double side = random.nextBoolean() ? 1 : -1;
				x[k] = side * faceHeightPx * (0.12 + 0.13 * random.nextDouble());
				y[k] = faceHeightPx * 0.08 * (2 * random.nextDouble() - 1);
				tilt[k] = side * (4 + 8 * random.nextDouble());
				squeeze[k] = random.nextBoolean() ? 0.8 + 0.15 * random.nextDouble() : 1;
			}
		}

		/** {x, y, tilt in degrees, squeeze} at time t. */
		double[] at(final double t) {
			final double[] r = { 0, 0, 0, 1 };
			for (int k = 0; k < start.length; k++) {
				final double s = t - start[k];
				final double e;
				if (s <= 0) continue;
				if (s < rise[k]) e = smootherstep(s / rise[k]);
				else if (s < rise[k] + hold[k]) e = 1;
				else if (s < rise[k] + hold[k] + fall[k]) e = 1 - smootherstep((s - rise[k] - hold[k]) / fall[k]);
				else continue;
				r[0] += e * x[k];
				r[1] += e * y[k];
				r[2] += e * tilt[k];
				r[3] *= 1 - e * (1 - squeeze[k]);
			}
			return r;
		}

		private static double smootherstep(final double x) {
			return x * x * x * (x * (6 * x - 15) + 10);
		}
	}
}

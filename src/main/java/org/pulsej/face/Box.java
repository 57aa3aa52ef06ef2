package org.pulsej.face;

/**
 * An axis-aligned box in frame pixels: top-left corner ({@code x}, {@code y}), width {@code w} and
 * height {@code h}. Pixel {@code (i, j)} covers {@code [i, i+1) × [j, j+1)}, so a box that covers a
 * whole {@code W × H} frame is {@code (0, 0, W, H)}.
 */
public record Box(double x, double y, double w, double h) {

	public Box {
		if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h))
			throw new IllegalArgumentException("box coordinates must be finite: " + x + ", " + y + ", " + w + ", " + h);
		if (w < 0 || h < 0) throw new IllegalArgumentException("box size must not be negative: " + w + " x " + h);
	}

	/** The box of a rectangle in frame pixels (a drawn region, {@code roi=manual}). */
	public static Box of(final java.awt.Rectangle r) {
		return new Box(r.x, r.y, r.width, r.height);
	}

	/** A box of size {@code w × h} centred on ({@code cx}, {@code cy}). */
	public static Box centred(final double cx, final double cy, final double w, final double h) {
		return new Box(cx - w / 2, cy - h / 2, w, h);
	}

	public double x2() {
		return x + w;
	}

	public double y2() {
		return y + h;
	}

	public double centreX() {
		return x + w / 2;
	}

	public double centreY() {
		return y + h / 2;
	}

	public double area() {
		return w * h;
	}

	public boolean isEmpty() {
		return w <= 0 || h <= 0;
	}

	/** Intersection over union; 0 when either box is empty or they do not overlap. */
	public double iou(final Box o) {
		final double iw = Math.min(x2(), o.x2()) - Math.max(x, o.x);
		final double ih = Math.min(y2(), o.y2()) - Math.max(y, o.y);
		if (iw <= 0 || ih <= 0) return 0;
		final double inter = iw * ih;
		return inter / (area() + o.area() - inter);
	}

	/** Whether {@code o} lies entirely inside this box (edges may touch). */
	public boolean contains(final Box o) {
		return o.x >= x && o.y >= y && o.x2() <= x2() && o.y2() <= y2();
	}

	/** The same centre, width and height multiplied by {@code f} (1.25 adds the paper's 25 % buffer). */
	public Box scaled(final double f) {
		return centred(centreX(), centreY(), w * f, h * f);
	}

	/** The same centre, grown (never shrunk) in one direction to the aspect ratio {@code height / width}. */
	public Box withAspect(final double heightOverWidth) {
		if (h >= w * heightOverWidth) return centred(centreX(), centreY(), h / heightOverWidth, h);
		return centred(centreX(), centreY(), w, w * heightOverWidth);
	}

	/** The part of this box inside a {@code width × height} frame; empty (size 0) when it lies outside. */
	public Box clippedTo(final int width, final int height) {
		final double x1 = clamp(x, 0, width), y1 = clamp(y, 0, height);
		final double x2 = clamp(x2(), 0, width), y2 = clamp(y2(), 0, height);
		return new Box(x1, y1, x2 - x1, y2 - y1);
	}

	/**
	 * This box moved (not resized) so that it lies inside a {@code width × height} frame along each axis
	 * where it fits; along an axis where it is larger than the frame it keeps its position. Used for crops,
	 * so that a crop takes no pixels from outside the frame when it need not.
	 */
	public Box slidInto(final int width, final int height) {
		return new Box(slide(x, w, width), slide(y, h, height), w, h);
	}

	private static double slide(final double start, final double size, final int limit) {
		if (size > limit) return start;
		return clamp(start, 0, limit - size);
	}

	/** Linear interpolation: {@code a = 0} gives this box, {@code a = 1} gives {@code o}. */
	public Box lerp(final Box o, final double a) {
		return new Box(x + a * (o.x - x), y + a * (o.y - y), w + a * (o.w - w), h + a * (o.h - h));
	}

	/** The largest distance any edge moves between this box and {@code o}, in pixels. */
	public double maxEdgeShift(final Box o) {
		return Math.max(Math.max(Math.abs(x - o.x), Math.abs(y - o.y)),
			Math.max(Math.abs(x2() - o.x2()), Math.abs(y2() - o.y2())));
	}

	private static double clamp(final double v, final double lo, final double hi) {
		return v < lo ? lo : v > hi ? hi : v;
	}

	@Override
	public String toString() {
		return String.format("Box[x=%.1f, y=%.1f, w=%.1f, h=%.1f]", x, y, w, h);
	}
}

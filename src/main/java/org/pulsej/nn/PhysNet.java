package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The modified PhysNet 3D CNN of the paper (Table 1): input {@code B × C × T × H × W}, output the PPG
 * {@code B × T}.
 * <ul>
 * <li>In-network standardisation of each clip and channel over (T, H, W), so the network sees the same
 * scale whatever window of a video it gets.</li>
 * <li>Encoder: Conv3d(1,5,5)+BN+ELU, AvgPool(1,2,2), 2×[Conv3d(3,3,3)+BN+ELU], AvgPool(2,2,2), 2×[...],
 * AvgPool(2,2,2), 2×[...], AvgPool(1,2,2), 2×[...].</li>
 * <li>Decoder, twice: ×2 temporal upsampling by repeating frames (nearest) + Conv3d(3,1,1)+BN+ELU. This
 * replaces PhysNet's transposed convolutions, which alias (and are not available in DJL's PyTorch
 * engine).</li>
 * <li>Average over space, then a 1×1×1 convolution to one channel.</li>
 * </ul>
 * Time is pooled by 4 and restored by 4, so the block itself wants {@code T % 4 == 0};
 * {@link #forward} pads other lengths by repeating the last frame and crops the output back.
 * Width: the first convolution has {@code width/2} channels, all others {@code width}.
 */
public final class PhysNet {

	/** Temporal down-sampling factor of the encoder; inputs to the block must have T divisible by it. */
	public static final int TIME_STRIDE = 4;

	private PhysNet() {}

	/** The network for {@code c}, not yet initialised (see {@link #initialize}). */
	public static Block build(final PhysNetConfig c) {
		final int w = c.width();
		final SequentialBlock net = new SequentialBlock();
		net.add(LambdaBlock.singleton(PhysNet::standardize, "standardize"));
		convBnElu(net, c.firstWidth(), new Shape(1, 5, 5), new Shape(0, 2, 2));
		net.add(avgPool(1, 2, 2));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(avgPool(2, 2, 2));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(avgPool(2, 2, 2));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(avgPool(1, 2, 2));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		for (int i = 0; i < 2; i++) {
			// nearest ×2 along time: exact frame repetition, no anti-aliasing filter involved
			net.add(LambdaBlock.singleton(PhysNet::upsampleTime, "upsample_t2"));
			convBnElu(net, w, new Shape(3, 1, 1), new Shape(1, 0, 0));
		}
		// adaptive average pool to (T, 1, 1); one axis at a time (multi-axis mean throws in PyTorch)
		net.add(LambdaBlock.singleton(x -> x.mean(new int[] { 4 }, true).mean(new int[] { 3 }, true), "space_mean"));
		net.add(Conv3d.builder().setKernelShape(new Shape(1, 1, 1)).setFilters(1).build());
		net.add(LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), x.getShape().get(2)), "to_ppg"));
		return net;
	}

	/**
	 * Layers 1–4 of {@link #build} (the (1,5,5) convolution, its BatchNorm and ELU, and the (1,2,2)
	 * pooling) treat each frame on its own: nothing mixes frames before the first (3,3,3) convolution.
	 */
	static final int FRAME_LOCAL_LAYERS = 4;

	/**
	 * Frames per chunk for the frame-local layers in {@link Inference}: {@code -Dpulsej.physnet.frameChunk=N}
	 * (0: the whole clip at once); by default as many frames as hold {@link #CHUNK_PIXELS} pixels.
	 */
	static final int FRAME_CHUNK = Integer.getInteger("pulsej.physnet.frameChunk", -1);

	/**
	 * Pixels per chunk of the frame-local layers: one 192×128 frame, eight 64×64 frames. Measured on a
	 * 2-core AVX-512 machine: the paper network at 192×128 took 12 % less CPU per frame with one frame per
	 * chunk than with the whole clip (2 frames: 5 %); at 64×64, 4 to 8 frames per chunk took 10–25 % less,
	 * one frame per chunk more (the calls cost more than the cache saves).
	 */
	static final int CHUNK_PIXELS = 32768;

	/**
	 * The parameters of {@code net}, each trainable one set to collect its gradient in the next backward
	 * pass (PyTorch only records gradients for arrays marked so).
	 */
	static PairList<String, Parameter> collectGradients(final Block net) {
		final PairList<String, Parameter> params = net.getParameters();
		for (final Pair<String, Parameter> e : params)
			if (e.getValue().requiresGradient()) e.getValue().getArray().setRequiresGradient(true);
		return params;
	}

	/**
	 * Nearest ×2 along time, in the layout the next convolution expects. {@code repeat} returns the plain
	 * layout; a (3,1,1) convolution fed that while the rest is channels-last computed wrong input
	 * gradients (oneDNN on a 2-core AVX-512 CPU with 2 threads: 70 % off the 1-thread and
	 * finite-difference values, and NaN where its scratch memory held NaN), which reached every earlier
	 * layer. Kept channels-last, the same convolution's gradients agree to float rounding
	 * ({@code ConvolutionGradientTest}).
	 */
	static NDArray upsampleTime(final NDArray x) {
		final NDArray y = x.repeat(2, 2);
		return channelsLastOn(x) ? channelsLast(y) : y;
	}

	/** BatchNorm's ε. */
	static final float BN_EPSILON = 1e-5f;

	/**
	 * Average pooling with kernel = stride (t, h, w), as {@code Pool.avgPool3dBlock} computes it but
	 * keeping the channels-last layout (see {@link #avgPoolChannelsLast}). Parameter-free like the
	 * block it replaces, so models saved before load unchanged.
	 */
	private static Block avgPool(final long t, final long h, final long w) {
		final Shape k = new Shape(t, h, w);
		return LambdaBlock.singleton(x -> channelsLastOn(x) && divides(k, x.getShape()) ? avgPoolChannelsLast(x, k)
			: Pool.avgPool3d(x, k, k, new Shape(0, 0, 0), false, true), "avgPool3d");
	}

	private static void convBnElu(final SequentialBlock net, final int filters, final Shape kernel, final Shape pad) {
		net.add(Conv3d.builder().setKernelShape(kernel).optPadding(pad).setFilters(filters).build());
		net.add(BatchNorm.builder().optAxis(1).optEpsilon(BN_EPSILON).optMomentum(0.9f).build());
		net.add(Activation.eluBlock(1f));
	}

	/** Zero mean, unit variance per sample and channel over (T, H, W). */
	static NDArray standardize(final NDArray x) {
		final NDArray mean = x.mean(new int[] { 4 }, true).mean(new int[] { 3 }, true).mean(new int[] { 2 }, true);
		final NDArray d = x.sub(mean);
		final NDArray var = d.square().mean(new int[] { 4 }, true).mean(new int[] { 3 }, true).mean(new int[] { 2 },
			true);
		return d.div(var.add(1e-5f).sqrt());
	}

	/**
	 * Initialises the weights from {@code seed} alone (Java RNG, not the engine's), so the same seed gives
	 * the same network on every machine: convolution weights uniform in ±1/√fan_in (PyTorch's default
	 * scale), biases 0, BatchNorm γ=1, β=0.
	 */
	public static void initialize(final Block block, final NDManager manager, final PhysNetConfig c, final long seed) {
		final SplittableRandom rnd = new SplittableRandom(seed);
		final Initializer uniformFanIn = (m, shape, type) -> {
			long fanIn = 1;
			for (int i = 1; i < shape.dimension(); i++)
				fanIn *= shape.get(i);
			final double bound = 1 / Math.sqrt(fanIn);
			final float[] v = new float[Math.toIntExact(shape.size())];
			for (int i = 0; i < v.length; i++)
				v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
			return m.create(v, shape).toType(type, false);
		};
		block.setInitializer(uniformFanIn, Parameter.Type.WEIGHT);
		block.initialize(manager, DataType.FLOAT32, new Shape(1, c.channels(), 2 * TIME_STRIDE, c.inputHeight(),
			c.inputWidth()));
	}

	/** Trainable parameters of an initialised network. */
	public static long parameterCount(final Block block) {
		long n = 0;
		for (final Parameter p : block.getParameters().values())
			if (p.requiresGradient()) n += p.getShape().size();
		return n;
	}

	/** Trainable parameters of the network for {@code c} (no engine needed). */
	public static long parameterCount(final PhysNetConfig c) {
		final long w = c.width(), h = c.firstWidth();
		long n = conv(c.channels(), h, 25) + 2 * h; // first conv + BN
		n += conv(h, w, 27) + 2 * w;
		n += 7 * (conv(w, w, 27) + 2 * w); // remaining encoder convs
		n += 2 * (conv(w, w, 3) + 2 * w); // decoder
		return n + conv(w, 1, 1);
	}

	private static long conv(final long in, final long out, final long k) {
		return out * in * k + out;
	}

	/**
	 * Multiply-accumulates of the convolutions for one clip of {@code frames} frames (padded as
	 * {@link #forward} pads it) at the input size of {@code c}; FLOPs are twice this. Counted from the layer
	 * shapes (output voxels × input channels × kernel size per output channel); BatchNorm, ELU, pooling and
	 * the standardisation add well under 1 % and are left out.
	 */
	public static long multiplyAccumulates(final PhysNetConfig c, final long frames) {
		final long t = paddedLength(frames), h = c.inputHeight(), wd = c.inputWidth();
		final long w = c.width(), f = c.firstWidth();
		long mac = t * h * wd * f * c.channels() * 25; // (1,5,5) at full size
		final long s1 = t * (h / 2) * (wd / 2); // after (1,2,2) pooling
		mac += s1 * (f * w + w * w) * 27;
		final long s2 = (t / 2) * (h / 4) * (wd / 4), s3 = (t / 4) * (h / 8) * (wd / 8), s4 = (t / 4) * (h / 16) *
			(wd / 16);
		mac += 2 * (s2 + s3 + s4) * w * w * 27;
		final long plane = (h / 16) * (wd / 16);
		mac += ((t / 2) * plane + t * plane) * w * w * 3; // decoder (3,1,1) after each ×2 upsampling
		return mac + t * w; // 1×1×1 to one channel after the spatial mean
	}

	/**
	 * Runs the network on {@code x} ({@code B × C × T × H × W}, any T ≥ 1) and returns the PPG
	 * {@code B × T}. A T that is not a multiple of {@link #TIME_STRIDE} is padded by repeating the last
	 * frame and the output is cropped back to T.
	 */
	public static NDArray forward(final Block block, final ParameterStore ps, final NDArray x, final boolean training) {
		final long t = x.getShape().get(2);
		NDArray in = padTime(x);
		if (channelsLastOn(in)) in = channelsLast(in);
		final NDArray y = block.forward(ps, new NDList(in), training).singletonOrThrow();
		return paddedLength(t) == t ? y : y.get(new NDIndex(":, :" + t));
	}

	/** {@code x} ({@code B × C × T × H × W}) with its last frame repeated up to {@link #paddedLength}; x itself when T fits. */
	static NDArray padTime(final NDArray x) {
		final long t = x.getShape().get(2), padded = paddedLength(t);
		if (padded == t) return x;
		return x.concat(x.get(new NDIndex(":, :, -1:")).repeat(2, padded - t), 2);
	}

	/**
	 * The PPGs of the regions of a {@code grid × grid} split of the face ({@code B × R × T}, R =
	 * grid², row-major), for {@link ContrastPhysLoss}: the network of {@link #build} up to its spatial
	 * mean, the last feature map averaged over each region instead of over all of it, and the final
	 * 1×1×1 convolution applied to each region's mean. That convolution is linear, so when the regions
	 * split the feature map evenly the mean of the region PPGs is exactly {@link #forward}'s PPG; the
	 * same weights serve both. The grid shrinks to the feature map when that is smaller (tiny inputs).
	 * <p>
	 * The final convolution is computed as a weighted sum of channels, not by the engine's convolution:
	 * the region means are laid out plainly, and oneDNN's convolution backward on a plain layout among
	 * channels-last tensors gave wrong gradients (see {@link #upsampleTime}).
	 */
	public static NDArray forwardRegions(final Block block, final ParameterStore ps, final NDArray x,
		final boolean training, final int grid)
	{
		final long t = x.getShape().get(2);
		NDArray cur = padTime(x);
		if (channelsLastOn(cur)) cur = channelsLast(cur);
		final List<Block> layers = block.getChildren().values();
		final int n = layers.size();
		// the last three: space_mean, the 1×1×1 convolution, to_ppg
		for (int i = 0; i < n - 3; i++)
			cur = layers.get(i).forward(ps, new NDList(cur), training).singletonOrThrow();
		final long b = cur.getShape().get(0), c = cur.getShape().get(1), tt = cur.getShape().get(2);
		final int gh = (int) Math.min(grid, cur.getShape().get(3)), gw = (int) Math.min(grid, cur.getShape().get(4));
		final NDArray regions = regionMeans(cur, gh, gw); // B × C × T × gh × gw
		final Block head = layers.get(n - 2);
		NDArray weight = null, bias = null;
		for (final Pair<String, Parameter> e : head.getParameters()) {
			final NDArray v = ps.getValue(e.getValue(), cur.getDevice(), training);
			if (e.getKey().equals("weight")) weight = v;
			else if (e.getKey().equals("bias")) bias = v;
		}
		if (weight == null) throw new IllegalStateException("PhysNet's last layer has no weight");
		NDArray y = regions.mul(weight.reshape(1, c, 1, 1, 1)).sum(new int[] { 1 }); // B × T × gh × gw
		if (bias != null) y = y.add(bias.reshape(1, 1, 1, 1));
		final NDArray r = y.reshape(b, tt, (long) gh * gw).transpose(0, 2, 1); // B × R × T
		return paddedLength(t) == t ? r : r.get(new NDIndex(":, :, :" + t));
	}

	/** Mean of each cell of a {@code gh × gw} split of the last two axes ({@code B × C × T × H × W}). */
	static NDArray regionMeans(final NDArray x, final int gh, final int gw) {
		final long h = x.getShape().get(3), w = x.getShape().get(4);
		final NDList rows = new NDList(gh);
		for (int i = 0; i < gh; i++) {
			final NDArray band = x.get(new NDIndex(":, :, :, " + h * i / gh + ":" + h * (i + 1) / gh)).mean(new int[] {
				3 }, true);
			final NDList cells = new NDList(gw);
			for (int j = 0; j < gw; j++)
				cells.add(band.get(new NDIndex(":, :, :, :, " + w * j / gw + ":" + w * (j + 1) / gw)).mean(new int[] { 4 },
					true));
			rows.add(NDArrays.concat(cells, 4));
		}
		return NDArrays.concat(rows, 3);
	}

	/**
	 * The network prepared for inference: every BatchNorm folded into the convolution before it (the
	 * same function, up to float rounding: the normalised output is (w·x + b − μ)·γ/√(σ²+ε) + β, and
	 * convolving with w·γ/√(σ²+ε) and adding (b − μ)·γ/√(σ²+ε) + β computes it in one pass instead of
	 * two over the layer's output). Layers run one at a time, each output replacing its input at once
	 * and the temporaries of a layer freed before the next runs, so a window holds two activations
	 * instead of all of them (at 192×128: 2.4 GB instead of 6.7 GB) and the allocator reuses warm memory.
	 * The first block, which works on each frame alone, runs on a few frames at a time (see
	 * {@link #CHUNK_PIXELS}).
	 * <p>
	 * Holds the folded weights in the manager it is made with; the block must not be trained further.
	 * Several threads may run it at once (each with its own {@link ParameterStore}).
	 */
	public static final class Inference {

		/** One step: a folded convolution, or a layer run as it is. */
		private record Step(Block block, NDArray weight, NDArray bias, Conv3d conv) {}

		private final List<Step> steps = new ArrayList<>();
		private final Block block;
		/** Steps from the second that work on each frame alone (the first block, see {@link #FRAME_LOCAL_LAYERS}). */
		private int frameLocalSteps;

		public Inference(final Block block, final NDManager manager) {
			this.block = block;
			if (!(block instanceof SequentialBlock)) return;
			final List<Block> layers = new ArrayList<>();
			for (final Pair<String, Block> p : block.getChildren())
				layers.add(p.getValue());
			for (int i = 0; i < layers.size(); i++) {
				final Block b = layers.get(i);
				if (b instanceof Conv3d conv && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm bn) {
					steps.add(fold(conv, bn, manager));
					i++;
				}
				else steps.add(new Step(b, null, null, null));
				if (i == FRAME_LOCAL_LAYERS) frameLocalSteps = steps.size() - 1; // layers 1..4 are steps 1..n
			}
		}

		private static Step fold(final Conv3d conv, final BatchNorm bn, final NDManager manager) {
			final NDArray w = conv.getParameters().get("weight").getArray();
			final Parameter bias = conv.getParameters().get("bias");
			final float[] gamma = bn.getParameters().get("gamma").getArray().toFloatArray();
			final float[] beta = bn.getParameters().get("beta").getArray().toFloatArray();
			final float[] mean = bn.getParameters().get("runningMean").getArray().toFloatArray();
			final float[] var = bn.getParameters().get("runningVar").getArray().toFloatArray();
			final float[] b = bias == null ? new float[gamma.length] : bias.getArray().toFloatArray();
			final float[] wf = w.toFloatArray();
			final int per = wf.length / gamma.length;
			final float[] fw = new float[wf.length], fb = new float[gamma.length];
			for (int o = 0; o < gamma.length; o++) {
				final double scale = gamma[o] / Math.sqrt(var[o] + (double) BN_EPSILON);
				for (int k = 0; k < per; k++)
					fw[o * per + k] = (float) (wf[o * per + k] * scale);
				fb[o] = (float) ((b[o] - mean[o]) * scale + beta[o]);
			}
			// laid out once here as the convolution wants them, not converted again at every call
			final NDArray weight = manager.create(fw, w.getShape());
			return new Step(null, channelsLastOn(weight) ? keep(channelsLast(weight), manager) : weight, manager.create(fb),
				conv);
		}

		/** The PPG {@code B × T} of {@code x} ({@code B × C × T × H × W}), attached to {@code x}'s manager. */
		public NDArray run(final ParameterStore ps, final NDArray x) {
			// PyTorch records gradients on every thread but the one that loaded the engine unless told not to:
			// that would keep every activation alive for a backward pass that never comes
			try (NoGrad noGrad = new NoGrad()) {
				return steps.isEmpty() ? forward(block, ps, x, false) : runSteps(ps, x);
			}
		}

		private NDArray runSteps(final ParameterStore ps, final NDArray x) {
			final NDManager home = x.getManager();
			final long t = x.getShape().get(2), padded = paddedLength(t);
			NDArray cur = x;
			if (padded != t) try (NDManager step = home.newSubManager()) {
				cur = keep(padTime(x), home);
			}
			if (channelsLastOn(cur)) {
				final NDArray laidOut;
				try (NDManager step = home.newSubManager()) {
					laidOut = keep(channelsLast(cur), home);
				}
				if (cur != x) cur.close();
				cur = laidOut;
			}
			for (int k = 0; k < steps.size(); k++) {
				final NDArray next;
				final long chunk = FRAME_CHUNK >= 0 ? FRAME_CHUNK : Math.max(1, CHUNK_PIXELS / (x.getShape().get(3) * x
					.getShape().get(4)));
				if (k == 1 && frameLocalSteps > 0 && chunk > 0 && chunk < padded) {
					next = frameByFrame(ps, cur, home, chunk);
					k += frameLocalSteps - 1;
				}
				else next = apply(steps.get(k), ps, cur, home);
				if (cur != x && cur != next) cur.close();
				cur = next;
			}
			if (padded == t) return cur;
			final NDArray cropped;
			try (NDManager step = home.newSubManager()) {
				cropped = keep(cur.get(new NDIndex(":, :" + t)), home);
			}
			cur.close();
			return cropped;
		}

		/** One step on {@code in}; the result in {@code home}, the step's temporaries freed. */
		private static NDArray apply(final Step s, final ParameterStore ps, final NDArray in, final NDManager home) {
			try (NDManager step = home.newSubManager()) {
				final NDArray out;
				if (s.conv() != null) out = Conv3d.conv3d(in, s.weight(), s.bias(), s.conv().getStride(), s.conv()
					.getPadding(), s.conv().getDilation(), s.conv().getGroups()).singletonOrThrow();
				else out = s.block().forward(ps, new NDList(in), false).singletonOrThrow();
				return keep(s.conv() == null && channelsLastOn(out) ? channelsLast(out) : out, home);
			}
		}

		/**
		 * The frame-local steps run on {@code chunk} frames at a time and the (pooled, four times
		 * smaller) results joined: the same values, but each chunk's full-resolution activations stay in
		 * the cache instead of streaming several 32-channel full-size volumes through memory.
		 */
		private NDArray frameByFrame(final ParameterStore ps, final NDArray in, final NDManager home, final long chunk) {
			final long t = in.getShape().get(2);
			final NDList parts = new NDList();
			try {
				for (long s = 0; s < t; s += chunk) {
					NDArray cur;
					try (NDManager step = home.newSubManager()) {
						cur = keep(in.get(new NDIndex(":, :, " + s + ":" + Math.min(t, s + chunk))), home);
					}
					for (int k = 1; k <= frameLocalSteps; k++) {
						final NDArray next = apply(steps.get(k), ps, cur, home);
						cur.close();
						cur = next;
					}
					parts.add(cur);
				}
				try (NDManager step = home.newSubManager()) {
					return keep(NDArrays.concat(parts, 2), home);
				}
			}
			finally {
				for (final NDArray p : parts)
					p.close();
			}
		}
	}

	/**
	 * Whether activations are kept channels-last ({@code -Dpulsej.physnet.channelsLast=false} for the plain
	 * layout, to compare). oneDNN's convolutions read and write channels-last tensors directly, while a
	 * plain-layout tensor is converted to a blocked layout before every convolution and back after it, and
	 * on AVX-512 CPUs gets a kernel half as fast: at 192×128 oneDNN then spent 2.5 times as long, 23 % of
	 * it on the conversions (bench, "nn", which prints the kernels it ran). The plain layout is for
	 * comparing speed only: there, training on a 2-core AVX-512 CPU got wrong gradients (see
	 * {@link #upsampleTime}).
	 */
	static final boolean CHANNELS_LAST = Boolean.parseBoolean(System.getProperty("pulsej.physnet.channelsLast", "true"));

	/**
	 * Whether the layer taking {@code x} runs channels-last: on the CPU, where the gain was measured; on
	 * a GPU the layout stays PyTorch's plain one, as before (not measured there).
	 */
	static boolean channelsLastOn(final NDArray x) {
		return CHANNELS_LAST && !x.getDevice().isGpu();
	}

	/**
	 * {@code x} ({@code N × C × T × H × W} or {@code N × C × H × W}) with the channels innermost in
	 * memory (PyTorch's channels-last-3d or channels-last): the same values and shape; no copy when it is
	 * laid out so already. Other ranks and empty tensors are returned as they are.
	 */
	static NDArray channelsLast(final NDArray x) {
		final Shape s = x.getShape();
		final int d = s.dimension();
		if (d < 4 || d > 5 || x.isEmpty()) return x;
		final int[] toLast = new int[d], back = new int[d];
		final long[] lastShape = new long[d];
		lastShape[0] = s.get(0);
		for (int i = 1; i < d - 1; i++) {
			toLast[i] = i + 1;
			lastShape[i] = s.get(i + 1);
			back[i + 1] = i;
		}
		toLast[d - 1] = 1;
		lastShape[d - 1] = s.get(1);
		back[1] = d - 1;
		return x.transpose(toLast).reshape(-1).reshape(lastShape).transpose(back);
	}

	private static boolean divides(final Shape kernel, final Shape x) {
		return x.get(2) % kernel.get(0) == 0 && x.get(3) % kernel.get(1) == 0 && x.get(4) % kernel.get(2) == 0;
	}

	/**
	 * Average pooling (kernel = stride, no padding) of a channels-last {@code x} whose T, H, W the kernel
	 * divides, with a channels-last result, so that no layout conversion is needed before the next
	 * convolution. PyTorch pools channels-last 2-D images in place but converts 3-D volumes to the plain
	 * layout and back (measured 10 times slower), so space is pooled as {@code N·T} channels-last images
	 * and time by summing neighbouring frames, which are contiguous blocks in this layout.
	 */
	static NDArray avgPoolChannelsLast(final NDArray x, final Shape kernel) {
		final Shape s = x.getShape();
		final long n = s.get(0), c = s.get(1), t = s.get(2);
		final long kt = kernel.get(0), kh = kernel.get(1), kw = kernel.get(2);
		final long h = s.get(3) / kh, w = s.get(4) / kw;
		// N×T×H×W×C in memory: as N·T images of C channels, channels-last
		NDArray v = x.transpose(0, 2, 3, 4, 1).reshape(n * t, s.get(3), s.get(4), c);
		if (kh > 1 || kw > 1) v = Pool.avgPool2d(v.transpose(0, 3, 1, 2), new Shape(kh, kw), new Shape(kh, kw),
			new Shape(0, 0), false, true).transpose(0, 2, 3, 1);
		if (kt > 1) v = v.reshape(n * t / kt, kt, h * w * c).sum(new int[] { 1 }).mul(1f / kt);
		return v.reshape(n, t / kt, h, w, c).transpose(0, 4, 1, 2, 3);
	}

	/** {@code a} moved to {@code m}, so that closing the manager it was made in does not free it. */
	private static NDArray keep(final NDArray a, final NDManager m) {
		a.attach(m);
		return a;
	}

	/** The smallest multiple of {@link #TIME_STRIDE} that is at least {@code t}. */
	public static long paddedLength(final long t) {
		return (t + TIME_STRIDE - 1) / TIME_STRIDE * TIME_STRIDE;
	}
}

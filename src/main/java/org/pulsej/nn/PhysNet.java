package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
		net.add(Pool.avgPool3dBlock(new Shape(1, 2, 2), new Shape(1, 2, 2)));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(Pool.avgPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(Pool.avgPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		net.add(Pool.avgPool3dBlock(new Shape(1, 2, 2), new Shape(1, 2, 2)));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		convBnElu(net, w, new Shape(3, 3, 3), new Shape(1, 1, 1));
		for (int i = 0; i < 2; i++) {
			// nearest ×2 along time: exact frame repetition, no anti-aliasing filter involved
			net.add(LambdaBlock.singleton(x -> x.repeat(2, 2), "upsample_t2"));
			convBnElu(net, w, new Shape(3, 1, 1), new Shape(1, 0, 0));
		}
		// adaptive average pool to (T, 1, 1); one axis at a time (multi-axis mean throws in PyTorch)
		net.add(LambdaBlock.singleton(x -> x.mean(new int[] { 4 }, true).mean(new int[] { 3 }, true), "space_mean"));
		net.add(Conv3d.builder().setKernelShape(new Shape(1, 1, 1)).setFilters(1).build());
		net.add(LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), x.getShape().get(2)), "to_ppg"));
		return net;
	}

	private static void convBnElu(final SequentialBlock net, final int filters, final Shape kernel, final Shape pad) {
		net.add(Conv3d.builder().setKernelShape(kernel).optPadding(pad).setFilters(filters).build());
		net.add(BatchNorm.builder().optAxis(1).optEpsilon(1e-5f).optMomentum(0.9f).build());
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
	 * Runs the network on {@code x} ({@code B × C × T × H × W}, any T ≥ 1) and returns the PPG
	 * {@code B × T}. A T that is not a multiple of {@link #TIME_STRIDE} is padded by repeating the last
	 * frame and the output is cropped back to T.
	 */
	public static NDArray forward(final Block block, final ParameterStore ps, final NDArray x, final boolean training) {
		final long t = x.getShape().get(2);
		final long padded = paddedLength(t);
		NDArray in = x;
		if (padded != t) {
			final NDArray last = x.get(new NDIndex(":, :, -1:"));
			in = x.concat(last.repeat(2, padded - t), 2);
		}
		final NDArray y = block.forward(ps, new NDList(in), training).singletonOrThrow();
		return padded == t ? y : y.get(new NDIndex(":, :" + t));
	}

	/** The smallest multiple of {@link #TIME_STRIDE} that is at least {@code t}. */
	public static long paddedLength(final long t) {
		return (t + TIME_STRIDE - 1) / TIME_STRIDE * TIME_STRIDE;
	}
}

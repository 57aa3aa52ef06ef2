package org.pulsej.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link SequentialBlock} whose {@link Conv1d} layers (stride 1, dilation 1, one group) run as
 * channels-last 2-D convolutions of height 1: the same function, parameters and saved file, but a
 * different kernel. oneDNN's backward pass of a plain-layout 1-D convolution computed wrong weight
 * gradients with 2 threads on a 2-core AVX-512 CPU (up to 2.7 times the largest true value off, and
 * NaN where its scratch memory held NaN, with 1 thread too); the channels-last 2-D form agrees with a
 * float64 computation to 5·10⁻⁷ on the same machine ({@code ConvolutionGradientTest}).
 */
final class ChannelsLastSequential extends SequentialBlock {

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs, final boolean training,
		final PairList<String, Object> params)
	{
		NDList current = inputs;
		for (final Block b : getChildren().values())
			current = b instanceof Conv1d c ? new NDList(conv1d(ps, c, current.singletonOrThrow(), training)) : b.forward(
				ps, current, training, params);
		return current;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList data, final NDList labels,
		final PairList<String, Object> params)
	{
		return forwardInternal(ps, data, true, params);
	}

	/** {@code c} on {@code x} ({@code N × C × T}), padded by half the kernel on each side (as the layers are built). */
	static NDArray conv1d(final ParameterStore ps, final Conv1d c, final NDArray x, final boolean training) {
		final Parameter weight = c.getParameters().get("weight"), bias = c.getParameters().get("bias");
		final NDArray w = ps.getValue(weight, x.getDevice(), training);
		final NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
		return conv1d(x, w, b);
	}

	/** A stride-1 1-D convolution of {@code x} ({@code N × C × T}) with {@code w} ({@code O × C × K}), padded by K/2. */
	static NDArray conv1d(final NDArray x, final NDArray w, final NDArray b) {
		final Shape s = x.getShape(), ws = w.getShape();
		final long n = s.get(0), o = ws.get(0), k = ws.get(2);
		// N × C × 1 × T, with the channels innermost in memory on the CPU
		final NDArray image = x.reshape(n, s.get(1), 1, s.get(2));
		final NDArray in = x.getDevice().isGpu() ? image : PhysNet.channelsLast(image);
		final NDArray y = Conv2d.conv2d(in, w.reshape(o, ws.get(1), 1, k), b, new Shape(1, 1), new Shape(0, k / 2),
			new Shape(1, 1)).singletonOrThrow();
		return y.reshape(n, o, y.getShape().get(3));
	}
}

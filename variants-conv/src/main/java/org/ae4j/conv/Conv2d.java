package org.ae4j.conv;

import java.util.List;
import org.ae4j.kernel.KernelSelection;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
/**
 * A 2-D convolution {@code Y = f(W ⋆ X + b)} over NCHW images by ND4J's native {@code conv2d} and
 * {@code conv2d_bp} ops. Shapes: {@code X [B, C, H, W]}, {@code W [k, k, C, O]}, {@code b [O]},
 * {@code Y [B, O, H', W']} with {@code H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Conv2d extends ImageLayer implements OnnxExportable {

    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final Kernels kernels;
    private final FirstLayerGradients firstLayer;
    private final NarrowConvolution narrow;

    /**
     * The most input channels for which {@link #forward} runs by {@link NarrowConvolution} and {@link #backwardParameters}
     * by {@link FirstLayerGradients}.
     */
    static final int FEW_INPUTS = 4;

    /** A layer computing its activation with the best kernels of this JVM ({@link KernelSelection#best()}). */
    public Conv2d(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding, int dilation,
                  Activation activation) {
        this(name, inputShape, weights, bias, stride, padding, dilation, activation, KernelSelection.best());
    }

    /** A layer computing its activation (and the activation's gradient) with {@code kernels}. */
    public Conv2d(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding, int dilation,
                  Activation activation, Kernels kernels) {
        super(name, inputShape, convolved(name, inputShape, weights, bias, stride, padding, dilation));
        this.kernel = (int) weights.size(0);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        if (dilation > 1) {
            SpreadKernel.announce(name, kernel, dilation);
        }
        this.activation = activation;
        this.weights = new Parameter(name + ".W", Parameter.Kind.WEIGHT, weights);
        this.bias = new Parameter(name + ".b", Parameter.Kind.BIAS, bias);
        this.kernels = java.util.Objects.requireNonNull(kernels, "kernels");
        this.firstLayer = kernels.select(() -> FirstLayerGradients.NONE, VectorFirstLayerGradients::new);
        this.narrow = kernels.select(() -> NarrowConvolution.NONE, VectorNarrowConvolution::new);
    }

    private static long[] convolved(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding,
                                    int dilation) {
        Geometry.requireChw(name, inputShape);
        if (weights.rank() != 4 || weights.size(0) != weights.size(1) || weights.size(2) != inputShape[0]
                || bias.rank() != 1 || bias.size(0) != weights.size(3)) {
            throw new IllegalArgumentException("layer '" + name + "' needs weights [k, k, " + inputShape[0]
                    + ", filters] and bias [filters], got " + java.util.Arrays.toString(weights.shape()) + " and "
                    + java.util.Arrays.toString(bias.shape()));
        }
        int kernel = (int) weights.size(0);
        return new long[] {weights.size(3), Geometry.convolved(name, inputShape[1], kernel, stride, padding, dilation),
                Geometry.convolved(name, inputShape[2], kernel, stride, padding, dilation)};
    }

    /** The kernel the native ops run: the weights, or their spread copy for a dilation above 1 ({@link SpreadKernel}). */
    private INDArray kernelWeights() {
        return dilation > 1 ? SpreadKernel.spread(weights.value(), dilation) : weights.value();
    }

    private int[] intArgs() {
        if (dilation > 1) {
            int spread = SpreadKernel.size(kernel, dilation);
            return new int[] {spread, spread, stride, stride, padding, padding, 1, 1, 0, 0, 0};
        }
        return new int[] {kernel, kernel, stride, stride, padding, padding, dilation, dilation, 0, 0, 0};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    /**
     * With at most {@value #FEW_INPUTS} input channels by {@link NarrowConvolution} where the kernels take the arrays (with
     * the bias and a pointwise activation, else both after it); else {@code conv2d} with the bias, then the activation.
     */
    @Override
    public Trace forward(INDArray input) {
        INDArray x = checked(input);
        INDArray output = newOutput(x);
        Kernels.Pointwise f = activation.pointwise().orElse(null);
        if (inputShape()[0] <= FEW_INPUTS && narrow.forward(x, weights.value(), bias.value(), f, kernel, stride, padding, dilation, output)) {
            if (f == null) {
                kernels.channelBiasActivation(output, bias.value(), activation);
            }
            return Trace.of(x, output);
        }
        NativeOps.run("conv2d", new INDArray[] {x, kernelWeights(), bias.value()}, new INDArray[] {output}, intArgs());
        kernels.channelBiasActivation(output, null, activation);
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray g = kernels.channelBackpropWithBias(trace.output(), outputGradient, null, activation);
        return backwardOp(trace.input(), g);
    }

    /**
     * Only the parameters' gradients, as the first layer of a chain is asked for (nobody reads its input gradient): with
     * at most {@value #FEW_INPUTS} input channels by {@link FirstLayerGradients} where the kernels take the arrays, else
     * by the op, whose input gradient is dropped.
     */
    @Override
    public void backwardParameters(Trace trace, INDArray outputGradient) {
        INDArray g = kernels.channelBackpropWithBias(trace.output(), outputGradient, null, activation);
        if (inputShape()[0] > FEW_INPUTS
                || !firstLayer.add(trace.input(), g, kernel, stride, padding, dilation, weights.gradient(), bias.gradient())) {
            backwardOp(trace.input(), g);
        }
    }

    /** The op's backward pass for {@code g = ∂L/∂(conv + b)}: adds the parameters' gradients, returns the input's. */
    private INDArray backwardOp(INDArray x, INDArray g) {
        if (dilation == 1) {
            return NativeOps.backpropWeighted("conv2d_bp", x, weights, bias, g, intArgs());
        }
        INDArray[] gradients = NativeOps.backprop("conv2d_bp", x, kernelWeights(), bias, g, intArgs());
        weights.gradient().addi(SpreadKernel.taps(gradients[1], dilation));
        return gradients[0];
    }

    @Override
    public String toString() {
        return "Conv2d(" + name() + ": " + java.util.Arrays.toString(inputShape()) + " → " + java.util.Arrays.toString(outputShape())
                + ", k" + kernel + " s" + stride + " p" + padding + " d" + dilation + ", " + activation.name() + ")";
    }

    /** ONNX {@code Conv} (weights permuted to {@code [O, C, k, k]}), then the activation. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String w = graph.constant(weights.name(), weights.value().permute(3, 2, 0, 1));
        String convolved = graph.node("Conv", input, w, graph.constant(bias.name(), bias.value()))
                .integers("kernel_shape", kernel, kernel).integers("strides", stride, stride)
                .integers("pads", padding, padding, padding, padding).integers("dilations", dilation, dilation).output();
        return graph.add("the activation '" + activation.name() + "' of layer '" + name() + "'", activation, convolved);
    }
}

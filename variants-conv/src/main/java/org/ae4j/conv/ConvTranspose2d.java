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
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D transposed convolution (the gradient of a convolution with respect to its input, used to
 * upsample) by ND4J's native {@code deconv2d} and {@code deconv2d_bp}, NCHW. Shapes:
 * {@code X [B, C, H, W]}, {@code W [k, k, O, C]}, {@code b [O]}, output
 * {@code [B, O, (H − 1)s − 2p + d(k − 1) + q + 1, …]} with output padding {@code q ≤ p}: the full
 * transposed convolution is computed without padding and cropped by {@code p} before and
 * {@code p − q} after, as PyTorch's {@code ConvTranspose2d} defines it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConvTranspose2d extends ImageLayer implements OnnxExportable {

    private final long[] fullShape;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    private final Kernels kernels;

    private final NarrowTransposed narrow;

    /** The most output channels for which the forward pass runs by {@link NarrowTransposed}. */
    static final int FEW_OUTPUTS = 4;

    public ConvTranspose2d(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding,
                           int dilation, int outputPadding, Activation activation) {
        this(name, inputShape, weights, bias, stride, padding, dilation, outputPadding, outputPadding, activation);
    }

    /**
     * With separate output paddings for the height and the width, computing its bias and activation with the best
     * kernels of this JVM ({@link KernelSelection#best()}).
     */
    public ConvTranspose2d(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding,
                           int dilation, int outputPaddingHeight, int outputPaddingWidth, Activation activation) {
        this(name, inputShape, weights, bias, stride, padding, dilation, outputPaddingHeight, outputPaddingWidth, activation,
                KernelSelection.best());
    }

    /** With separate output paddings, computing its bias and activation (and their gradients) with {@code kernels}. */
    public ConvTranspose2d(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding,
                           int dilation, int outputPaddingHeight, int outputPaddingWidth, Activation activation,
                           Kernels kernels) {
        super(name, inputShape, transposed(name, inputShape, weights, bias, stride, padding, dilation, outputPaddingHeight,
                outputPaddingWidth));
        this.kernel = (int) weights.size(0);
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        if (dilation > 1) {
            SpreadKernel.announce(name, kernel, dilation);
        }
        this.activation = activation;
        this.fullShape = new long[] {weights.size(2), Geometry.transposed(inputShape[1], kernel, stride, 0, dilation, 0),
                Geometry.transposed(inputShape[2], kernel, stride, 0, dilation, 0)};
        this.weights = new Parameter(name + ".W", Parameter.Kind.WEIGHT, weights);
        this.bias = new Parameter(name + ".b", Parameter.Kind.BIAS, bias);
        this.kernels = java.util.Objects.requireNonNull(kernels, "kernels");
        this.narrow = kernels.select(() -> NarrowTransposed.NONE, VectorNarrowTransposed::new);
    }

    private static long[] transposed(String name, long[] inputShape, INDArray weights, INDArray bias, int stride, int padding,
                                     int dilation, int outputPaddingHeight, int outputPaddingWidth) {
        Geometry.requireChw(name, inputShape);
        if (weights.rank() != 4 || weights.size(0) != weights.size(1) || weights.size(3) != inputShape[0]
                || bias.rank() != 1 || bias.size(0) != weights.size(2)) {
            throw new IllegalArgumentException("layer '" + name + "' needs weights [k, k, filters, " + inputShape[0]
                    + "] and bias [filters], got " + java.util.Arrays.toString(weights.shape()) + " and "
                    + java.util.Arrays.toString(bias.shape()));
        }
        if (outputPaddingHeight > padding || outputPaddingWidth > padding || outputPaddingHeight < 0 || outputPaddingWidth < 0) {
            throw new IllegalArgumentException("layer '" + name + "': output padding " + outputPaddingHeight + "×"
                    + outputPaddingWidth + " must lie between 0 and the padding " + padding);
        }
        int kernel = (int) weights.size(0);
        long[] shape = {weights.size(2), Geometry.transposed(inputShape[1], kernel, stride, padding, dilation, outputPaddingHeight),
                Geometry.transposed(inputShape[2], kernel, stride, padding, dilation, outputPaddingWidth)};
        if (shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("layer '" + name + "': padding " + padding + " leaves no output for input "
                    + java.util.Arrays.toString(inputShape));
        }
        return shape;
    }

    /** The kernel the native ops run: the weights, or their spread copy for a dilation above 1 ({@link SpreadKernel}). */
    private INDArray kernelWeights() {
        return dilation > 1 ? SpreadKernel.spread(weights.value(), dilation) : weights.value();
    }

    private int[] intArgs() {
        if (dilation > 1) {
            int spread = SpreadKernel.size(kernel, dilation);
            return new int[] {spread, spread, stride, stride, 0, 0, 1, 1, 0, 0, 0};
        }
        return new int[] {kernel, kernel, stride, stride, 0, 0, dilation, dilation, 0, 0, 0};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    /**
     * With at most {@value #FEW_OUTPUTS} output channels, by {@link NarrowTransposed} where the kernels take the arrays (with
     * the bias and a pointwise activation, else both after it); else {@code deconv2d} into the uncropped output, then the
     * crop, the bias and the activation. (Fusing the crop with the bias and activation was measured and gained nothing:
     * both passes are bound by memory, not by their number.)
     */
    @Override
    public Trace forward(INDArray input) {
        INDArray x = checked(input);
        Kernels.Pointwise f = activation.pointwise().orElse(null);
        if (outputShape()[0] <= FEW_OUTPUTS && narrow.takes(x, weights.value(), bias.value())) {
            INDArray output = Nd4j.createUninitialized(x.dataType(), x.size(0), outputShape()[0], outputShape()[1], outputShape()[2]);
            narrow.forward(x, weights.value(), bias.value(), f, kernel, stride, padding, dilation, output);
            if (f == null) {
                kernels.channelBiasActivation(output, bias.value(), activation);
            }
            return Trace.of(x, output);
        }
        INDArray full = Nd4j.createUninitialized(x.dataType(), x.size(0), fullShape[0], fullShape[1], fullShape[2]);
        // without the bias: oneDNN takes a slow reference path for deconvolution with a bias (measured ~25% of a
        // conv training step), so the bias is added with the activation instead
        NativeOps.run("deconv2d", new INDArray[] {x, kernelWeights()}, new INDArray[] {full}, intArgs());
        INDArray output = full;
        if (padding != 0 || !java.util.Arrays.equals(fullShape, outputShape())) {
            output = Nd4j.createUninitialized(x.dataType(), x.size(0), outputShape()[0], outputShape()[1], outputShape()[2]);
            PlaneWindow.copyOut(full, padding, padding, output);
        }
        kernels.channelBiasActivation(output, bias.value(), activation);
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        // the bias is not the op's (see forward): its gradient comes with the activation's
        INDArray g = kernels.channelBackpropWithBias(trace.output(), outputGradient, bias.gradient(), activation);
        INDArray x = trace.input();
        INDArray fullGradient = Nd4j.zeros(x.dataType(), x.size(0), fullShape[0], fullShape[1], fullShape[2]);
        PlaneWindow.copyIn(g, fullGradient, padding, padding);
        if (dilation == 1) {
            return NativeOps.backpropWeighted("deconv2d_bp", x, weights, null, fullGradient, intArgs());
        }
        INDArray[] gradients = NativeOps.backprop("deconv2d_bp", x, kernelWeights(), null, fullGradient, intArgs());
        weights.gradient().addi(SpreadKernel.taps(gradients[1], dilation));
        return gradients[0];
    }

    /**
     * ONNX {@code ConvTranspose} (weights permuted to {@code [C, O, k, k]}) cropping {@code p} before and {@code p − q}
     * after, then the activation.
     */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        long[] out = outputShape();
        String w = graph.constant(weights.name(), weights.value().permute(3, 2, 0, 1));
        String convolved = graph.node("ConvTranspose", input, w, graph.constant(bias.name(), bias.value()))
                .integers("kernel_shape", kernel, kernel).integers("strides", stride, stride)
                .integers("pads", padding, padding, fullShape[1] - padding - out[1], fullShape[2] - padding - out[2])
                .integers("dilations", dilation, dilation).output();
        return graph.add("the activation '" + activation.name() + "' of layer '" + name() + "'", activation, convolved);
    }
}

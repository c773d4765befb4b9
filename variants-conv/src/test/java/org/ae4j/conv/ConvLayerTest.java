package org.ae4j.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ae4j.check.GradientCheck;
import org.ae4j.nn.Identity;
import org.ae4j.nn.Tanh;
import org.ae4j.spi.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvLayerTest {

    private static long draws;

    /** Seeded N(0, 0.25) values; each call draws a new array (the seeds follow one another). */
    static INDArray randn(long... shape) {
        return org.ae4j.testkit.Fixtures.gaussian(7 + draws++, 0.5, DataType.DOUBLE, shape);
    }

    static void assertGradients(Layer layer, long batch) {
        long[] in = layer.inputShape();
        long[] shape = new long[in.length + 1];
        shape[0] = batch;
        System.arraycopy(in, 0, shape, 1, in.length);
        GradientCheck.Report report = GradientCheck.block(layer, randn(shape), GradientCheck.Options.defaults());
        assertThat(report.passed()).as(layer + ": " + report).isTrue();
    }

    @ParameterizedTest(name = "{0}x{1} image, k{2} s{3} p{4} d{5}")
    @CsvSource({"7, 7, 3, 1, 0, 1", "7, 6, 3, 2, 1, 1", "9, 9, 3, 2, 2, 2", "5, 8, 2, 1, 1, 1", "8, 8, 1, 3, 0, 1"})
    void conv2dGradientsMatchFiniteDifferences(int h, int w, int k, int s, int p, int d) {
        Layer conv = new Conv2d("c", new long[] {2, h, w}, randn(k, k, 2, 3), randn(3), s, p, d, new Tanh());
        assertGradients(conv, 2);
    }

    @ParameterizedTest(name = "{0}x{1} image, k{2} s{3} p{4} d{5} q{6}")
    @CsvSource({"3, 3, 3, 2, 1, 1, 1", "4, 5, 3, 1, 0, 1, 0", "3, 3, 2, 2, 0, 1, 0", "3, 4, 3, 2, 2, 2, 1", "2, 2, 3, 3, 1, 1, 0"})
    void transposedConvGradientsMatchFiniteDifferences(int h, int w, int k, int s, int p, int d, int q) {
        Layer deconv = new ConvTranspose2d("t", new long[] {2, h, w}, randn(k, k, 3, 2), randn(3), s, p, d, q, new Tanh());
        assertGradients(deconv, 2);
    }

    @ParameterizedTest(name = "{0}x{1} image, k{2} s{3} p{4}")
    @CsvSource({"6, 6, 2, 2, 0", "7, 5, 3, 2, 1", "5, 5, 3, 1, 0"})
    void maxPoolGradientsMatchFiniteDifferences(int h, int w, int k, int s, int p) {
        assertGradients(new MaxPool2d("m", new long[] {2, h, w}, k, s, p), 2);
    }

    @Test
    void upsampleAndReshapeGradientsMatchFiniteDifferences() {
        assertGradients(new Upsample2d("u", new long[] {2, 3, 5}, 2), 2);
        assertGradients(new Reshape("r", new long[] {12}, new long[] {3, 2, 2}), 3);
        assertGradients(new Reshape("f", new long[] {3, 2, 2}, new long[] {12}), 3);
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x), y> = <x, convT(y)> for the same kernel, no bias, no activation
        INDArray kernel = randn(3, 3, 2, 3); // [k, k, in=2, out=3]
        Conv2d conv = new Conv2d("c", new long[] {2, 7, 7}, kernel, Nd4j.zeros(DataType.DOUBLE, 3), 2, 1, 1, new Identity());
        ConvTranspose2d deconv = new ConvTranspose2d("t", new long[] {3, 4, 4}, kernel.dup(), Nd4j.zeros(DataType.DOUBLE, 2),
                2, 1, 1, 0, new Identity());
        assertThat(deconv.outputShape()).containsExactly(2, 7, 7);
        INDArray x = randn(1, 2, 7, 7);
        INDArray y = org.ae4j.testkit.Fixtures.uniform(106, 0, 1, DataType.DOUBLE, 1, 3, 4, 4);
        double left = conv.forward(x).output().mul(y).sumNumber().doubleValue();
        double right = x.mul(deconv.forward(y).output()).sumNumber().doubleValue();
        assertThat(left).isCloseTo(right, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void rejectsShapesThatDoNotFitNamingTheLayer() {
        assertThatThrownBy(() -> new Conv2d("encoder.1", new long[] {784}, randn(3, 3, 1, 4), randn(4), 1, 0, 1, new Tanh()))
                .hasMessage("layer 'encoder.1' expects images [channels, height, width], got [784]; reshape flat inputs first "
                        + "(\"type\": \"reshape\")");
        assertThatThrownBy(() -> new Conv2d("encoder.2", new long[] {1, 2, 2}, randn(5, 5, 1, 4), randn(4), 1, 0, 1, new Tanh()))
                .hasMessage("layer 'encoder.2': a 5×5 kernel (dilation 1, padding 0) does not fit an input of size 2");
        assertThatThrownBy(() -> new Conv2d("encoder.3", new long[] {2, 8, 8}, randn(3, 3, 1, 4), randn(4), 1, 0, 1, new Tanh()))
                .hasMessageStartingWith("layer 'encoder.3' needs weights [k, k, 2, filters]");
        assertThatThrownBy(() -> new Reshape("r", new long[] {784}, new long[] {1, 28, 27}))
                .hasMessage("layer 'r' cannot reshape [784] (784 values) to [1, 28, 27] (756 values)");
    }

    /**
     * In float the layers compute their bias, activation and crop in Java (the Vector-API kernels, {@link PlaneWindow}),
     * a transposed layer with few output channels its output ({@link NarrowTransposed}), a convolution with few input
     * channels its output ({@link NarrowConvolution}) and, as a first layer, its parameters' gradients
     * ({@link FirstLayerGradients}); in double (the gradient checks') all of it with ND4J's ops. Both give the same
     * outputs and gradients.
     */
    @ParameterizedTest(name = "transposed: {0}, conv: {1}")
    @CsvSource({"sigmoid, relu", "relu, tanh", "identity, sigmoid", "leaky-relu, leaky-relu"})   // the last: not pointwise
    void floatLayersComputeWhatTheDoubleReferenceDoes(String transposedActivation, String convActivation) {
        var kernels = org.ae4j.kernel.KernelSelection.named(org.ae4j.kernel.VectorApiKernels.NAME);
        var activations = org.ae4j.Ae4j.registry();
        INDArray w = randn(3, 3, 2, 3);
        INDArray b = randn(2);
        INDArray cw = randn(3, 3, 2, 4);
        INDArray cb = randn(4);
        INDArray x = randn(5, 3, 7, 7);
        INDArray g = randn(5, 2, 14, 14);
        INDArray cg = randn(5, 4, 7, 7);
        INDArray fw = randn(3, 3, 3, 4);
        INDArray fb = randn(4);
        INDArray fg = randn(5, 4, 4, 4);
        INDArray dg = randn(5, 4, 7, 7);
        java.util.List<INDArray[]> results = new java.util.ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ConvTranspose2d up = new ConvTranspose2d("t", new long[] {3, 7, 7}, w.castTo(type), b.castTo(type), 2, 1, 1, 1, 1,
                    activations.activation(transposedActivation), kernels);
            Conv2d down = new Conv2d("c", new long[] {2, 14, 14}, cw.castTo(type), cb.castTo(type), 2, 1, 1,
                    activations.activation(convActivation), kernels);
            var upTrace = up.forward(x.castTo(type));
            var downTrace = down.forward(upTrace.output());
            INDArray upOutput = upTrace.output().dup();
            INDArray downInput = down.backward(downTrace, cg.castTo(type).dup());
            INDArray upInput = up.backward(upTrace, g.castTo(type).dup());
            // first layers: only their parameters' gradients are asked for (one strided, one dilated)
            Conv2d first = new Conv2d("f", new long[] {3, 7, 7}, fw.castTo(type), fb.castTo(type), 2, 1, 1,
                    activations.activation(convActivation), kernels);
            var firstTrace = first.forward(x.castTo(type));
            INDArray firstOutput = firstTrace.output().dup();
            first.backwardParameters(firstTrace, fg.castTo(type).dup());
            Conv2d dilated = new Conv2d("g", new long[] {3, 7, 7}, fw.castTo(type), fb.castTo(type), 1, 2, 2,
                    activations.activation(convActivation), kernels);
            var dilatedTrace = dilated.forward(x.castTo(type));
            INDArray dilatedOutput = dilatedTrace.output().dup();
            dilated.backwardParameters(dilatedTrace, dg.castTo(type).dup());
            results.add(new INDArray[] {upOutput, downTrace.output(), upInput, downInput, up.parameters().get(0).gradient(),
                    up.parameters().get(1).gradient(), down.parameters().get(0).gradient(), down.parameters().get(1).gradient(),
                    first.parameters().get(0).gradient(), first.parameters().get(1).gradient(),
                    dilated.parameters().get(0).gradient(), dilated.parameters().get(1).gradient(), firstOutput, dilatedOutput});
        }
        String[] names = {"transposed output", "conv output", "transposed input gradient", "conv input gradient",
                "transposed weight gradient", "transposed bias gradient", "conv weight gradient", "conv bias gradient",
                "first layer's weight gradient", "first layer's bias gradient", "dilated first layer's weight gradient",
                "dilated first layer's bias gradient", "first layer's output", "dilated first layer's output"};
        for (int i = 0; i < names.length; i++) {
            INDArray single = results.get(0)[i].castTo(DataType.DOUBLE);
            INDArray reference = results.get(1)[i];
            double scale = Math.max(1, reference.amaxNumber().doubleValue());
            assertThat(single.sub(reference).amaxNumber().doubleValue() / scale).as(names[i]).isLessThan(1e-5);
        }
    }

    /**
     * The forward pass of a transposed layer in float — with few output channels in Java ({@link VectorNarrowTransposed}:
     * by phase where the layer doubles its input, else tap by tap; bias and activation fused), with more by
     * {@code deconv2d}, the crop, then the bias and activation — against the
     * double-precision reference with ND4J's ops, over geometries that exercise every layout: strides 1–3, crops left and
     * right, dilations, odd sizes.
     */
    @ParameterizedTest(name = "{0} -> {1} x {2}x{3}, k{4} s{5} p{6} d{7} output padding {8}, {9}")
    @CsvSource({"16, 1, 14, 14, 3, 2, 1, 1, 1, sigmoid", "3, 2, 5, 7, 3, 2, 1, 1, 0, relu", "4, 1, 6, 5, 3, 1, 1, 1, 0, tanh",
            "2, 3, 4, 4, 2, 2, 0, 1, 0, identity", "2, 1, 5, 5, 3, 3, 1, 1, 1, sigmoid", "3, 1, 7, 6, 5, 2, 2, 1, 1, relu",
            "2, 2, 6, 7, 3, 2, 2, 2, 1, sigmoid", "5, 1, 3, 9, 1, 1, 0, 1, 0, tanh", "2, 1, 5, 4, 4, 3, 1, 1, 0, relu",
            "3, 2, 20, 19, 3, 2, 1, 1, 1, leaky-relu", "6, 8, 7, 7, 3, 2, 1, 1, 1, relu", "5, 9, 5, 6, 3, 2, 2, 2, 1, sigmoid",
            "4, 8, 6, 5, 3, 1, 1, 1, 0, tanh", "3, 8, 4, 4, 2, 2, 0, 1, 0, leaky-relu"})
    void transposedForwardComputesWhatTheDoubleReferenceDoes(int channels, int outputs, int h, int w, int k, int s, int p,
                                                            int d, int outputPadding, String activation) {
        var f = org.ae4j.Ae4j.registry().activation(activation);
        INDArray weights = randn(k, k, outputs, channels);
        INDArray bias = randn(outputs);
        assertFloatForwardMatchesDouble(randn(3, channels, h, w), (type, kernels) -> new ConvTranspose2d("t", new long[] {channels, h, w},
                weights.castTo(type), bias.castTo(type), s, p, d, outputPadding, outputPadding, f, kernels));
    }

    /** The layer {@code make} builds in float on the Vector-API kernels computes what it computes in double, to 1e-5 relative. */
    private static void assertFloatForwardMatchesDouble(INDArray x,
                                                        java.util.function.BiFunction<DataType, org.ae4j.spi.Kernels, Layer> make) {
        var kernels = org.ae4j.kernel.KernelSelection.named(org.ae4j.kernel.VectorApiKernels.NAME);
        INDArray single = make.apply(DataType.FLOAT, kernels).forward(x.castTo(DataType.FLOAT)).output().castTo(DataType.DOUBLE);
        INDArray reference = make.apply(DataType.DOUBLE, kernels).forward(x.castTo(DataType.DOUBLE)).output();
        double scale = Math.max(1, reference.amaxNumber().doubleValue());
        assertThat(single.shape()).isEqualTo(reference.shape());
        assertThat(single.sub(reference).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
    }

    /**
     * The Java forward pass of a convolution with few input channels ({@link VectorNarrowConvolution}: patches from phase
     * planes where the layer halves its input, else gathered; bias and activation fused) against the double-precision
     * reference with ND4J's ops, over geometries that exercise both: strides 1–3, paddings 0–2, a dilation, even and odd
     * kernels, odd sizes.
     */
    @ParameterizedTest(name = "{0} -> {1} x {2}x{3}, k{4} s{5} p{6} d{7}, {8}")
    @CsvSource({"1, 16, 28, 28, 3, 2, 1, 1, relu", "2, 3, 10, 12, 5, 2, 2, 1, sigmoid", "3, 5, 8, 8, 2, 2, 0, 1, tanh",
            "2, 4, 12, 10, 3, 2, 2, 2, identity", "1, 4, 8, 8, 4, 2, 1, 1, relu", "1, 3, 9, 9, 3, 2, 1, 1, sigmoid",
            "2, 6, 7, 6, 3, 1, 1, 1, tanh", "3, 2, 9, 9, 3, 3, 0, 1, relu", "2, 5, 6, 6, 3, 2, 1, 1, leaky-relu"})
    void narrowConvolutionComputesWhatTheDoubleReferenceDoes(int channels, int filters, int h, int w, int k, int s, int p, int d,
                                                             String activation) {
        var f = org.ae4j.Ae4j.registry().activation(activation);
        INDArray weights = randn(k, k, channels, filters);
        INDArray bias = randn(filters);
        assertFloatForwardMatchesDouble(randn(3, channels, h, w), (type, kernels) -> new Conv2d("c", new long[] {channels, h, w},
                weights.castTo(type), bias.castTo(type), s, p, d, f, kernels));
    }
}

package org.ae4j.conv;

import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D max pooling over NCHW images by ND4J's native {@code maxpool2d} and {@code maxpool2d_bp}: each
 * output is the maximum of a {@code k × k} window moved by {@code s}; the gradient flows to the
 * window's maximum.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MaxPool2d extends ImageLayer implements OnnxExportable {

    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool2d(String name, long[] inputShape, int kernel, int stride, int padding) {
        super(name, inputShape, pooled(name, inputShape, kernel, stride, padding));
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    private static long[] pooled(String name, long[] inputShape, int kernel, int stride, int padding) {
        Geometry.requireChw(name, inputShape);
        Geometry.requirePositive("max-pool", "kernel", kernel);
        Geometry.requirePositive("max-pool", "stride", stride);
        Geometry.requireNonNegative("max-pool", "padding", padding);
        return new long[] {inputShape[0], Geometry.convolved(name, inputShape[1], kernel, stride, padding, 1),
                Geometry.convolved(name, inputShape[2], kernel, stride, padding, 1)};
    }

    private int[] intArgs() {
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 0};
    }

    @Override
    public Trace forward(INDArray input) {
        INDArray x = checked(input);
        INDArray output = newOutput(x);
        NativeOps.run("maxpool2d", new INDArray[] {x}, new INDArray[] {output}, intArgs());
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray x = trace.input();
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.run("maxpool2d_bp", new INDArray[] {x, contiguous(outputGradient)},
                new INDArray[] {inputGradient}, intArgs());
        return inputGradient;
    }

    /** ONNX {@code MaxPool}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("MaxPool", input).integers("kernel_shape", kernel, kernel).integers("strides", stride, stride)
                .integers("pads", padding, padding, padding, padding).output();
    }
}

package org.ae4j.conv;

import java.util.List;
import org.ae4j.spi.Layer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D max pooling over NCHW images by ND4J's native {@code maxpool2d} and {@code maxpool2d_bp}: each
 * output is the maximum of a {@code k × k} window moved by {@code s}; the gradient flows to the
 * window's maximum.
 */
public final class MaxPool2d implements Layer {

    private final String name;
    private final long[] inputShape;
    private final long[] outputShape;
    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool2d(String name, long[] inputShape, int kernel, int stride, int padding) {
        this.name = name;
        this.inputShape = Geometry.requireChw(name, inputShape).clone();
        Geometry.requirePositive("max-pool", "kernel", kernel);
        Geometry.requirePositive("max-pool", "stride", stride);
        Geometry.requireNonNegative("max-pool", "padding", padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputShape = new long[] {inputShape[0], Geometry.convolved(name, inputShape[1], kernel, stride, padding, 1),
                Geometry.convolved(name, inputShape[2], kernel, stride, padding, 1)};
    }

    private int[] intArgs() {
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 0};
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Trace forward(INDArray input) {
        Geometry.requireBatch(name, inputShape, input);
        INDArray x = input.ordering() == 'c' ? input : input.dup('c');
        INDArray output = Nd4j.createUninitialized(x.dataType(), x.size(0), outputShape[0], outputShape[1], outputShape[2]);
        NativeOps.run("maxpool2d", new INDArray[] {x}, new INDArray[] {output}, intArgs());
        return Trace.of(x, output);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray x = trace.input();
        INDArray inputGradient = Nd4j.createUninitialized(x.dataType(), x.shape());
        NativeOps.run("maxpool2d_bp", new INDArray[] {x, outputGradient.ordering() == 'c' ? outputGradient : outputGradient.dup('c')},
                new INDArray[] {inputGradient}, intArgs());
        return inputGradient;
    }
}

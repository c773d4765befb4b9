package org.ae4j.conv;

import java.util.List;
import org.ae4j.spi.Layer;
import org.ae4j.spi.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the convolutional-stack layers share: a name, fixed per-example shapes, and input checks. */
abstract class ImageLayer implements Layer {

    private final String name;
    private final long[] inputShape;
    private final long[] outputShape;

    ImageLayer(String name, long[] inputShape, long[] outputShape) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public final long[] outputShape() {
        return outputShape.clone();
    }

    /** None by default. */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** {@code input} checked against the input shape, as a C-ordered array (copied only when it is not). */
    final INDArray checked(INDArray input) {
        Geometry.requireBatch(name, inputShape, input);
        return contiguous(input);
    }

    static INDArray contiguous(INDArray array) {
        return array.ordering() == 'c' ? array : array.dup('c');
    }

    /** A new uninitialised array for a batch of outputs. */
    final INDArray newOutput(INDArray like) {
        long[] shape = new long[outputShape.length + 1];
        shape[0] = like.size(0);
        System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
        return org.nd4j.linalg.factory.Nd4j.createUninitialized(like.dataType(), shape);
    }
}

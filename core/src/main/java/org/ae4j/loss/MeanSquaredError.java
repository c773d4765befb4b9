package org.ae4j.loss;

import java.util.Objects;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.OnnxExportableLoss;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean squared error over every element: {@code L = (1/N) Σᵢ (x̂ᵢ − xᵢ)²} with {@code N} the number
 * of elements in the batch, so its value is the per-pixel MSE. {@code ∂L/∂x̂ = (2/N)(x̂ − x)}, computed
 * with the value in one {@link Kernels#squaredError} pass.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MeanSquaredError extends ElementwiseLoss implements OnnxExportableLoss {

    public static final String NAME = "mse";

    private final Kernels kernels;

    public MeanSquaredError(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Computes the difference once for both the value and the gradient. */
    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray gradient = Nd4j.createUninitialized(output.dataType(), output.shape());
        double n = gradient.length();
        return new LossResult(kernels.squaredError(output, target, gradient, 2.0 / n) / n, gradient);
    }

    /** Each example's mean squared error, by the kernels (in Java for small arrays: scoring a table row). */
    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        return kernels.meanSquaredErrorPerExample(output, target, false);
    }

    @Override
    INDArray elementwise(INDArray output, INDArray target) {
        INDArray diff = output.sub(target);
        return diff.muli(diff);
    }

    @Override
    INDArray gradient(INDArray output, INDArray target, double n) {
        return output.sub(target).muli(2.0 / n);
    }

    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.of(mean.dup());
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        return output.dup();
    }

    /** The output itself: it is in data space. */
    @Override
    public INDArray reconstructionInPlace(INDArray output, Kernels kernels) {
        return output;
    }

    /** Nothing to add: the output is in data space. */
    @Override
    public String reconstructionToOnnx(OnnxGraph graph, String output) {
        return output;
    }

    /** The mean of {@code (output − target)²} over each example. */
    @Override
    public String perExampleToOnnx(OnnxGraph graph, String output, String target) {
        String difference = graph.node("Sub", output, target).output();
        return graph.meanPerExample(graph.node("Mul", difference, difference).output());
    }
}

package org.ae4j.loss;

import org.ae4j.spi.Loss;
import org.ae4j.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error over every element: {@code L = (1/N) Σᵢ (x̂ᵢ − xᵢ)²} with {@code N} the number
 * of elements in the batch, so its value is the per-pixel MSE. {@code ∂L/∂x̂ = (2/N)(x̂ − x)}.
 */
public final class MeanSquaredError implements Loss {

    public static final String NAME = "mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray diff = output.sub(target);
        double n = diff.length();
        double value = square(diff.norm2Number().doubleValue()) / n;
        return new LossResult(value, diff.muli(2.0 / n));
    }

    @Override
    public double value(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray diff = output.sub(target);
        return square(diff.norm2Number().doubleValue()) / diff.length();
    }

    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray diff = output.sub(target);
        return LossShapes.sumPerExample(diff.muli(diff)).divi(diff.length() / diff.size(0));
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        return output.dup();
    }

    private static double square(double x) {
        return x * x;
    }
}

package org.ae4j.loss;

import org.ae4j.spi.Loss;
import org.ae4j.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss that is the mean over every element of a per-element term {@code ℓ(output, target)}:
 * {@code L = (1/N) Σᵢ ℓᵢ}; {@link #perExample} averages over each example's elements instead.
 * Subclasses give the per-element term and the gradient.
 */
abstract class ElementwiseLoss implements Loss {

    /** {@code ℓ} element-wise, as a new array. */
    abstract INDArray elementwise(INDArray output, INDArray target);

    /** {@code ∂L/∂output} as a new array, with {@code n} the number of elements. */
    abstract INDArray gradient(INDArray output, INDArray target, double n);

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        double value = value(output, target);
        return new LossResult(value, gradient(output, target, output.length()));
    }

    @Override
    public double value(INDArray output, INDArray target) {
        LossShapes.requireSameShape(name(), output, target);
        return elementwise(output, target).sumNumber().doubleValue() / output.length();
    }

    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(name(), output, target);
        return LossShapes.meanPerExample(elementwise(output, target));
    }
}

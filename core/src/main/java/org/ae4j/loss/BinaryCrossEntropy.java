package org.ae4j.loss;

import org.ae4j.spi.Loss;
import org.ae4j.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy on logits, mean over every element, in the numerically stable form
 * {@code ℓ(s, x) = max(s, 0) − s·x + log(1 + e^{−|s|})} (equal to
 * {@code −x·log σ(s) − (1−x)·log(1−σ(s))} but free of overflow and of {@code log 0}).
 * {@code ∂L/∂s = (σ(s) − x)/N}. Targets must lie in [0, 1]. The decoder's output layer must be linear
 * (its outputs are logits); {@link #reconstruction} applies the sigmoid.
 */
public final class BinaryCrossEntropy implements Loss {

    public static final String NAME = "bce";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        double value = elementwise(output, target).sumNumber().doubleValue() / output.length();
        INDArray gradient = Transforms.sigmoid(output, true).subi(target).divi(output.length());
        return new LossResult(value, gradient);
    }

    @Override
    public double value(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        return elementwise(output, target).sumNumber().doubleValue() / output.length();
    }

    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        return LossShapes.sumPerExample(elementwise(output, target)).divi(output.length() / output.size(0));
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        return Transforms.sigmoid(output, true);
    }

    /** {@code max(s, 0) − s·x + log1p(e^{−|s|})}, element-wise, as a new array. */
    private static INDArray elementwise(INDArray logits, INDArray target) {
        INDArray softTail = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        return Transforms.relu(logits, true).subi(logits.mul(target)).addi(softTail);
    }
}

package org.ae4j.vae;

import org.ae4j.util.InPlace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link BernoulliLogits} as ND4J ops, for any data type. */
final class Nd4jBernoulliLogits implements BernoulliLogits {

    @Override
    public double evaluate(INDArray logits, INDArray target, INDArray gradient, double scale) {
        gradient.assign(InPlace.scale(Transforms.sigmoid(logits, true).subi(target), scale));
        return elementwise(logits, target).sumNumber().doubleValue();
    }

    @Override
    public INDArray perExample(INDArray logits, INDArray target) {
        return Shapes.sumPerExample(elementwise(logits, target));
    }

    /** {@code max(s, 0) − s·x + log(1 + e^{−|s|})} element-wise, as a new array. */
    private static INDArray elementwise(INDArray logits, INDArray target) {
        INDArray softTail = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        return InPlace.relu(logits.dup()).subi(logits.mul(target)).addi(softTail);
    }
}

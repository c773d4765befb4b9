package org.ae4j.vae;

import org.ae4j.spi.LossResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli likelihood on logits {@code s} (Kingma &amp; Welling, 2014, appendix C.1), for data in
 * [0, 1]: {@code −log p(x|z) = Σᵢ [max(sᵢ, 0) − sᵢxᵢ + log(1 + e^{−|sᵢ|})]} per example, the
 * numerically stable binary cross-entropy summed over values. Gradient {@code (σ(s) − x)/B}.
 * The reconstruction (mean) is {@code σ(s)}.
 */
public final class BernoulliLikelihood implements Likelihood {

    public static final String NAME = "bernoulli";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray negativeLogLikelihood(INDArray logits, INDArray target) {
        Shapes.requireSameShape(NAME, logits, target);
        INDArray softTail = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        INDArray elementwise = org.ae4j.util.InPlace.relu(logits.dup()).subi(logits.mul(target)).addi(softTail);
        return Shapes.sumPerExample(elementwise);
    }

    @Override
    public LossResult evaluate(INDArray logits, INDArray target) {
        if (org.ae4j.util.Fused.enabled()) {
            Shapes.requireSameShape(NAME, logits, target);
            INDArray gradient = Nd4j.createUninitialized(logits.dataType(), logits.shape());
            long batch = logits.size(0);
            double total = org.ae4j.util.Fused.bernoulliLogits(logits, target, gradient, 1.0 / batch);
            if (!Double.isNaN(total)) {                  // one pass for both (NaN: not float arrays, or NaN data)
                return new LossResult(total / batch, gradient);
            }
        }
        double value = value(logits, target);
        return new LossResult(value, org.ae4j.util.InPlace.scale(Transforms.sigmoid(logits, true).subi(target), 1.0 / logits.size(0)));
    }

    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.of(org.ae4j.loss.BinaryCrossEntropy.logOdds(mean));
    }

    @Override
    public INDArray reconstruction(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }
}

package org.ae4j.loss;

import org.ae4j.spi.LossResult;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Mean squared error over the observed entries only: a target entry that is {@code NaN} is missing and
 * neither counts nor gets a gradient. With {@code O} the observed entries of the batch,
 * {@code L = (1/|O|) Σ_{i∈O} (x̂ᵢ − xᵢ)²} and {@code ∂L/∂x̂ᵢ = (2/|O|)(x̂ᵢ − xᵢ)} on {@code O}, 0 elsewhere
 * (0 and no gradient for a batch with nothing observed). Per example the mean is over that example's observed
 * entries. A model with this loss sees 0 at its input where a value is missing ({@link #skipsMissingTargets}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class MaskedMeanSquaredError extends ElementwiseLoss {

    public static final String NAME = "masked-mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean skipsMissingTargets() {
        return true;
    }

    @Override
    public LossResult evaluate(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray observed = observed(target);
        INDArray diff = difference(output, target, observed);
        double n = observed.sumNumber().doubleValue();
        if (n == 0) {
            return new LossResult(0, Nd4j.zerosLike(output));
        }
        double sum = diff.mul(diff).sumNumber().doubleValue();
        return new LossResult(sum / n, diff.muli(2.0 / n));
    }

    /** The value alone: no gradient array is made. */
    @Override
    public double value(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray observed = observed(target);
        double n = observed.sumNumber().doubleValue();
        if (n == 0) {
            return 0;
        }
        INDArray diff = difference(output, target, observed);
        return diff.muli(diff).sumNumber().doubleValue() / n;
    }

    @Override
    public INDArray perExample(INDArray output, INDArray target) {
        LossShapes.requireSameShape(NAME, output, target);
        INDArray observed = observed(target);
        INDArray diff = difference(output, target, observed);
        INDArray sums = LossShapes.sumPerExample(diff.muli(diff));
        INDArray counts = LossShapes.sumPerExample(observed);
        BooleanIndexing.replaceWhere(counts, 1.0, Conditions.equals(0.0));     // nothing observed: 0/1
        return sums.divi(counts);
    }

    @Override
    INDArray elementwise(INDArray output, INDArray target) {
        INDArray diff = difference(output, target, observed(target));
        return diff.muli(diff);
    }

    @Override
    INDArray gradient(INDArray output, INDArray target, double n) {
        throw new IllegalStateException("evaluate() computes the masked gradient");
    }

    @Override
    public java.util.Optional<INDArray> initialOutput(INDArray mean, INDArray variance) {
        return java.util.Optional.of(mean.dup());
    }

    @Override
    public INDArray reconstruction(INDArray output) {
        return output.dup();
    }

    /** 1 where the target is a number, 0 where it is {@code NaN}. */
    private static INDArray observed(INDArray target) {
        return target.eq(target).castTo(target.dataType());
    }

    /** {@code (x̂ − x)} where observed, 0 elsewhere. */
    private static INDArray difference(INDArray output, INDArray target, INDArray observed) {
        INDArray filled = target.dup();
        BooleanIndexing.replaceWhere(filled, 0.0, Conditions.isNan());
        return output.sub(filled).muli(observed);
    }
}

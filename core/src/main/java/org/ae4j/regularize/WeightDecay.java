package org.ae4j.regularize;

import java.util.List;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.apiguardian.api.API;

/**
 * L2 weight decay on every weight (not bias): {@code R = (λ/2) Σ_W ‖W‖²_F}, {@code ∂R/∂W = λW}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WeightDecay implements Regularizer {

    public static final String NAME = "weight-decay";

    private final double lambda;

    /** @param lambda λ ≥ 0 */
    public WeightDecay(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("weight-decay lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink) {
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            if (p.kind() == Parameter.Kind.WEIGHT) {
                double norm = p.value().norm2Number().doubleValue();
                sumOfSquares += norm * norm;
                p.gradient().addi(p.value().mul(lambda));
            }
        }
        return 0.5 * lambda * sumOfSquares;
    }
}

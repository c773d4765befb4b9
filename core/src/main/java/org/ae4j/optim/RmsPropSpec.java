package org.ae4j.optim;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link RmsProp}.
 *
 * @param learningRate α &gt; 0 (default 1e-3)
 * @param decay        ρ in [0, 1) (default 0.9)
 * @param epsilon      &gt; 0 (default 1e-8)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RmsPropSpec(double learningRate, double decay, double epsilon) implements OptimizerSpec {

    public static final String TYPE = "rmsprop";

    public RmsPropSpec {
        OptimizerChecks.positive(TYPE, "learningRate", learningRate);
        OptimizerChecks.unitInterval(TYPE, "decay", decay);
        OptimizerChecks.positive(TYPE, "epsilon", epsilon);
    }

    public static RmsPropSpec defaults() {
        return new RmsPropSpec(1e-3, 0.9, 1e-8);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RmsPropSpec withLearningRate(double learningRate) {
        return new RmsPropSpec(learningRate, decay, epsilon);
    }

    @Override
    public Optimizer create(Kernels kernels) {
        return new RmsProp(this);
    }
}

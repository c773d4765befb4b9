package org.ae4j.optim;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link Adam}.
 *
 * @param learningRate α &gt; 0 (default 1e-3)
 * @param beta1        first-moment decay in [0, 1) (default 0.9)
 * @param beta2        second-moment decay in [0, 1) (default 0.999)
 * @param epsilon      &gt; 0 (default 1e-8)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AdamSpec(double learningRate, double beta1, double beta2, double epsilon) implements OptimizerSpec {

    public static final String TYPE = "adam";

    public AdamSpec {
        OptimizerChecks.positive(TYPE, "learningRate", learningRate);
        OptimizerChecks.unitInterval(TYPE, "beta1", beta1);
        OptimizerChecks.unitInterval(TYPE, "beta2", beta2);
        OptimizerChecks.positive(TYPE, "epsilon", epsilon);
    }

    public static AdamSpec defaults() {
        return new AdamSpec(1e-3, 0.9, 0.999, 1e-8);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AdamSpec withLearningRate(double learningRate) {
        return new AdamSpec(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public Optimizer create(Kernels kernels) {
        return new Adam(this, kernels);
    }
}

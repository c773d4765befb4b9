package org.ae4j.optim;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link Sgd}.
 *
 * @param learningRate α &gt; 0 (default 0.01)
 * @param momentum     μ in [0, 1) (default 0.9)
 * @param nesterov     use Nesterov's momentum (default false)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SgdSpec(double learningRate, double momentum, boolean nesterov) implements OptimizerSpec {

    public static final String TYPE = "sgd";

    public SgdSpec {
        OptimizerChecks.positive(TYPE, "learningRate", learningRate);
        OptimizerChecks.unitInterval(TYPE, "momentum", momentum);
    }

    public static SgdSpec defaults() {
        return new SgdSpec(0.01, 0.9, false);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SgdSpec withLearningRate(double learningRate) {
        return new SgdSpec(learningRate, momentum, nesterov);
    }

    @Override
    public Optimizer create(Kernels kernels) {
        return new Sgd(this);
    }
}

package org.ae4j.regularize;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.RegularizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link WeightDecay}.
 *
 * @param lambda λ ≥ 0 (default 1e-4)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WeightDecaySpec(double lambda) implements RegularizerSpec {

    public static final String TYPE = WeightDecay.NAME;

    public WeightDecaySpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("weight-decay lambda must be a finite number >= 0, got " + lambda);
        }
    }

    public static WeightDecaySpec defaults() {
        return new WeightDecaySpec(1e-4);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Regularizer create(Kernels kernels) {
        return new WeightDecay(lambda);
    }
}

package org.ae4j.contractive;

import java.util.Set;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.RegularizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link ContractivePenalty}.
 *
 * @param lambda    the penalty weight λ ≥ 0 (default 1e-4)
 * @param estimator {@code "exact"} (closed form, one-layer sigmoid encoders only), {@code "stochastic"}
 *                  (any encoder), or {@code "auto"} (default: exact where it applies, else stochastic)
 * @param sigma     the noise scale σ &gt; 0 of the stochastic estimate (default 0.05)
 * @param samples   noise draws per step of the stochastic estimate, ≥ 1 (default 1)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ContractiveSpec(double lambda, String estimator, double sigma, int samples) implements RegularizerSpec {

    public static final String TYPE = ContractivePenalty.NAME;
    static final Set<String> ESTIMATORS = Set.of("auto", "exact", "stochastic");

    public ContractiveSpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("contractive lambda must be a finite number >= 0, got " + lambda);
        }
        if (!ESTIMATORS.contains(estimator)) {
            throw new IllegalArgumentException("contractive estimator must be one of auto, exact, stochastic; got \""
                    + estimator + "\"");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("contractive sigma must be a finite number > 0, got " + sigma);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("contractive samples must be >= 1, got " + samples);
        }
    }

    public static ContractiveSpec defaults() {
        return new ContractiveSpec(1e-4, "auto", 0.05, 1);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Regularizer create(Kernels kernels) {
        return new ContractivePenalty(this, kernels);
    }
}

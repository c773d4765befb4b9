package org.ae4j.sparse;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.RegularizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link KlSparsity}.
 *
 * @param rho   the target mean activation ρ in (0, 1) (default 0.05)
 * @param beta  the penalty weight β ≥ 0 (default 1e-2, weighed against the mean-per-value MSE loss)
 * @param layer the encoder layer whose outputs are watched, 0-based; -1 (default) watches the code
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KlSparsitySpec(double rho, double beta, int layer) implements RegularizerSpec {

    public static final String TYPE = KlSparsity.NAME;

    public KlSparsitySpec {
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("kl-sparsity rho must be in (0, 1), got " + rho);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("kl-sparsity beta must be a finite number >= 0, got " + beta);
        }
        if (layer < -1) {
            throw new IllegalArgumentException("kl-sparsity layer must be an encoder layer index >= 0, or -1 for the code; got "
                    + layer);
        }
    }

    public static KlSparsitySpec defaults() {
        return new KlSparsitySpec(0.05, 1e-2, WatchedLayer.CODE);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Regularizer create(Kernels kernels) {
        return new KlSparsity(this, kernels);
    }
}

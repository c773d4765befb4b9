package org.ae4j.sparse;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.RegularizerSpec;
import org.apiguardian.api.API;

/**
 * Configuration of {@link L1Activity}.
 *
 * @param lambda the penalty weight λ ≥ 0 (default 1e-4)
 * @param layer  the encoder layer whose outputs are penalised, 0-based; -1 (default) penalises the code
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record L1ActivitySpec(double lambda, int layer) implements RegularizerSpec {

    public static final String TYPE = L1Activity.NAME;

    public L1ActivitySpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l1-activity lambda must be a finite number >= 0, got " + lambda);
        }
        if (layer < -1) {
            throw new IllegalArgumentException("l1-activity layer must be an encoder layer index >= 0, or -1 for the code; got "
                    + layer);
        }
    }

    public static L1ActivitySpec defaults() {
        return new L1ActivitySpec(1e-4, WatchedLayer.CODE);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Regularizer create(Kernels kernels) {
        return new L1Activity(this);
    }
}

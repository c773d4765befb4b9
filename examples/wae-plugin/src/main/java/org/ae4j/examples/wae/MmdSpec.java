package org.ae4j.examples.wae;

import org.ae4j.spi.Kernels;
import org.ae4j.spi.Regularizer;
import org.ae4j.spi.RegularizerSpec;

/**
 * Configuration of {@link MmdPenalty}, in JSON {@code {"type": "wae-mmd", "lambda": 0.01}}.
 *
 * @param lambda the weight λ ≥ 0 of MMD² against the reconstruction loss (default 1e-2: the loss is a
 *               mean per value, so λ is the paper's 10 over ~784 values)
 */
public record MmdSpec(double lambda) implements RegularizerSpec {

    public static final String TYPE = "wae-mmd";

    public MmdSpec {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(TYPE + " lambda must be a finite number >= 0, got " + lambda);
        }
    }

    public static MmdSpec defaults() {
        return new MmdSpec(1e-2);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Regularizer create(Kernels kernels) {
        return new MmdPenalty(lambda, kernels);
    }
}

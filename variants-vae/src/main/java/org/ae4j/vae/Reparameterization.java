package org.ae4j.vae;

import org.ae4j.spi.Code;
import org.ae4j.spi.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Gaussian bottleneck's sampling step and its backward pass, from the posterior parameters
 * {@code [μ, raw log σ²]} ({@code [B, 2L]}): {@code z = μ + σ ⊙ ε} with the log-variance clipped, and the
 * weighted KL term; backward, {@code ∂L/∂[μ, log σ²]} (see {@link GaussianBottleneck} for the formulas).
 * Two implementations, one chosen once through {@link org.ae4j.spi.Kernels#select}: ND4J ops, or one
 * plain Java loop each way over the small float arrays (ND4J's ops cost more in dispatch than in arithmetic).
 */
interface Reparameterization {

    /** The code of features {@code h} whose posterior parameters are {@code parameters}, KL weighted by {@code klWeight}. */
    Code forward(INDArray h, INDArray parameters, RandomSource random, double klWeight);

    /** {@code ∂L/∂[μ, log σ²]}, {@code [B, 2L]}, for a code this made; {@code codeGradient} may be overwritten. */
    INDArray backward(Code code, INDArray codeGradient);
}

package org.ae4j.contractive;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contractive penalty of a one-layer sigmoid encoder {@code h = σ(xW + b)} in closed form
 * ({@code h [batch, units]}, {@code W [inputs, units]}): with {@code d = h(1 − h)} and
 * {@code s_j = Σ_i W²_ij}, {@code R = scale·Σ_b Σ_j d²_bj s_j}; {@code ∂R/∂h = 2·scale·d(1 − 2h)s} and
 * {@code ∂R/∂W = 2·scale·W·diag(Σ_b d²)}. A kernel with two implementations, one chosen once through
 * {@link org.ae4j.spi.Kernels#select}: ND4J ops, or three fused passes (W, h, W) on the Vector API.
 */
interface SigmoidJacobian {

    /**
     * Writes {@code ∂R/∂h} into {@code hGradient}, adds {@code ∂R/∂W} to {@code wGradient} — or writes it there when
     * {@code overwrite} (the gradient holds nothing yet: {@link org.ae4j.spi.Parameter#claimGradient}); returns R.
     */
    double penalty(INDArray h, INDArray w, INDArray wGradient, boolean overwrite, INDArray hGradient, double scale);
}

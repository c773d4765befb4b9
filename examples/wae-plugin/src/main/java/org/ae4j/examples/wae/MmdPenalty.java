package org.ae4j.examples.wae;

import java.util.List;
import org.ae4j.spi.ForwardPass;
import org.ae4j.spi.GradientSink;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The WAE-MMD penalty (Tolstikhin, Bousquet, Gelly &amp; Schölkopf, "Wasserstein Auto-Encoders", ICLR 2018,
 * Algorithm 2): {@code λ·MMD²} between the batch's codes {@code z₁…zₙ} and {@code n} samples {@code z̃}
 * of the prior {@code N(0, I_d)}, with the inverse multiquadratic kernel {@code k(x, y) = C/(C + ‖x − y‖²)},
 * {@code C = 2d}, and the unbiased estimate
 * {@code MMD² = Σ_{i≠j} [k(zᵢ, zⱼ) + k(z̃ᵢ, z̃ⱼ)]/(n(n−1)) − 2 Σ_{i,j} k(zᵢ, z̃ⱼ)/n²}.
 *
 * <p>With {@code K = k} and {@code ∂k/∂x = −(2k²/C)(x − y)}, the gradient is
 * {@code ∂MMD²/∂Z = −4/(n(n−1)C)·(diag(G𝟙) − G)·Z + 4/(n²C)·(diag(H𝟙)·Z − H·Z̃)} with {@code G = K(Z, Z)²}
 * and {@code H = K(Z, Z̃)²} element-wise; it goes to the code through the {@link GradientSink}.
 */
final class MmdPenalty implements Regularizer {

    private final double lambda;
    private final Kernels kernels;

    MmdPenalty(double lambda, Kernels kernels) {
        this.lambda = lambda;
        this.kernels = kernels;
    }

    @Override
    public String name() {
        return MmdSpec.TYPE;
    }

    @Override
    public double penalize(ForwardPass pass, List<Parameter> parameters, GradientSink sink) {
        INDArray z = pass.code().z();
        long n = z.size(0);
        long d = z.size(1);
        if (n < 2) {
            return 0;                                       // the unbiased estimate needs two codes
        }
        double c = 2.0 * d;
        INDArray prior = kernels.gaussian(Nd4j.createUninitialized(z.dataType(), n, d), 0, 1, pass.random());
        INDArray kzz = inverseMultiquadratic(z, z, c);
        INDArray kpp = inverseMultiquadratic(prior, prior, c);
        INDArray kzp = inverseMultiquadratic(z, prior, c);
        double pairs = n * (n - 1.0);
        double mmd = (kzz.sumNumber().doubleValue() - n + kpp.sumNumber().doubleValue() - n) / pairs
                - 2 * kzp.sumNumber().doubleValue() / (n * (double) n);
        INDArray g = kzz.muli(kzz);                         // K² (the diagonal's z_i − z_i vanishes)
        INDArray h = kzp.muli(kzp);
        INDArray gradient = z.mulColumnVector(g.sum(true, 1)).subi(g.mmul(z)).muli(-4 / (pairs * c))
                .addi(z.mulColumnVector(h.sum(true, 1)).subi(h.mmul(prior)).muli(4 / (n * (double) n * c)));
        sink.addToCode(gradient.muli(lambda));
        return lambda * mmd;
    }

    /** {@code C/(C + ‖aᵢ − bⱼ‖²)} for every pair of rows, {@code [rows of a, rows of b]}. */
    static INDArray inverseMultiquadratic(INDArray a, INDArray b, double c) {
        INDArray squared = a.mmul(b.transpose()).muli(-2)
                .addiColumnVector(a.mul(a).sum(true, 1))
                .addiRowVector(b.mul(b).sum(true, 1).reshape(1, b.size(0)));
        return squared.addi(c).rdivi(c);
    }
}

package org.ae4j.optim;

import java.util.Objects;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma &amp; Ba, 2015, Algorithm 1): with {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code m̂ = m/(1−β₁ᵗ)} and {@code v̂ = v/(1−β₂ᵗ)}, the update is {@code θ ← θ − α·m̂/(√v̂ + ε)} — as PyTorch's
 * {@code torch.optim.Adam} computes it. It runs in the efficient form of the paper's §2,
 * {@code θ ← θ − αₜ·m/(√v + ε̂)} with {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)}, where {@code ε̂ = ε·√(1−β₂ᵗ)} makes it the
 * same update (with ε itself in place of ε̂, as before version 0.3, ε weighed up to 1/√(1−β₂) ≈ 32 times as much in the
 * first steps: parameters with gradients near ε moved less than in Algorithm 1).
 *
 * <p>The arithmetic is {@link Kernels#adam}: for a model whose parameters form one
 * {@link org.ae4j.spi.ParameterBlock}, one pass over the whole block per step (the Vector-API kernels
 * also flush subnormal moments to zero, which would otherwise cost ~100 cycles per operation).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Adam extends StatefulOptimizer {

    private final AdamSpec spec;
    private final Kernels kernels;

    public Adam(AdamSpec spec, Kernels kernels) {
        super(2);
        this.spec = Objects.requireNonNull(spec, "spec");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    public AdamSpec spec() {
        return spec;
    }

    @Override
    void update(INDArray value, INDArray gradient, INDArray[] state, long iteration) {
        // state[0] = v, state[1] = m
        kernels.adam(value, gradient, state[1], state[0], iteration, scaled(spec.learningRate()), spec.beta1(), spec.beta2(),
                epsilonHat(iteration));
    }

    /** Two data-parallel lanes' gradients combined in the update's own pass ({@link Kernels#adamOfSum}), where the kernels can. */
    @Override
    boolean updateOfSum(INDArray value, INDArray gradient, double a, INDArray other, double b, INDArray[] state, long iteration) {
        return kernels.adamOfSum(value, gradient, a, other, b, state[1], state[0], iteration, scaled(spec.learningRate()), spec.beta1(),
                spec.beta2(), epsilonHat(iteration));
    }

    private double epsilonHat(long iteration) {
        return spec.epsilon() * Math.sqrt(1 - Math.pow(spec.beta2(), iteration + 1));
    }
}

package org.ae4j.optim;

import java.util.Objects;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma &amp; Ba, 2015, Algorithm 1 in the efficient form of their §2): with
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²} and {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)},
 * the update is {@code θ ← θ − αₜ·m/(√v + ε)}.
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
        kernels.adam(value, gradient, state[1], state[0], iteration, spec.learningRate(), spec.beta1(), spec.beta2(), spec.epsilon());
    }
}

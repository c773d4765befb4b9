package org.ae4j.optim;

import org.ae4j.spi.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba, 2015, Algorithm 1 in the efficient form of their §2): with
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²} and {@code αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ)},
 * the update is {@code θ ← θ − αₜ·m/(√v + ε)}. One fused native op per parameter plus the subtraction.
 */
public final class Adam extends StatefulOptimizer {

    private final AdamSpec spec;

    public Adam(AdamSpec spec) {
        super(2);
        this.spec = spec;
    }

    public AdamSpec spec() {
        return spec;
    }

    @Override
    void update(Parameter p, INDArray[] state, long iteration) {
        INDArray g = p.gradient();
        // in place: g becomes the update; state[0] = v, state[1] = m
        Nd4j.exec(new AdamUpdater(g, state[0], state[1], spec.learningRate(), spec.beta1(), spec.beta2(),
                spec.epsilon(), Math.toIntExact(iteration)));
        p.value().subi(g);
    }
}

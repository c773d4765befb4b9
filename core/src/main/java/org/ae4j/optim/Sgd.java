package org.ae4j.optim;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with classical momentum (Polyak, 1964; Sutskever et al., 2013):
 * {@code v ← μv − αg}, {@code θ ← θ + v}; with {@code μ = 0} this is plain {@code θ ← θ − αg}.
 * With Nesterov momentum the step is {@code θ ← θ + μv − αg} using the updated {@code v}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Sgd extends StatefulOptimizer {

    private final SgdSpec spec;

    public Sgd(SgdSpec spec) {
        super(spec.momentum() == 0 ? 0 : 1);
        this.spec = spec;
    }

    @Override
    void update(INDArray value, INDArray gradient, INDArray[] state, long iteration) {
        INDArray step = gradient.muli(-scaled(spec.learningRate()));     // −αg, in the scratch gradient buffer
        if (spec.momentum() == 0) {
            value.addi(step);
            return;
        }
        INDArray velocity = state[0].muli(spec.momentum()).addi(step); // v ← μv − αg
        if (spec.nesterov()) {
            value.addi(step.addi(velocity.mul(spec.momentum())));
        } else {
            value.addi(velocity);
        }
    }
}

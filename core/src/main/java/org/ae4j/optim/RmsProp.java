package org.ae4j.optim;

import org.ae4j.spi.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSProp (Tieleman &amp; Hinton, 2012, lecture 6.5): {@code s ← ρs + (1−ρ)g²},
 * {@code θ ← θ − α·g/(√s + ε)}. One fused native op per parameter plus the subtraction.
 */
public final class RmsProp extends StatefulOptimizer {

    private final RmsPropSpec spec;

    public RmsProp(RmsPropSpec spec) {
        super(1);
        this.spec = spec;
    }

    @Override
    void update(Parameter p, INDArray[] state, long iteration) {
        INDArray g = p.gradient();
        Nd4j.exec(new RmsPropUpdater(g, state[0], spec.learningRate(), spec.decay(), spec.epsilon()));
        p.value().subi(g);
    }
}

package org.ae4j.optim;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSProp (Tieleman &amp; Hinton, 2012, lecture 6.5): {@code s ← ρs + (1−ρ)g²},
 * {@code θ ← θ − α·g/(√s + ε)}. One fused native op plus the subtraction, per parameter or for a whole parameter block.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RmsProp extends StatefulOptimizer {

    private final RmsPropSpec spec;

    public RmsProp(RmsPropSpec spec) {
        super(1);
        this.spec = spec;
    }

    @Override
    void update(INDArray value, INDArray g, INDArray[] state, long iteration) {
        Nd4j.exec(new RmsPropUpdater(g, state[0], scaled(spec.learningRate()), spec.decay(), spec.epsilon()));
        value.subi(g);
    }
}

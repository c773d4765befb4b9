package org.ae4j.nn;

import org.ae4j.spi.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The hyperbolic tangent, {@code tanh′ = 1 − y²}. */
public final class Tanh implements Activation {

    public static final String NAME = "tanh";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        return Transforms.tanh(z, false);
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        INDArray derivative = output.mul(output).rsubi(1.0);
        return outputGradient.muli(derivative);
    }
}

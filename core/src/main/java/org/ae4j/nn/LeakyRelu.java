package org.ae4j.nn;

import org.ae4j.spi.Activation;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The leaky ReLU {@code f(z) = z} for {@code z > 0}, {@code αz} otherwise (Maas et al., 2013).
 * Since {@code α > 0}, {@code y} has the sign of {@code z}, so {@code f′ = 1} where {@code y > 0}
 * and {@code α} elsewhere.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LeakyRelu implements Activation, OnnxExportable {

    public static final String NAME = "leaky-relu";
    public static final double DEFAULT_ALPHA = 0.01;

    private final double alpha;

    public LeakyRelu() {
        this(DEFAULT_ALPHA);
    }

    /** @param alpha the slope for negative inputs, in (0, 1) */
    public LeakyRelu(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky-relu alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        return Transforms.leakyRelu(z, alpha, false);
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        INDArray derivative = Nd4j.getExecutioner().exec(new LeakyReLUDerivative(output, alpha));
        return outputGradient.muli(derivative);
    }

    /** ONNX {@code LeakyRelu} with its {@code alpha}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("LeakyRelu", input).real("alpha", (float) alpha).output();
    }
}

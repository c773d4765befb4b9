package org.ae4j.nn;

import org.ae4j.spi.Activation;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The softplus {@code f(z) = log(1 + e^z)}, evaluated in the overflow-free form
 * {@code max(z, 0) + log1p(e^{−|z|})}. Its derivative is {@code σ(z) = 1 − e^{−y}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Softplus implements Activation, OnnxExportable {

    public static final String NAME = "softplus";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false);
        return Transforms.relu(z, false).addi(tail);
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        INDArray derivative = Transforms.exp(output.neg(), false).rsubi(1.0);
        return outputGradient.muli(derivative);
    }

    /** ONNX {@code Softplus}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Softplus", input).output();
    }
}

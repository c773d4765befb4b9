package org.ae4j.nn;

import java.util.Optional;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.util.InPlace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The hyperbolic tangent, {@code tanh′ = 1 − y²}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Tanh implements Activation, OnnxExportable {

    public static final String NAME = "tanh";
    private static final Optional<Kernels.Pointwise> POINTWISE = Optional.of(Kernels.Pointwise.TANH);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        return InPlace.tanh(z);
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        INDArray derivative = InPlace.add(InPlace.scale(output.mul(output), -1.0), 1.0);   // 1 − y², no scalar ops
        return outputGradient.muli(derivative);
    }

    @Override
    public Optional<Kernels.Pointwise> pointwise() {
        return POINTWISE;
    }

    /** ONNX {@code Tanh}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Tanh", input).output();
    }
}

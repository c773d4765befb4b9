package org.ae4j.nn;

import java.util.Optional;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code f(z) = z}; used for linear output layers and logits. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Identity implements Activation, OnnxExportable {

    public static final String NAME = "identity";
    private static final Optional<Kernels.Pointwise> POINTWISE = Optional.of(Kernels.Pointwise.IDENTITY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        return z;
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        return outputGradient;
    }

    @Override
    public Optional<Kernels.Pointwise> pointwise() {
        return POINTWISE;
    }

    /** Nothing to add: the input itself. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return input;
    }
}

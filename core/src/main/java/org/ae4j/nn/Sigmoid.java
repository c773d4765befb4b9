package org.ae4j.nn;

import java.util.Optional;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The logistic sigmoid {@code σ(z) = 1 / (1 + e^{-z})}, {@code σ′ = y(1 − y)}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Sigmoid implements Activation, OnnxExportable {

    public static final String NAME = "sigmoid";
    private static final Optional<Kernels.Pointwise> POINTWISE = Optional.of(Kernels.Pointwise.SIGMOID);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public INDArray applyInPlace(INDArray z) {
        return Transforms.sigmoid(z, false);
    }

    @Override
    public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
        // y(1 − y) in one native op (no scalar operand array, no y² temporary)
        INDArray derivative = Nd4j.createUninitialized(output.dataType(), output.shape());
        Nd4j.exec(new TimesOneMinus(output, derivative));
        return outputGradient.muli(derivative);
    }

    @Override
    public Optional<Kernels.Pointwise> pointwise() {
        return POINTWISE;
    }

    /** ONNX {@code Sigmoid}. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("Sigmoid", input).output();
    }
}

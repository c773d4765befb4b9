package org.ae4j.vae;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.testkit.Fixtures;
import org.ae4j.testkit.OnnxRuntimeCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every likelihood's VAE exports to ONNX, and ONNX Runtime reproduces its code (μ), reconstruction and score. */
class VaeOnnxTest {

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian", "gaussian-learned"})
    void onnxRuntimeReproducesEachLikelihood(String likelihood) {
        LikelihoodSpec spec = switch (likelihood) {
            case "bernoulli" -> new BernoulliSpec();
            case "gaussian" -> new GaussianSpec(0.05, false);
            default -> new GaussianSpec(1, true);
        };
        int outputs = likelihood.equals("gaussian-learned") ? 24 : 12;
        Autoencoder model = new VaeSpec(List.of(new DenseSpec(10, "tanh")), 3,
                List.of(new DenseSpec(10, "softplus"), new DenseSpec(outputs, "identity")), spec, 1.0, 0, -6, 6)
                .build(new long[] {12}, new BuildContext(Ae4j.registry(), DataType.FLOAT, new RandomSource(4)));
        for (Parameter p : model.parameters()) {
            if (p.kind() == Parameter.Kind.BIAS) {
                p.value().addi(Fixtures.gaussian(p.name().hashCode(), 0.3, DataType.FLOAT, p.value().shape()));
            }
        }
        INDArray x = Fixtures.uniform(8, 0.02, 0.98, DataType.FLOAT, 7, 12);
        OnnxRuntimeCheck.assertReproduces(model, x);
    }
}

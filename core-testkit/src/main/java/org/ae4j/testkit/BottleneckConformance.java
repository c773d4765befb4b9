package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BottleneckSpec;
import org.ae4j.spi.Code;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance suite of a lone {@link org.ae4j.spi.Bottleneck}: extend it and give the spec. It puts
 * the bottleneck between a small dense encoder and decoder and checks that the spec is registered under
 * its type and round-trips through JSON, that the code has the promised size, that {@code encode} is
 * the training forward pass when that pass is deterministic, that the whole objective's gradient
 * matches finite differences (in double precision), and that the model around it exports to ONNX with the
 * same outputs under ONNX Runtime.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class BottleneckConformance {

    /** The bottleneck's configuration, as a user would write it. */
    protected abstract BottleneckSpec spec();

    private static final Registry REGISTRY = Ae4j.registry();

    private static INDArray batch(DataType type) {
        return Fixtures.uniform(31, 0.05, 0.95, type, 5, ComponentModels.INPUTS);
    }

    @Test
    void specIsRegisteredAndRoundTripsThroughJson() throws Exception {
        assertThat(REGISTRY.bottleneckNames()).contains(spec().type());
        var mapper = new ConfigCodec(REGISTRY).mapper();
        String json = mapper.writeValueAsString(spec());
        assertThat(mapper.readValue(json, BottleneckSpec.class)).isEqualTo(spec());
    }

    @Test
    void encodeIsTheDeterministicTrainingPassAndHasThePromisedSize() {
        Autoencoder model = ComponentModels.dense(REGISTRY, spec(), List.of(), DataType.DOUBLE, 3);
        INDArray x = batch(DataType.DOUBLE);
        INDArray h = model.encoder().forward(x).output();
        Code first = model.bottleneck().forward(h, new RandomSource(1), 0);
        Code second = model.bottleneck().forward(h, new RandomSource(2), 0);
        assertThat(first.z().shape()).containsExactly(x.size(0), spec().codeSize(h.size(1)));
        if (first.z().equals(second.z())) {
            assertThat(model.encode(x)).isEqualTo(first.z());
        }
    }

    @Test
    void gradientThroughTheBottleneckMatchesFiniteDifferences() {
        Autoencoder model = ComponentModels.dense(REGISTRY, spec(), List.of(), DataType.DOUBLE, 5);
        INDArray x = batch(DataType.DOUBLE);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 7, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /** Whether the bottleneck exports to ONNX; one that does not returns false, and its export must be refused by name. */
    protected boolean exportsToOnnx() {
        return true;
    }

    /** Between a dense encoder and decoder, every exported part runs under ONNX Runtime with ae4j's outputs. */
    @Test
    void onnxRuntimeReproducesTheModelAroundIt() {
        Autoencoder model = ComponentModels.dense(REGISTRY, spec(), List.of(), DataType.FLOAT, 9);
        INDArray x = batch(DataType.FLOAT);
        OnnxRuntimeCheck.shiftBiases(model.parameters(), 10);
        if (exportsToOnnx()) {
            OnnxRuntimeCheck.assertReproduces(model, x);
        } else {
            assertThatThrownBy(() -> org.ae4j.onnx.OnnxExport.of(model.bottleneck()))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot be exported to ONNX");
        }
    }
}

package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.config.ConfigCodec;
import org.ae4j.onnx.OnnxExport;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conformance suite of a lone {@link Layer}: extend it, give the spec and an input shape. It checks
 * that the spec's type is registered and round-trips through JSON, that the layer's output shape is the
 * spec's, that the same seed gives the same parameters, that forward and backward leave their input
 * alone, that its backward pass matches finite differences (in double precision), and that its ONNX export
 * runs under ONNX Runtime with the same output (or is refused by name when the layer does not export).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class LayerConformance {

    /** The layer's configuration, as a user would write it. */
    protected abstract LayerSpec spec();

    /** Per-example input shape, e.g. {@code [8]} or {@code [2, 6, 6]}. */
    protected abstract long[] inputShape();

    private static final Registry REGISTRY = Ae4j.registry();

    private Layer build(DataType type, long seed) {
        return spec().build("layer", inputShape(), new BuildContext(REGISTRY, type, new RandomSource(seed)));
    }

    private INDArray input(DataType type) {
        long[] shape = new long[inputShape().length + 1];
        shape[0] = 3;
        System.arraycopy(inputShape(), 0, shape, 1, inputShape().length);
        return Fixtures.gaussian(17, 1.0, type, shape);
    }

    @Test
    void specRoundTripsThroughJsonUnderItsRegisteredName() throws Exception {
        var mapper = new ConfigCodec(REGISTRY).mapper();
        String json = mapper.writeValueAsString(spec());
        assertThat(mapper.readTree(json).get("type").asText()).isEqualTo(spec().type());
        assertThat(mapper.readValue(json, LayerSpec.class)).isEqualTo(spec());
    }

    @Test
    void buildsTheShapeItsSpecPromisesFromTheSeed() {
        Layer a = build(DataType.FLOAT, 3);
        Layer b = build(DataType.FLOAT, 3);
        assertThat(a.outputShape()).isEqualTo(spec().outputShape(inputShape()));
        assertThat(a.inputShape()).isEqualTo(inputShape());
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value()).isEqualTo(b.parameters().get(i).value());
        }
        INDArray out = a.forward(input(DataType.FLOAT)).output();
        assertThat(Arrays.copyOfRange(out.shape(), 1, out.rank())).isEqualTo(a.outputShape());
    }

    @Test
    void forwardAndBackwardLeaveTheirInputAlone() {
        Layer layer = build(DataType.FLOAT, 4);
        INDArray x = input(DataType.FLOAT);
        INDArray copy = x.dup();
        var trace = layer.forward(x);
        layer.backward(trace, Fixtures.gaussian(5, 1.0, DataType.FLOAT, trace.output().shape()));
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Layer layer = build(DataType.DOUBLE, 6);
        layer.parameters().forEach(p -> p.value().addi(0.05));          // off the kinks of piecewise-linear activations
        GradientCheck.Report report = GradientCheck.block(layer, input(DataType.DOUBLE), GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /**
     * Whether the layer exports to ONNX (implements {@link org.ae4j.spi.OnnxExportable}); a layer that does not returns
     * false, and its export must then be refused by name.
     */
    protected boolean exportsToOnnx() {
        return true;
    }

    /** The layer exported alone runs under ONNX Runtime and gives its forward pass within {@link OnnxRuntimeCheck#TOLERANCE}. */
    @Test
    void onnxRuntimeReproducesTheForwardPass() {
        Layer layer = build(DataType.FLOAT, 8);
        INDArray x = input(DataType.FLOAT);
        OnnxRuntimeCheck.shiftBiases(layer.parameters(), 9);
        if (exportsToOnnx()) {
            OnnxRuntimeCheck.assertClose("output of layer " + layer, OnnxRuntimeCheck.run(OnnxExport.of(layer), x).get("y"),
                    layer.forward(x).output());
        } else {
            assertThatThrownBy(() -> OnnxExport.of(layer)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot be exported to ONNX");
        }
    }
}

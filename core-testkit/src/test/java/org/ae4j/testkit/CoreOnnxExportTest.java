package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import onnx.Onnx;
import org.ae4j.Ae4j;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.IdentityBottleneckSpec;
import org.ae4j.nn.Sequential;
import org.ae4j.onnx.OnnxExport;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.Trace;
import org.ae4j.variant.DenseAutoencoderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ONNX export of core's components — dense layers with every activation, every loss, missing values — checked by
 * ONNX Runtime, and the refusal of a component that cannot be exported.
 */
class CoreOnnxExportTest {

    private static final Registry REGISTRY = Ae4j.registry();

    private static Autoencoder dense(String activation, String loss, List<Integer> sizes) {
        Autoencoder model = new DenseAutoencoderSpec(sizes, activation, activation, "identity", loss, new IdentityBottleneckSpec())
                .build(new long[] {9}, new BuildContext(REGISTRY, DataType.FLOAT, new RandomSource(7)));
        OnnxRuntimeCheck.shiftBiases(model.parameters(), 3);
        return model;
    }

    @ParameterizedTest(name = "{0} layers, {1}")
    @CsvSource({"relu, mse", "leaky-relu, mse", "sigmoid, bce", "tanh, mse", "softplus, masked-mse", "identity, bce"})
    void onnxRuntimeReproducesEveryActivationAndLoss(String activation, String loss) {
        INDArray x = Fixtures.uniform(4, 0.02, 0.98, DataType.FLOAT, 6, 9);
        OnnxRuntimeCheck.assertReproduces(dense(activation, loss, List.of(7, 4)), x);
    }

    /** Beyond the small-model path's size: the layer-by-layer path gives the same outputs as the graph. */
    @Test
    void onnxRuntimeReproducesAWideModel() {
        INDArray x = Fixtures.uniform(5, 0, 1, DataType.FLOAT, 300, 9);
        Autoencoder model = new DenseAutoencoderSpec(List.of(600, 300), "relu", "identity", "sigmoid", "mse",
                new IdentityBottleneckSpec()).build(new long[] {9}, new BuildContext(REGISTRY, DataType.FLOAT, new RandomSource(2)));
        OnnxRuntimeCheck.shiftBiases(model.parameters(), 6);
        assertThat(model.runsWhole(300)).isFalse();
        OnnxRuntimeCheck.assertReproduces(model, x);
    }

    /** Missing values: 0 at the encoder's input, left out of the score, as the model does (an all-missing row scores 0). */
    @Test
    void missingValuesAreHandledInTheGraphAsTheModelHandlesThem() {
        Autoencoder model = dense("tanh", "masked-mse", List.of(6, 3));
        INDArray x = Fixtures.uniform(6, 0, 1, DataType.FLOAT, 5, 9);
        x.putScalar(0, 2, Float.NaN);
        x.putScalar(3, 0, Float.NaN);
        x.putScalar(3, 8, Float.NaN);
        for (int j = 0; j < 9; j++) {
            x.putScalar(4, j, Float.NaN);
        }
        OnnxRuntimeCheck.assertReproduces(model, x);
        assertThat(model.reconstructionLossPerExample(x).getDouble(4)).isZero();
    }

    @Test
    void theGraphIsWrittenAtTheStatedVersionsWithADynamicBatchAndNamedEnds() throws Exception {
        OnnxExport.Exported exported = OnnxExport.of(dense("relu", "mse", List.of(5)), OnnxExport.Part.SCORE);
        Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(exported.bytes());
        assertThat(proto.getIrVersion()).isEqualTo(8);
        assertThat(proto.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(proto.getGraph().getInput(0).getName()).isEqualTo("x");
        assertThat(proto.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(proto.getGraph().getOutputList()).extracting(Onnx.ValueInfoProto::getName).containsExactly("score");
        assertThat(proto.getGraph().getInitializerList()).extracting(Onnx.TensorProto::getName).contains("encoder.0.W", "decoder.0.b");
        assertThat(exported.outputs()).containsExactly("score");
        // one row and a thousand rows run on the same graph
        Autoencoder model = dense("relu", "mse", List.of(5));
        for (int rows : new int[] {1, 1000}) {
            INDArray x = Fixtures.uniform(rows, 0, 1, DataType.FLOAT, rows, 9);
            OnnxRuntimeCheck.assertClose("score of " + rows + " rows", OnnxRuntimeCheck.run(OnnxExport.of(model, OnnxExport.Part.SCORE), x)
                    .get("score"), model.reconstructionLossPerExample(x));
        }
    }

    /** A layer of a plug-in that does not implement the export is refused by its name and type, never exported wrong. */
    @Test
    void aComponentThatCannotBeExportedIsRefusedByName() {
        Autoencoder model = dense("relu", "mse", List.of(5));
        Sequential encoder = (Sequential) model.encoder();
        Layer opaque = new Opaque(encoder.layers().get(0));
        Autoencoder withOpaque = new Autoencoder(model.kernels(), new Sequential("encoder", List.of(opaque)), model.bottleneck(),
                model.decoder(), model.loss());
        assertThatThrownBy(() -> OnnxExport.of(withOpaque, OnnxExport.Part.ENCODER))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("layer 'encoder.opaque'").hasMessageContaining(Opaque.class.getName())
                .hasMessageContaining("cannot be exported to ONNX");
    }

    /** A layer that only delegates, and does not say how it exports. */
    private record Opaque(Layer inner) implements Layer {
        @Override
        public String name() {
            return "encoder.opaque";
        }

        @Override
        public long[] inputShape() {
            return inner.inputShape();
        }

        @Override
        public long[] outputShape() {
            return inner.outputShape();
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Trace forward(INDArray input) {
            return inner.forward(input);
        }

        @Override
        public INDArray backward(Trace trace, INDArray outputGradient) {
            return inner.backward(trace, outputGradient);
        }
    }
}

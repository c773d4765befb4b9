package org.ae4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.regularize.WeightDecay;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class AutoencoderTest {

    @ParameterizedTest(name = "{0} output, {1}")
    @CsvSource({"sigmoid, mse", "identity, mse", "identity, bce"})
    void wholeModelGradientMatchesFiniteDifferences(String output, String loss) {
        Autoencoder model = TinyModels.dense(6, 5, 3, output, loss, DataType.DOUBLE, 1, List.of());
        INDArray x = TestArrays.uniform(2, 0, 1, 4, 6);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void weightDecayGradientMatchesFiniteDifferences() {
        Autoencoder model = TinyModels.dense(6, 5, 3, "sigmoid", "mse", DataType.DOUBLE, 1, List.of(new WeightDecay(0.3)));
        INDArray x = TestArrays.uniform(2, 0, 1, 4, 6);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
        double penalty = model.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0))).penalty();
        double expected = 0;
        for (var p : model.parameters()) {
            if (p.kind() == org.ae4j.spi.Parameter.Kind.WEIGHT) {
                expected += Math.pow(p.value().norm2Number().doubleValue(), 2);
            }
        }
        assertThat(penalty).isCloseTo(0.15 * expected, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void trainingStepDoesNotModifyTheInput() {
        Autoencoder model = TinyModels.dense(6, 5, 3, "sigmoid", "mse", DataType.FLOAT, 1, List.of(new WeightDecay(0.1)));
        INDArray x = TestArrays.uniform(2, 0, 1, 4, 6).castTo(DataType.FLOAT);
        INDArray copy = x.dup();
        model.computeGradients(x, x, org.ae4j.model.StepContext.of(new RandomSource(0)));
        model.reconstruct(x);
        model.reconstructionLossPerExample(x);
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void encodesDecodesAndScoresWithTheRightShapes() {
        Autoencoder model = TinyModels.dense(6, 5, 3, "sigmoid", "mse", DataType.FLOAT, 1, List.of());
        INDArray x = TestArrays.uniform(2, 0, 1, 4, 6).castTo(DataType.FLOAT);
        assertThat(model.encode(x).shape()).containsExactly(4, 3);
        assertThat(model.reconstruct(x).shape()).containsExactly(4, 6);
        assertThat(model.reconstructionLossPerExample(x).shape()).containsExactly(4);
        assertThat(model.reconstructionLossPerExample(x).meanNumber().doubleValue())
                .isCloseTo(model.reconstructionLoss(x, x), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void rejectsABatchOfTheWrongShape() {
        Autoencoder model = TinyModels.dense(6, 5, 3, "sigmoid", "mse", DataType.FLOAT, 1, List.of());
        assertThatThrownBy(() -> model.encode(TestArrays.uniform(2, 0, 1, 4, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input must have shape [batch, 6], got [4, 7]");
    }

    @Test
    void rejectsPartsThatDoNotFit() {
        BuildContext context = BuildContext.of(TinyModels.REGISTRY, 1);
        Sequential encoder = Sequential.build("encoder", new long[] {6}, List.of(new DenseSpec(4, "relu")), context);
        Sequential decoder = Sequential.build("decoder", new long[] {4}, List.of(new DenseSpec(6, "sigmoid")), context);
        assertThatThrownBy(() -> new Autoencoder(org.ae4j.kernel.KernelSelection.best(), encoder, new IdentityBottleneck(5), decoder, TinyModels.REGISTRY.loss("mse")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the bottleneck expects 5 features, but the encoder's output has shape [4] (4 features)");
        Sequential shortDecoder = Sequential.build("decoder", new long[] {4}, List.of(new DenseSpec(5, "sigmoid")), context);
        assertThatThrownBy(() -> new Autoencoder(org.ae4j.kernel.KernelSelection.best(), encoder, new IdentityBottleneck(4), shortDecoder, TinyModels.REGISTRY.loss("mse")))
                .hasMessage("decoder output shape [5] must be [6] (loss 'mse' on inputs of shape [6])");
    }
}

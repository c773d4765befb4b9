package org.ae4j.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.check.GradientCheck;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.DenseSpec;
import org.ae4j.nn.Sequential;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
class ConvVariantTest {

    static final Registry REGISTRY = Ae4j.registry();

    @Test
    void defaultIsTheTwoLayerStrideTwoAutoencoderBackTo28By28() {
        Autoencoder model = REGISTRY.variant("conv").build(784, BuildContext.of(REGISTRY, 1));
        List<String> encoder = ((Sequential) model.encoder()).layers().stream().map(l -> java.util.Arrays.toString(l.outputShape())).toList();
        List<String> decoder = ((Sequential) model.decoder()).layers().stream().map(l -> java.util.Arrays.toString(l.outputShape())).toList();
        assertThat(encoder).containsExactly("[1, 28, 28]", "[16, 14, 14]", "[32, 7, 7]", "[1568]");
        assertThat(decoder).containsExactly("[32, 7, 7]", "[16, 14, 14]", "[1, 28, 28]", "[784]");
        INDArray x = org.ae4j.testkit.Fixtures.uniform(104, 0, 1, DataType.FLOAT, 3, 784);
        assertThat(model.reconstruct(x).shape()).containsExactly(3, 784);
    }

    @Test
    void wholeConvAutoencoderGradientMatchesFiniteDifferences() {
        ConvAutoencoderSpec spec = new ConvAutoencoderSpec(List.of(2L, 7L, 5L), List.of(3, 2), 3, "tanh", "sigmoid", "mse", 4);
        Autoencoder model = spec.build(new long[] {70}, new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(2)));
        INDArray x = org.ae4j.testkit.Fixtures.uniform(105, 0, 1, DataType.DOUBLE, 2, 70);
        GradientCheck.Report report = GradientCheck.autoencoder(model, x, x, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void shapesAreValidatedWhenTheModelIsBuilt() {
        assertThatThrownBy(() -> Sequential.build("encoder", new long[] {784},
                List.of(new Conv2dSpec(4, 3, 1, 0, "relu")), BuildContext.of(REGISTRY, 1)))
                .hasMessage("layer 'encoder.0' expects images [channels, height, width], got [784]; reshape flat inputs first "
                        + "(\"type\": \"reshape\")");
        assertThatThrownBy(() -> new ConvAutoencoderSpec(List.of(1L, 28L, 28L), List.of(8), 3, "relu", "sigmoid", "mse", 0)
                .build(new long[] {700}, BuildContext.of(REGISTRY, 1)))
                .hasMessage("conv imageShape [1, 28, 28] has 784 values, but examples have shape [700]");
        assertThatThrownBy(() -> Sequential.build("decoder", new long[] {20},
                List.of(new DenseSpec(1568, "relu"), ReshapeSpec.of(32, 7, 6)), BuildContext.of(REGISTRY, 1)))
                .hasMessage("layer 'decoder.1' cannot reshape [1568] (1568 values) to [32, 7, 6] (1344 values)");
        assertThatThrownBy(() -> new ConvTranspose2dSpec(1, 3, 2, 0, 1, "relu"))
                .hasMessage("conv-transpose2d outputPadding 1 must not exceed padding 0");
    }
}

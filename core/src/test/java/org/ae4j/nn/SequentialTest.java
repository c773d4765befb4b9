package org.ae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.spi.Layer;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void gradientsOfAStackMatchFiniteDifferences() {
        Sequential stack = Sequential.build("enc", new long[] {6},
                List.of(new DenseSpec(5, "tanh"), new DenseSpec(4, "leaky-relu"), new DenseSpec(3, "sigmoid")),
                DenseTest.doubles(11));
        GradientCheck.Report report = GradientCheck.block(stack, TestArrays.gaussian(1, 1.0, 3, 6),
                GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void rejectsLayersThatDoNotChainNamingBoth() {
        Layer a = new DenseSpec(128, "relu").build("encoder.1", new long[] {784}, DenseTest.doubles(1));
        Layer b = new DenseSpec(32, "relu").build("encoder.2", new long[] {64}, DenseTest.doubles(1));
        assertThatThrownBy(() -> new Sequential("encoder", List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 'encoder.2' expects inputs of shape [64], but 'encoder.1' produces [128]");
    }

    @Test
    void namesLayersAndParametersByPosition() {
        Sequential stack = Sequential.build("decoder", new long[] {3},
                List.of(new DenseSpec(4, "relu"), new DenseSpec(5, "sigmoid")), DenseTest.doubles(1));
        assertThat(stack.parameters()).extracting(p -> p.name())
                .containsExactly("decoder.0.W", "decoder.0.b", "decoder.1.W", "decoder.1.b");
        assertThat(stack.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 5 + 5);
    }
}

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

    /** A parameter-free layer (identity) that counts its backward passes. */
    private static final class CountingIdentity implements Layer {
        int backwards;
        private final long[] shape;

        CountingIdentity(long... shape) {
            this.shape = shape;
        }

        @Override
        public String name() {
            return "encoder.0";
        }

        @Override
        public long[] inputShape() {
            return shape.clone();
        }

        @Override
        public long[] outputShape() {
            return shape.clone();
        }

        @Override
        public List<org.ae4j.spi.Parameter> parameters() {
            return List.of();
        }

        @Override
        public org.ae4j.spi.Trace forward(org.nd4j.linalg.api.ndarray.INDArray input) {
            return org.ae4j.spi.Trace.of(input, input);
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray backward(org.ae4j.spi.Trace trace, org.nd4j.linalg.api.ndarray.INDArray g) {
            backwards++;
            return g;
        }
    }

    @Test
    void theParametersBackwardPassStopsAtTheFirstLayerWithParameters() {
        CountingIdentity leading = new CountingIdentity(3);
        Layer dense = new DenseSpec(4, "tanh").build("encoder.1", new long[] {3}, DenseTest.doubles(1));
        Layer last = new DenseSpec(2, "sigmoid").build("encoder.2", new long[] {4}, DenseTest.doubles(2));
        Sequential stack = new Sequential("encoder", List.of(leading, dense, last));
        var x = TestArrays.gaussian(3, 1.0, 5, 3);
        var g = TestArrays.gaussian(4, 1.0, 5, 2);

        stack.backward(stack.forward(x), g.dup());
        assertThat(leading.backwards).isEqualTo(1);
        var full = stack.parameters().stream().map(p -> p.gradient().dup()).toList();
        stack.parameters().forEach(p -> p.gradient().assign(0));
        stack.backwardParameters(stack.forward(x), g.dup());

        assertThat(leading.backwards).as("the parameter-free layer before the first trained one is skipped").isEqualTo(1);
        for (int i = 0; i < full.size(); i++) {
            assertThat(stack.parameters().get(i).gradient()).isEqualTo(full.get(i));
        }
        stack.parameters().forEach(p -> p.gradient().assign(0));
        stack.backwardParameters(stack.forward(x), g.dup(), java.util.Map.of(0, g.like()));
        assertThat(leading.backwards).isEqualTo(1);
        assertThat(stack.parameters().get(0).gradient()).isEqualTo(full.get(0));
    }
}

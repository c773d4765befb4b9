package org.ae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.spi.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ActivationTest {

    static Stream<Activation> activations() {
        return Stream.of(new Identity(), new Relu(), new LeakyRelu(), new LeakyRelu(0.2), new Sigmoid(), new Tanh(),
                new Softplus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void gradientMatchesFiniteDifferences(Activation activation) {
        // values kept away from ReLU's kink at 0, where the derivative is undefined
        INDArray z = TestArrays.gaussian(7, 2.0, 6, 9);
        INDArray kinkFree = z.add(Transforms.sign(z, true).muli(0.05));
        GradientCheck.Report report = GradientCheck.activation(activation, kinkFree, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void valuesMatchTheirDefinition(Activation activation) {
        double[] zs = {-3.0, -0.5, 0.25, 2.0};
        INDArray y = activation.applyInPlace(Nd4j.create(zs.clone(), new long[] {1, 4}, 'c'));
        for (int i = 0; i < zs.length; i++) {
            assertThat(y.getDouble(0, i)).as("%s(%s)", activation.name(), zs[i])
                    .isCloseTo(reference(activation, zs[i]), within(1e-12));
        }
    }

    @Test
    void softplusDoesNotOverflowForLargeInputs() {
        INDArray y = new Softplus().applyInPlace(Nd4j.create(new double[] {-1000, 1000}, new long[] {1, 2}, 'c'));
        assertThat(y.getDouble(0, 0)).isCloseTo(0.0, within(1e-300));
        assertThat(y.getDouble(0, 1)).isEqualTo(1000.0);
    }

    @Test
    void rejectsLeakyReluSlopeOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new LeakyRelu(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaky-relu alpha must be in (0, 1), got 1.5");
    }

    private static double reference(Activation activation, double z) {
        return switch (activation.name()) {
            case "identity" -> z;
            case "relu" -> Math.max(z, 0);
            case "leaky-relu" -> z > 0 ? z : ((LeakyRelu) activation).alpha() * z;
            case "sigmoid" -> 1 / (1 + Math.exp(-z));
            case "tanh" -> Math.tanh(z);
            case "softplus" -> Math.log1p(Math.exp(z));
            default -> throw new AssertionError(activation.name());
        };
    }
}

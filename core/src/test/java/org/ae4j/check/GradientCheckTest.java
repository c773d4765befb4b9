package org.ae4j.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ae4j.TestArrays;
import org.ae4j.nn.Sigmoid;
import org.ae4j.spi.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GradientCheckTest {

    /** A sigmoid whose derivative is off by 1%: the checker must notice. */
    static final class SlightlyWrongSigmoid implements Activation {
        private final Sigmoid sigmoid = new Sigmoid();

        @Override
        public String name() {
            return "wrong";
        }

        @Override
        public INDArray applyInPlace(INDArray z) {
            return sigmoid.applyInPlace(z);
        }

        @Override
        public INDArray backpropInPlace(INDArray output, INDArray outputGradient) {
            return sigmoid.backpropInPlace(output, outputGradient).muli(1.01);
        }
    }

    @Test
    void detectsAWrongDerivative() {
        GradientCheck.Report report = GradientCheck.activation(new SlightlyWrongSigmoid(),
                TestArrays.gaussian(1, 1.0, 3, 4), GradientCheck.Options.defaults());
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).hasSize(12);
        assertThat(report.maxRelativeError()).isBetween(0.009, 0.011);
    }

    @Test
    void acceptsTheRightDerivative() {
        GradientCheck.Report report = GradientCheck.activation(new Sigmoid(), TestArrays.gaussian(1, 1.0, 3, 4),
                GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.maxRelativeError()).isLessThan(1e-7);
    }

    @Test
    void refusesSinglePrecision() {
        assertThatThrownBy(() -> GradientCheck.activation(new Sigmoid(), TestArrays.gaussian(1, 1.0, 2, 2).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT), GradientCheck.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradient checks need DOUBLE arrays, but z is FLOAT");
    }

    @Test
    void samplesLargeArrays() {
        GradientCheck.Options options = new GradientCheck.Options(1e-6, 1e-5, 1e-8, 50, 3);
        GradientCheck.Report report = GradientCheck.activation(new Sigmoid(), TestArrays.gaussian(1, 1.0, 40, 40), options);
        assertThat(report.entriesChecked()).isBetween(40, 50);
        assertThat(report.passed()).as(report.toString()).isTrue();
    }
}

package org.ae4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.spi.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {

    static Stream<Loss> losses() {
        return Stream.of(new MeanSquaredError(org.ae4j.kernel.KernelSelection.best()), new BinaryCrossEntropy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientMatchesFiniteDifferences(Loss loss) {
        INDArray output = TestArrays.gaussian(1, 2.0, 5, 8);
        INDArray target = TestArrays.uniform(2, 0, 1, 5, 8);
        GradientCheck.Report report = GradientCheck.loss(loss, output, target, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void perExampleLossesAverageToTheBatchLoss(Loss loss) {
        INDArray output = TestArrays.gaussian(3, 1.0, 6, 4);
        INDArray target = TestArrays.uniform(4, 0, 1, 6, 4);
        assertThat(loss.perExample(output, target).meanNumber().doubleValue())
                .isCloseTo(loss.value(output, target), within(1e-12));
        assertThat(loss.evaluate(output, target).value()).isCloseTo(loss.value(output, target), within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void doesNotModifyItsArguments(Loss loss) {
        INDArray output = TestArrays.gaussian(3, 1.0, 2, 3);
        INDArray target = TestArrays.uniform(4, 0, 1, 2, 3);
        INDArray o = output.dup();
        INDArray t = target.dup();
        loss.evaluate(output, target);
        loss.perExample(output, target);
        loss.reconstruction(output);
        assertThat(output).isEqualTo(o);
        assertThat(target).isEqualTo(t);
    }

    /** The in-place mapping gives what {@link Loss#reconstruction} gives, over the output or as the output itself. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void reconstructionInPlaceMatchesTheCopyingOne(Loss loss) {
        INDArray output = TestArrays.gaussian(3, 1.5, 4, 5);
        INDArray expected = loss.reconstruction(output);
        assertThat(expected).isNotSameAs(output);
        INDArray inPlace = loss.reconstructionInPlace(output, org.ae4j.kernel.KernelSelection.best());
        assertThat(inPlace).isSameAs(output).isEqualTo(expected);
    }

    /** On floats the in-place sigmoid runs on the fused kernels: within float rounding of the sigmoid in double. */
    @Test
    void bceReconstructionInPlaceOnFloatsIsTheSigmoid() {
        INDArray logits = TestArrays.gaussian(7, 4.0, 64, 37);
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(logits, true);
        INDArray floats = logits.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray mapped = new BinaryCrossEntropy().reconstructionInPlace(floats, org.ae4j.kernel.KernelSelection.best());
        assertThat(mapped).isSameAs(floats);
        double worst = org.nd4j.linalg.ops.transforms.Transforms.abs(mapped.castTo(logits.dataType()).sub(expected), false)
                .maxNumber().doubleValue();
        assertThat(worst).isLessThan(1e-6);
    }

    @Test
    void mseIsTheMeanOfSquaredDifferences() {
        INDArray output = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray target = Nd4j.create(new double[][] {{1, 0}, {0, 4}});
        assertThat(new MeanSquaredError(org.ae4j.kernel.KernelSelection.best()).value(output, target)).isCloseTo((0 + 4 + 9 + 0) / 4.0, within(1e-14));
    }

    @Test
    void bceEqualsTheTextbookFormulaOnModerateLogits() {
        INDArray logits = TestArrays.gaussian(5, 2.0, 3, 4);
        INDArray target = TestArrays.uniform(6, 0, 1, 3, 4);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double p = 1 / (1 + Math.exp(-logits.getDouble(i, j)));
                double x = target.getDouble(i, j);
                expected -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
            }
        }
        assertThat(new BinaryCrossEntropy().value(logits, target)).isCloseTo(expected / 12, within(1e-12));
    }

    @Test
    void bceStaysFiniteAndExactForExtremeLogits() {
        INDArray logits = Nd4j.create(new double[][] {{1000, -1000, 1000, -1000}});
        INDArray target = Nd4j.create(new double[][] {{1, 0, 0, 1}});
        // confident and right costs 0; confident and wrong costs |logit|
        assertThat(new BinaryCrossEntropy().value(logits, target)).isCloseTo((0 + 0 + 1000 + 1000) / 4.0, within(1e-9));
        assertThat(new BinaryCrossEntropy().evaluate(logits, target).gradient().toDoubleVector())
                .containsExactly(0, 0, 0.25, -0.25);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThatThrownBy(() -> new MeanSquaredError(org.ae4j.kernel.KernelSelection.best()).evaluate(Nd4j.zeros(2, 3), Nd4j.zeros(2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mse: output shape [2, 3] must equal target shape [2, 4]");
    }
}

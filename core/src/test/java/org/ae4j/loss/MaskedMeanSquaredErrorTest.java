package org.ae4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.model.TinyModels;
import org.ae4j.spi.LossResult;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskedMeanSquaredErrorTest {

    private final MaskedMeanSquaredError loss = new MaskedMeanSquaredError(org.ae4j.kernel.KernelSelection.best());

    private static INDArray withHoles(INDArray x) {
        INDArray t = x.dup();
        t.putScalar(0, 1, Double.NaN);
        t.putScalar(2, 0, Double.NaN);
        t.putScalar(2, 3, Double.NaN);
        return t;
    }

    @Test
    void skipsMissingTargetsInValueGradientAndPerExample() {
        INDArray output = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray target = Nd4j.create(new double[][] {{0, Double.NaN}, {1, 1}});
        LossResult r = loss.evaluate(output, target);
        assertThat(r.value()).isCloseTo((1 + 4 + 9) / 3.0, within(1e-12));
        assertThat(r.gradient().toDoubleMatrix()).isEqualTo(new double[][] {{2 / 3.0, 0}, {4 / 3.0, 6 / 3.0}});
        assertThat(loss.perExample(output, target).toDoubleVector()).containsExactly(1.0, 6.5);
        assertThat(loss.value(output, target)).isEqualTo(r.value());
        INDArray none = Nd4j.create(new double[][] {{Double.NaN, Double.NaN}});
        assertThat(loss.evaluate(Nd4j.create(new double[][] {{1, 2}}), none).value()).isZero();
        assertThat(loss.perExample(Nd4j.create(new double[][] {{1, 2}}), none).getDouble(0)).isZero();
    }

    @Test
    void equalsTheSquaredErrorWhenNothingIsMissing() {
        INDArray output = TestArrays.gaussian(1, 1.0, 4, 5);
        INDArray target = TestArrays.gaussian(2, 1.0, 4, 5);
        MeanSquaredError plain = new MeanSquaredError(new org.ae4j.kernel.Nd4jKernels());
        assertThat(loss.evaluate(output, target).value()).isCloseTo(plain.evaluate(output, target).value(), within(1e-12));
        assertThat(loss.evaluate(output, target).gradient()).isEqualTo(plain.evaluate(output, target).gradient());
    }

    @Test
    void gradientMatchesFiniteDifferencesWithMissingTargets() {
        INDArray target = withHoles(TestArrays.uniform(3, -1, 1, 4, 5));
        GradientCheck.Report report = GradientCheck.loss(loss, TestArrays.gaussian(4, 1.0, 4, 5), target, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /** A model with the masked loss sees 0 where a value is missing and trains to finite gradients; its whole gradient is checked. */
    @Test
    void aModelWithTheMaskedLossTrainsOnIncompleteRows() {
        Autoencoder model = TinyModels.dense(5, 4, 2, "identity", MaskedMeanSquaredError.NAME, DataType.DOUBLE, 3, List.of());
        INDArray x = withHoles(TestArrays.uniform(5, -1, 1, 4, 5));
        INDArray seen = x.dup();
        org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(seen, 0.0, org.nd4j.linalg.indexing.conditions.Conditions.isNan());
        double loss = model.trainingStep(x, StepContext.of(new RandomSource(1))).total();
        assertThat(loss).isFinite();
        assertThat(model.encode(x)).isEqualTo(model.encode(seen));
        assertThat(java.util.Arrays.stream(model.reconstructionLossPerExample(x).toDoubleVector()).allMatch(Double::isFinite)).isTrue();
        GradientCheck.Report report = GradientCheck.autoencoder(model, seen, x, 0, GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
    }
}

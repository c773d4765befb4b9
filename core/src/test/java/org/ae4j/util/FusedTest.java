package org.ae4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ae4j.TestArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused kernels against the same formulas evaluated in double precision by ND4J, on shapes whose
 * rows are not whole vectors (scalar tails), on views that start inside a larger buffer, and inside a
 * workspace. The build runs every test with the Vector API module, so the kernels are on.
 */
class FusedTest {

    private static final int ROWS = 37;
    private static final int COLS = 53;

    @BeforeAll
    static void kernelsAreOn() {
        assertThat(Fused.enabled()).as("the build runs tests with --add-modules jdk.incubator.vector").isTrue();
    }

    /** A float [1, n] row that is a view at offset 20 of a larger buffer, as a parameter block's bias is. */
    private static INDArray rowView(long seed, int n) {
        INDArray block = TestArrays.gaussian(seed, 1.0, n + 40).castTo(DataType.FLOAT);
        return block.get(NDArrayIndex.interval(20, 20 + n)).reshape(1, n);
    }

    private static INDArray f(INDArray z, Fused.Pointwise f) {
        return switch (f) {
            case IDENTITY -> z.dup();
            case RELU -> Transforms.relu(z, true);
            case SIGMOID -> Transforms.sigmoid(z, true);
            case TANH -> Transforms.tanh(z, true);
        };
    }

    private static INDArray derivative(INDArray y, Fused.Pointwise f) {
        return switch (f) {
            case IDENTITY -> Nd4j.onesLike(y);
            case RELU -> Transforms.sign(y, true);
            case SIGMOID -> y.mul(y.rsub(1.0));
            case TANH -> y.mul(y).rsub(1.0);
        };
    }

    @ParameterizedTest
    @EnumSource(Fused.Pointwise.class)
    void biasActivationIsTheActivationOfTheSum(Fused.Pointwise kind) {
        INDArray z = TestArrays.gaussian(1, 3.0, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray bias = rowView(2, COLS);
        INDArray expected = f(z.castTo(DataType.DOUBLE).addRowVector(bias.castTo(DataType.DOUBLE)), kind);
        INDArray biasBefore = bias.dup();

        assertThat(Fused.biasActivation(z, bias, kind)).isTrue();

        assertThat(maxAbsDifference(z, expected)).isLessThan(kind == Fused.Pointwise.IDENTITY || kind == Fused.Pointwise.RELU ? 1e-6 : 3e-7);
        assertThat(bias).isEqualTo(biasBefore);
    }

    @ParameterizedTest
    @EnumSource(Fused.Pointwise.class)
    void backpropMultipliesByTheDerivativeAndAddsTheColumnSums(Fused.Pointwise kind) {
        INDArray y = f(TestArrays.gaussian(3, 2.0, ROWS, COLS), kind).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(4, 1.0, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray biasGradient = rowView(5, COLS);
        INDArray expectedG = g.castTo(DataType.DOUBLE).mul(derivative(y.castTo(DataType.DOUBLE), kind));
        INDArray expectedBias = biasGradient.castTo(DataType.DOUBLE).add(expectedG.sum(true, 0));
        INDArray yBefore = y.dup();

        assertThat(Fused.backpropWithBias(y, g, biasGradient, kind)).isTrue();

        assertThat(maxAbsDifference(g, expectedG)).isLessThan(1e-6);
        assertThat(maxAbsDifference(biasGradient, expectedBias)).isLessThan(1e-5);
        assertThat(y).isEqualTo(yBefore);
    }

    @Test
    void squaredErrorGivesTheSumAndTheScaledDifference() {
        INDArray output = TestArrays.uniform(6, 0, 1, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray target = TestArrays.uniform(7, 0, 1, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, ROWS, COLS);
        INDArray diff = output.castTo(DataType.DOUBLE).sub(target.castTo(DataType.DOUBLE));

        double sum = Fused.squaredError(output, target, gradient, 0.25);

        assertThat(sum).isCloseTo(diff.mul(diff).sumNumber().doubleValue(), within(1e-5 * sum));
        assertThat(maxAbsDifference(gradient, diff.mul(0.25))).isLessThan(1e-7);
    }

    @Test
    void bernoulliLogitsGiveTheStableNegativeLogLikelihoodAndSigmoidGradient() {
        INDArray logits = TestArrays.gaussian(16, 8.0, ROWS, COLS).castTo(DataType.FLOAT);   // far into both tails
        INDArray target = TestArrays.uniform(17, 0, 1, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, ROWS, COLS);
        INDArray s = logits.castTo(DataType.DOUBLE);
        INDArray x = target.castTo(DataType.DOUBLE);
        INDArray nll = Transforms.relu(s, true).sub(s.mul(x)).add(Transforms.log(Transforms.exp(Transforms.abs(s, true).neg(), true).add(1.0), true));
        double expected = nll.sumNumber().doubleValue();

        double total = Fused.bernoulliLogits(logits, target, gradient, 0.5);

        assertThat(total).isCloseTo(expected, within(1e-6 * expected));
        assertThat(maxAbsDifference(gradient, Transforms.sigmoid(s, true).sub(x).mul(0.5))).isLessThan(1e-7);
    }

    @Test
    void gaussianSamplesHaveTheMomentsAndTailsOfANormalAndRepeatWithTheSeed() {
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 1001, 999);          // not a whole number of vectors
        assertThat(Fused.gaussian(z, 2.0, 0.5, new java.util.SplittableRandom(3))).isTrue();
        double[] v = z.data().asDouble();
        double mean = 0;
        double m2 = 0;
        double m4 = 0;
        long beyond2Sigma = 0;
        double lag = 0;
        for (int i = 0; i < v.length; i++) {
            double d = (v[i] - 2.0) / 0.5;
            mean += d;
            m2 += d * d;
            m4 += d * d * d * d;
            beyond2Sigma += Math.abs(d) > 2 ? 1 : 0;
            lag += i > 0 ? d * (v[i - 1] - 2.0) / 0.5 : 0;
        }
        int n = v.length;                                   // ~1e6: standard errors ~1e-3 (mean), 1.4e-3 (variance)
        assertThat(mean / n).isCloseTo(0, within(5e-3));
        assertThat(m2 / n).isCloseTo(1, within(7e-3));
        assertThat(m4 / n).isCloseTo(3, within(0.03));
        assertThat(beyond2Sigma / (double) n).isCloseTo(0.0455, within(1.5e-3));
        assertThat(lag / n).as("neighbours uncorrelated").isCloseTo(0, within(5e-3));
        assertThat(z.amaxNumber().doubleValue()).isLessThanOrEqualTo(2.0 + 0.5 * 5.78);

        INDArray again = Nd4j.createUninitialized(DataType.FLOAT, 1001, 999);
        Fused.gaussian(again, 2.0, 0.5, new java.util.SplittableRandom(3));
        assertThat(again).isEqualTo(z);
        Fused.gaussian(again, 2.0, 0.5, new java.util.SplittableRandom(4));
        assertThat(again).isNotEqualTo(z);
    }

    @Test
    void worksOnArraysInAWorkspace() {
        StepMemory memory = new StepMemory("fused-test");
        INDArray bias = rowView(8, COLS);
        INDArray expected = null;
        for (int cycle = 0; cycle < 3; cycle++) {
            try (MemoryWorkspace ignored = memory.open()) {
                Nd4j.createUninitialized(DataType.FLOAT, 3, 5).assign(7);      // the arrays below do not start the workspace
                INDArray z = TestArrays.gaussian(9, 1.0, ROWS, COLS).castTo(DataType.FLOAT);
                INDArray reference = Transforms.sigmoid(z.addRowVector(bias), true);
                assertThat(Fused.biasActivation(z, bias, Fused.Pointwise.SIGMOID)).isTrue();
                assertThat(maxAbsDifference(z, reference)).isLessThan(3e-7);
                expected = expected == null ? z.detach() : expected;
                assertThat(z).isEqualTo(expected);
            }
        }
        memory.release();
    }

    @Test
    void declinesWhatItCannotDoAndTouchesNothing() {
        INDArray bias = rowView(10, COLS);
        INDArray doubles = TestArrays.gaussian(11, 1.0, ROWS, COLS);
        INDArray fortran = TestArrays.gaussian(12, 1.0, ROWS, COLS).castTo(DataType.FLOAT).dup('f');
        INDArray transposed = TestArrays.gaussian(13, 1.0, COLS, ROWS).castTo(DataType.FLOAT).transpose();
        for (INDArray y : new INDArray[] {doubles, fortran, transposed}) {
            INDArray before = y.dup();
            assertThat(Fused.biasActivation(y, bias, Fused.Pointwise.RELU)).isFalse();
            assertThat(Fused.backpropWithBias(y.dup(), y, bias, Fused.Pointwise.RELU)).isFalse();
            assertThat(y).isEqualTo(before);
        }
        assertThat(Fused.biasActivation(fortran.dup('c'), bias, null)).as("no kernel for the activation").isFalse();
        assertThat(Fused.squaredError(doubles, doubles, doubles.dup(), 1.0)).isNaN();
    }

    @Test
    void canBeSwitchedOffAndOn() {
        INDArray y = TestArrays.gaussian(14, 1.0, 4, 16).castTo(DataType.FLOAT);
        boolean previous = Fused.setEnabled(false);
        try {
            assertThat(Fused.enabled()).isFalse();
            assertThat(Fused.biasActivation(y, rowView(15, 16), Fused.Pointwise.RELU)).isFalse();
        } finally {
            Fused.setEnabled(previous);
        }
        assertThat(Fused.enabled()).isTrue();
    }

    private static double maxAbsDifference(INDArray actual, INDArray expected) {
        return actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}

package org.ae4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.ae4j.TestArrays;
import org.ae4j.nn.Identity;
import org.ae4j.nn.LeakyRelu;
import org.ae4j.nn.Relu;
import org.ae4j.nn.Sigmoid;
import org.ae4j.nn.Tanh;
import org.ae4j.spi.Activation;
import org.ae4j.spi.Kernels;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.StepMemory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Both kernel implementations against the same formulas evaluated in double precision by ND4J, on shapes
 * whose rows are not whole vectors (scalar tails), on views that start inside a larger buffer, and inside
 * a workspace. The build runs every test with the Vector API module, so both can be made.
 */
class KernelsTest {

    private static final int ROWS = 37;
    private static final int COLS = 53;

    @BeforeAll
    static void vectorApiIsThere() {
        assertThat(KernelSelection.vectorApiAvailable()).as("the build runs tests with --add-modules jdk.incubator.vector").isTrue();
        assertThat(KernelSelection.best().name()).isEqualTo(VectorApiKernels.NAME);
    }

    static Stream<Kernels> implementations() {
        return Stream.of(new Nd4jKernels(), new VectorApiKernels());
    }

    static Stream<Arguments> implementationsAndFunctions() {
        return implementations().flatMap(k -> Stream.of(Kernels.Pointwise.values()).map(p -> Arguments.of(k, p)));
    }

    private static Activation activation(Kernels.Pointwise p) {
        return switch (p) {
            case IDENTITY -> new Identity();
            case RELU -> new Relu();
            case SIGMOID -> new Sigmoid();
            case TANH -> new Tanh();
        };
    }

    /** A float [1, n] row that is a view at offset 20 of a larger buffer, as a parameter block's bias is. */
    private static INDArray rowView(long seed, int n) {
        INDArray block = TestArrays.gaussian(seed, 1.0, n + 40).castTo(DataType.FLOAT);
        return block.get(NDArrayIndex.interval(20, 20 + n)).reshape(1, n);
    }

    private static INDArray f(INDArray z, Kernels.Pointwise f) {
        return switch (f) {
            case IDENTITY -> z.dup();
            case RELU -> Transforms.relu(z, true);
            case SIGMOID -> Transforms.sigmoid(z, true);
            case TANH -> Transforms.tanh(z, true);
        };
    }

    private static INDArray derivative(INDArray y, Kernels.Pointwise f) {
        return switch (f) {
            case IDENTITY -> Nd4j.onesLike(y);
            case RELU -> Transforms.sign(y, true);
            case SIGMOID -> y.mul(y.rsub(1.0));
            case TANH -> y.mul(y).rsub(1.0);
        };
    }

    @ParameterizedTest
    @MethodSource("implementationsAndFunctions")
    void biasActivationIsTheActivationOfTheSum(Kernels kernels, Kernels.Pointwise kind) {
        INDArray z = TestArrays.gaussian(1, 3.0, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray bias = rowView(2, COLS);
        INDArray expected = f(z.castTo(DataType.DOUBLE).addRowVector(bias.castTo(DataType.DOUBLE)), kind);
        INDArray biasBefore = bias.dup();

        kernels.biasActivation(z, bias, activation(kind));

        assertThat(maxAbsDifference(z, expected)).isLessThan(kind == Kernels.Pointwise.IDENTITY || kind == Kernels.Pointwise.RELU ? 1e-6 : 3e-7);
        assertThat(bias).isEqualTo(biasBefore);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Kernels.Pointwise.class)
    void vectorMathBiasActivationGivesTheFusedKernelsValuesOnItsRangeOnlyWithOrWithoutATail(Kernels.Pointwise kind) {
        int lanes = VectorMath.SPECIES.length();
        INDArray z = TestArrays.gaussian(31, 3.0, 1, 5 * lanes).castTo(DataType.FLOAT);
        float[] values = z.toFloatVector();
        INDArray expected = z.get(NDArrayIndex.all(), NDArrayIndex.interval(lanes, 4 * lanes)).dup();
        KernelSelection.named("vector-api").biasActivation(expected, Nd4j.valueArrayOf(new long[] {1, 3 * lanes}, 0.75f), activation(kind));

        VectorMath.biasActivation(values, lanes, 3 * lanes, 0.75f, kind);

        assertThat(java.util.Arrays.copyOfRange(values, lanes, 4 * lanes)).as("the same bits as the fused kernels")
                .containsExactly(expected.toFloatVector());
        float[] untouched = z.toFloatVector();
        assertThat(java.util.Arrays.copyOfRange(values, 0, lanes)).containsExactly(java.util.Arrays.copyOfRange(untouched, 0, lanes));
        assertThat(java.util.Arrays.copyOfRange(values, 4 * lanes, 5 * lanes))
                .containsExactly(java.util.Arrays.copyOfRange(untouched, 4 * lanes, 5 * lanes));

        int odd = 2 * lanes + 3;                                                       // a scalar tail of 3
        INDArray row = TestArrays.gaussian(32, 3.0, 1, odd).castTo(DataType.FLOAT);
        float[] tailed = row.toFloatVector();
        INDArray expectedRow = row.dup();
        KernelSelection.named("vector-api").biasActivation(expectedRow, Nd4j.valueArrayOf(new long[] {1, odd}, -0.5f), activation(kind));
        VectorMath.biasActivation(tailed, 0, odd, -0.5f, kind);
        assertThat(tailed).as("a row with a tail, as the fused kernels compute it").containsExactly(expectedRow.toFloatVector());
    }

    @ParameterizedTest
    @MethodSource("implementationsAndFunctions")
    void backpropMultipliesByTheDerivativeAndAddsTheColumnSums(Kernels kernels, Kernels.Pointwise kind) {
        INDArray y = f(TestArrays.gaussian(3, 2.0, ROWS, COLS), kind).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(4, 1.0, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray biasGradient = rowView(5, COLS);
        INDArray expectedG = g.castTo(DataType.DOUBLE).mul(derivative(y.castTo(DataType.DOUBLE), kind));
        INDArray expectedBias = biasGradient.castTo(DataType.DOUBLE).add(expectedG.sum(true, 0));
        INDArray yBefore = y.dup();

        kernels.backpropWithBias(y, g, biasGradient, activation(kind));

        assertThat(maxAbsDifference(g, expectedG)).isLessThan(1e-6);
        assertThat(maxAbsDifference(biasGradient, expectedBias)).isLessThan(1e-5);
        assertThat(y).isEqualTo(yBefore);
    }

    @ParameterizedTest
    @MethodSource("implementationsAndFunctions")
    void channelBiasActivationAddsEachChannelsBiasOverItsPlane(Kernels kernels, Kernels.Pointwise kind) {
        INDArray z = TestArrays.gaussian(21, 3.0, 5, 3, 7, 9).castTo(DataType.FLOAT);       // planes of 63: vector tails
        INDArray bias = TestArrays.gaussian(22, 1.0, 3).castTo(DataType.FLOAT);
        INDArray expected = f(z.castTo(DataType.DOUBLE).add(bias.castTo(DataType.DOUBLE).reshape(1, 3, 1, 1)), kind);
        INDArray unbiased = z.dup();
        INDArray expectedUnbiased = f(unbiased.castTo(DataType.DOUBLE), kind);

        kernels.channelBiasActivation(z, bias, activation(kind));
        kernels.channelBiasActivation(unbiased, null, activation(kind));

        double tolerance = kind == Kernels.Pointwise.IDENTITY || kind == Kernels.Pointwise.RELU ? 1e-6 : 3e-7;
        assertThat(maxAbsDifference(z, expected)).isLessThan(tolerance);
        assertThat(maxAbsDifference(unbiased, expectedUnbiased)).isLessThan(tolerance);
    }

    @ParameterizedTest
    @MethodSource("implementationsAndFunctions")
    void channelBackpropMultipliesByTheDerivativeAndAddsThePlaneSums(Kernels kernels, Kernels.Pointwise kind) {
        INDArray y = f(TestArrays.gaussian(23, 2.0, 5, 3, 7, 9), kind).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(24, 1.0, 5, 3, 7, 9).castTo(DataType.FLOAT);
        INDArray biasGradient = TestArrays.gaussian(25, 1.0, 3).castTo(DataType.FLOAT);
        INDArray expectedG = g.castTo(DataType.DOUBLE).mul(derivative(y.castTo(DataType.DOUBLE), kind));
        INDArray expectedBias = biasGradient.castTo(DataType.DOUBLE).add(expectedG.sum(0, 2, 3));
        INDArray withoutBias = g.dup();
        INDArray yBefore = y.dup();

        INDArray result = kernels.channelBackpropWithBias(y, g, biasGradient, activation(kind));
        kernels.channelBackpropWithBias(y, withoutBias, null, activation(kind));

        assertThat(maxAbsDifference(result, expectedG)).isLessThan(1e-6);
        assertThat(maxAbsDifference(withoutBias, expectedG)).isLessThan(1e-6);
        assertThat(maxAbsDifference(biasGradient, expectedBias)).isLessThan(1e-4);
        assertThat(y).isEqualTo(yBefore);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void squaredErrorGivesTheSumAndTheScaledDifference(Kernels kernels) {
        INDArray output = TestArrays.uniform(6, 0, 1, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray target = TestArrays.uniform(7, 0, 1, ROWS, COLS).castTo(DataType.FLOAT);
        INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, ROWS, COLS);
        INDArray diff = output.castTo(DataType.DOUBLE).sub(target.castTo(DataType.DOUBLE));

        double sum = kernels.squaredError(output, target, gradient, 0.25);

        assertThat(sum).isCloseTo(diff.mul(diff).sumNumber().doubleValue(), within(1e-5 * sum));
        assertThat(maxAbsDifference(gradient, diff.mul(0.25))).isLessThan(1e-7);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void gaussianSamplesHaveTheMomentsAndTailsOfANormalAndRepeatWithTheSeed(Kernels kernels) {
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 1001, 999);          // not a whole number of vectors
        kernels.gaussian(z, 2.0, 0.5, new RandomSource(3));
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
        if (kernels instanceof VectorApiKernels) {
            assertThat(z.amaxNumber().doubleValue()).isLessThanOrEqualTo(2.0 + 0.5 * 5.78);
        }

        INDArray again = Nd4j.createUninitialized(DataType.FLOAT, 1001, 999);
        kernels.gaussian(again, 2.0, 0.5, new RandomSource(3));
        assertThat(again).isEqualTo(z);
        kernels.gaussian(again, 2.0, 0.5, new RandomSource(4));
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
                new VectorApiKernels().biasActivation(z, bias, new Sigmoid());
                assertThat(maxAbsDifference(z, reference)).isLessThan(3e-7);
                expected = expected == null ? z.detach() : expected;
                assertThat(z).isEqualTo(expected);
            }
        }
        memory.release();
    }

    /** Doubles, Fortran order, transposed views and activations without a kernel go to the ND4J formulation: same values. */
    @Test
    void handsWhatItCannotTakeToTheNd4jFormulation() {
        Kernels vector = new VectorApiKernels();
        Kernels nd4j = new Nd4jKernels();
        INDArray doubles = TestArrays.gaussian(11, 1.0, ROWS, COLS);
        INDArray fortran = TestArrays.gaussian(12, 1.0, ROWS, COLS).castTo(DataType.FLOAT).dup('f');
        INDArray transposed = TestArrays.gaussian(13, 1.0, COLS, ROWS).castTo(DataType.FLOAT).transpose();
        for (INDArray y : new INDArray[] {doubles, fortran, transposed}) {
            INDArray bias = TestArrays.gaussian(10, 1.0, 1, COLS).castTo(y.dataType());
            for (Activation f : new Activation[] {new Relu(), new LeakyRelu()}) {
                INDArray a = y.dup(y.ordering());
                INDArray b = y.dup(y.ordering());
                vector.biasActivation(a, bias, f);
                nd4j.biasActivation(b, bias, f);
                assertThat(maxAbsDifference(a, b)).isLessThan(1e-6);
            }
        }
        INDArray g1 = doubles.dup();
        INDArray g2 = doubles.dup();
        assertThat(vector.squaredError(doubles, doubles.mul(0.5), g1, 1.0)).isEqualTo(nd4j.squaredError(doubles, doubles.mul(0.5), g2, 1.0));
        assertThat(g1).isEqualTo(g2);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void columnSumsAndRepeatedRowsMatchNd4j(Kernels kernels) {
        INDArray a = TestArrays.gaussian(21, 1.0, ROWS, COLS).castTo(DataType.FLOAT);
        double[] sums = kernels.columnSums(a);
        double[] expected = a.castTo(DataType.DOUBLE).sum(0).toDoubleVector();
        for (int c = 0; c < COLS; c++) {
            assertThat(sums[c]).isCloseTo(expected[c], within(1e-4));
        }
        INDArray rows = kernels.repeatRow(sums, 3, DataType.FLOAT);
        assertThat(rows.shape()).containsExactly(3, COLS);
        assertThat(rows.getRow(2).getDouble(5)).isCloseTo(sums[5], within(1e-5));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void productsMatchTheDoublePrecisionProductInEveryTransposition(Kernels kernels) {
        // rows and columns that leave every block of the Java path a remainder (7×112: blocks 4 and 2 and 1 vector wide,
        // 3 rows left over), a row, and one above the Java path's size
        int[][] shapes = {{37, 9, 16}, {1, 60, 64}, {7, 33, 112}, {256, 60, 60}, {256, 64, 32}, {300, 200, 100}};
        double[][] scales = {{0.5, 2.0}, {1.0, 0.0}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                  for (double[] scale : scales) {
                    INDArray a = TestArrays.gaussian(41, 1.0, ta ? s[1] : s[0], ta ? s[0] : s[1]).castTo(DataType.FLOAT);
                    INDArray b = TestArrays.gaussian(42, 1.0, tb ? s[2] : s[1], tb ? s[1] : s[2]).castTo(DataType.FLOAT);
                    INDArray c = TestArrays.gaussian(43, 1.0, s[0], s[2]).castTo(DataType.FLOAT);
                    INDArray opA = ta ? a.castTo(DataType.DOUBLE).transpose() : a.castTo(DataType.DOUBLE);
                    INDArray opB = tb ? b.castTo(DataType.DOUBLE).transpose() : b.castTo(DataType.DOUBLE);
                    INDArray expected = opA.mmul(opB).muli(scale[0]).addi(c.castTo(DataType.DOUBLE).mul(scale[1]));
                    INDArray result = kernels.gemm(a, b, c, ta, tb, scale[0], scale[1]);
                    assertThat(result).isSameAs(c);
                    assertThat(maxAbsDifference(c.castTo(DataType.DOUBLE), expected))
                            .as(java.util.Arrays.toString(s) + " " + ta + tb + " " + java.util.Arrays.toString(scale)).isLessThan(1e-3);
                  }
                }
            }
        }
        INDArray single = TestArrays.gaussian(46, 1.0, 1, 6).castTo(DataType.FLOAT).dup('f');
        assertThat(NativeFloats.plain(single)).as("one row laid out as in C order, whatever ND4J calls it").isTrue();
        assertThat(NativeFloats.plain(TestArrays.gaussian(46, 1.0, 2, 6).castTo(DataType.FLOAT).dup('f'))).isFalse();
        // a row view (plain) and a column-major operand (not plain: handed to ND4J)
        INDArray big = TestArrays.gaussian(44, 1.0, 10, 8).castTo(DataType.FLOAT);
        INDArray rows = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5), org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray w = TestArrays.gaussian(45, 1.0, 8, 4).castTo(DataType.FLOAT).dup('f');
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 3, 4);
        kernels.gemm(rows, w, out, false, false, 1.0, 0.0);
        assertThat(maxAbsDifference(out.castTo(DataType.DOUBLE), rows.castTo(DataType.DOUBLE).mmul(w.castTo(DataType.DOUBLE)))).isLessThan(1e-4);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void squaredErrorsSkipMissingTargetsAsTheFormulaSays(Kernels kernels) {
        INDArray output = TestArrays.gaussian(51, 1.0, 7, 5).castTo(DataType.FLOAT);
        INDArray target = TestArrays.gaussian(52, 1.0, 7, 5).castTo(DataType.FLOAT);
        target.putScalar(0, 1, Float.NaN);
        target.putScalar(3, 4, Float.NaN);
        for (int c = 0; c < 5; c++) {
            target.putScalar(6, c, Float.NaN);                 // a row with nothing observed
        }
        double[] o = output.castTo(DataType.DOUBLE).data().asDouble();
        double[] t = target.castTo(DataType.DOUBLE).data().asDouble();
        double sum = 0;
        int count = 0;
        double[] rowMasked = new double[7];
        double[] rowAll = new double[7];
        for (int r = 0; r < 7; r++) {
            double rs = 0;
            int rc = 0;
            for (int c = 0; c < 5; c++) {
                int i = r * 5 + c;
                double d = o[i] - t[i];
                rowAll[r] += d * d / 5;
                if (!Double.isNaN(t[i])) {
                    rs += d * d;
                    rc++;
                }
            }
            sum += rs;
            count += rc;
            rowMasked[r] = rc == 0 ? 0 : rs / rc;
        }
        INDArray gradient = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 7, 5);
        double[] sumAndCount = kernels.maskedSquaredError(output, target, gradient);
        assertThat(sumAndCount[0]).isCloseTo(sum, within(1e-4));
        assertThat(sumAndCount[1]).isEqualTo(count);
        assertThat(gradient.getDouble(0, 1)).isZero();
        assertThat(gradient.getDouble(2, 2)).isCloseTo(o[12] - t[12], within(1e-5));
        double[] masked = kernels.meanSquaredErrorPerExample(output, target, true).castTo(DataType.DOUBLE).toDoubleVector();
        for (int r = 0; r < 7; r++) {
            assertThat(masked[r]).as("row " + r).isCloseTo(rowMasked[r], within(1e-5));
        }
        INDArray complete = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 7, 5).assign(target);
        org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(complete, 0.5, org.nd4j.linalg.indexing.conditions.Conditions.isNan());
        double[] all = kernels.meanSquaredErrorPerExample(output, complete, false).castTo(DataType.DOUBLE).toDoubleVector();
        double[] c = complete.castTo(DataType.DOUBLE).data().asDouble();
        for (int r = 0; r < 7; r++) {
            double expected = 0;
            for (int j = 0; j < 5; j++) {
                expected += (o[r * 5 + j] - c[r * 5 + j]) * (o[r * 5 + j] - c[r * 5 + j]) / 5;
            }
            assertThat(all[r]).isCloseTo(expected, within(1e-5));
        }
        INDArray filled = kernels.missingAsZero(target);
        assertThat(filled.getDouble(0, 1)).isZero();
        assertThat(filled.getDouble(1, 1)).isEqualTo(target.getDouble(1, 1));
        assertThat(target.getDouble(0, 1)).as("the input is left alone").isNaN();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void adamStepMatchesTheFormula(Kernels kernels) {
        int n = 1000;
        INDArray theta = TestArrays.gaussian(31, 1.0, n).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(32, 1.0, n).castTo(DataType.FLOAT);
        INDArray m = TestArrays.gaussian(33, 0.1, n).castTo(DataType.FLOAT);
        INDArray v = TestArrays.uniform(34, 0.01, 0.1, n).castTo(DataType.FLOAT);
        double[] t0 = theta.toDoubleVector();
        double[] gd = g.toDoubleVector();
        double[] m0 = m.toDoubleVector();
        double[] v0 = v.toDoubleVector();
        kernels.adam(theta, g, m, v, 4, 1e-2, 0.9, 0.999, 1e-8);
        double alpha = 1e-2 * Math.sqrt(1 - Math.pow(0.999, 5)) / (1 - Math.pow(0.9, 5));
        for (int i = 0; i < n; i += 97) {
            double mi = 0.9 * m0[i] + 0.1 * gd[i];
            double vi = 0.999 * v0[i] + 0.001 * gd[i] * gd[i];
            assertThat(theta.getDouble(i)).isCloseTo(t0[i] - alpha * mi / (Math.sqrt(vi) + 1e-8), within(1e-5));
            assertThat(m.getDouble(i)).isCloseTo(mi, within(1e-6));
        }
    }

    @Test
    void adamGivesTheSameBitsWhereverTheBlockIsCutIntoRanges() {
        int n = 100_003;                                         // above the split threshold: halves on two threads
        Kernels kernels = KernelSelection.named("vector-api");
        INDArray[] whole = adamArrays(n);
        INDArray[] cut = adamArrays(n);
        kernels.adam(whole[0], whole[1], whole[2], whole[3], 7, 1e-3, 0.9, 0.999, 1e-8);
        long[] cuts = {0, 3, 50_001, 77_777, n};                 // ranges starting and ending off the vector grid
        for (int k = 0; k + 1 < cuts.length; k++) {
            INDArray[] range = new INDArray[4];
            for (int a = 0; a < 4; a++) {
                range[a] = cut[a].get(NDArrayIndex.interval(cuts[k], cuts[k + 1]));
            }
            kernels.adam(range[0], range[1], range[2], range[3], 7, 1e-3, 0.9, 0.999, 1e-8);
        }
        for (int a : new int[] {0, 2, 3}) {
            assertThat(cut[a].toFloatVector()).as("array %d", a).containsExactly(whole[a].toFloatVector());
        }
    }

    /**
     * Two lanes' gradients combined inside Adam's pass give the bits of their combination ({@code scaleAdd}) and then
     * Adam, and leave both gradients as they were — over a block above the split threshold whose length is off the
     * vector grid; kernels without such a pass say so and change nothing.
     */
    @Test
    void adamOfTwoLanesGradientsIsTheirCombinationThenAdam() {
        int n = 100_003;
        Kernels kernels = KernelSelection.named("vector-api");
        INDArray[] fused = adamArrays(n);
        INDArray[] separate = adamArrays(n);
        INDArray other = TestArrays.gaussian(44, 1.0, n).castTo(DataType.FLOAT);
        INDArray otherCopy = other.dup();
        INDArray gradientCopy = fused[1].dup();
        assertThat(kernels.adamOfSum(fused[0], fused[1], 0.4, other, 0.6, fused[2], fused[3], 7, 1e-3, 0.9, 0.999, 1e-8)).isTrue();
        kernels.scaleAdd(separate[1], 0.4, otherCopy, 0.6);
        kernels.adam(separate[0], separate[1], separate[2], separate[3], 7, 1e-3, 0.9, 0.999, 1e-8);
        for (int a : new int[] {0, 2, 3}) {
            assertThat(fused[a].toFloatVector()).as("array %d", a).containsExactly(separate[a].toFloatVector());
        }
        assertThat(fused[1].toFloatVector()).as("lane 0's gradients kept").containsExactly(gradientCopy.toFloatVector());
        assertThat(other.toFloatVector()).as("lane 1's gradients kept").containsExactly(otherCopy.toFloatVector());
        INDArray[] untouched = adamArrays(n);
        assertThat(KernelSelection.named("nd4j").adamOfSum(untouched[0], untouched[1], 0.4, otherCopy, 0.6, untouched[2], untouched[3], 7,
                1e-3, 0.9, 0.999, 1e-8)).isFalse();
        assertThat(untouched[0].toFloatVector()).containsExactly(adamArrays(n)[0].toFloatVector());
    }

    private static INDArray[] adamArrays(int n) {
        return new INDArray[] {TestArrays.gaussian(41, 1.0, n).castTo(DataType.FLOAT), TestArrays.gaussian(42, 1.0, n).castTo(DataType.FLOAT),
            TestArrays.gaussian(43, 0.1, n).castTo(DataType.FLOAT), Nd4j.zeros(DataType.FLOAT, n)};   // v = 0: a first step
    }

    @Test
    void anUnknownOrUnavailableChoiceIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelSelection.named("cuda"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kernels 'cuda'; known: nd4j, vector-api");
        assertThat(KernelSelection.named("nd4j")).isInstanceOf(Nd4jKernels.class);
    }

    private static double maxAbsDifference(INDArray actual, INDArray expected) {
        return actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}

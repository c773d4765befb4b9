package org.ae4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ae4j.TestArrays;
import org.ae4j.check.GradientCheck;
import org.ae4j.registry.CorePlugin;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Layer;
import org.ae4j.spi.RandomSource;
import org.ae4j.spi.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class DenseTest {

    static final Registry REGISTRY = Registry.of(List.of(new CorePlugin()));

    static BuildContext doubles(long seed) {
        return new BuildContext(REGISTRY, DataType.DOUBLE, new RandomSource(seed));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identity", "relu", "leaky-relu", "sigmoid", "tanh", "softplus"})
    void gradientsMatchFiniteDifferences(String activation) {
        Layer dense = new DenseSpec(5, activation).build("d", new long[] {7}, doubles(1));
        dense.parameters().forEach(p -> p.value().addi(TestArrays.gaussian(3, 0.1, p.value().shape())));
        GradientCheck.Report report = GradientCheck.block(dense, TestArrays.gaussian(2, 1.0, 4, 7),
                GradientCheck.Options.defaults());
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(7 * 5 + 5 + 4 * 7);
    }

    /**
     * The weight gradient's product overwrites a gradient zeroed for the step (whatever its memory held, NaN here)
     * and adds to one that holds another contribution already: the same values either way as zeros plus the product.
     */
    @Test
    void theWeightGradientOverwritesAnEmptyBufferAndAddsToAFilledOne() {
        INDArray w = TestArrays.gaussian(1, 0.5, 5, 3).castTo(DataType.FLOAT);
        INDArray b = TestArrays.gaussian(2, 0.5, 1, 3).castTo(DataType.FLOAT);
        INDArray x = TestArrays.gaussian(3, 1.0, 4, 5).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(4, 1.0, 4, 3).castTo(DataType.FLOAT);
        Dense dense = new Dense("d", new Sigmoid(), w, b, org.ae4j.kernel.KernelSelection.best());
        Trace trace = dense.forward(x);
        dense.parameters().forEach(p -> p.gradient().assign(Float.NaN));
        dense.parameters().forEach(org.ae4j.spi.Parameter::zeroGradient);
        dense.backwardParameters(trace, g.dup());
        INDArray first = dense.parameters().get(0).gradient().dup();
        INDArray expected = x.transpose().mmul(g.mul(trace.output().mul(trace.output().rsub(1))));
        assertThat(first.ravel().toFloatVector()).doesNotContain(Float.NaN);
        assertThat(first.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(dense.parameters().get(1).gradient().ravel().toFloatVector()).doesNotContain(Float.NaN);

        dense.parameters().forEach(org.ae4j.spi.Parameter::zeroGradient);
        dense.parameters().get(0).gradient().addi(1);          // another contribution came first
        dense.backwardParameters(trace, g.dup());
        assertThat(dense.parameters().get(0).gradient().sub(first.add(1)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void computesXTimesWPlusBThenActivation() {
        INDArray w = Nd4j.create(new double[][] {{1, -1}, {2, 0.5}});
        INDArray b = Nd4j.create(new double[][] {{0.5, -3}});
        Dense dense = new Dense("d", new Relu(), w, b, org.ae4j.kernel.KernelSelection.best());
        INDArray y = dense.forward(Nd4j.create(new double[][] {{1, 1}, {-1, 2}})).output();
        // row 0: [1+2+0.5, -1+0.5-3] = [3.5, -3.5] → relu → [3.5, 0]; row 1: [-1+4+0.5, 1+1-3] = [3.5, -1] → [3.5, 0]
        assertThat(y.toDoubleMatrix()).isDeepEqualTo(new double[][] {{3.5, 0}, {3.5, 0}});
    }

    /**
     * An output beyond {@link Dense#BLOCK_VALUES} values is computed in blocks of rows, each product followed by its
     * activation: the same values as one product then the activation (here in double, on ND4J's own ops), for row
     * counts that split evenly and unevenly.
     */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {700, 1031})
    void aLargeOutputIsComputedInBlocksOfRowsWithTheSameValues(int rows) {
        int units = 784;
        assertThat((long) rows * units).isGreaterThan(2 * Dense.BLOCK_VALUES);
        INDArray w = TestArrays.gaussian(5, 0.3, 24, units).castTo(DataType.FLOAT);
        INDArray b = TestArrays.gaussian(6, 0.3, 1, units).castTo(DataType.FLOAT);
        INDArray x = TestArrays.gaussian(7, 1.0, rows, 24).castTo(DataType.FLOAT);
        INDArray y = new Dense("d", new Sigmoid(), w, b, org.ae4j.kernel.KernelSelection.best()).forward(x).output();
        INDArray expected = Transforms.sigmoid(
                x.castTo(DataType.DOUBLE).mmul(w.castTo(DataType.DOUBLE)).addRowVector(b.castTo(DataType.DOUBLE)), false);
        assertThat(y.shape()).containsExactly(rows, units);
        double worst = Transforms.abs(y.castTo(DataType.DOUBLE).sub(expected), false).maxNumber().doubleValue();
        assertThat(worst).as("largest difference from the double reference").isLessThan(1e-6);
    }

    /** The fused kernels (float) give what the ND4J path, whose gradients are checked above, gives. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh"})
    void fusedKernelsMatchTheNd4jPath(String activation) {
        Layer[] layers = new Layer[2];
        INDArray[] outputs = new INDArray[2];
        INDArray[] inputGradients = new INDArray[2];
        INDArray x = TestArrays.gaussian(2, 1.0, 29, 53).castTo(DataType.FLOAT);
        INDArray g = TestArrays.gaussian(3, 1.0, 29, 37).castTo(DataType.FLOAT);
        for (int i = 0; i < 2; i++) {
            var registry = org.ae4j.registry.Registry.of(List.of(new org.ae4j.registry.CorePlugin()),
                    org.ae4j.kernel.KernelSelection.named(i == 0 ? "vector-api" : "nd4j"));
            {
                layers[i] = new DenseSpec(37, activation).build("d", new long[] {53}, new BuildContext(registry, DataType.FLOAT,
                        new RandomSource(1)));
                layers[i].parameters().forEach(p -> p.value().addi(TestArrays.gaussian(4, 0.5, p.value().shape()).castTo(DataType.FLOAT)));
                Trace trace = layers[i].forward(x);
                outputs[i] = trace.output();
                inputGradients[i] = layers[i].backward(trace, g.dup());
            }
        }
        assertThat(outputs[0].sub(outputs[1]).amaxNumber().doubleValue()).isLessThan(2e-6);
        assertThat(inputGradients[0].sub(inputGradients[1]).amaxNumber().doubleValue()).isLessThan(2e-5);
        for (int p = 0; p < 2; p++) {
            INDArray fused = layers[0].parameters().get(p).gradient();
            INDArray plain = layers[1].parameters().get(p).gradient();
            assertThat(fused.sub(plain).amaxNumber().doubleValue()).as(layers[0].parameters().get(p).name())
                    .isLessThan(1e-5 * (1 + plain.amaxNumber().doubleValue()));
        }
    }

    @Test
    void doesNotModifyItsInputForwardOrBackward() {
        Layer dense = new DenseSpec(3, "sigmoid").build("d", new long[] {4}, doubles(5));
        INDArray x = TestArrays.gaussian(9, 1.0, 2, 4);
        INDArray copy = x.dup();
        Trace trace = dense.forward(x);
        dense.backward(trace, Nd4j.onesLike(trace.output()));
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void accumulatesGradientsAcrossBackwardCalls() {
        Layer dense = new DenseSpec(3, "tanh").build("d", new long[] {4}, doubles(5));
        INDArray x = TestArrays.gaussian(9, 1.0, 2, 4);
        Trace trace = dense.forward(x);
        dense.backward(trace, Nd4j.onesLike(trace.output()));
        INDArray once = dense.parameters().get(0).gradient().dup();
        dense.backward(dense.forward(x), Nd4j.onesLike(trace.output()));
        assertThat(dense.parameters().get(0).gradient().getDouble(0, 0)).isCloseTo(2 * once.getDouble(0, 0), within(1e-12));
    }

    @Test
    void rejectsAnInputOfTheWrongWidthNamingTheLayer() {
        Layer dense = new DenseSpec(3, "relu").build("encoder.2", new long[] {64}, doubles(1));
        assertThatThrownBy(() -> dense.forward(Nd4j.zeros(DataType.DOUBLE, 8, 128)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 'encoder.2' expects input [batch, 64], got [8, 128]");
    }

    @Test
    void initialisesWithTheSeed() {
        INDArray a = new DenseSpec(8, "relu").build("d", new long[] {16}, doubles(3)).parameters().get(0).value();
        INDArray b = new DenseSpec(8, "relu").build("d", new long[] {16}, doubles(3)).parameters().get(0).value();
        INDArray c = new DenseSpec(8, "relu").build("d", new long[] {16}, doubles(4)).parameters().get(0).value();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void heInitialisationHasTheVarianceTwoOverFanIn() {
        INDArray w = FanInit.HE_NORMAL.initialize(new long[] {400, 300}, 400, 300, DataType.DOUBLE, new RandomSource(1));
        assertThat(w.varNumber().doubleValue()).isCloseTo(2.0 / 400, within(0.05 * 2.0 / 400));
        INDArray u = FanInit.XAVIER_UNIFORM.initialize(new long[] {400, 300}, 400, 300, DataType.DOUBLE, new RandomSource(1));
        double limit = Math.sqrt(6.0 / 700);
        assertThat(u.maxNumber().doubleValue()).isLessThanOrEqualTo(limit);
        assertThat(u.minNumber().doubleValue()).isGreaterThanOrEqualTo(-limit);
        assertThat(u.varNumber().doubleValue()).isCloseTo(2.0 / 700, within(0.05 * 2.0 / 700));
    }

    @Test
    void rejectsNonPositiveUnits() {
        assertThatThrownBy(() -> new DenseSpec(0, "relu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dense units must be >= 1, got 0");
    }

    @Test
    void unknownActivationNamesTheKnownOnes() {
        assertThatThrownBy(() -> new DenseSpec(3, "rleu").build("d", new long[] {4}, doubles(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown activation 'rleu'; known activations: identity, leaky-relu, relu, sigmoid, softplus, tanh");
    }
}

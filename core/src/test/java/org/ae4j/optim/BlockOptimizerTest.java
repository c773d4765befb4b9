package org.ae4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.OptimizerSpec;
import org.ae4j.spi.OptimizerState;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Optimizers over a packed {@link ParameterBlock} (one update for all) against the same parameters one by one. */
class BlockOptimizerTest {

    private static List<Parameter> parameters(long seed) {
        RandomSource random = new RandomSource(seed);
        return List.of(
                new Parameter("a.W", Parameter.Kind.WEIGHT, random.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 5, 3), 0, 1)),
                new Parameter("a.b", Parameter.Kind.BIAS, random.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 1, 3), 0, 1)),
                new Parameter("b.W", Parameter.Kind.WEIGHT, random.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 3, 4), 0, 1)),
                // large enough for the fused Adam to split the block between two threads
                new Parameter("c.W", Parameter.Kind.WEIGHT, random.gaussianInPlace(Nd4j.createUninitialized(DataType.FLOAT, 300, 251), 0, 1)));
    }

    /** Runs {@code steps} with seeded gradients; some entries get a zero gradient throughout. */
    private static void train(Optimizer optimizer, List<Parameter> parameters, int steps) {
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                INDArray g = org.ae4j.TestArrays.gaussian(99 + 1000L * t + i, 0.1, p.value().shape()).castTo(DataType.FLOAT);
                g.getRow(0).assign(0);
                p.gradient().assign(g);
            }
            optimizer.step(parameters);
        }
    }

    @Test
    void aBlockIsUpdatedAsItsParametersWouldBeOneByOne() {
        for (OptimizerSpec spec : List.of(AdamSpec.defaults(), new RmsPropSpec(0.01, 0.9, 1e-8), new SgdSpec(0.05, 0.9, true))) {
            List<Parameter> single = parameters(1);
            List<Parameter> packed = parameters(1);
            assertThat(ParameterBlock.pack(packed)).isPresent();
            train(spec.create(org.ae4j.kernel.KernelSelection.best()), single, 30);
            train(spec.create(org.ae4j.kernel.KernelSelection.best()), packed, 30);
            for (int i = 0; i < single.size(); i++) {
                assertThat(packed.get(i).value().ravel().toFloatVector()).as(spec.type() + " " + single.get(i).name())
                        .containsExactly(single.get(i).value().ravel().toFloatVector(), within(2e-6f));
            }
        }
    }

    @Test
    void blockStateReadsBackAndRestoresExactly() {
        List<Parameter> packed = parameters(2);
        ParameterBlock.pack(packed);
        Optimizer adam = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best());
        train(adam, packed, 12);
        OptimizerState state = adam.state(packed);

        List<Parameter> single = parameters(2);
        Optimizer reference = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best());
        train(reference, single, 12);
        OptimizerState expected = reference.state(single);
        for (int i = 0; i < expected.arrays().size(); i++) {
            assertThat(state.arrays().get(i).ravel().toFloatVector()).containsExactly(expected.arrays().get(i).ravel().toFloatVector(), within(1e-7f));
        }

        // a fresh optimizer restored from the state continues exactly like the original
        List<Parameter> copy = parameters(2);
        ParameterBlock.pack(copy);
        for (int i = 0; i < copy.size(); i++) {
            copy.get(i).value().assign(packed.get(i).value());
        }
        Optimizer resumed = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best());
        resumed.restore(state, copy);
        train(adam, packed, 5);
        train(resumed, copy, 5);
        for (int i = 0; i < copy.size(); i++) {
            assertThat(copy.get(i).value()).isEqualTo(packed.get(i).value());
        }
    }

    @Test
    void adamOnTheTwoKernelImplementationsAgrees() {
        List<Parameter> heap = parameters(3);
        List<Parameter> mixed = parameters(3);
        ParameterBlock.pack(heap);
        ParameterBlock.pack(mixed);
        Optimizer reference = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.named("nd4j"));
        Optimizer switching = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.named("vector-api"));
        for (int phase = 0; phase < 3; phase++) {
            train(reference, heap, 7);
            train(switching, mixed, 7);
        }
        for (int i = 0; i < heap.size(); i++) {
            assertThat(mixed.get(i).value().ravel().toFloatVector()).as(heap.get(i).name())
                    .containsExactly(heap.get(i).value().ravel().toFloatVector(), within(3e-6f));   // a few float ulps at ~3
        }
        OptimizerState a = reference.state(heap);
        OptimizerState b = switching.state(mixed);
        for (int i = 0; i < a.arrays().size(); i++) {
            assertThat(b.arrays().get(i).ravel().toFloatVector()).containsExactly(a.arrays().get(i).ravel().toFloatVector(), within(1e-7f));
        }
    }

    @Test
    void adamFlushesSubnormalMomentsToZero() {
        List<Parameter> packed = List.of(new Parameter("p", Parameter.Kind.WEIGHT, Nd4j.ones(DataType.FLOAT, 1, 4)));
        ParameterBlock.pack(packed);
        Optimizer adam = AdamSpec.defaults().create(org.ae4j.kernel.KernelSelection.best());
        packed.get(0).gradient().assign(Nd4j.createFromArray(new float[][] {{1e-3f, 1e-3f, 1e-3f, 1e-3f}}));
        adam.step(packed);
        // from then on no gradient: m decays by 0.9 per step into the subnormal range (< 1.18e-38) and must not stay there
        for (int t = 0; t < 900; t++) {
            packed.get(0).gradient().assign(0);
            adam.step(packed);
        }
        float m = adam.state(packed).arrays().get(1).getFloat(0);
        assertThat(m == 0f || Math.abs(m) >= Float.MIN_NORMAL).as("m = " + m).isTrue();
    }
}

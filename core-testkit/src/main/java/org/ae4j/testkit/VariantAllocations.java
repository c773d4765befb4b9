package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The opt-in performance check of a variant: steady-state training steps (forward, backward, optimizer)
 * make no native array buffers outside their reused step memory. ae4j's own variants pass it; a plug-in
 * written on plain ND4J ops may not (ND4J's scalar ops allocate a one-value buffer per call), so it is
 * not part of {@link VariantConformance}: extend it when a variant's speed matters, and declare what is
 * known to remain with {@link #scalarBuffersPerStep()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class VariantAllocations {

    /** The registered name of the variant under test. */
    protected abstract String variantName();

    /** Per-example input shape of the examples the variant is checked on. */
    protected long[] inputShape() {
        return new long[] {784};
    }

    private long[] batchShape() {
        long[] shape = new long[inputShape().length + 1];
        shape[0] = 3;
        System.arraycopy(inputShape(), 0, shape, 1, inputShape().length);
        return shape;
    }

    /**
     * Scalar operand buffers (one value each) that ND4J's scalar ops still make per training step of
     * this variant; 0 unless a variant declares otherwise.
     */
    protected int scalarBuffersPerStep() {
        return 0;
    }

    @Test
    void steadyStateTrainingStepsAllocateNoNativeArrays() {
        Registry registry = Ae4j.registry();
        ModelConfig config = ModelConfig.defaults(registry.variant(variantName()));
        Autoencoder model = config.build(inputShape(), registry);
        Optimizer optimizer = config.optimizer().create(registry.kernels());
        StepMemory memory = new StepMemory("conformance-" + variantName());
        INDArray x = Fixtures.uniform(6, 0.05, 0.95, DataType.FLOAT, batchShape());
        RandomSource random = new RandomSource(3);
        Runnable step = () -> {
            try (var ignored = memory.open()) {
                model.trainingStep(x, org.ae4j.model.StepContext.of(random, random, 1));
                optimizer.step(model.parameters());
            }
        };
        try {
            for (int i = 0; i < 3; i++) {
                step.run();                              // the workspace learns its size in the first cycle
            }
            long reserved = memory.reservedBytes();
            long spilled = memory.spilledBytes();
            int steps = 5;
            NativeAllocations.Counts counts = NativeAllocations.during(() -> {
                for (int i = 0; i < steps; i++) {
                    step.run();
                }
            });
            assertThat(counts.arrays()).as(counts.toString()).isZero();
            assertThat(counts.scalars()).as(counts.toString()).isLessThanOrEqualTo(steps * scalarBuffersPerStep());
            assertThat(counts.inWorkspace()).as(counts.toString()).isPositive();
            assertThat(memory.reservedBytes()).isEqualTo(reserved);
            assertThat(memory.spilledBytes()).isEqualTo(spilled);
        } finally {
            memory.release();
        }
    }

}

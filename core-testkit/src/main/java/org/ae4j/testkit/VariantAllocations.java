package org.ae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.BatchInference;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The opt-in performance check of a variant: steady-state training steps (forward, backward, optimizer)
 * and inference batches (code, reconstruction, per-example loss) make no native array buffers outside
 * their reused memory, and whole-dataset inference allocates per call, not per batch. ae4j's own variants pass it; a plug-in
 * written on plain ND4J ops may not (ND4J's scalar ops allocate a one-value buffer per call), so it is
 * not part of {@link VariantConformance}: extend it when a variant's speed matters, and declare what is
 * known to remain with {@link #scalarBuffersPerStep()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class VariantAllocations {

    private static final int CYCLES = 5;

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
            step.run();                                  // the workspace learns its size in the first cycle
            long reserved = memory.reservedBytes();
            long spilled = memory.spilledBytes();
            NativeAllocations.Counts counts = steadyState(step);
            if (!model.runsWhole(x.size(0))) {                    // the small-model path keeps its own buffers
                assertThat(counts.inWorkspace()).as(counts.toString()).isPositive();
            }
            assertThat(memory.reservedBytes()).isEqualTo(reserved);
            assertThat(memory.spilledBytes()).isEqualTo(spilled);
        } finally {
            memory.release();
        }
    }

    @Test
    void steadyStateInferenceAllocatesNoNativeArraysPerBatch() {
        Registry registry = Ae4j.registry();
        Autoencoder model = ModelConfig.defaults(registry.variant(variantName())).build(inputShape(), registry);
        StepMemory memory = new StepMemory("conformance-inference-" + variantName());
        INDArray x = Fixtures.uniform(6, 0.05, 0.95, DataType.FLOAT, batchShape());
        Runnable batch = () -> {
            try (var ignored = memory.open()) {
                model.encode(x);
                model.reconstruct(x);
                model.reconstructionLossPerExample(x);
            }
        };
        try {
            batch.run();
            long reserved = memory.reservedBytes();
            steadyState(batch);
            assertThat(memory.reservedBytes()).isEqualTo(reserved);
        } finally {
            memory.release();
        }

        // the whole-dataset path allocates per call (its result), not per batch
        String lanes = System.getProperty(BatchInference.LANES_PROPERTY);
        System.setProperty(BatchInference.LANES_PROPERTY, "1");
        try {
            Dataset four = Dataset.of(Fixtures.uniform(7, 0.05, 0.95, DataType.FLOAT, rows(12)));
            Dataset twelve = Dataset.of(Fixtures.uniform(8, 0.05, 0.95, DataType.FLOAT, rows(36)));
            for (int i = 0; i < 2; i++) {
                BatchInference.map(twelve, 3, model::reconstruct);
            }
            NativeAllocations.Counts few = NativeAllocations.during(() -> BatchInference.map(four, 3, model::reconstruct));
            NativeAllocations.Counts many = NativeAllocations.during(() -> BatchInference.map(twelve, 3, model::reconstruct));
            assertThat(many.arrays()).as("4 batches: " + few + "; 12 batches: " + many).isEqualTo(few.arrays());
        } finally {
            if (lanes == null) {
                System.clearProperty(BatchInference.LANES_PROPERTY);
            } else {
                System.setProperty(BatchInference.LANES_PROPERTY, lanes);
            }
        }
    }

    /**
     * Counts what {@value #CYCLES} cycles allocate after two more to settle, and requires no native array outside the
     * cycle's memory and no more scalar buffers than declared.
     */
    private NativeAllocations.Counts steadyState(Runnable cycle) {
        cycle.run();
        cycle.run();
        NativeAllocations.Counts counts = NativeAllocations.during(() -> {
            for (int i = 0; i < CYCLES; i++) {
                cycle.run();
            }
        });
        assertThat(counts.arrays()).as(counts.toString()).isZero();
        assertThat(counts.scalars()).as(counts.toString()).isLessThanOrEqualTo(CYCLES * scalarBuffersPerStep());
        return counts;
    }

    private long[] rows(int n) {
        long[] shape = batchShape();
        shape[0] = n;
        return shape;
    }
}

package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.ElementwiseOptimizer;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.RandomSource;
import org.ae4j.train.DataParallelStep;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full training step of each variant's default model on a batch of 256 — forward, loss,
 * penalties, backward and the optimizer's update — exactly as the trainer runs it (inside the
 * step's workspace): with {@code workers} 1 on the calling thread, with more in a
 * {@link DataParallelStep} whose lanes update their ranges of the parameters. The score is
 * microseconds per step; samples/s = 256e6 / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrainingStepBenchmark {

    @Param({"vanilla", "denoising", "sparse", "contractive", "vae", "conv"})
    public String variant;

    /** Lanes of the data-parallel step; 1 runs the step on the benchmark's thread alone. */
    @Param({"1"})
    public int workers;

    private Autoencoder model;
    private Optimizer optimizer;
    private INDArray batch;
    private RandomSource random;
    private final StepMemory memory = new StepMemory("jmh-training-step");
    private final StepMemory laneMemory = new StepMemory("jmh-training-lanes");
    private DataParallelStep parallel;
    private ElementwiseOptimizer inLanes;

    @Setup(Level.Trial)
    public void setUp() {
        Registry registry = Ae4j.registry();
        ModelConfig config = ModelConfig.defaults(registry.variant(variant));
        model = config.build(new long[] {784}, registry);
        optimizer = config.optimizer().create(model.kernels());
        batch = Nd4j.rand(DataType.FLOAT, 256, 784);
        random = new RandomSource(1);
        if (workers > 1) {
            parallel = new DataParallelStep(model, workers, laneMemory);
            parallel.startEpoch(random, random.split("corruption"));
            inLanes = (ElementwiseOptimizer) optimizer;
            if (!inLanes.prepareRanges(model.parameters())) {
                throw new IllegalStateException(variant + ": the optimizer cannot update the lanes' ranges");
            }
        }
    }

    @Benchmark
    public double step() {
        try (MemoryWorkspace ignored = memory.open()) {
            if (parallel != null) {
                return parallel.step(batch, 1, inLanes).total();
            }
            double loss = model.trainingStep(batch, org.ae4j.model.StepContext.of(random, random, 1)).total();
            optimizer.step(model.parameters());
            return loss;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (parallel != null) {
            parallel.close();
        }
        memory.release();
    }
}

package org.ae4j.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.StepMemory;
import org.ae4j.variant.DenseAutoencoderSpec;
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
 * The small tabular models of anomaly detection on tables, where ND4J's fixed cost per op dominates: a training step
 * (forward, loss, backward, Adam; samples/s = batch·10⁶ / score) and the score of one row (sample time: p50, p99),
 * one thread. {@code bench/reference/small_models.py} measures PyTorch on the same shapes. Run:
 * {@code mvn -q -pl bench/jmh exec:exec -Djmh.args="SmallModel -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallModelBenchmark {

    /** "inputs-hidden-code": 9-16-8-16-9 and 60-64-32-64-60, tanh hidden layers, linear output, MSE. */
    @Param({"9-16-8", "60-64-32"})
    public String shape;

    @Param({"64", "256"})
    public int batch;

    private Autoencoder model;
    private Optimizer optimizer;
    private INDArray examples;
    private INDArray row;
    private RandomSource random;
    private final StepMemory memory = new StepMemory("jmh-small-model");

    @Setup(Level.Trial)
    public void setUp() {
        String[] sizes = shape.split("-");
        int inputs = Integer.parseInt(sizes[0]);
        Registry registry = Ae4j.registry();
        ModelConfig defaults = ModelConfig.defaults(registry.variant("vanilla"));
        DenseAutoencoderSpec spec = new DenseAutoencoderSpec(List.of(Integer.parseInt(sizes[1]), Integer.parseInt(sizes[2])),
                "tanh", "tanh", "identity", "masked-mse", ((DenseAutoencoderSpec) defaults.model()).bottleneck());
        ModelConfig config = defaults.withModel(spec);
        model = config.build(new long[] {inputs}, registry);
        optimizer = config.optimizer().create(model.kernels());
        examples = Nd4j.randn(DataType.FLOAT, batch, inputs);
        row = Nd4j.randn(DataType.FLOAT, 1, inputs);
        random = new RandomSource(1);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public double trainingStep() {
        try (MemoryWorkspace ignored = memory.open()) {
            double loss = model.trainingStep(examples, StepContext.of(random, random, 1)).total();
            optimizer.step(model.parameters());
            return loss;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double scoreOneRow() {
        try (MemoryWorkspace ignored = memory.open()) {
            return model.reconstructionLossPerExample(row).getDouble(0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.release();
    }
}

package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.Dataset;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.train.BatchInference;
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
 * Reconstructing 10,000 examples in batches of 256 (or {@code -p batch=N}) — what {@code ae4j evaluate} and the benchmarks' inference
 * column do — by {@link BatchInference} on 1 or 2 lanes, and by a plain loop over batches in one reused workspace
 * with ND4J's own threads. Run: {@code mvn -q -pl bench/jmh exec:exec -Djmh.args="Inference -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InferenceBenchmark {

    @Param({"vanilla", "vae", "conv"})
    public String variant;

    /** "loop": a plain loop on the calling thread; "1", "2": lanes of {@link BatchInference}. */
    @Param({"loop", "1", "2"})
    public String lanes;

    /** Rows per batch. */
    @Param({"256"})
    public int batch;

    private Autoencoder model;
    private Dataset data;
    private final StepMemory memory = new StepMemory("jmh-inference");

    @Setup(Level.Trial)
    public void setUp() {
        Registry registry = Ae4j.registry();
        long[] shape = variant.equals("conv") ? new long[] {1, 28, 28} : new long[] {784};
        model = ModelConfig.defaults(registry.variant(variant)).build(shape, registry);
        long[] all = new long[shape.length + 1];
        all[0] = 10_000;
        System.arraycopy(shape, 0, all, 1, shape.length);
        data = Dataset.of(Nd4j.rand(DataType.FLOAT, all));
        if (!lanes.equals("loop")) {
            System.setProperty(BatchInference.LANES_PROPERTY, lanes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.clearProperty(BatchInference.LANES_PROPERTY);
    }

    @Benchmark
    public Object reconstructAll() {
        if (lanes.equals("loop")) {
            double sum = 0;
            for (INDArray rows : data.batches(batch)) {
                try (MemoryWorkspace ignored = memory.open()) {
                    sum += model.reconstruct(rows).getDouble(0);
                }
            }
            return sum;
        }
        return BatchInference.map(data, batch, model::reconstruct);
    }

    /**
     * Every batch reconstructed and dropped, as PyTorch's reference loop does — no stacked result, so no fresh
     * native memory per call: what the bench's inference column times.
     */
    @Benchmark
    public double reconstructEachBatch() {
        return BatchInference.sum(data, batch, 1, rows -> new double[] {model.reconstruct(rows).getDouble(0)})[0];
    }
}

package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.Ae4j;
import org.ae4j.config.ModelConfig;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.nd4j.linalg.api.buffer.DataType;
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

/**
 * The latency of scoring one row, as a service scoring requests one at a time meets it: the anomaly score (per-example
 * reconstruction loss) of a single row through the vanilla variant's table model, one thread. Sample-time mode reports
 * the distribution (p50, p99). Run: {@code mvn -q -pl bench/jmh exec:exec -Djmh.args="SingleRowScoring -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SingleRowScoringBenchmark {

    /** Table widths: a small and a wide table, as the features of an encoded table row. */
    @Param({"30", "200"})
    public int width;

    private Autoencoder model;
    private INDArray row;

    @Setup(Level.Trial)
    public void setUp() {
        Registry registry = Ae4j.registry();
        ModelConfig config = ModelConfig.defaults(registry.variant("vanilla")).forTable(width, 10_000);
        model = config.build(new long[] {width}, registry);
        row = Nd4j.rand(DataType.FLOAT, 1, width);
    }

    @Benchmark
    public INDArray scoreOneRow() {
        return model.reconstructionLossPerExample(row);
    }

}

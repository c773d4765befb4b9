package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.conv.Conv2d;
import org.ae4j.conv.ConvTranspose2d;
import org.ae4j.nn.Relu;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Forward and backward of each of the conv variant's layers on a batch of 256: the convolutions 1×28×28 → 16×14×14
 * ({@code conv2d}) and 16×14×14 → 32×7×7, the transposed convolutions 32×7×7 → 16×14×14 ({@code convTranspose2d}) and
 * 16×14×14 → 1×28×28. Run: {@code OMP_NUM_THREADS=1 mvn -q -pl bench/jmh exec:exec -Djmh.args="ConvBenchmark -f 1"}
 * (one thread, as each data-parallel lane runs them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvBenchmark extends LayerBenchmark {

    @Param({"conv2d", "conv2d-16to32", "convTranspose2d", "convTranspose2d-16to1"})
    public String layerType;

    @Setup(Level.Trial)
    public void setUp() {
        if (layerType.equals("conv2d-16to32")) {
            layer = new Conv2d("bench", new long[] {16, 14, 14}, Nd4j.randn(DataType.FLOAT, 3, 3, 16, 32).muli(0.1),
                    Nd4j.zeros(DataType.FLOAT, 32), 2, 1, 1, new Relu());
            input = Nd4j.rand(DataType.FLOAT, 256, 16, 14, 14);
        } else if (layerType.equals("convTranspose2d-16to1")) {
            layer = new ConvTranspose2d("bench", new long[] {16, 14, 14}, Nd4j.randn(DataType.FLOAT, 3, 3, 1, 16).muli(0.1),
                    Nd4j.zeros(DataType.FLOAT, 1), 2, 1, 1, 1, new org.ae4j.nn.Sigmoid());
            input = Nd4j.rand(DataType.FLOAT, 256, 16, 14, 14);
        } else if (layerType.equals("conv2d")) {
            layer = new Conv2d("bench", new long[] {1, 28, 28}, Nd4j.randn(DataType.FLOAT, 3, 3, 1, 16).muli(0.3),
                    Nd4j.zeros(DataType.FLOAT, 16), 2, 1, 1, new Relu());
            input = Nd4j.rand(DataType.FLOAT, 256, 1, 28, 28);
        } else {
            layer = new ConvTranspose2d("bench", new long[] {32, 7, 7}, Nd4j.randn(DataType.FLOAT, 3, 3, 16, 32).muli(0.1),
                    Nd4j.zeros(DataType.FLOAT, 16), 2, 1, 1, 1, new Relu());
            input = Nd4j.rand(DataType.FLOAT, 256, 32, 7, 7);
        }
        long[] out = layer.outputShape();
        outputGradient = Nd4j.randn(DataType.FLOAT, 256, out[0], out[1], out[2]);
    }
}

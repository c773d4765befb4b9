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
 * Forward and backward of the conv variant's layers on a batch of 256: the first convolution
 * (1×28×28 → 16×14×14) and the first transposed convolution (32×7×7 → 16×14×14).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvBenchmark extends LayerBenchmark {

    @Param({"conv2d", "convTranspose2d"})
    public String layerType;

    @Setup(Level.Trial)
    public void setUp() {
        if (layerType.equals("conv2d")) {
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

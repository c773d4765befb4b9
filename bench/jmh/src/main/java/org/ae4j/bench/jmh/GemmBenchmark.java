package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.kernel.KernelSelection;
import org.ae4j.spi.Kernels;
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
 * A dense layer's three products — forward {@code X·W}, input gradient {@code G·Wᵀ}, weight gradient {@code Xᵀ·G} —
 * by ND4J's {@code matmul} ({@code nd4j} kernels) and by the fused kernels, which compute small ones in Java: where
 * the size threshold of the Java path sits. Run:
 * {@code mvn -q -pl bench/jmh exec:exec -Djmh.args="Gemm -f 1 -wi 3 -i 5 -w 1s -r 1s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBenchmark {

    /** "rows x inputs x units": tabular layers, one row, and the vanilla model's layers. */
    @Param({"256x9x16", "256x60x64", "256x64x64", "256x128x64", "256x128x128", "1x60x64", "256x784x128"})
    public String shape;

    @Param({"nd4j", "vector-api"})
    public String kernels;

    private Kernels k;
    private INDArray x;
    private INDArray w;
    private INDArray y;
    private INDArray g;
    private INDArray dx;
    private INDArray dw;

    @Setup(Level.Trial)
    public void setUp() {
        String[] sizes = shape.split("x");
        int rows = Integer.parseInt(sizes[0]);
        int inputs = Integer.parseInt(sizes[1]);
        int units = Integer.parseInt(sizes[2]);
        k = KernelSelection.named(kernels);
        x = Nd4j.rand(DataType.FLOAT, rows, inputs);
        w = Nd4j.rand(DataType.FLOAT, inputs, units);
        y = Nd4j.create(DataType.FLOAT, rows, units);
        g = Nd4j.rand(DataType.FLOAT, rows, units);
        dx = Nd4j.create(DataType.FLOAT, rows, inputs);
        dw = Nd4j.create(DataType.FLOAT, inputs, units);
    }

    @Benchmark
    public INDArray forward() {
        return k.gemm(x, w, y, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray inputGradient() {
        return k.gemm(g, w, dx, false, true, 1.0, 0.0);
    }

    @Benchmark
    public INDArray weightGradient() {
        return k.gemm(x, g, dw, true, false, 1.0, 1.0);
    }

    /** The weight gradient as a step's first contribution writes it (β = 0: the old gradient is not read). */
    @Benchmark
    public INDArray weightGradientFirst() {
        return k.gemm(x, g, dw, true, false, 1.0, 0.0);
    }
}

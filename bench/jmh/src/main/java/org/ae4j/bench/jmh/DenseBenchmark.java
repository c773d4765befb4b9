package org.ae4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.ae4j.nn.Dense;
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

/** A dense ReLU layer's forward and backward pass on a batch of 256, with the input gradient. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DenseBenchmark extends LayerBenchmark {

    /** "inputs x units": the largest and the smallest layers of the vanilla model. */
    @Param({"784x128", "64x32"})
    public String shape;

    @Setup(Level.Trial)
    public void setUp() {
        String[] sizes = shape.split("x");
        int inputs = Integer.parseInt(sizes[0]);
        int units = Integer.parseInt(sizes[1]);
        layer = new Dense("bench", new Relu(), Nd4j.randn(DataType.FLOAT, inputs, units).muli(0.05), Nd4j.zeros(DataType.FLOAT, 1, units), org.ae4j.kernel.KernelSelection.best());
        input = Nd4j.rand(DataType.FLOAT, 256, inputs);
        outputGradient = Nd4j.randn(DataType.FLOAT, 256, units);
    }
}

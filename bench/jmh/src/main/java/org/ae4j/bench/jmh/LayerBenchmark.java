package org.ae4j.bench.jmh;

import org.ae4j.spi.Layer;
import org.ae4j.spi.Trace;
import org.ae4j.util.StepMemory;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One layer's forward and backward pass (with the input gradient) in a reused step workspace, as a
 * training step runs it; its forward pass alone (inference); and its forward pass with only the parameters' gradients
 * (a first layer's backward pass). Subclasses make the layer, its input and the output gradient in a setup.
 */
public abstract class LayerBenchmark {

    protected Layer layer;
    protected INDArray input;
    protected INDArray outputGradient;
    private final StepMemory memory = new StepMemory("jmh-layer");

    @Benchmark
    public INDArray forwardBackward() {
        try (MemoryWorkspace ignored = memory.open()) {
            Trace trace = layer.forward(input);
            return layer.backward(trace, outputGradient.dup());
        }
    }

    @Benchmark
    public INDArray forward() {
        try (MemoryWorkspace ignored = memory.open()) {
            return layer.forward(input).output();
        }
    }

    @Benchmark
    public void forwardBackwardParameters() {
        try (MemoryWorkspace ignored = memory.open()) {
            Trace trace = layer.forward(input);
            layer.backwardParameters(trace, outputGradient.dup());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.release();
    }
}

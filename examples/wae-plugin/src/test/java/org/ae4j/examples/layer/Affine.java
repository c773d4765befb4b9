package org.ae4j.examples.layer;

import java.util.List;
import org.ae4j.spi.Layer;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-feature affine map {@code Y = X ⊙ s + t} (a learned scale and shift, {@code s, t [1, n]}).
 * Backward with {@code G = ∂L/∂Y}: {@code ∂L/∂s += Σ_rows G ⊙ X}, {@code ∂L/∂t += Σ_rows G}, {@code ∂L/∂X = G ⊙ s}.
 * It exports itself to ONNX ({@link OnnxExportable}): two broadcasting operators.
 */
final class Affine implements Layer, OnnxExportable {

    private final String name;
    private final long size;
    private final Parameter scale;
    private final Parameter shift;

    Affine(String name, long size, DataType type) {
        this.name = name;
        this.size = size;
        this.scale = new Parameter(name + ".s", Parameter.Kind.WEIGHT, Nd4j.ones(type, 1, size));
        this.shift = new Parameter(name + ".t", Parameter.Kind.BIAS, Nd4j.zeros(type, 1, size));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] inputShape() {
        return new long[] {size};
    }

    @Override
    public long[] outputShape() {
        return new long[] {size};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    public Trace forward(INDArray input) {
        return Trace.of(input, input.mulRowVector(scale.value()).addiRowVector(shift.value()));
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        scale.gradient().addi(outputGradient.mul(trace.input()).sum(true, 0));
        shift.gradient().addi(outputGradient.sum(true, 0));
        return outputGradient.mulRowVector(scale.value());
    }

    /** ONNX {@code Mul} by the scale, then {@code Add} of the shift, both broadcast over the batch. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String scaled = graph.node("Mul", input, graph.constant(scale.name(), scale.value())).output();
        return graph.node("Add", scaled, graph.constant(shift.name(), shift.value())).output();
    }
}

package org.ae4j.spi;

import java.util.Objects;
import org.ae4j.util.Lanes;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable array together with the gradient buffer that backward passes accumulate into.
 *
 * <p>Lifecycle within one training step: the trainer calls {@link #zeroGradient()}, backward passes
 * add {@code ∂L/∂value} into {@link #gradient()}, and an {@link Optimizer} updates {@link #value()}
 * in place. Both arrays are owned by the parameter. A model may once move them into a
 * {@link ParameterBlock} (views of two contiguous buffers), so code that uses a parameter reads
 * {@link #value()} and {@link #gradient()} at each use rather than keeping the arrays; optimizers
 * key their state on the parameter's identity.
 *
 * <p>In data-parallel training ({@link ParameterBlock#provideLanes}) each lane of a step has a gradient
 * buffer of its own: {@link #gradient()} is the calling thread's lane's, so blocks that read it at each
 * use work unchanged when several lanes run backward passes at once.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Parameter {

    /** What a parameter is for; weight decay, for example, applies to weights only. */
    public enum Kind { WEIGHT, BIAS }

    private final String name;
    private final Kind kind;
    private INDArray value;
    private INDArray gradient;
    private ParameterBlock block;
    /** Lane 0's gradient and one per extra lane, when the block provides lanes; else null. */
    private volatile INDArray[] laneGradients;

    /**
     * @param name  unique dotted name within a model, e.g. {@code "encoder.0.W"}
     * @param kind  weight or bias
     * @param value the initial value; the parameter takes ownership of this array
     */
    public Parameter(String name, Kind kind, INDArray value) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Nd4j.zeros(value.dataType(), value.shape());
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The live value, updated in place by optimizers. */
    public INDArray value() {
        return value;
    }

    /** The gradient accumulated since the last {@link #zeroGradient()}. */
    public INDArray gradient() {
        INDArray[] lanes = laneGradients;
        return lanes == null ? gradient : lanes[Lanes.current()];
    }

    /** Sets the gradient buffer to zero, in place. */
    public void zeroGradient() {
        gradient().assign(0);
    }

    /** The block this parameter's arrays live in, if it was packed into one. */
    public java.util.Optional<ParameterBlock> block() {
        return java.util.Optional.ofNullable(block);
    }

    /** Moves value and gradient into views of {@code block}'s buffers, copying the value. */
    void relocate(ParameterBlock block, INDArray valueView, INDArray gradientView) {
        valueView.assign(value);
        gradientView.assign(gradient);
        this.value = valueView;
        this.gradient = gradientView;
        this.block = block;
    }

    /** Sets the lanes' gradient buffers: lane 0's is this parameter's own gradient. */
    void useLaneGradients(INDArray[] extra) {
        INDArray[] lanes = new INDArray[extra.length + 1];
        lanes[0] = gradient;
        System.arraycopy(extra, 0, lanes, 1, extra.length);
        this.laneGradients = lanes;
    }

    public long length() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}

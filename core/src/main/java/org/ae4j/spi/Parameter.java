package org.ae4j.spi;

import java.util.Objects;
import org.ae4j.util.Lanes;
import org.ae4j.util.Layouts;
import org.apiguardian.api.API;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable array together with the gradient buffer that backward passes accumulate into.
 *
 * <p>Lifecycle within one training step: the trainer calls {@link #zeroGradient()}, backward passes
 * add {@code ∂L/∂value} into {@link #gradient()}, and an {@link Optimizer} updates {@link #value()}
 * in place. Zeroing is lazy: it marks the buffer empty, and the first {@link #gradient()} call writes
 * the zeros — unless a backward pass that sets every element (a weight gradient's product) first
 * {@linkplain #claimGradient() claims} the buffer and overwrites it, which saves a pass over it and the
 * product's read of it. {@link #settleGradient()} writes the zeros of a buffer nothing used. Both
 * arrays are owned by the parameter. A model may once move them into a {@link ParameterBlock} (views
 * of two contiguous buffers), so code that uses a parameter reads
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
    /** Per lane: its gradient buffer was zeroed lazily — it reads as zeros but its memory holds anything. */
    private volatile boolean[] zeroPending = new boolean[1];

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

    /** The gradient accumulated since the last {@link #zeroGradient()} (the calling thread's lane's). */
    public INDArray gradient() {
        int lane = lane();
        INDArray g = gradientOf(lane);
        boolean[] pending = zeroPending;
        if (pending[lane]) {
            pending[lane] = false;
            clear(g);
        }
        return g;
    }

    /**
     * The calling lane's gradient for a write that sets every element of {@link #gradient()} (e.g. a product with
     * β = 0): returns true if the buffer holds nothing since the last {@link #zeroGradient()} — its memory is void, so
     * the caller must overwrite all of it rather than add to it — or false if it holds contributions the caller must
     * add to. Either way the buffer counts as used afterwards.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public boolean claimGradient() {
        int lane = lane();
        boolean[] pending = zeroPending;
        boolean empty = pending[lane];
        pending[lane] = false;
        return empty;
    }

    /** Sets the calling lane's gradient to zero: lazily, the zeros are written when it is next used or settled. */
    public void zeroGradient() {
        zeroPending[lane()] = true;
    }

    /** {@link #settleGradient(int)} for the calling thread's lane. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public void settleGradient() {
        settleGradient(lane());
    }

    /**
     * Writes the zeros of {@code lane}'s gradient if it was zeroed and nothing has used it since, so that its memory can
     * be read directly (e.g. through a {@link ParameterBlock}'s flat buffer). The lane's own thread, or one that
     * follows it (its step has ended), must call this.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public void settleGradient(int lane) {
        boolean[] pending = zeroPending;
        if (lane < pending.length && pending[lane]) {
            pending[lane] = false;
            clear(gradientOf(lane));
        }
    }

    private int lane() {
        return laneGradients == null ? 0 : Lanes.current();
    }

    private INDArray gradientOf(int lane) {
        INDArray[] lanes = laneGradients;
        return lanes == null ? gradient : lanes[lane];
    }

    /** Zeros into {@code g}: one memset for elements that lie one after another from its first, else an ND4J op. */
    private static void clear(INDArray g) {
        Pointer memory = g.data().pointer();
        if (memory != null && memory.position() == 0 && Layouts.consecutive(g)) {
            Pointer.memset(memory.getPointer(g.offset()), 0, g.length() * g.data().getElementSize());
        } else {
            g.assign(0);
        }
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
        boolean[] pending = new boolean[lanes.length];
        pending[0] = zeroPending[0];
        this.zeroPending = pending;
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

package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable function with parameters: the common contract of {@link Layer}s, {@link Encoder}s
 * and {@link Decoder}s.
 *
 * <p>Shapes: {@link #inputShape()} and {@link #outputShape()} are per example (without the batch
 * dimension); arrays passed in and out carry a leading batch dimension.
 *
 * <p>Backward contract: {@link #backward} receives the trace of the matching {@link #forward} call
 * and {@code ∂L/∂output}; it <em>adds</em> {@code ∂L/∂θ} into each parameter's gradient buffer and
 * returns {@code ∂L/∂input}. It may overwrite {@code outputGradient} (it is scratch space from then
 * on) but never the trace's input.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Block {

    /** Per-example input shape, e.g. {@code [784]}. */
    long[] inputShape();

    /** Per-example output shape. */
    long[] outputShape();

    /** Trainable parameters, in a stable order. */
    List<Parameter> parameters();

    /** Computes the output for a batch {@code [batch, inputShape…]}. */
    Trace forward(INDArray input);

    /**
     * Accumulates parameter gradients and returns the gradient with respect to the input.
     *
     * @param trace          the result of {@link #forward} for this batch
     * @param outputGradient {@code ∂L/∂output}, same shape as {@code trace.output()}; may be overwritten
     * @return {@code ∂L/∂input}, same shape as {@code trace.input()}
     */
    INDArray backward(Trace trace, INDArray outputGradient);

    /**
     * Like {@link #backward} but without computing the input gradient, which saves work on the
     * first block of a network. The default delegates to {@link #backward}.
     */
    default void backwardParameters(Trace trace, INDArray outputGradient) {
        backward(trace, outputGradient);
    }

    /** Number of scalar parameters. */
    default long parameterCount() {
        return parameters().stream().mapToLong(Parameter::length).sum();
    }
}

package org.ae4j.spi;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a forward pass produced and what its backward pass needs: the input, the output and, for
 * composite blocks, the traces of their steps in order.
 *
 * <p>Activations travel in traces, never in fields of a layer, so one layer object can serve any
 * number of forward passes and a trace can be inspected by regularizers.
 *
 * @param input  the block's input, {@code [batch, …]}; never modified by the block
 * @param output the block's output, {@code [batch, …]}
 * @param steps  the traces of a composite block's children (empty for a leaf layer)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Trace(INDArray input, INDArray output, List<Trace> steps) {

    public Trace {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        steps = List.copyOf(steps);
    }

    /** The trace of a leaf layer. */
    public static Trace of(INDArray input, INDArray output) {
        return new Trace(input, output, List.of());
    }
}

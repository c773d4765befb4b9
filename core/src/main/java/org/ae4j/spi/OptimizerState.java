package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of an {@link Optimizer}'s internal state, for checkpoints: its step count and its state
 * arrays in the order the optimizer defines for a given parameter list (e.g. Adam: {@code v, m} of
 * each parameter in turn).
 *
 * @param iterations steps taken
 * @param arrays     state arrays, copies
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OptimizerState(long iterations, List<INDArray> arrays) {

    public OptimizerState {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        arrays = List.copyOf(arrays);
    }
}

package org.ae4j.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The immutable configuration of an {@link Optimizer}; {@link #create} gives a fresh instance. In JSON
 * an object whose {@code "type"} is the registered name, e.g. {@code {"type": "adam", "learningRate": 1e-3}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface OptimizerSpec {

    /** The registered type name, e.g. {@code "adam"}. */
    String type();

    double learningRate();

    /** The same configuration with another learning rate. */
    OptimizerSpec withLearningRate(double learningRate);

    /**
     * A new optimizer with empty state.
     *
     * @param kernels the kernels it computes with (e.g. {@code registry.kernels()})
     */
    Optimizer create(Kernels kernels);
}

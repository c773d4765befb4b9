package org.ae4j.spi;

import org.apiguardian.api.API;

/** The immutable configuration of an {@link Optimizer}; {@link #create()} gives a fresh instance. */
@API(status = API.Status.STABLE, since = "0.1")
public interface OptimizerSpec {

    /** The registered type name, e.g. {@code "adam"}. */
    String type();

    double learningRate();

    /** The same configuration with another learning rate. */
    OptimizerSpec withLearningRate(double learningRate);

    /** A new optimizer with empty state. */
    Optimizer create();
}

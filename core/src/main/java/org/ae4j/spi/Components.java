package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * What a component being built may look up by name: the registered activations, losses and initializers,
 * and the {@link Kernels} every component of the model computes with. The registry implements it; tests
 * may hand in a small one of their own.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Components {

    /** The activation registered as {@code name}; an unknown name fails listing the known ones. */
    Activation activation(String name);

    /** The loss registered as {@code name}. */
    Loss loss(String name);

    /** The initializer registered as {@code name}. */
    Initializer initializer(String name);

    /** The bottleneck spec registered as {@code name}, with its defaults. */
    BottleneckSpec bottleneck(String name);

    /** The kernels chosen for this process. */
    Kernels kernels();
}

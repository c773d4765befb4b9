package org.ae4j.spi;

import java.util.Objects;
import org.ae4j.registry.Registry;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What building a model needs besides its spec: the registry to resolve component names, the
 * floating-point type of the parameters, and the seeded randomness for initialisation.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BuildContext(Registry registry, DataType dataType, RandomSource random) {

    public BuildContext {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(random, "random");
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("parameters need a floating-point data type, got " + dataType);
        }
    }

    /** Float parameters, randomness from {@code seed}. */
    public static BuildContext of(Registry registry, long seed) {
        return new BuildContext(registry, DataType.FLOAT, new RandomSource(seed));
    }
}

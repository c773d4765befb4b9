package org.ae4j.spi;

import java.util.Objects;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What building a model needs besides its spec: the components to resolve names with (and the kernels
 * they compute with), the floating-point type of the parameters, and the seeded randomness for initialisation.
 *
 * @param components names to components, and the kernels; usually the registry
 * @param dataType   the parameters' floating-point type
 * @param random     the randomness initialisers draw from
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BuildContext(Components components, DataType dataType, RandomSource random) {

    public BuildContext {
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(random, "random");
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("parameters need a floating-point data type, got " + dataType);
        }
    }

    /** Float parameters, randomness from {@code seed}. */
    public static BuildContext of(Components components, long seed) {
        return new BuildContext(components, DataType.FLOAT, new RandomSource(seed));
    }

    /** The kernels the components compute with: {@code components().kernels()}. */
    public Kernels kernels() {
        return components.kernels();
    }
}

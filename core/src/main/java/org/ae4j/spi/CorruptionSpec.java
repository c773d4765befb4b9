package org.ae4j.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The immutable configuration of a {@link Corruption}; in JSON an object whose {@code "type"} is the
 * registered name, e.g. {@code {"type": "gaussian", "sigma": 0.3}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface CorruptionSpec {

    /** The registered type name. */
    String type();

    /**
     * A new corruption.
     *
     * @param kernels the kernels it computes with (e.g. {@code registry.kernels()})
     */
    Corruption create(Kernels kernels);
}

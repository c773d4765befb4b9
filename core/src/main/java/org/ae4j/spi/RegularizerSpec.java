package org.ae4j.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The immutable configuration of a {@link Regularizer}, written in JSON as an object whose
 * {@code "type"} is the registered name, e.g. {@code {"type": "weight-decay", "lambda": 1e-4}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface RegularizerSpec {

    /** The registered type name. */
    String type();

    /**
     * A new regularizer.
     *
     * @param kernels the kernels it computes with (e.g. {@code registry.kernels()})
     */
    Regularizer create(Kernels kernels);
}

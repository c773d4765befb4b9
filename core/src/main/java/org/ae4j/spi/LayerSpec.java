package org.ae4j.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The immutable configuration of a {@link Layer}, registered under a stable {@link #type()} name; in
 * JSON an object such as {@code {"type": "dense", "units": 64, "activation": "relu"}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LayerSpec {

    /** The registered type name, e.g. {@code "dense"}. */
    String type();

    /** Per-example output shape for the given per-example input shape (validates the input). */
    long[] outputShape(long[] inputShape);

    /** A new layer with freshly initialised parameters. */
    Layer build(String name, long[] inputShape, BuildContext context);
}

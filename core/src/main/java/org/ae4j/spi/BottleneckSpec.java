package org.ae4j.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The immutable configuration of a {@link Bottleneck}, registered under a stable {@link #type()} name; in
 * JSON an object such as {@code {"type": "identity"}} or {@code {"type": "top-k", "k": 8}}. Plug-ins
 * contribute new kinds of code (k-sparse, quantised, …) with
 * {@code Contributions.bottleneck(binder(), spec)}, and any architecture that takes a bottleneck spec uses them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface BottleneckSpec {

    /** The registered type name. */
    String type();

    /**
     * The code size the bottleneck produces from {@code featureSize} encoder features (equal for a
     * deterministic bottleneck; a VAE's latent size is its own).
     */
    long codeSize(long featureSize);

    /** A new bottleneck for encoder features of {@code featureSize} values. */
    Bottleneck build(long featureSize, BuildContext context);
}

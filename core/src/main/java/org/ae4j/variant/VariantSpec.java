package org.ae4j.variant;

import org.ae4j.model.Autoencoder;
import org.ae4j.spi.BuildContext;
import org.apiguardian.api.API;

/**
 * The immutable, JSON-serialisable architecture of a {@link Variant}: which encoder, bottleneck,
 * decoder and loss it builds. A model config names the variant and overrides any field of its spec.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface VariantSpec {

    /**
     * A new, randomly initialised model for examples of {@code inputShape} (per example).
     *
     * @throws IllegalArgumentException if the architecture cannot take inputs of that shape
     */
    Autoencoder build(long[] inputShape, BuildContext context);
}

package org.ae4j.vae;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

/**
 * The configuration of a VAE's decoder {@link Likelihood}; in JSON {@code {"type": "bernoulli"}} or
 * {@code {"type": "gaussian", "variance": 0.05, "learned": false}}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LikelihoodSpec {

    /** The registered type name. */
    String type();

    /** A new likelihood computing with {@code kernels}. */
    Likelihood create(org.ae4j.spi.Kernels kernels);
}

package org.ae4j.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Updates parameters in place from their accumulated gradients. An optimizer keeps per-parameter
 * state (moments, velocities) keyed by parameter identity, created on the first step; one optimizer
 * instance serves one model.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Optimizer {

    /** Applies one update to every parameter using {@link Parameter#gradient()}. */
    void step(List<Parameter> parameters);

    /** Number of steps taken so far. */
    long iterations();
}

package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * One step of an {@link Encoder} or {@link Decoder} (dense, convolution, reshape, …).
 *
 * <p>Every implementation ships a finite-difference gradient check in its tests
 * ({@code org.ae4j.check.GradientCheck}).
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Layer extends Block {

    /** The dotted name of this layer within its model, e.g. {@code "encoder.2"}. */
    String name();
}

package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * Maps an input batch {@code x} to features {@code h} that the {@link Bottleneck} turns into a code.
 * Implementations own their parameters; see {@link Block} for the forward/backward contract.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Encoder extends Block {
}

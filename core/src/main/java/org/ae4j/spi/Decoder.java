package org.ae4j.spi;

import org.apiguardian.api.API;

/**
 * Maps a code {@code z} to the raw reconstruction output that the {@link Loss} compares with the
 * target (for a logits loss the raw output is logits; {@link Loss#reconstruction} maps it to data
 * space). See {@link Block} for the forward/backward contract.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Decoder extends Block {
}

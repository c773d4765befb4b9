package org.ae4j.denoising;

import org.ae4j.spi.Corruption;
import org.ae4j.spi.CorruptionSpec;

/** A corruption without state, whose immutable configuration record is also the corruption itself. */
interface StatelessCorruption extends CorruptionSpec, Corruption {

    @Override
    default String name() {
        return type();
    }

    @Override
    default Corruption create() {
        return this;
    }
}

package org.ae4j.denoising;

import org.ae4j.spi.Corruption;
import org.ae4j.spi.CorruptionSpec;
import org.ae4j.spi.Kernels;

/**
 * A corruption without state that needs no kernels, whose immutable configuration record is also the
 * corruption itself.
 */
interface StatelessCorruption extends CorruptionSpec, Corruption {

    @Override
    default String name() {
        return type();
    }

    @Override
    default Corruption create(Kernels kernels) {
        return this;
    }
}

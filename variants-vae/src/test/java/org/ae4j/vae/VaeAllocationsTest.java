package org.ae4j.vae;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code vae} variant: no native allocation per training step. */
class VaeAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "vae";
    }
}

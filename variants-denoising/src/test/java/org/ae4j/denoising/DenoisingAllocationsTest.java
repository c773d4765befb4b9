package org.ae4j.denoising;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code denoising} variant: no native allocation per training step. */
class DenoisingAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "denoising";
    }
}

package org.ae4j.conv;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code conv} variant: no native allocation per training step. */
class ConvAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "conv";
    }
}

package org.ae4j.vanilla;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code vanilla} variant: no native allocation per training step. */
class VanillaAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "vanilla";
    }
}

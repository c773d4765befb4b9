package org.ae4j.contractive;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code contractive} variant: no native allocation per training step. */
class ContractiveAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "contractive";
    }
}

package org.ae4j.sparse;

import org.ae4j.testkit.VariantAllocations;

/** The performance check, applied to the {@code sparse} variant: no native allocation per training step. */
class SparseAllocationsTest extends VariantAllocations {
    @Override
    protected String variantName() {
        return "sparse";
    }
}

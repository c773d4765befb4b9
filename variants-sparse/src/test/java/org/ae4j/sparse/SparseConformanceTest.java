package org.ae4j.sparse;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code sparse} variant. */
class SparseConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "sparse";
    }
}

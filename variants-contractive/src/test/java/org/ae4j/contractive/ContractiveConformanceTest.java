package org.ae4j.contractive;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code contractive} variant. */
class ContractiveConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "contractive";
    }
}

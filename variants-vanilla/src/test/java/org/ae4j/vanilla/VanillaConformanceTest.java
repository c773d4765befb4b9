package org.ae4j.vanilla;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code vanilla} variant. */
class VanillaConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "vanilla";
    }
}

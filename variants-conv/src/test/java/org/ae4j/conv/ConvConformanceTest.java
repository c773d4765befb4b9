package org.ae4j.conv;

import org.ae4j.testkit.VariantConformance;

/** The shared conformance suite, applied to the {@code conv} variant. */
class ConvConformanceTest extends VariantConformance {

    @Override
    protected String variantName() {
        return "conv";
    }
}
